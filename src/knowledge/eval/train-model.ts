/**
 * `npm run train:fix`: retrains the classifier beside the rules from the tune pastes and the entries' examples, and
 * writes src/knowledge/model/paste-model.json. Run it after changing pastes.jsonl or an entry's examples; a test fails
 * while the committed model differs from a fresh training.
 */
import { writeFileSync } from 'node:fs';
import { loadKnowledge } from '../load-knowledge.js';
import { BUILTIN_MODEL_FILE } from '../load-model.js';
import { formatModel, trainClassifier } from '../paste-classifier.js';
import { DEFAULT_PASTES_FILE, loadPastes } from './load-pastes.js';
import { trainingDocs } from './training-docs.js';

const docs = trainingDocs(loadPastes(DEFAULT_PASTES_FILE), loadKnowledge({ extraDir: null, model: null }).entries);
const model = trainClassifier(docs);
writeFileSync(BUILTIN_MODEL_FILE, formatModel(model));
console.log(`trained on ${docs.length} documents: ${model.classes.length} entries, ${Object.keys(model.terms).length} terms -> ${BUILTIN_MODEL_FILE}`);

import type { KnowledgeEntry } from '../entry-schema.js';
import { normalizePaste } from '../normalize-paste.js';
import type { TrainingDoc } from '../paste-classifier.js';
import type { LabelledPaste } from './load-pastes.js';

/**
 * What the classifier learns from: every `tune` paste under its label, and every entry's own examples under its id.
 * Held-out pastes never enter, so their score stays blind for the classifier as for the rules.
 */
export function trainingDocs(pastes: readonly LabelledPaste[], entries: readonly KnowledgeEntry[]): TrainingDoc[] {
  const known = new Set(entries.map((entry) => entry.id));
  const unknown = pastes.find((paste) => !known.has(paste.expected));
  if (unknown !== undefined) throw new Error(`paste from ${unknown.source} is labelled "${unknown.expected}", which no entry has; fix the label`);
  return [
    ...pastes.filter((paste) => paste.split === 'tune').map((paste) => ({ text: normalizePaste(paste.text), label: paste.expected })),
    ...entries.flatMap((entry) => entry.examples.map((example) => ({ text: normalizePaste(example), label: entry.id }))),
  ];
}

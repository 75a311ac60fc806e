import { existsSync } from 'node:fs';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import { BUILTIN_MODEL_FILE, loadModel } from '../knowledge/load-model.js';
import { fail, ok, warn, type DoctorResult } from '../shared/doctor-result.js';

const NAME = 'knowledge';

export interface KnowledgeCheckOptions {
  /** Tests point these elsewhere; default to the built-in folder and model file. */
  builtinDir?: string;
  modelFile?: string;
}

/**
 * What /claude-fix answers from: every entry (built-in and KNOWLEDGE_DIR's) parses, and the trained model beside the rules
 * reads. A broken entry stops the bot at start, so it fails here; a missing or broken model only leaves the rules answering
 * alone, which the bot logs when it first needs the model, so here it warns before that happens.
 */
export function checkKnowledge(knowledgeDir: string | null, options: KnowledgeCheckOptions = {}): DoctorResult {
  let entries: number;
  let extra: number;
  try {
    const knowledge = loadKnowledge({ extraDir: knowledgeDir, builtinDir: options.builtinDir, model: null });
    entries = knowledge.entries.length;
    extra = knowledge.entries.filter((entry) => entry.origin === 'extra').length;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const fix = knowledgeDir ? 'Mend that entry, or unset KNOWLEDGE_DIR to answer from the built-in entries alone (the bot does not start until then).' : 'Reinstall this release: a built-in entry is damaged.';
    return fail(NAME, message, fix);
  }
  const what = `${entries} entries${knowledgeDir ? ` (${extra} from KNOWLEDGE_DIR)` : ''}`;
  const file = options.modelFile ?? BUILTIN_MODEL_FILE;
  const refit = 'Reinstall this release, or in a checkout run `npm run train:fix` and build again.';
  if (!existsSync(file)) return warn(NAME, `${what}; no classifier model at ${file}: /claude-fix answers with the rules alone`, refit);
  try {
    const model = loadModel(file);
    const terms = model === null ? 0 : Object.keys(model.terms).length;
    return ok(NAME, `${what}; classifier model with ${terms.toLocaleString('en-US')} terms`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return warn(NAME, `${what}; ${message.replace(/; run npm run train:fix.*$/, '')}: /claude-fix answers with the rules alone`, refit);
  }
}

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KnowledgeEntry } from './entry-schema.js';
import { createKnowledgeBase, type KnowledgeBase, type KnowledgeBaseOptions } from './knowledge-base.js';
import { loadModel } from './load-model.js';
import { createClassifier, type ClassifierModel, type PasteClassifier } from './paste-classifier.js';
import { KnowledgeEntryError, parseEntryFile } from './parse-entry-file.js';

/** Built-in entries ship next to this module (the build copies the folder to dist). */
export const BUILTIN_ENTRIES_DIR = fileURLToPath(new URL('./entries/', import.meta.url));

export interface LoadKnowledgeOptions {
  /** KNOWLEDGE_DIR: operators' own entries; the same id replaces a built-in entry, a new id adds one. */
  extraDir: string | null;
  /** Tests point this elsewhere; defaults to the built-in folder. */
  builtinDir?: string;
  /** The classifier beside the rules: defaults to the built-in trained model; null for the rules alone. */
  model?: ClassifierModel | null;
  /** Tests point this elsewhere; defaults to the built-in model file. */
  modelFile?: string;
  /** Told once when the model file cannot be read (the bot logs it and counts it); defaults to a process warning. */
  onModelError?: (error: Error) => void;
  /** Told what chose each lookup's answer (the bot counts them in /metrics). */
  onAnswer?: KnowledgeBaseOptions['onAnswer'];
}

function readEntries(dir: string, origin: KnowledgeEntry['origin']): KnowledgeEntry[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const what = origin === 'extra' ? 'KNOWLEDGE_DIR' : 'The built-in knowledge folder';
    throw new KnowledgeEntryError(dir, null, `${what} does not exist or is not a folder; set it to a folder of .md entries`);
  }
  const entries: KnowledgeEntry[] = [];
  const seen = new Map<string, string>();
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.md')).sort()) {
    const file = join(dir, name);
    const entry = parseEntryFile(readFileSync(file, 'utf8'), file, origin);
    const previous = seen.get(entry.id);
    if (previous !== undefined) throw new KnowledgeEntryError(file, 'id', `"${entry.id}" is already used by ${previous}`);
    seen.set(entry.id, file);
    entries.push(entry);
  }
  return entries;
}

const warnOnce = (error: Error): void => {
  process.emitWarning(error.message, 'ModelWarning');
};

/**
 * The built-in model is read on the first lookup the rules cannot answer, not at start-up: parsing the file takes about 12 MB for
 * a moment, which a bot that never runs /claude-fix should not carry in its resident memory. A broken file (a test keeps the
 * shipped one valid and fresh) is reported once, naming the file, and /claude-fix answers with the rules alone.
 */
function lazyClassifier(model: ClassifierModel | undefined, file: string | undefined, onError: (error: Error) => void): PasteClassifier {
  let ready: PasteClassifier | null = null;
  return (text) => {
    if (ready === null) {
      try {
        const loaded = model ?? loadModel(file);
        ready = loaded === null ? () => [] : createClassifier(loaded);
      } catch (error) {
        onError(new Error(`${error instanceof Error ? error.message : String(error)}; /claude-fix answers with the rules alone`));
        ready = () => [];
      }
    }
    return ready(text);
  };
}

/** Reads and validates every entry at start-up; throws KnowledgeEntryError naming the file and field. */
export function loadKnowledge(options: LoadKnowledgeOptions): KnowledgeBase {
  const builtin = readEntries(options.builtinDir ?? BUILTIN_ENTRIES_DIR, 'builtin');
  const classifier = options.model === null ? null : lazyClassifier(options.model, options.modelFile, options.onModelError ?? warnOnce);
  if (options.extraDir === null || options.extraDir.trim() === '') return createKnowledgeBase(builtin, { classifier, onAnswer: options.onAnswer });
  const extra = readEntries(options.extraDir, 'extra');
  const overridden = new Map(extra.map((entry) => [entry.id, entry]));
  const merged = builtin.map((entry) => overridden.get(entry.id) ?? entry);
  const added = extra.filter((entry) => !builtin.some((own) => own.id === entry.id));
  return createKnowledgeBase([...merged, ...added], { classifier, onAnswer: options.onAnswer });
}

import { loadKnowledge } from '../../../src/knowledge/load-knowledge.js';
import type { KnowledgeBase } from '../../../src/knowledge/knowledge-base.js';

let cached: KnowledgeBase | null = null;

/** The built-in knowledge base, loaded once per test file (it is read-only). */
export function builtinKnowledge(): KnowledgeBase {
  cached ??= loadKnowledge({ extraDir: null });
  return cached;
}

/** The id of the entry the built-in knowledge base answers `raw` with first, or null for no match. */
export const firstEntryId = (raw: string): string | null => builtinKnowledge().lookup(raw).best?.entry.id ?? null;

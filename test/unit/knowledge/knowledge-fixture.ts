import { loadKnowledge } from '../../../src/knowledge/load-knowledge.js';
import type { KnowledgeBase } from '../../../src/knowledge/knowledge-base.js';

let cached: KnowledgeBase | null = null;
let rulesOnly: KnowledgeBase | null = null;

/** The built-in knowledge base as /claude-fix uses it (rules and the trained classifier), loaded once per test file. */
export function builtinKnowledge(): KnowledgeBase {
  cached ??= loadKnowledge({ extraDir: null });
  return cached;
}

/**
 * The built-in rules alone (no classifier): tests of a pattern, a route rule or a near miss pin what the rules do; the
 * classifier's part is tested in paste-classifier.test.ts and measured by eval:fix.
 */
export function builtinRules(): KnowledgeBase {
  rulesOnly ??= loadKnowledge({ extraDir: null, model: null });
  return rulesOnly;
}

/** The id of the entry the built-in rules answer `raw` with first, or null for no match. */
export const firstEntryId = (raw: string): string | null => builtinRules().lookup(raw).best?.entry.id ?? null;

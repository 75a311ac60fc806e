import type { KnowledgeEntry } from './entry-schema.js';

// The entries people need most in a bad hour, offered when the words give no hint at all.
const FALLBACK_IDS = ['overloaded-529', 'api-error-500', 'rate-limit-429'];

const STOPWORDS = new Set(
  'the and for you your with this that are was not but have has from api error claude code when what can get got its'.split(' '),
);

const words = (text: string): string[] =>
  (text.toLowerCase().match(/[a-z][a-z0-9_]{2,}/g) ?? []).filter((word) => !STOPWORDS.has(word));

export type ClosestFinder = (text: string, limit: number) => KnowledgeEntry[];

/**
 * Nearest entries by shared words (title, meaning, id, examples), for "did you mean".
 * Vocabularies are built once; it only runs when no entry matched.
 */
export function createClosestFinder(entries: readonly KnowledgeEntry[]): ClosestFinder {
  const vocabularies = entries.map((entry) => ({
    entry,
    words: new Set(words([entry.id.replace(/-/g, ' '), entry.title, entry.meaning, ...entry.examples].join(' '))),
  }));
  const fallback = FALLBACK_IDS.map((id) => entries.find((entry) => entry.id === id)).filter(
    (entry): entry is KnowledgeEntry => entry !== undefined,
  );

  return (text, limit) => {
    const asked = new Set(words(text.slice(0, 2_000)));
    const scored = vocabularies
      .map(({ entry, words: vocabulary }) => {
        let shared = 0;
        for (const word of asked) if (vocabulary.has(word)) shared += 1;
        return { entry, score: shared / Math.sqrt(vocabulary.size + 1) };
      })
      .filter((item) => item.score > 0)
      .sort((a, b) => b.score - a.score)
      .map((item) => item.entry);
    const picked: KnowledgeEntry[] = [];
    for (const entry of [...scored, ...fallback, ...entries]) {
      if (picked.length >= limit) break;
      if (!picked.includes(entry)) picked.push(entry);
    }
    return picked;
  };
}

import type { KnowledgeEntry } from './entry-schema.js';

/** Entries are re-checked against their sources at least this often (about six months). */
export const MAX_ENTRY_AGE_DAYS = 183;

const DAY_MS = 86_400_000;

/** One entry whose commands and facts are due for a re-check, and why. */
export interface StaleEntry {
  id: string;
  checked: string | null;
  ageDays: number | null;
}

/**
 * Entries never checked, or checked more than `maxAgeDays` before `now`. Advice about
 * Claude Code goes out of date quickly; a test fails on this so nobody ships stale steps.
 */
export function findStaleEntries(entries: readonly KnowledgeEntry[], now: Date, maxAgeDays = MAX_ENTRY_AGE_DAYS): StaleEntry[] {
  const stale: StaleEntry[] = [];
  for (const entry of entries) {
    if (entry.checked === undefined) {
      stale.push({ id: entry.id, checked: null, ageDays: null });
      continue;
    }
    const ageDays = Math.floor((now.getTime() - Date.parse(`${entry.checked}T00:00:00Z`)) / DAY_MS);
    if (!Number.isFinite(ageDays) || ageDays > maxAgeDays) stale.push({ id: entry.id, checked: entry.checked, ageDays });
  }
  return stale;
}

import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../../../src/knowledge/entry-schema.js';
import { findStaleEntries, MAX_ENTRY_AGE_DAYS } from '../../../src/knowledge/entry-freshness.js';
import { DEFAULT_PASTES_FILE, loadPastes } from '../../../src/knowledge/eval/load-pastes.js';
import { builtinKnowledge } from './knowledge-fixture.js';

const entries = builtinKnowledge().entries;

describe('entry freshness', () => {
  it('every built-in entry says when its commands were checked against its sources', () => {
    for (const entry of entries) expect(entry.checked, entry.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('no built-in entry was checked more than six months ago (today)', () => {
    expect(findStaleEntries(entries, new Date())).toEqual([]);
  });

  it('flags entries older than six months, and entries never checked, against an injected clock', () => {
    const entry = entries[0] as KnowledgeEntry;
    const checked = { ...entry, checked: '2026-12-03' };
    const unchecked = { ...entry, id: 'unchecked', checked: undefined };
    const inTime = new Date(Date.parse('2026-12-03T00:00:00Z') + MAX_ENTRY_AGE_DAYS * 86_400_000);
    expect(findStaleEntries([checked], inTime)).toEqual([]);
    expect(findStaleEntries([checked, unchecked], new Date('2027-07-01T00:00:00Z'))).toEqual([
      { id: entry.id, checked: '2026-12-03', ageDays: 210 },
      { id: 'unchecked', checked: null, ageDays: null },
    ]);
  });
});

describe('example request ids', () => {
  // An id in an example must be a real capture with provenance (it appears in a labelled paste
  // with its source URL) or an obvious placeholder, never an invented-looking one.
  const captured = new Set(loadPastes(DEFAULT_PASTES_FILE).flatMap((paste) => paste.text.match(/req_[A-Za-z0-9_]{6,60}/g) ?? []));

  it.each(entries.map((entry) => [entry.id, entry] as const))('%s quotes only captured request ids', (_id, entry) => {
    for (const example of entry.examples) {
      for (const id of example.match(/req_[A-Za-z0-9_]{6,60}/g) ?? []) {
        expect(captured.has(id) || /^req_(?:vrtx_|bdrk_)?EXAMPLE/.test(id), `${entry.id}: ${id}`).toBe(true);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { formatUtc } from '../../../src/shared/clock.js';

describe('formatUtc', () => {
  it('writes times the Statuspage way, in UTC, with one cached month formatter', () => {
    expect(formatUtc('2025-10-07T21:23:00Z')).toBe('Oct 7, 21:23 UTC');
    expect(formatUtc('2026-01-31T23:59:00-02:00')).toBe('Feb 1, 01:59 UTC');
    expect(formatUtc('not a date')).toBe('not a date');
  });
});

import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 49 and 50 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes, rounds
// 49 and 50), worded apart from the paste it came from, with a near miss.
const first = firstEntryId;

describe('Claude Code’s auto mode notices', () => {
  it('does not take the classifier’s “Allowed by auto mode classifier” notice for the classifier being down', () => {
    const paste = '⎿ Allowed by auto mode classifier\n⎿ API Error: 400 messages.3.content.1: `thinking` or `redacted_thinking` blocks in the latest assistant message cannot be modified.';
    expect(first(paste)).toBe('tool-use-mismatch');
    expect(first('Auto mode classifier unavailable; actions will need your approval')).toBe('auto-mode-unavailable');
  });
});

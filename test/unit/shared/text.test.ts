import { describe, expect, it } from 'vitest';
import { cut as slackCut } from '../../../src/platforms/slack/escape-mrkdwn.js';
import { cutText, oneLine } from '../../../src/shared/text.js';

describe('cutText and oneLine', () => {
  it('leaves short text alone and cuts long text with an ellipsis', () => {
    expect(cutText('short', 10)).toBe('short');
    expect(cutText('abcdefghij', 5)).toBe('abcd…');
  });

  it('never leaves half a surrogate pair', () => {
    const text = `abc${'😀'.repeat(5)}`; // each emoji is two UTF-16 units
    const out = cutText(text, 5); // the 4th unit would be half of the first emoji
    expect(out).toBe('abc…');
    expect(cutText(text, 6)).toBe('abc😀…');
  });

  it('folds whitespace onto one line before cutting', () => {
    expect(oneLine('  a\n\n b\tc  ', 20)).toBe('a b c');
    expect(oneLine('one two three', 8)).toBe('one two…');
  });

  it('on Slack, never cuts inside an &amp;-style entity', () => {
    expect(slackCut('1234 &amp; more text', 8)).toBe('1234 …');
    expect(slackCut('1234 &amp; more text', 12)).toBe('1234 &amp; …');
  });
});

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

describe('untrusted text loses bidi overrides and control characters on both platforms', () => {
  const hostile = 'Fixed \u202Egnp.exe\u202C see \u2066evil\u2069 \u200Fnow\u0007\u001b[31m red\u0000';
  it('Slack', async () => {
    const { neutralise } = await import('../../../src/platforms/slack/escape-mrkdwn.js');
    const out = neutralise(hostile);
    expect(out).toBe('Fixed gnp.exe see evil now[31m red');
  });
  it('Discord', async () => {
    const { escapeText, neutraliseMentions } = await import('../../../src/platforms/discord/discord-text.js');
    expect(neutraliseMentions(hostile)).toBe('Fixed gnp.exe see evil now[31m red');
    // eslint-disable-next-line no-control-regex -- asserting control characters are gone
    expect(escapeText(`**${hostile}**`)).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200f\u0000-\u0008\u001b]/);
  });
  it('keeps tabs, newlines and ordinary non-Latin text', async () => {
    const { stripUnsafeCharacters } = await import('../../../src/shared/text.js');
    expect(stripUnsafeCharacters('a\tb\nc — 日本語 مرحبا')).toBe('a\tb\nc — 日本語 مرحبا');
  });
});

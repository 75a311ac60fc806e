import { describe, expect, it } from 'vitest';
import { cut, escapeText, neutraliseMentions, safeUrl } from '../../../src/platforms/discord/discord-text.js';

describe('discord text helpers', () => {
  it('escapes markdown but leaves links intact', () => {
    expect(escapeText('# Title\n- item\n1. step\n> quote *a* __b__ ||spoiler|| [x](https://evil.example) https://ok.example/a_b')).toBe(
      '\\# Title\n\\- item\n1\\. step\n\\> quote \\*a\\* \\_\\_b\\_\\_ \\|\\|spoiler\\|\\| \\[x\\](https://evil.example) https://ok.example/a_b',
    );
  });

  it('stays fast on long text', () => {
    const started = performance.now();
    escapeText('word_'.repeat(20_000));
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('breaks every mention form', () => {
    expect(neutraliseMentions('@everyone @Here <@123> <@!456> <@&789> mail@here.com')).toBe(
      '@\u200beveryone @\u200bHere <@\u200b123> <@\u200b!456> <@\u200b&789> mail@\u200bhere.com',
    );
  });

  it('cuts with an ellipsis and never splits a surrogate pair', () => {
    expect(cut('abcdef', 4)).toBe('abc…');
    expect(cut('ab😀cd', 4)).toBe('ab…');
    expect(cut('abc', 3)).toBe('abc');
  });

  it('accepts only http(s) URLs Discord takes', () => {
    expect(safeUrl('https://status.claude.com/incidents/x')).toBe('https://status.claude.com/incidents/x');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl(`https://x.com/${'a'.repeat(600)}`)).toBeNull();
    expect(safeUrl(null)).toBeNull();
  });
});

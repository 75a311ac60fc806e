import { describe, expect, it } from 'vitest';
import { cut, mrkdwnLink, neutralise, safeText } from '../../../src/platforms/slack/escape-mrkdwn.js';

/** Anything Slack would turn into a ping or a link: a control sequence or a bare broadcast word. */
const PINGS = /<[!@#]|<https?:|(^|[^\u200b])@(channel|here|everyone)\b/i;

describe('neutralise', () => {
  it.each([
    ['<!channel> look', '@\u200bchannel look'],
    ['<!here|here> now', '@\u200bhere now'],
    ['<!everyone>', '@\u200beveryone'],
    ['ping <@U123ABC> and <@W9|bob>', 'ping @U123ABC and @bob'],
    ['see <#C123|general>', 'see #general'],
    ['<!subteam^S123|@oncall> wake up', '@oncall wake up'],
    ['<https://evil.example|click me>', 'click me (https://evil.example)'],
    ['&lt;!channel&gt; already escaped', '&amp;lt;!channel&amp;gt; already escaped'],
    ['hey @channel and @here and @everyone', 'hey @\u200bchannel and @\u200bhere and @\u200beveryone'],
    ['a < b && c > d', 'a &lt; b &amp;&amp; c &gt; d'],
    ['<!date^1392734382^{date}|Feb 18>', 'Feb 18'],
  ])('%j → %j', (input, expected) => {
    expect(neutralise(input)).toBe(expected);
  });

  it('leaves no ping in hostile text', () => {
    const hostile = '<!channel><!here><@U1><#C1><!subteam^S1>@channel @here &lt;!everyone&gt; <<!channel>> <mailto:a@b.c|x>';
    expect(neutralise(hostile)).not.toMatch(PINGS);
  });

  it('replaces lone surrogates and drops NULs (Slack rejects them)', () => {
    expect(neutralise('a\u0000b\ud800c')).toBe('ab\ufffdc');
  });
});

describe('cut', () => {
  it('keeps short text and cuts long text with an ellipsis', () => {
    expect(cut('hello', 5)).toBe('hello');
    expect(cut('hello world', 6)).toBe('hello…');
    expect(cut('hello world', 6)).toHaveLength(6);
  });

  it('never cuts inside an entity or a surrogate pair', () => {
    expect(cut('abc &amp; def', 7)).toBe('abc …');
    expect(cut('ab😀cd', 4)).toBe('ab…');
  });

  it('safeText neutralises, then fits the limit', () => {
    const out = safeText('<!channel> '.repeat(1000), 3000);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out).not.toMatch(PINGS);
  });
});

describe('mrkdwnLink', () => {
  it('links http(s) URLs and encodes characters that would end the link', () => {
    expect(mrkdwnLink('https://status.claude.com/incidents/x', 'Open')).toBe('<https://status.claude.com/incidents/x|Open>');
    expect(mrkdwnLink('https://x.example/a|b>c', 'L')).toBe('<https://x.example/a%7Cb%3Ec|L>');
  });

  it('shows only the label for other schemes or bad URLs', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBe('x');
    expect(mrkdwnLink('not a url', '<!here>')).toBe('@\u200bhere');
  });
});

import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/platforms/card.js';
import { renderCard, renderThreadReply } from '../../../src/platforms/slack/render-card.js';
import { allStrings } from '../../fakes/fake-slack.js';

const PINGS = /<[!@#]|(^|[^\u200b])@(channel|here|everyone)\b/i;

const card = (over: Partial<Card> = {}): Card => ({
  kind: 'incident',
  key: 'statuspage:abc',
  title: 'Elevated errors on Claude Opus',
  url: 'https://status.claude.com/incidents/abc',
  impact: 'major',
  status: 'identified',
  statusLabel: 'Identified',
  resolved: false,
  components: [{ name: 'Claude API (api.anthropic.com)', status: 'partial_outage' }],
  latestUpdate: { statusLabel: 'Identified', body: 'We found the cause.', at: '2026-10-07T17:28:00Z' },
  startedAt: '2026-10-07T13:25:00Z',
  resolvedAt: null,
  durationText: null,
  notes: ['3 GitHub reports so far'],
  links: [{ label: 'Open status page', url: 'https://status.claude.com/incidents/abc' }],
  ...over,
});

describe('renderCard', () => {
  it('shows title, impact colour, status, components, latest update and link', () => {
    const out = renderCard(card());
    expect(out.text).toContain('Elevated errors on Claude Opus');
    expect(out.text).toContain('Identified');
    expect(out.blocks[0]).toMatchObject({ type: 'header' });
    expect(out.attachments[0]?.color).toBe('#e67e22');
    const body = allStrings(out.attachments).join('\n');
    for (const part of ['partial outage', 'Claude API (api.anthropic.com)', 'We found the cause.', '<https://status.claude.com/incidents/abc|Open status page>', 'major']) {
      expect(body).toContain(part);
    }
  });

  it('shows a resolved card in green with the duration', () => {
    const out = renderCard(card({ resolved: true, status: 'resolved', statusLabel: 'Resolved', durationText: '1 h 19 min', resolvedAt: '2026-10-07T14:44:00Z' }));
    expect(out.attachments[0]?.color).toBe('#2ecc71');
    expect(out.text).toContain('Resolved after 1 h 19 min');
    expect(allStrings(out).join('\n')).toContain('Resolved after 1 h 19 min');
  });

  it('neutralises mentions in every field and stays within Block Kit limits', () => {
    const evil = `<!channel> <@U123> @here <!subteam^S1|@team> &lt;!everyone&gt; ${'x'.repeat(5000)}`;
    const out = renderCard(
      card({
        title: evil,
        statusLabel: '<!here>',
        components: [{ name: evil, status: null }],
        latestUpdate: { statusLabel: '<!channel>', body: evil, at: '2026-10-07T17:28:00Z' },
        notes: [evil],
        links: [{ label: evil, url: 'https://x.example/<!channel>' }],
      }),
    );
    for (const text of allStrings(out)) expect(text).not.toMatch(PINGS);
    const header = out.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    for (const text of allStrings(out.attachments)) expect(text.length).toBeLessThanOrEqual(3000);
    expect(out.text.length).toBeLessThanOrEqual(40_000);
  });
});

describe('renderThreadReply', () => {
  it('puts the heading in bold and marks the closing line', () => {
    const open = renderThreadReply({ heading: 'Identified · Oct 7, 17:28 UTC', body: 'Found it <!channel>', at: '', closing: false });
    expect(JSON.stringify(open.blocks)).toContain('*Identified · Oct 7, 17:28 UTC*');
    expect(allStrings(open).join(' ')).not.toMatch(PINGS);
    const closing = renderThreadReply({ heading: 'Resolved after 1 h', body: 'Fixed.', at: '', closing: true });
    expect(closing.text).toContain('Resolved after 1 h');
    expect(JSON.stringify(closing.blocks)).toContain(':white_check_mark:');
  });
});

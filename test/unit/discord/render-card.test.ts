import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Card } from '../../../src/platforms/card.js';
import { EMBED_LIMITS, embedLength } from '../../../src/platforms/discord/embed-limits.js';
import { renderCard, renderThreadReply, threadName } from '../../../src/platforms/discord/render-card.js';

const card = (overrides: Partial<Card> = {}): Card => ({
  kind: 'incident',
  key: 'statuspage:978mjkgw6mh7',
  title: 'Elevated errors on platform.claude.com',
  url: 'https://status.claude.com/incidents/978mjkgw6mh7',
  impact: 'minor',
  status: 'identified',
  statusLabel: 'Identified',
  resolved: false,
  components: [{ name: 'Claude Console (platform.claude.com)', status: 'degraded_performance' }],
  latestUpdate: { statusLabel: 'Identified', body: "We've identified the cause.", at: '2026-10-07T17:28:00Z' },
  startedAt: '2026-10-07T13:25:00Z',
  resolvedAt: null,
  durationText: null,
  notes: [],
  links: [{ label: 'Open status page', url: 'https://status.claude.com/incidents/978mjkgw6mh7' }],
  ...overrides,
});

/** Every limit Discord checks on a message's embeds. */
function expectWithinLimits(embeds: APIEmbed[]): void {
  expect(embeds.length).toBeLessThanOrEqual(EMBED_LIMITS.embeds);
  expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(EMBED_LIMITS.total);
  for (const e of embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.description);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.footer);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    }
  }
}

describe('renderCard', () => {
  it('shows impact colour, linked title, status, components as fields, the latest update and a link button', () => {
    const { embeds, components } = renderCard(card());
    const [embed] = embeds;
    expect(embed).toMatchObject({ title: 'Elevated errors on platform.claude.com', url: 'https://status.claude.com/incidents/978mjkgw6mh7', color: 0xf1c40f });
    expect(embed!.fields).toEqual([
      { name: 'Status', value: 'Identified', inline: true },
      { name: 'Impact', value: 'Minor', inline: true },
      { name: 'Started', value: `<t:${Date.parse('2026-10-07T13:25:00Z') / 1000}:f>`, inline: true },
      { name: 'Claude Console (platform.claude.com)', value: 'Degraded performance', inline: true },
    ]);
    expect(embed!.description).toBe(`**Identified** · <t:${Date.parse('2026-10-07T17:28:00Z') / 1000}:f>\nWe've identified the cause.`);
    expect(components).toEqual([
      { type: 1, components: [{ type: 2, style: 5, label: 'Open status page', url: 'https://status.claude.com/incidents/978mjkgw6mh7' }] },
    ]);
  });

  it('turns green with the duration once resolved', () => {
    const [embed] = renderCard(card({ resolved: true, status: 'resolved', statusLabel: 'Resolved', resolvedAt: '2026-10-08T07:00:00Z', durationText: '17 h 35 min', components: [{ name: 'Claude Console (platform.claude.com)', status: null }] })).embeds;
    expect(embed!.color).toBe(0x2ecc71);
    expect(embed!.fields?.slice(0, 4).map((f) => f.value)).toEqual(['Resolved after 17 h 35 min', 'Minor', `<t:${Date.parse('2026-10-07T13:25:00Z') / 1000}:f>`, `<t:${Date.parse('2026-10-08T07:00:00Z') / 1000}:f>`]);
    expect(embed!.fields?.[4]).toMatchObject({ value: 'Recovered' });
    expect(embed!.timestamp).toBe('2026-10-08T07:00:00.000Z');
  });

  it('cuts a huge card to every embed limit instead of failing', () => {
    const huge = card({
      title: 'T'.repeat(1_000),
      components: Array.from({ length: 60 }, (_, i) => ({ name: `Component ${i} ${'n'.repeat(300)}`, status: 'major_outage' as const })),
      latestUpdate: { statusLabel: 'Identified', body: 'word '.repeat(3_000), at: '2026-10-07T17:28:00Z' },
      notes: ['note '.repeat(500)],
      links: Array.from({ length: 8 }, (_, i) => ({ label: 'L'.repeat(200), url: `https://example.com/${i}` })),
    });
    const { embeds, components } = renderCard(huge);
    expectWithinLimits(embeds);
    expect(embeds[0]!.title).toHaveLength(256);
    expect(embeds[0]!.title!.endsWith('…')).toBe(true);
    const buttons = components[0]!.components as Array<{ label: string }>;
    expect(buttons).toHaveLength(5);
    expect(buttons.every((b) => b.label.length <= 80)).toBe(true);
  });

  it('leaves out links Discord would reject', () => {
    const parts = renderCard(card({ url: 'javascript:alert(1)', links: [{ label: 'bad', url: 'not a url' }] }));
    expect(parts.embeds[0]!.url).toBeUndefined();
    expect(parts.components).toEqual([]);
  });

  it('neutralises mentions and escapes markdown in status page text', () => {
    const parts = renderCard(card({ title: '@everyone down', latestUpdate: { statusLabel: 'Identified', body: '@here **bold** <@&123456789012345678> see https://x.com/a_b_c', at: '2026-10-07T17:28:00Z' } }));
    const [embed] = parts.embeds;
    expect(embed!.title).toBe('@\u200beveryone down');
    expect(embed!.description).toContain('@\u200bhere \\*\\*bold\\*\\* <@\u200b&123456789012345678> see https://x.com/a_b_c');
  });
});

describe('renderThreadReply', () => {
  it('is a small embed: heading as title, body escaped, green when closing', () => {
    const { embeds } = renderThreadReply({ heading: 'Resolved after 1 h 19 min · Oct 7, 21:23 UTC', body: 'Fixed _now_.', at: '2026-10-07T21:23:00Z', closing: true });
    expect(embeds).toEqual([{ title: 'Resolved after 1 h 19 min · Oct 7, 21:23 UTC', description: 'Fixed \\_now\\_.', color: 0x2ecc71 }]);
  });

  it('cuts a huge update', () => {
    const { embeds } = renderThreadReply({ heading: 'h'.repeat(400), body: 'b'.repeat(10_000), at: '2026-10-07T21:23:00Z', closing: false });
    expectWithinLimits(embeds);
  });
});

describe('threadName', () => {
  it('is the card title on one line, within 100 characters', () => {
    expect(threadName('Elevated\nerrors  on API')).toBe('Elevated errors on API');
    expect(threadName('x'.repeat(300))).toHaveLength(100);
    expect(threadName(undefined)).toBe('Incident updates');
  });
});

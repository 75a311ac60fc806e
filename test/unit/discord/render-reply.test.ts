import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/commands/reply.js';
import { EMBED_LIMITS, embedLength } from '../../../src/platforms/discord/embed-limits.js';
import { renderInline, renderReply } from '../../../src/platforms/discord/render-reply.js';

const reply = (blocks: Reply['blocks'], visibility: Reply['visibility'] = 'ephemeral'): Reply => ({ blocks, visibility, summary: 'summary' });

describe('renderReply', () => {
  it('makes the header the title and every other block a paragraph, in order', () => {
    const { embeds, ephemeral } = renderReply(
      reply([
        { type: 'header', text: 'Claude status' },
        { type: 'notice', level: 'warning', text: 'Stale: last read **5 min** ago' },
        { type: 'fields', fields: [{ label: 'Components', value: 'all' }, { label: 'Minimum impact', value: 'major' }] },
        { type: 'bullets', items: ['🟢 Claude API: Operational'] },
        { type: 'steps', items: ['Run `claude doctor`', 'Retry'] },
        { type: 'code', text: 'API Error: 529 ```overloaded```' },
        { type: 'links', links: [{ label: 'Status [page]', url: 'https://status.claude.com' }, { label: 'bad', url: 'ftp://x' }] },
        { type: 'divider' },
      ]),
    );
    expect(ephemeral).toBe(true);
    expect(embeds).toHaveLength(1);
    expect(embeds[0]!.title).toBe('Claude status');
    expect(embeds[0]!.color).toBe(0xf1c40f);
    expect(embeds[0]!.description!.split('\n\n')).toEqual([
      '⚠️ Stale: last read **5 min** ago',
      '**Components:** all\n**Minimum impact:** major',
      '• 🟢 Claude API: Operational',
      '1. Run `claude doctor`\n2. Retry',
      '```\nAPI Error: 529 `\u200b``overloaded`\u200b``\n```',
      '[Status page](https://status.claude.com) · bad',
      '───',
    ]);
  });

  it('is public only when the reply asks for it, and coloured by the worst notice', () => {
    const shared = renderReply(reply([{ type: 'notice', level: 'ok', text: 'fine' }, { type: 'notice', level: 'danger', text: 'down' }], 'in_channel'));
    expect(shared.ephemeral).toBe(false);
    expect(shared.embeds[0]!.color).toBe(0xe74c3c);
  });

  it('spills a long reply into more embeds and cuts it within the 6000-character total', () => {
    const long = Array.from({ length: 40 }, (_, i) => ({ type: 'text' as const, text: `${i} ${'x'.repeat(900)}` }));
    const { embeds } = renderReply(reply([{ type: 'header', text: 'H'.repeat(400) }, ...long]));
    expect(embeds.length).toBeGreaterThan(1);
    expect(embeds[0]!.title).toHaveLength(EMBED_LIMITS.title);
    expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(EMBED_LIMITS.total);
    expect(embeds.every((e) => (e.description?.length ?? 0) <= EMBED_LIMITS.description)).toBe(true);
  });

  it('falls back to the summary for an empty reply', () => {
    expect(renderReply({ blocks: [], visibility: 'ephemeral', summary: 'Nothing to say.' }).embeds[0]!.description).toBe('Nothing to say.');
  });
});

describe('renderInline', () => {
  it('keeps the two marks of the reply model and escapes everything else', () => {
    expect(renderInline('**Overloaded** (529): run `claude --continue` _now_ ~~x~~ > quote')).toBe(
      '**Overloaded** (529): run `claude --continue` \\_now\\_ \\~\\~x\\~\\~ > quote',
    );
  });

  it('neutralises mentions inside the marks too', () => {
    expect(renderInline('**@everyone** `@here` @everyone')).toBe('**@\u200beveryone** `@\u200bhere` @\u200beveryone');
  });
});

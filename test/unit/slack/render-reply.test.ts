import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/commands/reply.js';
import { renderReply } from '../../../src/platforms/slack/render-reply.js';
import { allStrings } from '../../fakes/fake-slack.js';

const PINGS = /<[!@#]|(^|[^\u200b])@(channel|here|everyone)\b/i;

describe('renderReply', () => {
  it('renders every neutral block to Block Kit with mrkdwn bold', () => {
    const reply: Reply = {
      visibility: 'ephemeral',
      summary: 'Claude status',
      blocks: [
        { type: 'header', text: 'Claude status' },
        { type: 'notice', level: 'warning', text: 'Data is **stale**' },
        { type: 'fields', fields: [{ label: 'Page', value: 'All good' }] },
        { type: 'bullets', items: ['one `code`', 'two'] },
        { type: 'steps', items: ['first', 'second'] },
        { type: 'code', text: 'Error: 529 ```overloaded```' },
        { type: 'links', links: [{ label: 'Status page', url: 'https://status.claude.com' }] },
        { type: 'divider' },
      ],
    };
    const out = renderReply(reply);
    expect(out.response_type).toBe('ephemeral');
    expect(out.text).toBe('Claude status');
    expect(out.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'section', 'section', 'section', 'divider']);
    const json = JSON.stringify(out.blocks);
    expect(json).toContain(':warning: Data is *stale*');
    expect(json).toContain('• one `code`');
    expect(json).toContain('1. first\\n2. second');
    expect(json).toContain("```Error: 529 '''overloaded'''```");
    expect(json).toContain('<https://status.claude.com/|Status page>');
  });

  it('never echoes a mention, even one the user typed', () => {
    const typed = '<!channel> @here <@U1> &lt;!everyone&gt;';
    const out = renderReply({
      visibility: 'in_channel',
      summary: typed,
      blocks: [
        { type: 'header', text: typed },
        { type: 'text', text: `You asked about ${typed}` },
        { type: 'code', text: typed },
        { type: 'fields', fields: [{ label: typed, value: typed }] },
        { type: 'bullets', items: [typed] },
      ],
    });
    for (const text of allStrings(out)) expect(text).not.toMatch(PINGS);
  });

  it('keeps to 50 blocks and 3,000 characters a section', () => {
    const out = renderReply({
      visibility: 'ephemeral',
      summary: 's',
      blocks: [
        ...Array.from({ length: 80 }, () => ({ type: 'divider' as const })),
        { type: 'text', text: 'y'.repeat(10_000) },
      ],
    });
    expect(out.blocks).toHaveLength(50);
    const long = renderReply({ visibility: 'ephemeral', summary: 's', blocks: [{ type: 'bullets', items: Array.from({ length: 100 }, () => 'z'.repeat(100)) }] });
    expect(long.blocks.length).toBeGreaterThan(1);
    for (const text of allStrings(long.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
  });
});

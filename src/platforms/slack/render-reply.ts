import type { types } from '@slack/bolt';
import type { Reply, ReplyBlock } from '../../commands/reply.js';
import { LIMITS } from './block-kit-limits.js';
import { cut, mrkdwnLink, neutralise, safeText } from './escape-mrkdwn.js';

/** A slash command answer as Slack takes it in an ack or on `response_url`. */
export interface SlackCommandResponse {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks: types.KnownBlock[];
}

const NOTICE_EMOJI = { info: ':information_source:', ok: ':white_check_mark:', warning: ':warning:', danger: ':x:' } as const;

/**
 * The reply model's two inline marks in Slack mrkdwn: `**bold**` → `*bold*`, `` `code` `` stays.
 * Runs after neutralising, so nothing the user typed can become markup that pings.
 */
const inline = (text: string): string => neutralise(text).replace(/\*\*(.+?)\*\*/g, '*$1*');

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });
const section = (text: string): types.SectionBlock => ({ type: 'section', text: mrkdwn(cut(text, LIMITS.sectionText)) });

/** Lines packed into as few sections as fit the 3,000-character limit. */
function packLines(lines: string[]): types.SectionBlock[] {
  const sections: types.SectionBlock[] = [];
  let current = '';
  for (const line of lines.map((l) => cut(l, LIMITS.sectionText))) {
    if (current !== '' && current.length + 1 + line.length > LIMITS.sectionText) {
      sections.push(section(current));
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') sections.push(section(current));
  return sections;
}

function renderBlock(block: ReplyBlock): types.KnownBlock[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: { type: 'plain_text', text: safeText(block.text.replace(/\*\*/g, ''), LIMITS.header), emoji: true } }];
    case 'text':
      return packLines(inline(block.text).split('\n'));
    case 'notice':
      return [section(`${NOTICE_EMOJI[block.level]} ${inline(block.text)}`)];
    case 'fields': {
      const all = block.fields.map((f) => mrkdwn(cut(`*${inline(f.label)}*\n${inline(f.value)}`, LIMITS.field)));
      const sections: types.SectionBlock[] = [];
      for (let i = 0; i < all.length; i += LIMITS.fieldsPerSection) {
        sections.push({ type: 'section', fields: all.slice(i, i + LIMITS.fieldsPerSection) });
      }
      return sections;
    }
    case 'bullets':
      return packLines(block.items.map((item) => `• ${inline(item)}`));
    case 'steps':
      return packLines(block.items.map((item, i) => `${i + 1}. ${inline(item)}`));
    case 'code': {
      // Triple backticks inside would close the block early.
      const body = cut(neutralise(block.text).replace(/```/g, "'''"), LIMITS.sectionText - 8);
      return [section(`\`\`\`${body}\`\`\``)];
    }
    case 'links':
      return packLines(block.links.map((l) => `→ ${mrkdwnLink(l.url, l.label)}`));
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/**
 * A neutral command {@link Reply} as Block Kit, within Slack's limits (50 blocks,
 * 3,000 characters a section). Every text passes through {@link neutralise}: a
 * command reply never echoes a mention, even of what the user typed.
 * @see https://docs.slack.dev/interactivity/implementing-slash-commands#responding_to_commands
 */
export function renderReply(reply: Reply): SlackCommandResponse {
  let blocks = reply.blocks.flatMap(renderBlock);
  if (reply.image && reply.visibility === 'ephemeral') {
    // Slack shows an uploaded file only in a channel, never in a reply only the asker sees.
    blocks.push({ type: 'context', elements: [mrkdwn('Slack shows no chart in a reply only you see: add `share` to post the answer and its chart for the channel.')] });
  }
  if (blocks.length > LIMITS.blocks) {
    blocks = [...blocks.slice(0, LIMITS.blocks - 1), section('_…cut short: the full answer does not fit in one Slack message._')];
  }
  return { response_type: reply.visibility, text: safeText(reply.summary, LIMITS.fallback), blocks };
}

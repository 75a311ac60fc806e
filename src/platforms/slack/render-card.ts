import type { types } from '@slack/bolt';
import { formatUtc } from '../../shared/clock.js';
import type { Mention } from '../../incidents/channel-policy.js';
import { IMPACT_COLOURS, type Card, type ThreadReply } from '../card.js';
import { hexColour, LIMITS } from './block-kit-limits.js';
import { cut, mrkdwnLink, safeText } from './escape-mrkdwn.js';

/** What chat.postMessage / chat.update take for a card: notification text, header, coloured body. */
export interface SlackCardMessage {
  text: string;
  blocks: types.KnownBlock[];
  attachments: types.MessageAttachment[];
}

export interface SlackReplyMessage {
  text: string;
  blocks: types.KnownBlock[];
}

const IMPACT_EMOJI: Record<string, string> = {
  critical: ':red_circle:',
  major: ':large_orange_circle:',
  minor: ':large_yellow_circle:',
  maintenance: ':large_blue_circle:',
  none: ':white_circle:',
};

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });
const section = (text: string): types.SectionBlock => ({ type: 'section', text: mrkdwn(cut(text, LIMITS.sectionText)) });
const humanise = (value: string): string => value.replace(/_/g, ' ');

function colourOf(card: Card): string {
  if (card.resolved) return hexColour(IMPACT_COLOURS.resolved);
  if (card.kind === 'early_warning') return hexColour(IMPACT_COLOURS.warning);
  return hexColour(IMPACT_COLOURS[card.impact ?? 'unknown']);
}

function emojiOf(card: Card): string {
  if (card.resolved) return ':white_check_mark:';
  if (card.kind === 'early_warning') return ':warning:';
  return IMPACT_EMOJI[card.impact ?? ''] ?? ':grey_question:';
}

function statusText(card: Card): string {
  const status = safeText(card.statusLabel, 200);
  return card.resolved && card.durationText ? `${status} after ${safeText(card.durationText, 100)}` : status;
}

function fields(card: Card): types.MrkdwnElement[] {
  const list = [
    mrkdwn(`*Status*\n${statusText(card)}`),
    mrkdwn(`*Impact*\n${card.impact ? humanise(card.impact) : 'not stated'}`),
    mrkdwn(`*Started*\n${formatUtc(card.startedAt)}`),
  ];
  if (card.resolvedAt) list.push(mrkdwn(`*Resolved*\n${formatUtc(card.resolvedAt)}`));
  return list.map((f) => ({ ...f, text: cut(f.text, LIMITS.field) }));
}

function bodyBlocks(card: Card): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [{ type: 'section', fields: fields(card).slice(0, LIMITS.fieldsPerSection) }];
  if (card.components.length > 0) {
    const names = card.components.map((c) => `${safeText(c.name, 200)}${c.status ? ` (${humanise(c.status)})` : ''}`);
    blocks.push(section(`*Affected:* ${names.join(', ')}`));
  }
  if (card.latestUpdate) {
    const { statusLabel, at, body } = card.latestUpdate;
    const heading = `*Latest update* · ${safeText(statusLabel, 100)} · ${formatUtc(at)}\n`;
    blocks.push(section(`${heading}${safeText(body, LIMITS.sectionText - heading.length)}`));
  }
  const notes = card.notes.slice(0, LIMITS.contextElements).map((note) => mrkdwn(safeText(note, 500)));
  if (notes.length > 0) blocks.push({ type: 'context', elements: notes });
  if (card.links.length > 0) blocks.push(section(card.links.map((l) => mrkdwnLink(l.url, l.label)).join('  ·  ')));
  return blocks;
}

/**
 * The alert card as Block Kit: a header with the title, then a body in an attachment
 * so the impact shows as the colour bar. `text` is the notification line (shown where
 * blocks cannot be: push notifications, screen readers).
 * @see https://docs.slack.dev/messaging/formatting-message-text#when-to-use-attachments
 */
export function renderCard(card: Card): SlackCardMessage {
  const emoji = emojiOf(card);
  const title = safeText(card.title, LIMITS.header - emoji.length - 1);
  const kind = card.kind === 'early_warning' ? 'Early warning' : card.kind === 'component' ? 'Component' : 'Claude incident';
  const ping = slackMention(card);
  const text = cut(`${ping ? `${ping} ` : ''}${kind}: ${safeText(card.title, LIMITS.fallback)} (${statusText(card)})`, LIMITS.fallback + 240);
  return {
    text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `${emoji} ${title}`, emoji: true } },
      // Built from the id alone, after every feed text was neutralised: the only mention we send.
      ...(ping ? [section(`${ping} ${card.impact ?? 'serious'} impact on the Claude status page`)] : []),
    ],
    attachments: [{ color: colourOf(card), fallback: text, blocks: bodyBlocks(card).slice(0, LIMITS.blocks - 1) }],
  };
}

/** The channel's ping (user group or user) when the card carries one; ids are checked to be Slack ids. */
function slackMention(message: { mention?: Mention }): string | null {
  const m = message.mention;
  if (!m || !/^[A-Z0-9]{3,21}$/.test(m.id)) return null;
  if (m.kind === 'slack_group') return `<!subteam^${m.id}>`;
  return m.kind === 'slack_user' ? `<@${m.id}>` : null;
}

/** One thread reply: the update's heading in bold, its text below. */
export function renderThreadReply(reply: ThreadReply): SlackReplyMessage {
  const mark = reply.closing ? ':white_check_mark: ' : '';
  const ping = slackMention(reply);
  const heading = `${ping ? `${ping} ` : ''}${mark}*${safeText(reply.heading, 200)}*\n`;
  const body = safeText(reply.body, LIMITS.sectionText - heading.length);
  return {
    text: cut(`${ping ? `${ping} ` : ''}${safeText(reply.heading, 200)}: ${safeText(reply.body, LIMITS.fallback)}`, LIMITS.fallback + 260),
    blocks: [section(`${heading}${body}`)],
  };
}

import type { FakeDiscord } from '../fakes/fake-discord.js';
import type { FakeSlack } from '../fakes/fake-slack.js';
import type { Scenario } from './chaos-scenario.js';

/**
 * The exactly-once check, read from what the fake platforms stored (never the bot's
 * database): per (incident or component notice, channel) one root card, its thread
 * replies exactly once and in order, and the card's final state.
 */

/** A stored message as one string (text, blocks, embeds: whatever the platform kept). */
export interface ObservedMessage {
  id: string;
  content: string;
}

export interface ObservedRoot extends ObservedMessage {
  replies: ObservedMessage[];
}

export interface ObservedChannel {
  platform: 'slack' | 'discord';
  channel: string;
  roots: ObservedRoot[];
}

export interface Violation {
  platform: string;
  channel: string;
  /** The incident or component token, or `?` for a message the check cannot place. */
  about: string;
  kind: 'missing_card' | 'doubled_card' | 'replies' | 'final_state' | 'unrecognised';
  detail: string;
}

const ENTITY = /ZQ[ic]\d{4}Z/;
const UPDATE = /ZQi\d{4}u\d+Z/g;

/** What a reply is: the update token it carries, or `recovered` for a component's closing line. */
export function replyLabel(content: string): string {
  const tokens = [...new Set(content.match(UPDATE) ?? [])];
  if (tokens.length === 1) return tokens[0]!;
  if (tokens.length === 0 && /Recovered/.test(content)) return 'recovered';
  return `?(${content.slice(0, 80)})`;
}

interface Expectation {
  token: string;
  /**
   * A component notice may be absent: the bot skips a degradation it reaches only after the
   * component recovered (src/delivery/deliver-row.ts, "never announce a past episode"). A
   * notice that is there must still be single, closed by one "Recovered", and show operational.
   */
  mayBeAbsent: boolean;
  replies: string[];
  /** Strings the card must show at the end. */
  finalShows: string[];
}

function expectations(scenario: Scenario): Expectation[] {
  return [
    ...scenario.incidents.map((inc) => ({
      token: inc.token,
      mayBeAbsent: false,
      // The first update is on the card itself; every later one is a reply (the last says resolved).
      replies: inc.updates.slice(1).map((u) => u.token),
      finalShows: ['Resolved', inc.updates.at(-1)!.token],
    })),
    ...scenario.components.map((c) => ({ token: c.token, mayBeAbsent: true, replies: ['recovered'], finalShows: [`${c.name}: Operational`] })),
  ];
}

export function checkDelivery(scenario: Scenario, channels: ObservedChannel[]): Violation[] {
  const violations: Violation[] = [];
  const wanted = expectations(scenario);
  for (const ch of channels) {
    const where = { platform: ch.platform, channel: ch.channel };
    const byToken = new Map<string, ObservedRoot[]>();
    for (const root of ch.roots) {
      const token = ENTITY.exec(root.content)?.[0];
      if (!token || !wanted.some((w) => w.token === token)) {
        violations.push({ ...where, about: '?', kind: 'unrecognised', detail: `root ${root.id}: ${root.content.slice(0, 120)}` });
        continue;
      }
      byToken.set(token, [...(byToken.get(token) ?? []), root]);
    }
    for (const want of wanted) {
      const roots = byToken.get(want.token) ?? [];
      if (roots.length === 0) {
        if (want.mayBeAbsent) continue;
        violations.push({ ...where, about: want.token, kind: 'missing_card', detail: 'no card at all' });
        continue;
      }
      if (roots.length > 1) {
        const summary = roots.map((r) => `${r.id} (${r.replies.length} replies)`).join(', ');
        violations.push({ ...where, about: want.token, kind: 'doubled_card', detail: `${roots.length} cards: ${summary}` });
      }
      const replies = roots.flatMap((r) => r.replies.map((m) => replyLabel(m.content)));
      if (replies.join(' ') !== want.replies.join(' ')) {
        violations.push({ ...where, about: want.token, kind: 'replies', detail: `expected [${want.replies.join(', ')}]\n      got      [${replies.join(', ')}]` });
      }
      for (const root of roots) {
        const missing = want.finalShows.filter((s) => !root.content.includes(s));
        if (missing.length > 0) violations.push({ ...where, about: want.token, kind: 'final_state', detail: `card ${root.id} does not show ${missing.map((m) => `"${m}"`).join(', ')}` });
      }
    }
  }
  return violations;
}

/** The Slack channels as the fake stored them: roots with their thread replies. */
export function readSlack(slack: FakeSlack, channels: string[]): ObservedChannel[] {
  return channels.map((channel) => ({
    platform: 'slack' as const,
    channel,
    roots: slack.roots(channel).map((m) => ({
      id: m.ts,
      content: JSON.stringify({ text: m.text, blocks: m.blocks, attachments: m.attachments }),
      replies: slack.replies(channel, m.ts).map((r) => ({ id: r.ts, content: JSON.stringify({ text: r.text, blocks: r.blocks }) })),
    })),
  }));
}

/** The Discord channels: cards in the channel, replies in the card's thread or as replies to it in the channel. */
export function readDiscord(discord: FakeDiscord, channels: string[]): ObservedChannel[] {
  return channels.map((channel) => {
    const inChannel = discord.messages(channel);
    const content = (m: { content: string; embeds: unknown[] }): string => JSON.stringify({ content: m.content, embeds: m.embeds });
    return {
      platform: 'discord' as const,
      channel,
      roots: inChannel
        .filter((m) => !m.message_reference)
        .map((m) => ({
          id: m.id,
          content: content(m),
          replies: [
            ...(m.thread ? discord.messages(m.thread.id) : []),
            ...inChannel.filter((r) => r.message_reference?.message_id === m.id),
          ].map((r) => ({ id: r.id, content: content(r) })),
        })),
    };
  });
}

/** Roots (of any channel) that mention a token: how the driver knows a card went out. */
export function cardsFor(channels: ObservedChannel[], token: string): number {
  return channels.reduce((n, ch) => n + ch.roots.filter((r) => r.content.includes(token)).length, 0);
}

/** A readable diff, one violation a line, grouped by kind. */
export function formatViolations(violations: Violation[]): string {
  if (violations.length === 0) return 'no violations';
  const counts = new Map<string, number>();
  for (const v of violations) counts.set(v.kind, (counts.get(v.kind) ?? 0) + 1);
  const head = [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
  const lines = violations.map((v) => `  ${v.kind.padEnd(12)} ${v.platform}/${v.channel} ${v.about}: ${v.detail}`);
  return `${violations.length} violations (${head}):\n${lines.join('\n')}`;
}

import type { LiveStatusReader } from '../incidents/live-status.js';
import type { Subscription } from '../incidents/subscription.js';
import type { Clock } from '../shared/clock.js';
import type { SubscriptionFilters, SubscriptionsTable } from '../store/subscriptions-table.js';
import { parseSubscriptionArgs } from './parse-subscription-args.js';
import type { CommandHandler, CommandRequest, Reply, ReplyBlock } from './reply.js';

export interface SubscribeCommandOptions {
  subscriptions: SubscriptionsTable;
  getLiveStatus: LiveStatusReader;
  clock: Clock;
  /** Said in a refusal: who may change subscriptions on this platform. */
  whoMayChange: (platform: CommandRequest['platform']) => string;
}

const DEFAULT_FILTERS: SubscriptionFilters = { components: null, minImpact: 'none', earlyWarnings: true };

const reply = (blocks: ReplyBlock[], summary: string): Reply => ({ blocks, visibility: 'ephemeral', summary });

export function describeSubscription(sub: Subscription | null): ReplyBlock[] {
  if (!sub) return [{ type: 'text', text: 'This channel is not subscribed to Claude outage alerts.' }];
  const blocks: ReplyBlock[] = [
    {
      type: 'fields',
      fields: [
        { label: 'Components', value: sub.components ? sub.components.join(', ') : 'all' },
        { label: 'Minimum impact', value: sub.minImpact },
        { label: 'GitHub early warnings', value: sub.earlyWarnings ? 'on' : 'off' },
        { label: 'Deliveries', value: sub.enabled ? 'active' : `stopped (${sub.disabledReason ?? 'disabled'})` },
      ],
    },
  ];
  if (!sub.enabled) {
    blocks.push({
      type: 'notice',
      level: 'warning',
      text: `Alerts stopped reaching this channel (${sub.disabledReason ?? 'disabled'}). Invite the bot back, then run the subscribe command again to resume.`,
    });
  }
  return blocks;
}

/** `/claude-subscribe [components…] [min-impact] [warnings:on|off]`: show or change this channel's alerts. */
export function createSubscribeCommand(options: SubscribeCommandOptions): CommandHandler {
  const { subscriptions, getLiveStatus, clock } = options;
  return (request) => {
    const existing = subscriptions.find(request.platform, request.channelId);
    if (request.text.trim() === '' && existing) {
      return reply([{ type: 'header', text: 'Alerts in this channel' }, ...describeSubscription(existing)], 'This channel is subscribed.');
    }
    if (!request.isAdmin) return refusal(options, request);
    const names = getLiveStatus().components.map((c) => c.name);
    const base = existing ?? { ...DEFAULT_FILTERS, id: 0 };
    const parsed = parseSubscriptionArgs(request.text, names, base);
    if (!parsed.ok) return usage(parsed.problem, names);
    const sub = subscriptions.upsert(request.platform, request.channelId, parsed.filters, clock.now().toISOString());
    return reply(
      [{ type: 'notice', level: 'ok', text: existing ? 'Subscription updated.' : 'This channel will now get Claude outage alerts.' }, ...describeSubscription(sub)],
      'Subscription saved.',
    );
  };
}

/** `/claude-unsubscribe`: stop this channel's alerts. */
export function createUnsubscribeCommand(options: SubscribeCommandOptions): CommandHandler {
  return (request) => {
    if (!request.isAdmin) return refusal(options, request);
    const removed = options.subscriptions.remove(request.platform, request.channelId);
    return removed
      ? reply([{ type: 'notice', level: 'ok', text: 'This channel will no longer get Claude outage alerts.' }], 'Unsubscribed.')
      : reply([{ type: 'text', text: 'This channel was not subscribed; nothing changed.' }], 'Not subscribed.');
  };
}

function refusal(options: SubscribeCommandOptions, request: CommandRequest): Reply {
  return reply(
    [{ type: 'notice', level: 'warning', text: `Sorry, only ${options.whoMayChange(request.platform)} can change this channel's alerts. You can still see them with the subscribe command and no arguments.` }],
    'Not allowed to change subscriptions.',
  );
}

function usage(problem: string, names: string[]): Reply {
  return reply(
    [
      { type: 'notice', level: 'warning', text: problem },
      { type: 'text', text: 'Usage: `/claude-subscribe [components, comma-separated] [none|minor|major|critical] [warnings:on|warnings:off]`' },
      { type: 'text', text: names.length > 0 ? `Components: ${names.map((n) => `\`${n}\``).join(', ')}` : 'Components are not known yet (the status page has not been read).' },
      { type: 'text', text: 'Example: `/claude-subscribe Claude Code, Claude API major warnings:on`' },
    ],
    'Invalid subscription arguments.',
  );
}

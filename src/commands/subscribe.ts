import { DEFAULT_POLICY, type ChannelPolicy, type Mention } from '../incidents/channel-policy.js';
import type { LiveStatusReader } from '../incidents/live-status.js';
import type { Subscription } from '../incidents/subscription.js';
import type { Clock } from '../shared/clock.js';
import type { ChannelPolicyTable } from '../store/channel-policy-table.js';
import type { SubscriptionFilters, SubscriptionsTable } from '../store/subscriptions-table.js';
import { describePolicy } from './describe-policy.js';
import type { WantedMention } from './parse-policy-setting.js';
import { parseSubscriptionArgs } from './parse-subscription-args.js';
import type { CommandHandler, CommandRequest, Reply, ReplyBlock } from './reply.js';

export interface SubscribeCommandOptions {
  subscriptions: SubscriptionsTable;
  getLiveStatus: LiveStatusReader;
  clock: Clock;
  /** Said in a refusal: who may change subscriptions on this platform. */
  whoMayChange: (platform: CommandRequest['platform']) => string;
  /** Alert policy per channel; without it only the filters are shown and changed. */
  policies?: ChannelPolicyTable;
  /** Checks on the platform that a ping target exists (Slack user group or user, Discord role). */
  checkMention?: CheckMention;
}

/** Whether a ping target exists, as its platform says. */
export type MentionCheck = { ok: true; mention: Mention; label: string } | { ok: false; problem: string };
export type CheckMention = (request: CommandRequest, wanted: WantedMention) => Promise<MentionCheck>;

const DEFAULT_FILTERS: SubscriptionFilters = { components: null, minImpact: 'none', earlyWarnings: true, maintenance: true };

const reply = (blocks: ReplyBlock[], summary: string): Reply => ({ blocks, visibility: 'ephemeral', summary });

export function describeSubscription(sub: Subscription | null, policy?: ChannelPolicy): ReplyBlock[] {
  if (!sub) return [{ type: 'text', text: 'This channel is not subscribed to Claude outage alerts.' }];
  const blocks: ReplyBlock[] = [
    {
      type: 'fields',
      fields: [
        { label: 'Components', value: sub.components ? sub.components.join(', ') : 'all' },
        { label: 'Minimum impact', value: sub.minImpact },
        { label: 'GitHub early warnings', value: sub.earlyWarnings ? 'on' : 'off' },
        { label: 'Maintenances', value: sub.maintenance ? 'on' : 'off' },
        ...(sub.pages ? [{ label: 'Status pages', value: sub.pages.join(', ') }] : []),
        { label: 'Deliveries', value: sub.enabled ? 'active' : `stopped (${sub.disabledReason ?? 'disabled'})` },
        ...(policy ? describePolicy(policy) : []),
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

/** `/claude-subscribe [components…] [min-impact] [warnings:on|off] [maintenance:on|off]`: show or change this channel's alerts. */
export function createSubscribeCommand(options: SubscribeCommandOptions): CommandHandler {
  const { subscriptions, getLiveStatus, clock } = options;
  const policyOf = (sub: Subscription | null): ChannelPolicy | undefined =>
    options.policies ? (sub ? options.policies.get(sub.id) : { ...DEFAULT_POLICY }) : undefined;
  return async (request) => {
    const existing = subscriptions.find(request.platform, request.channelId);
    if (request.text.trim() === '' && existing) {
      return reply([{ type: 'header', text: 'Alerts in this channel' }, ...describeSubscription(existing, policyOf(existing))], 'This channel is subscribed.');
    }
    if (!request.isAdmin) return refusal(options, request);
    const view = getLiveStatus();
    // Every watched page's components (names two pages share are one word).
    const names = [...new Set((view.pages?.flatMap((p) => p.components) ?? view.components).map((c) => c.name))];
    const base = existing ?? { ...DEFAULT_FILTERS, id: 0 };
    const pageIds = view.pages?.map((p) => p.id) ?? [];
    const parsed = parseSubscriptionArgs(request.text, names, base, policyOf(existing) ?? DEFAULT_POLICY, request.platform, pageIds);
    if (!parsed.ok) return usage(parsed.problem, names);
    const notes: ReplyBlock[] = [];
    if (parsed.ping) {
      // Checked before anything is saved: a ping that names nobody changes nothing.
      const check = options.checkMention ? await options.checkMention(request, parsed.ping) : { ok: false as const, problem: 'Pings are for Slack and Discord channels.' };
      if (!check.ok) return reply([{ type: 'notice', level: 'warning', text: check.problem }, { type: 'text', text: 'Nothing was changed.' }], 'Ping target not found.');
      parsed.policy.ping = check.mention;
      notes.push({ type: 'notice', level: 'info', text: `Checked: ${check.label} exists; it is mentioned on official incidents of impact ${parsed.policy.pingMinImpact} and up.` });
    }
    const at = clock.now().toISOString();
    // The workspace is remembered so the outbox posts there with that workspace's token.
    const filters = request.workspaceId ? { ...parsed.filters, workspaceId: request.workspaceId } : parsed.filters;
    const sub = subscriptions.upsert(request.platform, request.channelId, filters, at);
    if (options.policies) options.policies.save(sub.id, parsed.policy, at);
    return reply(
      [{ type: 'notice', level: 'ok', text: existing ? 'Subscription updated.' : 'This channel will now get Claude outage alerts.' }, ...notes, ...describeSubscription(sub, policyOf(sub))],
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
      { type: 'text', text: 'Usage: `/claude-subscribe [components, comma-separated] [none|minor|major|critical] [warnings:on|warnings:off] [maintenance:on|maintenance:off] [page:<id>[,<id>]|page:all]`' },
      { type: 'text', text: 'Alert policy: `flap:15m` `min-duration:0` `remind:2h|off` `ping:<group, user or role>|off` `ping-min:major` `quiet:22:00-07:00|off` `tz:Europe/Berlin`' },
      { type: 'text', text: names.length > 0 ? `Components: ${names.map((n) => `\`${n}\``).join(', ')}` : 'Components are not known yet (the status page has not been read).' },
      { type: 'text', text: 'Example: `/claude-subscribe Claude Code, Claude API major warnings:on`' },
    ],
    'Invalid subscription arguments.',
  );
}

import type { ChannelPolicy } from '../incidents/channel-policy.js';
import type { Incident } from '../incidents/model.js';
import type { ChatPlatform, MessageRef } from '../platforms/platform.js';
import type { Store } from '../store/create-store.js';
import type { OutboxRow } from '../store/outbox-table.js';
import type { Logger } from '../shared/logger.js';
import type { CurrentCard } from './card-memo.js';

/** What the alert policy did instead of posting (counted in /metrics). */
export type PolicyAction = 'suppressed' | 'reminded' | 'digest_sent';

export interface DeliveryContext {
  store: Store;
  platform: ChatPlatform;
  now: () => Date;
  /** Extra lines for an incident's card (e.g. GitHub report counts). */
  cardNotes: (incident: Incident) => string[];
  logger: Logger;
  /**
   * Sticky "an earlier post of this row may have reached the platform". Starts as the
   * row's flag; only a lookup that rules the message out clears it.
   */
  outcome: { unknown: boolean };
  /** The incident and its current card for this row's event (shared across a fan-out); built fresh without it. */
  currentCard?: (eventId: number, incidentKey: string) => CurrentCard | null;
  /**
   * Records a store write about what the platform did (a card saved, closed, reopened). The
   * worker applies them with the row's settlement, in one transaction: one commit per
   * delivery instead of one per write, and no card saved for a row a crash left in flight.
   */
  record(write: () => void): void;
  /** The channel's alert policy (flap window, pings). */
  policy: ChannelPolicy;
  onPolicy?: (action: PolicyAction) => void;
}

/** Idempotency key of one outbox row: Discord nonce (≤ 25 chars), Slack metadata. */
export const idempotencyKey = (row: OutboxRow): string => `cob-${row.id}`;

/**
 * Finds a message an earlier attempt may have posted, only while the outcome is unknown.
 * Proven absent, the doubt is settled (this attempt posts). Found, it stays: if a later
 * step of this attempt fails, the next attempt must look again rather than post blind.
 * A failing lookup keeps it too. Platforms without a lookup (Discord's enforced nonce)
 * are idempotent by themselves.
 */
export async function lookUp(ctx: DeliveryContext, channelId: string, key: string, parent: MessageRef | null): Promise<MessageRef | null> {
  if (!ctx.outcome.unknown) return null;
  const found = ctx.platform.findMessage ? await ctx.platform.findMessage(channelId, key, parent) : null;
  if (!found) ctx.outcome.unknown = false;
  return found;
}

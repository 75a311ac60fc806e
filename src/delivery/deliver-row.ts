import type { IncidentEvent } from '../incidents/events.js';
import type { Incident } from '../incidents/model.js';
import type { Subscription } from '../incidents/subscription.js';
import type { Card } from '../platforms/card.js';
import type { ChatPlatform, MessageRef } from '../platforms/platform.js';
import type { Store } from '../store/create-store.js';
import type { OutboxRow } from '../store/outbox-table.js';
import type { Logger } from '../shared/logger.js';
import { formatDuration } from '../shared/clock.js';
import { statusLabel } from '../incidents/labels.js';
import { buildIncidentCard, buildReply } from './build-card.js';
import { buildComponentCard } from './build-component-card.js';
import type { CurrentCard } from './card-memo.js';

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
}

/** Reads the incident and builds its card as it stands now. */
export function buildCurrentCard(ctx: Pick<DeliveryContext, 'store' | 'cardNotes'>, incidentKey: string): CurrentCard | null {
  const incident = ctx.store.incidents.get(incidentKey);
  return incident ? { incident, card: buildIncidentCard(incident, { components: ctx.store.components.all(), notes: ctx.cardNotes(incident) }) } : null;
}

/** Idempotency key of one outbox row: Discord nonce (≤ 25 chars), Slack metadata. */
export const idempotencyKey = (row: OutboxRow): string => `cob-${row.id}`;

/**
 * Does what one outbox row asks on one channel: post the card if the channel has
 * none yet, otherwise edit it to the current state and thread the update.
 * @returns the message reference this row produced (stored on the row).
 */
export async function deliverRow(ctx: DeliveryContext, row: OutboxRow, event: IncidentEvent, sub: Subscription): Promise<MessageRef | null> {
  if (event.kind === 'component_changed') return deliverComponentChange(ctx, row, event, sub);
  const current = ctx.currentCard ? ctx.currentCard(row.eventId, event.incidentKey) : buildCurrentCard(ctx, event.incidentKey);
  if (!current) return null; // nothing left to show (should not happen: events reference stored incidents)
  const { incident, card } = current;
  const existing = ctx.store.cards.get(incident.key, sub.id);
  if (!existing && event.kind === 'refreshed') return null; // the card never made it here: nothing to edit
  if (!existing) {
    // The card's own row was refused for good (or the channel subscribed mid-incident):
    // this update posts the card once, showing the current state, and says so in the log.
    if (event.kind !== 'opened') ctx.logger.warn({ outboxId: row.id, incidentKey: incident.key, kind: event.kind }, 'no card in this channel yet: posting it now');
    return postRoot(ctx, row, sub, incident.key, card);
  }

  const reply = replyFor(event);
  const key = idempotencyKey(row);
  // Look up before the edit: a failed edit must not cost us what we know about the post.
  const already = reply ? await lookUp(ctx, existing.channelId, key, existing) : null;
  await ctx.platform.updateCard(existing, card);
  if (!reply) return existing;
  const after = already ? existing : await ctx.platform.postReply(existing, reply, key);
  if (after.threadId !== existing.threadId) ctx.store.cards.save(incident.key, sub.id, after, ctx.now().toISOString());
  if (event.kind === 'resolved') await closeQuietly(ctx, after);
  return already ?? after;
}

async function postRoot(ctx: DeliveryContext, row: OutboxRow, sub: Subscription, cardKey: string, card: Card): Promise<MessageRef> {
  const key = idempotencyKey(row);
  // The last attempt may have reached the platform before the process died: adopt that card.
  const adopted = await lookUp(ctx, sub.channelId, key, null);
  const ref = adopted ?? (await ctx.platform.postCard(sub.channelId, card, key));
  ctx.store.cards.save(cardKey, sub.id, ref, ctx.now().toISOString());
  return ref;
}

/**
 * Archives a resolved card's thread. Tidiness, not delivery: a failure here must not send
 * the row round again, which would thread the resolution a second time.
 */
async function closeQuietly(ctx: DeliveryContext, ref: MessageRef): Promise<void> {
  try {
    await ctx.platform.closeThread?.(ref);
  } catch (error) {
    ctx.logger.warn({ err: error, channelId: ref.channelId, threadId: ref.threadId }, 'could not archive the resolved alert thread (it archives itself within a week)');
  }
}

/**
 * Finds a message an earlier attempt may have posted, only while the outcome is unknown.
 * Proven absent, the doubt is settled (this attempt posts). Found, it stays: if a later
 * step of this attempt fails, the next attempt must look again rather than post blind.
 * A failing lookup keeps it too. Platforms without a lookup (Discord's enforced nonce)
 * are idempotent by themselves.
 */
async function lookUp(ctx: DeliveryContext, channelId: string, key: string, parent: MessageRef | null): Promise<MessageRef | null> {
  if (!ctx.outcome.unknown) return null;
  const found = ctx.platform.findMessage ? await ctx.platform.findMessage(channelId, key, parent) : null;
  if (!found) ctx.outcome.unknown = false;
  return found;
}

function replyFor(event: IncidentEvent) {
  switch (event.kind) {
    case 'updated':
      return buildReply(statusLabel(event.status), event.body, event.at, false);
    case 'resolved':
      return buildReply(`Resolved after ${formatDuration(event.durationMs)}`, event.body ?? 'This incident has been resolved.', event.at, true);
    case 'status_changed':
      return buildReply(statusLabel(event.to), `Status changed from ${statusLabel(event.from)} to ${statusLabel(event.to)}.`, event.at, false);
    default:
      // opened, impact_changed, early_warning, refreshed: the edited card says it all.
      return null;
  }
}

async function deliverComponentChange(
  ctx: DeliveryContext,
  row: OutboxRow,
  event: Extract<IncidentEvent, { kind: 'component_changed' }>,
  sub: Subscription,
): Promise<MessageRef | null> {
  // When an open incident already covers the component, refreshing its card is enough.
  const covering = ctx.store.incidents
    .listOpen('statuspage')
    .filter((i) => i.components.some((c) => c.id === event.componentId || c.name === event.componentName));
  const components = ctx.store.components.all();
  let refreshed: MessageRef | null = null;
  for (const incident of covering) {
    const ref = ctx.store.cards.get(incident.key, sub.id);
    if (!ref) continue;
    await ctx.platform.updateCard(ref, buildIncidentCard(incident, { components, notes: ctx.cardNotes(incident) }));
    refreshed = ref;
  }
  if (covering.length > 0) return refreshed;
  // No incident covers it: a standalone notice per episode, edited when the component recovers.
  const cardKey = `component:${event.componentId}`;
  const notice = ctx.store.cards.get(cardKey, sub.id);
  const card = buildComponentCard(event);
  if (event.to !== 'operational') {
    if (notice) {
      await ctx.platform.updateCard(notice, card);
      return notice;
    }
    // Delivered late (backlog, retries) after the component recovered: never announce a
    // past episode. Unless an earlier attempt may have posted it: then find it (Slack) or
    // re-post under the same nonce (Discord returns the existing message), so the
    // recovery row behind this one can close it instead of leaving it open for good.
    const past = ctx.store.components.all().get(event.componentId)?.status === 'operational';
    if (past && !ctx.outcome.unknown) return null;
    if (past && ctx.platform.findMessage) {
      const found = await lookUp(ctx, sub.channelId, idempotencyKey(row), null);
      if (found) ctx.store.cards.save(cardKey, sub.id, found, ctx.now().toISOString());
      return found;
    }
    return postRoot(ctx, row, sub, cardKey, card);
  }
  // Recovery: only worth saying where the degradation was announced on its own.
  if (!notice) return null;
  const key = idempotencyKey(row);
  const already = await lookUp(ctx, notice.channelId, key, notice);
  await ctx.platform.updateCard(notice, card);
  const reply = buildReply('Recovered', card.latestUpdate?.body ?? 'Operational again.', event.at, true);
  const after = already ? notice : await ctx.platform.postReply(notice, reply, key);
  ctx.store.cards.remove(cardKey, sub.id);
  return after;
}

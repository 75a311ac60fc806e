import type { IncidentEvent } from '../incidents/events.js';
import type { Incident } from '../incidents/model.js';
import type { Subscription } from '../incidents/subscription.js';
import type { Card } from '../platforms/card.js';
import type { ChatPlatform, MessageRef } from '../platforms/platform.js';
import type { Store } from '../store/create-store.js';
import { UNKNOWN_OUTCOME, type OutboxRow } from '../store/outbox-table.js';
import { formatDuration } from '../shared/clock.js';
import { statusLabel } from '../incidents/labels.js';
import { buildIncidentCard, buildReply } from './build-card.js';
import { buildComponentCard } from './build-component-card.js';

export interface DeliveryContext {
  store: Store;
  platform: ChatPlatform;
  now: () => Date;
  /** Extra lines for an incident's card (e.g. GitHub report counts). */
  cardNotes: (incident: Incident) => string[];
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
  const incident = ctx.store.incidents.get(event.incidentKey);
  if (!incident) return null; // nothing left to show (should not happen: events reference stored incidents)
  const card = buildIncidentCard(incident, { components: ctx.store.components.all(), notes: ctx.cardNotes(incident) });
  const existing = ctx.store.cards.get(incident.key, sub.id);
  if (!existing && event.kind === 'refreshed') return null; // the card never made it here: nothing to edit
  if (!existing) return postRoot(ctx, row, sub, incident.key, card);

  await ctx.platform.updateCard(existing, card);
  const reply = replyFor(event);
  if (!reply) return existing;
  const key = idempotencyKey(row);
  const already = row.lastErrorCode === UNKNOWN_OUTCOME ? await ctx.platform.findMessage?.(existing.channelId, key, existing) : null;
  const after = already ? existing : await ctx.platform.postReply(existing, reply, key);
  if (after.threadId !== existing.threadId) ctx.store.cards.save(incident.key, sub.id, after, ctx.now().toISOString());
  if (event.kind === 'resolved') await ctx.platform.closeThread?.(after);
  return already ?? after;
}

async function postRoot(ctx: DeliveryContext, row: OutboxRow, sub: Subscription, cardKey: string, card: Card): Promise<MessageRef> {
  const key = idempotencyKey(row);
  // The last attempt may have reached the platform before the process died: adopt that card.
  const adopted = row.lastErrorCode === UNKNOWN_OUTCOME ? await ctx.platform.findMessage?.(sub.channelId, key, null) : null;
  const ref = adopted ?? (await ctx.platform.postCard(sub.channelId, card, key));
  ctx.store.cards.save(cardKey, sub.id, ref, ctx.now().toISOString());
  return ref;
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
    return postRoot(ctx, row, sub, cardKey, card);
  }
  // Recovery: only worth saying where the degradation was announced on its own.
  if (!notice) return null;
  await ctx.platform.updateCard(notice, card);
  const reply = buildReply('Recovered', card.latestUpdate?.body ?? 'Operational again.', event.at, true);
  const after = await ctx.platform.postReply(notice, reply, idempotencyKey(row));
  ctx.store.cards.remove(cardKey, sub.id);
  return after;
}

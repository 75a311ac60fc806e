import type { IncidentEvent } from '../incidents/events.js';
import type { Subscription } from '../incidents/subscription.js';
import type { Card } from '../platforms/card.js';
import type { MessageRef } from '../platforms/platform.js';
import type { OutboxRow } from '../store/outbox-table.js';
import { formatDuration } from '../shared/clock.js';
import { componentStatusLabel, statusLabel } from '../incidents/labels.js';
import { buildIncidentCard, buildReply } from './build-card.js';
import { buildComponentCard } from './build-component-card.js';
import { deliverDigest, deliverReminder } from './deliver-policy-row.js';
import { idempotencyKey, lookUp, type DeliveryContext } from './delivery-context.js';
import { isFlapReopen } from './flap-window.js';
import { pingFor } from '../incidents/route-policy.js';
import type { Mention } from '../incidents/channel-policy.js';
import { impactRank, isMaintenance, type Incident } from '../incidents/model.js';
import { pageOfComponentId, pageOfKey } from '../incidents/page-scope.js';
import type { CurrentCard } from './card-memo.js';

/**
 * Does what one outbox row asks on one channel: post the card if the channel has
 * none yet, otherwise edit it to the current state and thread the update.
 * @returns the message reference this row produced (stored on the row).
 */
export async function deliverRow(ctx: DeliveryContext, row: OutboxRow, event: IncidentEvent, sub: Subscription): Promise<MessageRef | null> {
  if (event.kind === 'component_changed') return deliverComponentChange(ctx, row, event, sub);
  if (event.kind === 'digest') return deliverDigest(ctx, row, event, sub);
  if (event.kind === 'reminder') return deliverReminder(ctx, row, event, sub);
  const current = ctx.currentCard ? ctx.currentCard(row.eventId, event.incidentKey) : buildCurrentCard(ctx, event.incidentKey);
  if (!current) return null; // nothing left to show (should not happen: events reference stored incidents)
  const { incident } = current;
  const mention = pingFor(ctx.policy, incident, ctx.platform.name);
  // The card is shared by every channel of the event: a channel's mention goes on its own copy.
  const card = mention ? { ...current.card, mention } : current.card;
  const existing = ctx.store.cards.get(incident.key, sub.id);
  if (!existing && event.kind === 'refreshed') return null; // the card never made it here: nothing to edit
  if (!existing) {
    // The card's own row was refused for good (or the channel subscribed mid-incident):
    // this update posts the card once, showing the current state, and says so in the log.
    if (event.kind !== 'opened') ctx.logger.warn({ outboxId: row.id, incidentKey: incident.key, kind: event.kind }, 'no card in this channel yet: posting it now');
    return postRoot(ctx, row, sub, incident.key, card);
  }

  const { reply, commit } = flapMark(ctx, incident.key, sub.id, event, replyFor(event, incident) ?? escalation(ctx, event, mention));
  const key = idempotencyKey(row);
  // Look up before the edit: a failed edit must not cost us what we know about the post.
  const already = reply ? await lookUp(ctx, existing.channelId, key, existing) : null;
  await ctx.platform.updateCard(existing, card);
  if (!reply) {
    commit();
    return existing;
  }
  const after = already ? existing : await ctx.platform.postReply(existing, reply, key);
  if (after.threadId !== existing.threadId) ctx.record(() => ctx.store.cards.save(incident.key, sub.id, after, ctx.now().toISOString()));
  commit();
  if (event.kind === 'resolved') {
    ctx.record(() => ctx.store.cards.close(incident.key, sub.id, event.at));
    await closeQuietly(ctx, after);
  }
  return already ?? after;
}

/** Reads the incident and builds its card as it stands now. */
export function buildCurrentCard(ctx: Pick<DeliveryContext, 'store' | 'cardNotes'>, incidentKey: string): CurrentCard | null {
  const incident = ctx.store.incidents.get(incidentKey);
  return incident ? { incident, card: buildIncidentCard(incident, { components: ctx.store.components.all(), notes: ctx.cardNotes(incident) }) } : null;
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
 * An incident that turned serious after its card was posted: the edit pings nobody, so a
 * thread reply says so and carries the channel's mention (only crossing the minimum does).
 */
function escalation(ctx: DeliveryContext, event: IncidentEvent, mention: Mention | null) {
  if (event.kind !== 'impact_changed' || !mention || impactRank(event.from) >= impactRank(ctx.policy.pingMinImpact)) return null;
  return { ...buildReply(`Impact raised to ${event.to}`, `The status page now rates this incident ${event.to} (it was ${event.from ?? 'unrated'}).`, event.at, false), mention };
}

/** A resolved incident that opens again: its card is edited back, and the reply says it reopened. */
function flapMark(ctx: DeliveryContext, cardKey: string, subscriptionId: number, event: IncidentEvent, reply: ReturnType<typeof replyFor>) {
  const state = event.kind === 'resolved' || event.kind === 'refreshed' ? null : ctx.store.cards.state(cardKey, subscriptionId);
  const closedAt = state?.closedAt;
  if (!closedAt) return { reply, commit: () => undefined };
  const flap = isFlapReopen(closedAt, event.at, ctx.policy.flapWindowMinutes);
  // Written once the platform calls went through, so a retried row marks its reply the same way.
  const commit = () => ctx.record(() => ctx.store.cards.reopen(cardKey, subscriptionId, flap, ctx.now().toISOString()));
  if (!flap || !reply) return { reply, commit };
  ctx.onPolicy?.('suppressed');
  return { reply: { ...reply, heading: `Flapping: reopened ${formatDuration(Date.parse(event.at) - Date.parse(closedAt))} after it was resolved · ${reply.heading}` }, commit };
}

/** Posts a root card (adopting one an interrupted attempt left) and remembers it as `cardKey`'s card. */
export async function postRoot(ctx: DeliveryContext, row: OutboxRow, sub: Subscription, cardKey: string, card: Card): Promise<MessageRef> {
  const key = idempotencyKey(row);
  // The last attempt may have reached the platform before the process died: adopt that card.
  const adopted = await lookUp(ctx, sub.channelId, key, null);
  const ref = adopted ?? (await ctx.platform.postCard(sub.channelId, card, key));
  ctx.record(() => ctx.store.cards.save(cardKey, sub.id, ref, ctx.now().toISOString()));
  return ref;
}

function replyFor(event: IncidentEvent, incident: Incident) {
  switch (event.kind) {
    case 'updated':
      return buildReply(statusLabel(event.status), event.body, event.at, false);
    case 'resolved':
      // A maintenance closes as "Completed after 1 h 25 min", or "Cancelled" (it never ran).
      if (incident.status === 'cancelled') return buildReply('Cancelled', event.body ?? 'This maintenance was cancelled.', event.at, true);
      if (isMaintenance(incident)) return buildReply(`${statusLabel(incident.status)} after ${formatDuration(event.durationMs)}`, event.body ?? 'This maintenance has been completed.', event.at, true);
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
    // By name only on the same page: two pages may both have an "API".
    .filter((i) => i.components.some((c) => c.id === event.componentId || (c.name === event.componentName && pageOfKey(i.key) === pageOfComponentId(event.componentId))));
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
  let state = ctx.store.cards.state(cardKey, sub.id);
  // A notice closed longer ago than the flap window is a past episode: the next one posts anew.
  if (state?.closedAt && !isFlapReopen(state.closedAt, event.at, ctx.policy.flapWindowMinutes)) {
    ctx.record(() => ctx.store.cards.remove(cardKey, sub.id));
    state = null;
  }
  const notice = state?.ref ?? null;
  const flaps = state?.flaps ?? 0;
  const card = withFlapNote(buildComponentCard(event), flaps + (state?.closedAt && event.to !== 'operational' ? 1 : 0));
  if (event.to !== 'operational') {
    // Delivered late (backlog, retries) after the component recovered: never announce a past episode.
    const now = ctx.store.components.all().get(event.componentId);
    if ((!notice || state?.closedAt) && now?.status === 'operational') return settleLateNotice(ctx, row, sub, event, cardKey, card, notice);
    if (!notice) return postRoot(ctx, row, sub, cardKey, card);
    if (!state?.closedAt) {
      await ctx.platform.updateCard(notice, card);
      return notice;
    }
    // Flapping: reopened within the window. The card is edited back instead of a new root;
    // the thread hears it once per episode, later flips only edit the card.
    // Written after the platform calls, so a retried row decides the same way.
    const reopened = () => ctx.record(() => ctx.store.cards.reopen(cardKey, sub.id, true, ctx.now().toISOString()));
    const key = idempotencyKey(row);
    const first = flaps === 0;
    const already = first ? await lookUp(ctx, notice.channelId, key, notice) : null;
    await ctx.platform.updateCard(notice, card);
    ctx.onPolicy?.('suppressed');
    if (!first) {
      reopened();
      return notice;
    }
    const gap = formatDuration(Date.parse(event.at) - Date.parse(state.closedAt));
    const reply = buildReply('Flapping', `${event.componentName} is ${componentStatusLabel(event.to).toLowerCase()} again, ${gap} after it recovered. This card follows it; further flips within ${formatDuration(ctx.policy.flapWindowMinutes * 60_000)} only edit the card.`, event.at, false);
    const after = already ?? (await ctx.platform.postReply(notice, reply, key));
    reopened();
    return after;
  }
  // Recovery: only worth saying where the degradation was announced on its own.
  if (!notice || state?.closedAt) return null;
  const key = idempotencyKey(row);
  const already = flaps === 0 ? await lookUp(ctx, notice.channelId, key, notice) : null;
  await ctx.platform.updateCard(notice, card);
  let after = notice;
  if (flaps > 0) ctx.onPolicy?.('suppressed'); // mid-flapping: the edited card says it, the thread already knows
  else after = already ?? (await ctx.platform.postReply(notice, buildReply('Recovered', card.latestUpdate?.body ?? 'Operational again.', event.at, true), key));
  // Kept (closed) for the flap window, so a reopen edits it back instead of posting a new root.
  if (ctx.policy.flapWindowMinutes > 0) ctx.record(() => ctx.store.cards.close(cardKey, sub.id, event.at));
  else ctx.record(() => ctx.store.cards.remove(cardKey, sub.id));
  return after;
}

/**
 * A degradation delivered after the component recovered again. Normally nothing is said.
 * But an earlier attempt of this row may already have reached the platform (a crash, a
 * timeout, a 5xx after the post was stored): then the channel must not be left with a card
 * that shows a degradation nothing will close. A new notice is adopted (Slack looks it up;
 * Discord's enforced nonce answers with the message it stored) so the recovery row closes
 * it; a reopened notice is edited back to operational.
 */
async function settleLateNotice(
  ctx: DeliveryContext,
  row: OutboxRow,
  sub: Subscription,
  event: Extract<IncidentEvent, { kind: 'component_changed' }>,
  cardKey: string,
  card: Card,
  notice: MessageRef | null,
): Promise<MessageRef | null> {
  const mayHaveReached = ctx.outcome.unknown || row.attempts > 0;
  if (!mayHaveReached) return null;
  if (notice) {
    await ctx.platform.updateCard(notice, buildComponentCard({ ...event, from: event.to, to: 'operational' }));
    return notice;
  }
  if (ctx.platform.findMessage) {
    const found = await lookUp(ctx, sub.channelId, idempotencyKey(row), null);
    if (found) ctx.record(() => ctx.store.cards.save(cardKey, sub.id, found, ctx.now().toISOString()));
    return found;
  }
  return postRoot(ctx, row, sub, cardKey, card);
}

function withFlapNote(card: Card, flaps: number): Card {
  return flaps > 0 ? { ...card, notes: [...card.notes, `Flapping: reopened ${flaps === 1 ? 'once' : `${flaps} times`} within the flap window`] } : card;
}

import type { IncidentEvent } from '../incidents/events.js';
import { statusLabel } from '../incidents/labels.js';
import { isResolvedStatus } from '../incidents/model.js';
import type { Subscription } from '../incidents/subscription.js';
import type { Card } from '../platforms/card.js';
import type { MessageRef } from '../platforms/platform.js';
import type { OutboxRow } from '../store/outbox-table.js';
import { formatDuration, formatUtc } from '../shared/clock.js';
import { buildReply } from './build-card.js';
import { idempotencyKey, lookUp, type DeliveryContext } from './delivery-context.js';

/**
 * A reminder that an official incident is still open: a reply in its card's thread,
 * never a new root. Nothing is said where the card never arrived or the incident
 * resolved since the reminder was queued.
 */
export async function deliverReminder(ctx: DeliveryContext, row: OutboxRow, event: Extract<IncidentEvent, { kind: 'reminder' }>, sub: Subscription): Promise<MessageRef | null> {
  const incident = ctx.store.incidents.get(event.incidentKey);
  const card = ctx.store.cards.get(event.incidentKey, sub.id);
  if (!incident || !card || isResolvedStatus(incident.status)) return null;
  const latest = incident.updates.at(-1);
  const open = formatDuration(Date.parse(event.at) - Date.parse(incident.createdAt));
  const body = `Still open after ${open}, status ${statusLabel(incident.status)}${latest ? `; last update ${formatUtc(latest.at)}` : ''}.`;
  const key = idempotencyKey(row);
  const already = await lookUp(ctx, card.channelId, key, card);
  const ref = already ?? (await ctx.platform.postReply(card, buildReply('Reminder', body, event.at, false), key));
  ctx.onPolicy?.('reminded');
  return ref;
}

/** What quiet hours held back, as one root message after they end (not a card later events edit). */
export async function deliverDigest(ctx: DeliveryContext, row: OutboxRow, event: Extract<IncidentEvent, { kind: 'digest' }>, sub: Subscription): Promise<MessageRef | null> {
  if (event.lines.length === 0) return null;
  const key = idempotencyKey(row);
  const adopted = await lookUp(ctx, sub.channelId, key, null);
  const ref = adopted ?? (await ctx.platform.postCard(sub.channelId, digestCard(event), key));
  ctx.onPolicy?.('digest_sent');
  return ref;
}

function digestCard(event: Extract<IncidentEvent, { kind: 'digest' }>): Card {
  const count = event.lines.length;
  return {
    kind: 'component',
    key: `digest:${event.subscriptionId}@${event.at}`,
    title: `During quiet hours: ${count} minor ${count === 1 ? 'event' : 'events'}`,
    url: null,
    impact: 'minor',
    status: 'digest',
    statusLabel: 'Digest',
    resolved: false,
    components: [],
    latestUpdate: { statusLabel: 'Digest', body: event.lines.map((l) => `• ${l}`).join('\n'), at: event.at },
    startedAt: event.since,
    resolvedAt: null,
    durationText: null,
    notes: ['Minor events wait for this digest during quiet hours; major and critical ones are posted at once.'],
    links: [],
  };
}

import type { IncidentEvent } from '../incidents/events.js';
import { componentStatusLabel, statusLabel } from '../incidents/labels.js';
import { durationOf } from '../incidents/maintenance.js';
import { isMaintenance, isResolvedStatus } from '../incidents/model.js';
import { firstReminderAt, reminderDecision } from '../incidents/route-policy.js';
import { formatDuration, formatUtc } from '../shared/clock.js';
import type { Store } from './create-store.js';
import type { PolicyTimer } from './policy-timers-table.js';

/** What one check of the due timers did. */
export interface FiredTimers {
  reminders: number;
  digests: number;
  /** Delayed degradations that had lasted long enough and were queued. */
  settled: number;
  /** Delayed degradations over before their minimum duration: never posted. */
  suppressed: number;
}

/**
 * Turns due policy timers into outbox rows, in one transaction, so each reminder or
 * digest is one row with its own idempotency key (exactly-once like every post).
 * Called from the outbox worker's loop: a restart finds the same due times in the database.
 */
export function firePolicyTimers(store: Store, now: Date, limit = 100): FiredTimers {
  const at = now.toISOString();
  const fired: FiredTimers = { reminders: 0, digests: 0, settled: 0, suppressed: 0 };
  // Most runs find nothing due: one indexed read, no transaction.
  if (store.timers.due(at, 1).length === 0) return fired;
  return store.transaction(() => {
    for (const timer of store.timers.due(at, limit)) {
      if (timer.kind === 'reminder') fireReminder(store, timer, now, fired);
      else if (timer.kind === 'digest') fireDigest(store, timer, now, fired);
      else fireSettle(store, timer, now, fired);
    }
    return fired;
  });
}

function fireReminder(store: Store, timer: PolicyTimer, now: Date, fired: FiredTimers): void {
  const incident = store.incidents.get(timer.subject);
  const sub = store.subscriptions.get(timer.subscriptionId);
  const policy = store.policies.get(timer.subscriptionId);
  if (!incident || !sub?.enabled || isResolvedStatus(incident.status) || policy.remindMinutes <= 0) {
    return store.timers.remove(timer.subscriptionId, 'reminder', timer.subject);
  }
  const decision = reminderDecision(policy, incident, now);
  if (decision.post) {
    const number = timer.fired + 1;
    const event: IncidentEvent = { kind: 'reminder', dedupKey: `remind:${incident.key}:${sub.id}#${number}`, incidentKey: incident.key, at: now.toISOString(), subscriptionId: sub.id, number };
    const id = store.events.insert(event, now.toISOString());
    if (id !== null) store.outbox.enqueue(id, sub.id, incident.key, now.toISOString());
    fired.reminders += 1;
    store.timers.reschedule(timer, decision.nextAt, number);
  } else {
    store.timers.reschedule(timer, decision.nextAt, timer.fired);
  }
}

function fireSettle(store: Store, timer: PolicyTimer, now: Date, fired: FiredTimers): void {
  store.timers.remove(timer.subscriptionId, 'settle', timer.subject);
  const stored = store.events.get(Number(timer.subject));
  const event = stored?.event;
  if (!stored || event?.kind !== 'component_changed') return;
  const current = store.components.all().get(event.componentId);
  if (!current || current.status === 'operational') {
    fired.suppressed += 1;
    return;
  }
  store.outbox.enqueue(stored.id, timer.subscriptionId, null, now.toISOString());
  fired.settled += 1;
}

/**
 * After quiet hours: one digest row with a line per incident or component that was held,
 * then the card of each held incident that is still open (so its later updates thread under it).
 */
function fireDigest(store: Store, timer: PolicyTimer, now: Date, fired: FiredTimers): void {
  const at = now.toISOString();
  store.timers.remove(timer.subscriptionId, 'digest', '');
  const sub = store.subscriptions.get(timer.subscriptionId);
  const heldIds = store.timers.held(timer.subscriptionId);
  store.timers.releaseHeld(timer.subscriptionId);
  if (!sub?.enabled || heldIds.length === 0) return;
  const held = heldIds.flatMap((id) => {
    const stored = store.events.get(id);
    return stored ? [stored] : [];
  });
  const lines: string[] = [];
  const openCards: number[] = [];
  const seen = new Set<string>();
  for (const { id, event } of held) {
    const subject = event.incidentKey ?? (event.kind === 'component_changed' ? `component:${event.componentId}` : '');
    if (seen.has(subject)) continue;
    seen.add(subject);
    // It turned serious while held and went out then: the channel already has its card.
    if (event.incidentKey !== null && store.outbox.hasRowsFor(event.incidentKey, sub.id)) continue;
    if (event.kind === 'component_changed') {
      const steps = held.flatMap((h) => (h.event.kind === 'component_changed' && h.event.componentId === event.componentId ? [`${componentStatusLabel(h.event.to).toLowerCase()} ${formatUtc(h.event.at)}`] : []));
      lines.push(`${event.componentName}: ${steps.join(', then ')}`);
      continue;
    }
    const incident = event.incidentKey ? store.incidents.get(event.incidentKey) : null;
    if (!incident) continue;
    const resolved = isResolvedStatus(incident.status);
    // A maintenance is timed from its real start, and a cancelled one has no duration.
    const lasted = resolved ? durationOf(incident) : null;
    const duration = !resolved ? `, still ${statusLabel(incident.status).toLowerCase()}` : lasted === null ? `, ${statusLabel(incident.status).toLowerCase()}` : `, ${isMaintenance(incident) ? statusLabel(incident.status).toLowerCase() : 'resolved'} after ${formatDuration(lasted)}`;
    const kind = incident.source === 'github' ? 'early warning' : `impact ${incident.impact ?? 'unknown'}`;
    lines.push(`${incident.name} (${kind}) since ${formatUtc(incident.createdAt)}${duration}`);
    if (!resolved) openCards.push(id);
  }
  if (lines.length === 0) return;
  const digest: IncidentEvent = { kind: 'digest', dedupKey: `digest:${sub.id}@${timer.dueAt}`, incidentKey: null, at, subscriptionId: sub.id, since: held[0]?.event.at ?? at, lines };
  const digestId = store.events.insert(digest, at);
  if (digestId === null) return;
  store.outbox.enqueue(digestId, sub.id, null, at);
  fired.digests += 1;
  const policy = store.policies.get(sub.id);
  for (const id of openCards) {
    const event = store.events.get(id)?.event;
    if (!event?.incidentKey) continue;
    store.outbox.enqueue(id, sub.id, event.incidentKey, at);
    const remindAt = firstReminderAt(policy, store.incidents.get(event.incidentKey), at);
    if (remindAt !== null) store.timers.add(sub.id, 'reminder', event.incidentKey, remindAt);
  }
}

import type { IncidentEvent } from '../incidents/events.js';
import type { Incident } from '../incidents/model.js';
import { firstReminderAt, routeByPolicy } from '../incidents/route-policy.js';
import { wantsEvent } from '../incidents/subscription.js';
import type { Store } from './create-store.js';

/**
 * Stores events (a repeat of a known dedup key is dropped) and enqueues one
 * outbox row per (new event, channel that wants it). Call inside a transaction.
 * A channel that already has a card for the incident gets every later event,
 * so its card is always brought to resolution. The channel's alert policy routes each
 * row: sent now, held for the quiet-hours digest, or left to settle (minimum duration);
 * an official incident that opens gets its reminder timer.
 * @returns the events that were new.
 */
export function recordEvents(store: Store, events: IncidentEvent[], incidents: ReadonlyMap<string, Incident>, at: string): IncidentEvent[] {
  const fresh: IncidentEvent[] = [];
  const subscriptions = store.subscriptions.listEnabled();
  for (const event of events) {
    const id = store.events.insert(event, at);
    if (id === null) continue;
    fresh.push(event);
    const incident = event.incidentKey === null ? null : (incidents.get(event.incidentKey) ?? store.incidents.get(event.incidentKey));
    for (const sub of subscriptions) {
      const following = event.incidentKey !== null && store.outbox.hasRowsFor(event.incidentKey, sub.id);
      // A refresh only edits cards that exist; it never opens one.
      const wanted = event.kind !== 'refreshed' && wantsEvent(sub, event, incident);
      if (!following && !wanted) continue;
      const policy = store.policies.get(sub.id);
      const route = routeByPolicy(policy, event, incident, following, new Date(at));
      if (route.kind === 'hold') {
        store.timers.hold(sub.id, id, at);
        store.timers.add(sub.id, 'digest', '', route.digestAt);
        continue;
      }
      if (route.kind === 'settle') {
        store.timers.add(sub.id, 'settle', String(id), route.dueAt);
        continue;
      }
      store.outbox.enqueue(id, sub.id, event.incidentKey, at);
      const remindAt = event.incidentKey !== null && event.kind !== 'resolved' ? firstReminderAt(policy, incident, at) : null;
      if (remindAt !== null && event.incidentKey !== null) store.timers.add(sub.id, 'reminder', event.incidentKey, remindAt);
    }
    // Resolved: no more reminders anywhere.
    if (event.kind === 'resolved') store.timers.removeForSubject('reminder', event.incidentKey);
  }
  return fresh;
}

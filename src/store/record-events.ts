import type { IncidentEvent } from '../incidents/events.js';
import type { Incident } from '../incidents/model.js';
import { wantsEvent } from '../incidents/subscription.js';
import type { Store } from './create-store.js';

/**
 * Stores events (a repeat of a known dedup key is dropped) and enqueues one
 * outbox row per (new event, channel that wants it). Call inside a transaction.
 * A channel that already has a card for the incident gets every later event,
 * so its card is always brought to resolution.
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
      if (following || wanted) store.outbox.enqueue(id, sub.id, event.incidentKey, at);
    }
  }
  return fresh;
}

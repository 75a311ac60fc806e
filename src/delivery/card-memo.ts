import type { Incident } from '../incidents/model.js';
import type { Card } from '../platforms/card.js';

export interface CurrentCard {
  incident: Incident;
  card: Card;
}

/**
 * The current card of an incident, built once per event for a fan-out: the rows of one
 * event (one per channel) within `ttlMs` share it instead of each reading the incident and
 * building it again. A card up to `ttlMs` old is safe: a newer state is a newer event,
 * whose rows come later in every channel's lane and edit the card again.
 */
export function createCardMemo(build: (incidentKey: string) => CurrentCard | null, ttlMs = 1_000, max = 64) {
  const entries = new Map<number, { until: number; value: CurrentCard | null }>();
  return (eventId: number, incidentKey: string): CurrentCard | null => {
    const now = performance.now();
    const hit = entries.get(eventId);
    if (hit && hit.until > now) return hit.value;
    const value = build(incidentKey);
    entries.delete(eventId);
    entries.set(eventId, { until: now + ttlMs, value });
    if (entries.size > max) entries.delete(entries.keys().next().value!);
    return value;
  };
}

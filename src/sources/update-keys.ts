import type { IncidentUpdate } from '../incidents/model.js';

/** An update before it has its stable key. */
export type UnkeyedUpdate = Omit<IncidentUpdate, 'key'>;

/** `2026-10-07T21:23`: the feed shows minutes only, so keys are built from the UTC minute. */
export const utcMinute = (iso: string): string => new Date(iso).toISOString().slice(0, 16);

/**
 * Sorts updates oldest first and gives each its stable key
 * `<incidentKey>@<UTC minute>#<n>`, n counting (from 0, oldest first) the updates of
 * this incident that share that minute. JSON and feed agree because both see the same
 * displayed minute and the same order.
 */
export function keyUpdates(incidentKey: string, updates: UnkeyedUpdate[]): IncidentUpdate[] {
  const sorted = updates
    .map((update, index) => ({ update, index, ms: Date.parse(update.at) }))
    // Ties keep input order, which callers give oldest first.
    .sort((a, b) => a.ms - b.ms || a.index - b.index)
    .map(({ update }) => update);
  const seen = new Map<string, number>();
  return sorted.map((update) => {
    const minute = utcMinute(update.at);
    const n = seen.get(minute) ?? 0;
    seen.set(minute, n + 1);
    return { key: `${incidentKey}@${minute}#${n}`, ...update };
  });
}

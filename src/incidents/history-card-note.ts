import { formatDuration, type Clock } from '../shared/clock.js';
import { periodStart, type PastIncident } from './history-model.js';
import { durationMs, median, shareShorter } from './history-stats.js';
import { isResolvedStatus, type Incident } from './model.js';

export interface DurationNoteOptions {
  readHistory: (since: string, until: string) => PastIncident[];
  clock: Clock;
  /** Days compared with. */
  days?: number;
}

/**
 * A resolved card's line comparing its duration with the period's incidents, e.g.
 * "Longer than 80 % of the last 90 days' incidents (median 1 h 19 min)". Nothing while
 * open, for GitHub warnings, or with fewer than five incidents to compare with.
 */
export function createDurationNote({ readHistory, clock, days = 90 }: DurationNoteOptions): (incident: Incident) => string[] {
  return (incident) => {
    if (incident.source !== 'statuspage' || !isResolvedStatus(incident.status)) return [];
    const ms = durationMs({ ...incident, components: [] });
    if (ms === null) return [];
    const now = clock.now();
    const others = readHistory(periodStart(now, days).toISOString(), now.toISOString())
      .filter((other) => other.key !== incident.key)
      .flatMap((other) => {
        const d = durationMs(other);
        return d === null ? [] : [d];
      });
    const shorter = shareShorter(ms, others);
    const mid = median(others);
    if (shorter === null || mid === null) return [];
    const tail = `of the last ${days} days' incidents (median ${formatDuration(mid)})`;
    if (shorter >= 50) return [`Longer than ${shorter} % ${tail}.`];
    const longer = Math.round((100 * others.filter((o) => o > ms).length) / others.length);
    return [`Shorter than ${longer} % ${tail}.`];
  };
}

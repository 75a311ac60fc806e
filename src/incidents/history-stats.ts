import { IMPACT_LEVELS, NOT_STATED, levelOf, type ImpactLevel, type PastIncident } from './history-model.js';

/** The numbers behind `/claude-incidents`: pure, from the incidents and the period alone. */
export interface HistoryStats {
  since: string;
  until: string;
  total: number;
  byImpact: Record<ImpactLevel, number>;
  open: number;
  /** Incidents with a measurable duration (resolved, and not opened and closed in the same minute). */
  timed: number;
  medianMs: number | null;
  longest: { incident: PastIncident; ms: number } | null;
  /** Time each component spent in an incident within the period, overlaps counted once; longest first. */
  components: Array<{ name: string; incidents: number; degradedMs: number }>;
  /** Newest first. */
  recent: PastIncident[];
}

/**
 * A resolved incident's duration, or null when it has none worth counting: still open, or
 * posted already resolved (same minute), which on Statuspage means it was written up after the fact.
 */
export function durationMs(incident: PastIncident): number | null {
  if (incident.resolvedAt === null) return null;
  const ms = Date.parse(incident.resolvedAt) - Date.parse(incident.createdAt);
  return Number.isFinite(ms) && ms >= 60_000 ? ms : null;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Total length of the union of [start, end) intervals. */
function unionMs(intervals: Array<[number, number]>): number {
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [s, e] of [...intervals].sort((a, b) => a[0] - b[0])) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

export const componentsOf = (incident: PastIncident): string[] => (incident.components.length > 0 ? incident.components : [NOT_STATED]);

/**
 * Statistics for the incidents that started in [since, until]. Open incidents count as
 * degraded up to `until`; durations use resolved incidents only.
 */
export function computeHistoryStats(incidents: readonly PastIncident[], since: Date, until: Date, recentCount = 5): HistoryStats {
  const from = since.getTime();
  const to = until.getTime();
  const inPeriod: Array<{ incident: PastIncident; start: number; end: number | null }> = [];
  for (const incident of incidents) {
    // Each date parsed once: at thousands of incidents this is most of the time spent.
    const start = Date.parse(incident.createdAt);
    if (!(start >= from && start <= to)) continue; // NaN (an unreadable date) is left out too
    inPeriod.push({ incident, start, end: incident.resolvedAt === null ? null : Date.parse(incident.resolvedAt) });
  }
  const byImpact = Object.fromEntries(IMPACT_LEVELS.map((level) => [level, 0])) as Record<ImpactLevel, number>;
  const timed: Array<{ incident: PastIncident; ms: number }> = [];
  const intervals = new Map<string, { count: number; spans: Array<[number, number]> }>();
  for (const { incident, start, end: resolved } of inPeriod) {
    byImpact[levelOf(incident.impact)] += 1;
    const ms = resolved === null ? null : resolved - start;
    if (ms !== null && ms >= 60_000) timed.push({ incident, ms });
    const end = Math.min(to, resolved ?? to);
    for (const name of new Set(componentsOf(incident))) {
      const entry = intervals.get(name) ?? { count: 0, spans: [] };
      entry.count += 1;
      if (end > start) entry.spans.push([start, end]);
      intervals.set(name, entry);
    }
  }
  const longest = timed.reduce<{ incident: PastIncident; ms: number } | null>((best, t) => (best === null || t.ms > best.ms ? t : best), null);
  const components = [...intervals.entries()]
    .map(([name, entry]) => ({ name, incidents: entry.count, degradedMs: unionMs(entry.spans) }))
    .sort((a, b) => b.degradedMs - a.degradedMs || a.name.localeCompare(b.name));
  return {
    since: since.toISOString(),
    until: until.toISOString(),
    total: inPeriod.length,
    byImpact,
    open: inPeriod.filter((i) => i.end === null).length,
    timed: timed.length,
    medianMs: median(timed.map((t) => t.ms)),
    longest,
    components,
    // Plain comparison: ISO 8601 UTC strings sort as time, and localeCompare is slow at thousands.
    recent: inPeriod
      .map((i) => i.incident)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .slice(0, recentCount),
  };
}

/**
 * Where a duration falls among others: the share (0-100, rounded) of `others` strictly
 * shorter. Null with fewer than `minimum` others: too few to compare with.
 */
export function shareShorter(ms: number, others: readonly number[], minimum = 5): number | null {
  if (others.length < minimum) return null;
  return Math.round((100 * others.filter((o) => o < ms).length) / others.length);
}

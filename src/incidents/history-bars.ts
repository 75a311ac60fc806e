import { DAY_MS, NOT_STATED, levelOf, worse, type ImpactLevel, type PastIncident } from './history-model.js';
import { componentsOf } from './history-stats.js';

/** One row of uptime bars: the worst impact of each day (null = no incident that day). */
export interface DayRow {
  component: string;
  days: Array<ImpactLevel | null>;
}

/** Incidents that started in one week of the period, by impact. */
export interface WeekCount {
  /** First day of the week, YYYY-MM-DD. */
  start: string;
  byImpact: Record<ImpactLevel, number>;
}

/** The chart's data, pure. */
export interface HistoryBars {
  /** The days, YYYY-MM-DD, oldest first. */
  days: string[];
  rows: DayRow[];
  weeks: WeekCount[];
}

const ymd = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Rows for `components` (in that order; a row for incidents that name none is added when
 * there are some), one bar per UTC day from `since` for `days` days, coloured by the worst
 * impact of any incident open that day; plus incident counts per 7-day week.
 */
export function buildHistoryBars(incidents: readonly PastIncident[], components: readonly string[], since: Date, days: number, until: Date): HistoryBars {
  const from = since.getTime();
  const to = until.getTime();
  const names = [...components];
  const rows = new Map<string, DayRow>(names.map((name) => [name, { component: name, days: Array<ImpactLevel | null>(days).fill(null) }]));
  const weeks: WeekCount[] = [];
  for (let start = 0; start < days; start += 7) {
    weeks.push({ start: ymd(from + start * DAY_MS), byImpact: { critical: 0, major: 0, minor: 0, none: 0, unknown: 0 } });
  }
  for (const incident of incidents) {
    const start = Date.parse(incident.createdAt);
    const end = incident.resolvedAt === null ? to : Date.parse(incident.resolvedAt);
    if (end < from || start > to) continue;
    const level = levelOf(incident.impact);
    if (start >= from) {
      const week = weeks[Math.floor((start - from) / (7 * DAY_MS))];
      if (week) week.byImpact[level] += 1;
    }
    const first = Math.max(0, Math.floor((start - from) / DAY_MS));
    const last = Math.min(days - 1, Math.floor((Math.min(end, to) - from) / DAY_MS));
    for (const name of componentsOf(incident)) {
      let row = rows.get(name);
      if (!row && name === NOT_STATED) {
        row = { component: NOT_STATED, days: Array<ImpactLevel | null>(days).fill(null) };
        rows.set(NOT_STATED, row);
      }
      if (!row) continue;
      for (let day = first; day <= last; day += 1) row.days[day] = row.days[day] == null ? level : worse(row.days[day]!, level);
    }
  }
  return { days: Array.from({ length: days }, (_, i) => ymd(from + i * DAY_MS)), rows: [...rows.values()], weeks };
}

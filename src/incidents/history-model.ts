import type { Impact, Incident } from './model.js';

/** One past (or still open) status page incident, as the history answer reads it. */
export interface PastIncident {
  key: string;
  name: string;
  /** null when only the feed knew the incident (feeds never say impact). */
  impact: Impact | null;
  url: string | null;
  createdAt: string;
  /** null while it is open. */
  resolvedAt: string | null;
  /** Component names; empty when the source did not say. */
  components: string[];
}

/** The periods /claude-incidents answers for, in days. */
export const HISTORY_PERIODS = [7, 30, 90] as const;
export type HistoryPeriod = (typeof HISTORY_PERIODS)[number];

/** What a day bar or an impact count is coloured by: `unknown` = the source did not say. */
export type ImpactLevel = 'critical' | 'major' | 'minor' | 'none' | 'unknown';
export const IMPACT_LEVELS: readonly ImpactLevel[] = ['critical', 'major', 'minor', 'none', 'unknown'];

export const levelOf = (impact: Impact | null): ImpactLevel =>
  impact === null || impact === 'maintenance' ? 'unknown' : impact;

const LEVEL_RANK: Record<ImpactLevel, number> = { none: 0, unknown: 1, minor: 2, major: 3, critical: 4 };

/** The worse of two levels; an unknown impact ranks just above `none`. */
export const worse = (a: ImpactLevel, b: ImpactLevel): ImpactLevel => (LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b);

/** Incidents that name no component are counted under this name. */
export const NOT_STATED = 'Component not stated';

export const DAY_MS = 86_400_000;

/** The first instant of the period: midnight UTC, `days - 1` days before `now`'s day. */
export function periodStart(now: Date, days: number): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

/** A stored or parsed incident as the history answer reads it (components by name, updates' too). */
export function pastIncidentOf(incident: Incident): PastIncident {
  const components = [...new Set([...incident.components.map((c) => c.name), ...incident.updates.flatMap((u) => u.affectedComponents)])];
  return { key: incident.key, name: incident.name, impact: incident.impact, url: incident.url, createdAt: incident.createdAt, resolvedAt: incident.resolvedAt, components };
}

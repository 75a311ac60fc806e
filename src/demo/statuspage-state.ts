/**
 * The state the fake Statuspage serves, in the Statuspage API v2 wire shape (snake_case),
 * so a test or the demo can write an incident exactly as the real page would publish it.
 * @see https://developer.statuspage.io/
 * @see https://metastatuspage.com/api#incidents
 */

/** `page` as in every /api/v2 document. */
export interface StatuspagePage {
  id: string;
  name: string;
  /** Public URL used in links; defaults to the fake server's own URL. */
  url?: string;
  time_zone?: string;
  updated_at: string;
}

/** An entry of `components`. */
export interface StatuspageComponent {
  id: string;
  name: string;
  /** operational | degraded_performance | partial_outage | major_outage | under_maintenance */
  status: string;
  position: number;
  group?: boolean;
  group_id?: string | null;
  description?: string | null;
  created_at?: string;
  updated_at?: string;
}

/** An entry of `incident_updates`. */
export interface StatuspageUpdate {
  id: string;
  /** investigating | identified | monitoring | resolved | postmortem (or a maintenance status) */
  status: string;
  body: string;
  created_at: string;
  display_at: string;
  updated_at?: string;
  affected_components?: Array<{ code: string; name: string; old_status: string; new_status: string }> | null;
}

/** An incident or a scheduled maintenance. */
export interface StatuspageIncident {
  id: string;
  name: string;
  status: string;
  /** none | minor | major | critical | maintenance */
  impact: string;
  created_at: string;
  updated_at: string;
  started_at?: string;
  monitoring_at?: string | null;
  resolved_at: string | null;
  shortlink?: string;
  scheduled_for?: string | null;
  scheduled_until?: string | null;
  /** Newest first, as the API lists them. */
  incident_updates: StatuspageUpdate[];
  components: StatuspageComponent[];
}

/** Everything the page shows at one moment. */
export interface StatuspageState {
  page: StatuspagePage;
  /** Derived from components and open incidents when omitted. */
  status?: { indicator: string; description: string };
  components: StatuspageComponent[];
  /** Resolved ones included; summary.json shows only the unresolved. */
  incidents: StatuspageIncident[];
  scheduled_maintenances?: StatuspageIncident[];
}

const RESOLVED = new Set(['resolved', 'postmortem', 'completed']);
export const isOpen = (incident: StatuspageIncident): boolean => !RESOLVED.has(incident.status);

const INDICATOR_RANK: Record<string, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };
const DESCRIPTIONS: Record<string, string> = {
  none: 'All Systems Operational',
  maintenance: 'Service Under Maintenance',
  minor: 'Partially Degraded Service',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
};
const COMPONENT_INDICATOR: Record<string, string> = {
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
  under_maintenance: 'maintenance',
};

/** The page indicator the way Statuspage rolls it up: the worst open incident or component. */
export function pageStatusOf(state: StatuspageState): { indicator: string; description: string } {
  if (state.status) return state.status;
  const candidates = [
    ...state.incidents.filter(isOpen).map((incident) => incident.impact),
    ...(state.scheduled_maintenances ?? []).filter((m) => m.status === 'in_progress' || m.status === 'verifying').map(() => 'maintenance'),
    ...state.components.map((component) => COMPONENT_INDICATOR[component.status] ?? 'none'),
  ];
  const indicator = candidates.reduce(
    (worst, next) => ((INDICATOR_RANK[next] ?? 0) > (INDICATOR_RANK[worst] ?? 0) ? next : worst),
    'none',
  );
  return { indicator, description: DESCRIPTIONS[indicator] ?? indicator };
}

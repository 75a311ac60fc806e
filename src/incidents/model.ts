/**
 * The normalized incident model every source produces and every other module reads.
 * Values follow the Statuspage API v2 vocabulary.
 * @see https://developer.statuspage.io/
 */

export const IMPACTS = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export type Impact = (typeof IMPACTS)[number];

export const INCIDENT_STATUSES = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'postmortem',
  // scheduled maintenances
  'scheduled',
  'in_progress',
  'verifying',
  'completed',
  // ours, not the vendor's: a scheduled maintenance the page removed before its window ended
  'cancelled',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** Where an incident was seen. GitHub early warnings are incidents of their own kind. */
export type SourceKind = 'statuspage' | 'github';

export interface IncidentUpdate {
  /**
   * Stable across sources: `<incidentKey>@<UTC minute>#<n>` where n orders updates
   * that share a minute. The JSON API and the feed agree on it (the feed has minutes only).
   */
  key: string;
  status: IncidentStatus;
  /** Plain text, never HTML. Untrusted: platforms neutralise mentions when rendering. */
  body: string;
  /** ISO 8601, UTC. */
  at: string;
  /** Component names this update lists as affected, when the source says. */
  affectedComponents: string[];
}

export interface AffectedComponent {
  id: string | null;
  name: string;
}

export interface Incident {
  /** Stable identity, e.g. `statuspage:vmys9qn874h4` (the code in /incidents/<code>). */
  key: string;
  source: SourceKind;
  name: string;
  status: IncidentStatus;
  /** null when the source does not say (the Atom/RSS feed never does). */
  impact: Impact | null;
  url: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  components: AffectedComponent[];
  /** Oldest first. */
  updates: IncidentUpdate[];
  /** Scheduled maintenances only: the announced window (ISO 8601, UTC); absent or null otherwise. */
  scheduledFor?: string | null;
  scheduledUntil?: string | null;
}

export interface ComponentState {
  id: string;
  name: string;
  status: ComponentStatus;
  /** Group components (containers) are kept out of alerts and listings. */
  group: boolean;
  position: number;
}

export interface PageStatus {
  name: string;
  url: string;
  /** none | minor | major | critical (Statuspage page indicator). */
  indicator: string;
  description: string;
}

/** What one successful poll of a source saw. */
export interface Snapshot {
  sourceId: string;
  fetchedAt: string;
  page: PageStatus | null;
  /** null when this source cannot see components (feeds): "unknown", not "none". */
  components: ComponentState[] | null;
  incidents: Incident[];
}

export const isResolvedStatus = (status: IncidentStatus): boolean =>
  status === 'resolved' || status === 'postmortem' || status === 'completed' || status === 'cancelled';

/** Maintenances have their own lifecycle and switch; they are never an outage. */
export const isMaintenance = (incident: Pick<Incident, 'impact'>): boolean => incident.impact === 'maintenance';

const IMPACT_RANK: Record<Impact, number> = { none: 0, maintenance: 0, minor: 1, major: 2, critical: 3 };

/** Orders impacts for "minimum impact" filters. Unknown impact ranks as minor. */
export const impactRank = (impact: Impact | null): number => (impact === null ? 1 : IMPACT_RANK[impact]);

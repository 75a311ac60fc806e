import {
  COMPONENT_STATUSES,
  IMPACTS,
  INCIDENT_STATUSES,
  type ComponentStatus,
  type Impact,
  type IncidentStatus,
} from '../incidents/model.js';

/**
 * Maps the strings Statuspage (and look-alikes such as incident.io) put in status fields
 * onto the model's enums. Unknown values never throw: each mapper says what it falls back to.
 * @see https://developer.statuspage.io/#tag/incidents
 */

/** "In progress", "in-progress", "IN_PROGRESS" → "in_progress". */
const normalize = (raw: string): string => raw.trim().toLowerCase().replace(/[\s-]+/g, '_');

const includes = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** A known incident or maintenance status, or null for anything else (including "update"). */
export function toIncidentStatus(raw: string | null | undefined): IncidentStatus | null {
  if (!raw) return null;
  const value = normalize(raw);
  return includes(INCIDENT_STATUSES, value) ? value : null;
}

/** null when the source does not say or says something we don't know. */
export function toImpact(raw: string | null | undefined): Impact | null {
  if (!raw) return null;
  const value = normalize(raw);
  return includes(IMPACTS, value) ? value : null;
}

const COMPONENT_ALIASES: Record<string, ComponentStatus> = {
  full_outage: 'major_outage',
  outage: 'major_outage',
  degraded: 'degraded_performance',
  maintenance: 'under_maintenance',
};

/**
 * Unknown component statuses become `degraded_performance`: a state we can't read is not
 * "operational", but it is no reason to announce an outage either.
 */
export function toComponentStatus(raw: string | null | undefined): ComponentStatus {
  if (!raw) return 'operational';
  const value = normalize(raw);
  if (includes(COMPONENT_STATUSES, value)) return value;
  return COMPONENT_ALIASES[value] ?? 'degraded_performance';
}

import { errorClassLabel } from './error-class.js';
import type { IncidentEvent } from './events.js';
import type { Incident, IncidentStatus, IncidentUpdate } from './model.js';
import type { SpikeStart } from './spike.js';

/**
 * An early warning is an incident of source `github`, so it reuses the whole card
 * pipeline (one card per channel, edits, thread replies). These pure helpers build
 * it and its events; the store and the watcher decide when.
 */

export interface WarningReport {
  number: number;
  title: string;
  url: string;
}

/** Adds an update whose key follows the model's `<incidentKey>@<UTC minute>#<n>` rule. */
function withUpdate(incident: Incident, status: IncidentStatus, body: string, at: string): { incident: Incident; update: IncidentUpdate } {
  const minute = at.slice(0, 16);
  const n = incident.updates.filter((u) => u.key.startsWith(`${incident.key}@${minute}#`)).length;
  const update: IncidentUpdate = { key: `${incident.key}@${minute}#${n}`, status, body, at, affectedComponents: [] };
  return { incident: { ...incident, status, updatedAt: at, updates: [...incident.updates, update] }, update };
}

const quote = (title: string): string => `“${title.length > 120 ? `${title.slice(0, 119)}…` : title}”`;

/** The warning incident and its `early_warning` event for a spike seen at `at`. */
export function raiseWarning(
  spike: SpikeStart,
  reports: WarningReport[],
  options: { windowMinutes: number; at: string },
): { incident: Incident; event: IncidentEvent } {
  const label = errorClassLabel(spike.errorClass);
  const newest = reports.at(-1);
  const base: Incident = {
    key: spike.key,
    source: 'github',
    name: `Early warning: users report ${label} errors`,
    status: 'investigating',
    impact: null,
    url: reports[0]?.url ?? null,
    createdAt: spike.startedAt,
    updatedAt: options.at,
    resolvedAt: null,
    components: [],
    updates: [],
  };
  const body =
    `${spike.reports.length} GitHub issues in ${options.windowMinutes} min report ${label} errors; ` +
    `the status page shows no incident yet.${newest ? ` Newest: #${newest.number} ${quote(newest.title)}` : ''}`;
  const { incident } = withUpdate(base, 'investigating', body, options.at);
  return {
    incident,
    event: {
      kind: 'early_warning',
      dedupKey: `early_warning:${spike.key}`,
      incidentKey: spike.key,
      at: options.at,
      errorClass: spike.errorClass,
      reportCount: spike.reports.length,
      windowMinutes: options.windowMinutes,
    },
  };
}

/** Ends an active warning (reports stopped, or an official incident took over): a `resolved` event. */
export function endWarning(warning: Incident, body: string, at: string): { incident: Incident; event: IncidentEvent } {
  const { incident } = withUpdate(warning, 'resolved', body, at);
  const ended: Incident = { ...incident, resolvedAt: at };
  return {
    incident: ended,
    event: {
      kind: 'resolved',
      dedupKey: `resolved:${warning.key}@${at}`,
      incidentKey: warning.key,
      at,
      body,
      durationMs: Math.max(0, Date.parse(at) - Date.parse(warning.createdAt)),
    },
  };
}

/** A line added to a warning that already ended (an official incident opened shortly after). */
export function noteOnWarning(warning: Incident, body: string, at: string): { incident: Incident; event: IncidentEvent } {
  const { incident, update } = withUpdate(warning, warning.status, body, at);
  return {
    incident,
    event: { kind: 'updated', dedupKey: `update:${update.key}`, incidentKey: warning.key, at, updateKey: update.key, status: update.status, body },
  };
}

/** "Official incident opened: <name> <url>": the line that points a warning at the real incident. */
export const officialIncidentLine = (official: Pick<Incident, 'name' | 'url'>): string =>
  `Official incident opened: ${official.name}${official.url ? ` ${official.url}` : ''}`;

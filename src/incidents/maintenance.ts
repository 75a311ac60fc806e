import { formatUtc } from '../shared/clock.js';
import { isMaintenance, isResolvedStatus, type Incident } from './model.js';

/**
 * Scheduled maintenances: announced with a window, started, updated, completed (or
 * removed before they ran, which we call cancelled). Pure helpers shared by the diff,
 * the cards, the commands and the Statuspage source.
 */

const RUNNING = new Set(['in_progress', 'verifying']);

/** When the work really began: the first "in progress" update, else the window start; null if it never ran. */
export function maintenanceStartedAt(incident: Incident): string | null {
  const first = incident.updates.find((u) => RUNNING.has(u.status));
  if (first) return first.at;
  if (incident.status === 'cancelled' || incident.status === 'scheduled') return null;
  return incident.scheduledFor ?? incident.createdAt;
}

/** How long it lasted: for an incident from creation, for a maintenance from its real start (null if it never ran). */
export function durationOf(incident: Incident): number | null {
  const end = Date.parse(incident.resolvedAt ?? incident.updatedAt);
  const start = isMaintenance(incident) ? maintenanceStartedAt(incident) : incident.createdAt;
  if (start === null) return null;
  const ms = end - Date.parse(start);
  return Number.isNaN(ms) ? null : Math.max(0, ms);
}

/** "Window: Dec 3, 10:00 UTC – Dec 3, 12:00 UTC", or null when the page gave none. */
export function describeWindow(incident: Incident): string | null {
  if (!incident.scheduledFor) return null;
  const until = incident.scheduledUntil ? ` – ${formatUtc(incident.scheduledUntil)}` : '';
  return `Window: ${formatUtc(incident.scheduledFor)}${until}`;
}

/**
 * The closing copy of something the page no longer lists while we hold it open (a summary-only
 * page dropping a resolved incident, a maintenance deleted or finished without a word we could
 * read). A maintenance that never started and whose window has not ended is cancelled; one
 * whose window ended is completed at the window's end; everything else is closed now. The
 * update says so, because the page itself did not.
 */
export function closeUnlisted(incident: Incident, at: string): Incident {
  const maintenance = isMaintenance(incident);
  const until = incident.scheduledUntil ?? null;
  const windowOver = until !== null && Date.parse(at) >= Date.parse(until);
  const started = maintenanceStartedAt(incident) !== null;
  const status = !maintenance ? 'resolved' : started || windowOver ? 'completed' : 'cancelled';
  const endAt = maintenance && windowOver && until !== null ? new Date(until).toISOString() : at;
  const body =
    status === 'cancelled'
      ? 'The status page no longer lists this maintenance and it never started: treated as cancelled.'
      : maintenance && windowOver
        ? `The status page no longer lists this maintenance and its window ended at ${formatUtc(endAt)}: treated as completed.`
        : `The status page no longer lists this ${maintenance ? 'maintenance' : 'incident'}: treated as ${status} at ${formatUtc(at)}.`;
  const minute = new Date(at).toISOString().slice(0, 16);
  return {
    ...incident,
    status,
    updatedAt: at,
    resolvedAt: endAt,
    updates: [...incident.updates, { key: `${incident.key}@${minute}#unlisted`, status, body, at, affectedComponents: [] }],
  };
}

/** Open and a maintenance: shown under its own heading, never as an outage. */
export const isOpenMaintenance = (incident: Incident): boolean => isMaintenance(incident) && !isResolvedStatus(incident.status);

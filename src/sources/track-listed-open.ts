import { closeUnlisted } from '../incidents/maintenance.js';
import { isMaintenance, isResolvedStatus, type Incident } from '../incidents/model.js';

/** Which kinds the JSON read lists in full (summary.json's open incidents, its maintenances). */
export interface ListedKinds {
  incidents: boolean;
  maintenances: boolean;
}

/**
 * Compares what the last JSON read listed as open with what this one lists. Something open
 * before that is now in no document at all is closed here (see closeUnlisted), but only for a
 * kind the page lists in full: incident.io's summary.json has no `incidents`, so silence there
 * says nothing.
 * @returns the closing copies to add to the snapshot, and what to remember as open now.
 */
export function trackListedOpen(previous: Incident[], seen: Incident[], listed: ListedKinds, at: string): { closings: Incident[]; open: Incident[] } {
  const seenKeys = new Set(seen.map((incident) => incident.key));
  const closings: Incident[] = [];
  const keptOpen: Incident[] = [];
  for (const incident of previous) {
    if (seenKeys.has(incident.key)) continue;
    if (isMaintenance(incident) ? listed.maintenances : listed.incidents) closings.push(closeUnlisted(incident, at));
    else keptOpen.push(incident);
  }
  const open = [...seen.filter((incident) => !isResolvedStatus(incident.status)), ...keptOpen];
  return { closings, open };
}

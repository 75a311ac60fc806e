import { endWarning, noteOnWarning, officialIncidentLine } from '../incidents/early-warning.js';
import type { IncidentEvent } from '../incidents/events.js';
import { isResolvedStatus, type Incident } from '../incidents/model.js';
import { LEGACY_PAGE_ID, pageOfKey } from '../incidents/page-scope.js';
import type { Store } from './create-store.js';
import { recordEvents } from './record-events.js';

/**
 * When an official incident opens during an early warning (or shortly after one
 * cooled), the two are one real event: the official incident records the warning it
 * absorbed (its card says so), and the warning's card is edited to point at it.
 * An active warning ends ("superseded"); a cooled one gets a line. Nothing new is posted.
 *
 * Call inside the transaction that stored the official incident's `opened` event
 * (apply-poll does), so a crash never leaves one linked and not the other.
 * @returns the events recorded for the warnings.
 */
export function linkEarlyWarnings(store: Store, events: IncidentEvent[], at: string): IncidentEvent[] {
  const official = events
    .filter((e) => e.kind === 'opened')
    .map((e) => store.incidents.get(e.incidentKey ?? ''))
    .filter((i): i is Incident => i !== null && i.source === 'statuspage' && !isResolvedStatus(i.status))
    // GitHub reports are about Claude: another page's incident is not what they saw.
    .filter((i) => pageOfKey(i.key) === LEGACY_PAGE_ID)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  if (!official) return [];
  const warnings = store.githubReports.linkableWarnings(at);
  if (warnings.length === 0) return [];

  const line = officialIncidentLine(official);
  const changed = new Map<string, Incident>();
  const recorded: IncidentEvent[] = [];
  for (const warning of warnings) {
    const incident = store.incidents.get(warning.key);
    if (!incident) continue;
    const result =
      warning.endedAt === null
        ? endWarning(incident, `Superseded by the official incident: ${official.name}${official.url ? ` ${official.url}` : ''}. Updates continue there.`, at)
        : noteOnWarning(incident, line, at);
    if (warning.endedAt === null) store.githubReports.endWarning(warning.key, at, null);
    store.githubReports.setOfficial(warning.key, official.key);
    store.incidents.save(result.incident, at);
    changed.set(result.incident.key, result.incident);
    recorded.push(result.event);
  }
  const first = warnings[0];
  if (first && store.incidents.linkedWarning(official.key) === null) store.incidents.linkWarning(official.key, first.key);
  return recordEvents(store, recorded, changed, at);
}

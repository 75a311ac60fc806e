import { officialIncidentLine } from '../incidents/early-warning.js';
import { errorClassLabel } from '../incidents/error-class.js';
import type { CommunitySignal } from '../incidents/live-status.js';
import { isResolvedStatus, type Incident } from '../incidents/model.js';
import { formatUtc } from '../shared/clock.js';
import { GITHUB_SOURCE_ID } from './apply-github-poll.js';
import type { Store } from './create-store.js';

const reportsText = (n: number): string => `${n} GitHub report${n === 1 ? '' : 's'}`;

/**
 * Reports in the last `windowMinutes`, by error class label, and the warning raised
 * now (if any): the community side of /claude-status. Reads SQLite only.
 */
export function readCommunitySignal(store: Store, now: Date, windowMinutes: number): CommunitySignal {
  const since = new Date(now.getTime() - windowMinutes * 60_000).toISOString();
  const byClass: Record<string, number> = {};
  let total = 0;
  for (const { errorClass, count } of store.githubReports.recentByClass(since)) {
    const label = errorClassLabel(errorClass);
    byClass[label] = (byClass[label] ?? 0) + count;
    total += count;
  }
  const warnings = store.githubReports
    .activeWarnings()
    .map((w) => ({ errorClass: errorClassLabel(w.errorClass), reportCount: store.githubReports.countedFor([w.key]), since: w.startedAt }))
    .sort((a, b) => b.reportCount - a.reportCount);
  const lastReadAt = store.pollState.get(GITHUB_SOURCE_ID).lastSuccessAt;
  return { windowMinutes, total, byClass, activeWarning: warnings[0] ?? null, lastReadAt };
}

/**
 * Extra card lines linking an official incident and the early warning it absorbed:
 * "Early warning raised …", "12 GitHub reports so far", "Official incident opened: …".
 */
export function githubCardNotes(store: Store, incident: Incident): string[] {
  const reports = store.githubReports;
  const done = isResolvedStatus(incident.status);
  if (incident.source === 'github') {
    const notes: string[] = [];
    const n = reports.countedFor([incident.key]);
    if (n > 0) notes.push(`${reportsText(n)} ${done ? 'in total' : 'so far'}`);
    const officialKey = reports.warning(incident.key)?.officialIncidentKey ?? null;
    const official = officialKey ? store.incidents.get(officialKey) : null;
    if (official) notes.push(officialIncidentLine(official));
    return notes;
  }
  const warnings = reports.warningsOf(incident.key);
  const notes = warnings.map((w) => {
    const raisedAt = store.incidents.get(w.key)?.updates[0]?.at ?? w.startedAt;
    return `Early warning raised ${formatUtc(raisedAt)} (GitHub reports of ${errorClassLabel(w.errorClass)} errors)`;
  });
  const n = reports.countedFor([incident.key, ...warnings.map((w) => w.key)]);
  if (n > 0) notes.push(`${reportsText(n)} ${done ? 'during this incident' : 'so far'}`);
  return notes;
}

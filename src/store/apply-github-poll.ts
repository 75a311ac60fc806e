import { classifyReport, errorClassLabel } from '../incidents/error-class.js';
import { endWarning, raiseWarning } from '../incidents/early-warning.js';
import type { IncidentEvent } from '../incidents/events.js';
import type { Incident } from '../incidents/model.js';
import { attributeReport, coolingWarnings, detectSpikes, type ActiveWarning, type SpikeSettings } from '../incidents/spike.js';
import type { Store } from './create-store.js';
import { recordEvents } from './record-events.js';

/** An issue as the GitHub search source returns it (structural: the store imports no source). */
export interface SeenIssue {
  number: number;
  title: string;
  body: string | null;
  createdAt: string;
  url: string;
}

export const GITHUB_SOURCE_ID = 'github';
const MINUTE = 60_000;

/**
 * Applies one GitHub search as one transaction: new reports (stored once by number,
 * each counted for the open official incident or the active warning of its class),
 * warnings that cooled down, spikes that became warnings, their events and outbox
 * rows, and the source's cursor.
 * @returns the events that were new.
 */
export function applyGithubPoll(store: Store, issues: SeenIssue[], pollState: object, settings: SpikeSettings, now: Date): IncidentEvent[] {
  const at = now.toISOString();
  const reports = store.githubReports;
  return store.transaction(() => {
    store.lockIngest();
    const officials = store.incidents.listOpen('statuspage').map((i) => ({ key: i.key, createdAt: i.createdAt }));
    const countedBefore = new Map(officials.map((o) => [o.key, reports.countedFor([o.key])]));
    // Reports from just before an official incident opened are about it too (newest incident first).
    for (const official of [...officials].sort((a, b) => b.createdAt.localeCompare(a.createdAt))) {
      reports.absorb(official.key, new Date(Date.parse(official.createdAt) - settings.windowMinutes * MINUTE).toISOString());
    }
    const active: ActiveWarning[] = reports.activeWarnings().map((w) => ({
      key: w.key,
      errorClass: w.errorClass,
      startedAt: w.startedAt,
      lastReportAt: reports.newestCountedFor(w.key) ?? w.startedAt,
    }));

    for (const issue of [...issues].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number)) {
      const report = { number: issue.number, errorClass: classifyReport(issue.title, issue.body), createdAt: issue.createdAt };
      const countedFor = attributeReport(report, { officials, active, windowMinutes: settings.windowMinutes });
      const stored = reports.insert({ ...report, title: issue.title, url: issue.url }, countedFor, at);
      const warning = active.find((w) => w.key === countedFor);
      if (stored && warning && report.createdAt > warning.lastReportAt) warning.lastReportAt = report.createdAt;
    }

    const events: IncidentEvent[] = [];
    const changed = new Map<string, Incident>();
    const cooled = coolingWarnings(active, now, settings);
    for (const warning of cooled) {
      const incident = store.incidents.get(warning.key);
      if (!incident) continue;
      const total = reports.countedFor([warning.key]);
      const body = `Reports stopped: no new GitHub report of ${errorClassLabel(warning.errorClass)} errors for ${settings.windowMinutes} min (${total} in total).`;
      const ended = endWarning(incident, body, at);
      // An official incident opening soon after still gets linked to this warning.
      reports.endWarning(warning.key, at, new Date(now.getTime() + settings.windowMinutes * MINUTE).toISOString());
      store.incidents.save(ended.incident, at);
      changed.set(warning.key, ended.incident);
      events.push(ended.event);
    }

    const stillActive = active.filter((w) => !cooled.includes(w));
    const spikes = detectSpikes({
      candidates: reports.candidates(new Date(now.getTime() - settings.windowMinutes * MINUTE).toISOString()),
      active: stillActive,
      officialOpen: officials.length > 0,
      now,
      settings,
    });
    for (const spike of spikes) {
      const numbers = spike.reports.map((r) => r.number);
      const raised = raiseWarning(spike, reports.get(numbers), { windowMinutes: settings.windowMinutes, at });
      reports.addWarning({ key: spike.key, errorClass: spike.errorClass, startedAt: spike.startedAt });
      reports.countFor(numbers, spike.key);
      store.incidents.save(raised.incident, at);
      changed.set(spike.key, raised.incident);
      events.push(raised.event);
    }

    // Official cards show "N GitHub reports so far": edit them when N grew.
    for (const official of officials) {
      const count = reports.countedFor([official.key]);
      if (count > (countedBefore.get(official.key) ?? 0)) {
        events.push({ kind: 'refreshed', dedupKey: `refresh:${official.key}:reports=${count}`, incidentKey: official.key, at, reason: `${count} GitHub reports` });
      }
    }

    const fresh = recordEvents(store, events, changed, at);
    store.pollState.recordSuccess(GITHUB_SOURCE_ID, pollState, at);
    return fresh;
  });
}

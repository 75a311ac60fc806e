/**
 * Spike detection for GitHub error reports. Pure: the caller reads the store and
 * passes what it knows; nothing here touches I/O or the clock.
 *
 * Every report is counted for at most one thing: the official incident open when it
 * arrived, the early warning of its class that is active, or (when neither) it stays a
 * candidate. A spike is `threshold` candidates of one class within `windowMinutes`;
 * raising it counts them for the new warning, so the same reports never raise twice.
 */

/** A stored report, as spike detection sees it. */
export interface SpikeReport {
  number: number;
  /** null: the text named no known error class (counted in totals, never spikes). */
  errorClass: string | null;
  createdAt: string;
}

/** An early warning that has not cooled down yet. */
export interface ActiveWarning {
  key: string;
  errorClass: string;
  startedAt: string;
  /** Newest report counted for it (its start when none came after). */
  lastReportAt: string;
}

/** An official (status page) incident that is open now. */
export interface OpenOfficial {
  key: string;
  createdAt: string;
}

export interface SpikeSettings {
  /** Reports of one class that make a spike (SPIKE_THRESHOLD). */
  threshold: number;
  /** The window they must fall in, and the quiet time that cools a warning (SPIKE_WINDOW_MINUTES). */
  windowMinutes: number;
}

/** A spike to raise as an early warning. */
export interface SpikeStart {
  key: string;
  errorClass: string;
  /** The first report of the spike. */
  startedAt: string;
  /** Oldest first; these get counted for the new warning. */
  reports: SpikeReport[];
}

const MINUTE = 60_000;

/** `github:<class>@<UTC minute of the first report>`: stable, so a re-run raises the same key. */
export const warningKey = (errorClass: string, startedAt: string): string =>
  `github:${errorClass}@${new Date(startedAt).toISOString().slice(0, 16)}`;

/**
 * What a newly seen report is counted for: an open official incident (it is news
 * for that incident, not a new warning), else the active warning of its class, else nothing.
 * A report much older than the incident (a late catch-up) belongs to neither.
 */
export function attributeReport(
  report: SpikeReport,
  context: { officials: OpenOfficial[]; active: ActiveWarning[]; windowMinutes: number },
): string | null {
  const at = Date.parse(report.createdAt);
  const official = [...context.officials]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .find((o) => at >= Date.parse(o.createdAt) - context.windowMinutes * MINUTE);
  if (official) return official.key;
  if (report.errorClass === null) return null;
  // A report after a gap longer than the window belongs to a new spike, not the old warning.
  const warning = context.active.find(
    (w) => w.errorClass === report.errorClass && at >= Date.parse(w.startedAt) && at - Date.parse(w.lastReportAt) <= context.windowMinutes * MINUTE,
  );
  return warning?.key ?? null;
}

/**
 * Spikes among candidates (reports counted for nothing yet). No spike is raised while
 * an official incident is open, nor for a class whose warning is still active.
 */
export function detectSpikes(input: {
  candidates: SpikeReport[];
  active: ActiveWarning[];
  officialOpen: boolean;
  now: Date;
  settings: SpikeSettings;
}): SpikeStart[] {
  const { candidates, active, officialOpen, now, settings } = input;
  if (officialOpen) return [];
  const since = now.getTime() - settings.windowMinutes * MINUTE;
  const byClass = new Map<string, SpikeReport[]>();
  for (const report of candidates) {
    const at = Date.parse(report.createdAt);
    if (report.errorClass === null || at <= since || at > now.getTime()) continue;
    byClass.set(report.errorClass, [...(byClass.get(report.errorClass) ?? []), report]);
  }
  const spikes: SpikeStart[] = [];
  for (const [errorClass, reports] of byClass) {
    if (reports.length < settings.threshold || active.some((w) => w.errorClass === errorClass)) continue;
    const sorted = [...reports].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number);
    const startedAt = sorted[0]?.createdAt ?? now.toISOString();
    spikes.push({ key: warningKey(errorClass, startedAt), errorClass, startedAt, reports: sorted });
  }
  return spikes.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/** Warnings whose reports stopped: none for `windowMinutes`. They cool down (resolve). */
export function coolingWarnings(active: ActiveWarning[], now: Date, settings: SpikeSettings): ActiveWarning[] {
  const before = now.getTime() - settings.windowMinutes * MINUTE;
  return active.filter((w) => Date.parse(w.lastReportAt) <= before);
}

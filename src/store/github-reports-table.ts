import type { SpikeReport } from '../incidents/spike.js';
import type { Db } from './open-database.js';

/** One GitHub issue that reports an API error, as stored (once, by number). */
export interface GithubReport {
  number: number;
  title: string;
  createdAt: string;
  errorClass: string | null;
  url: string;
}

/** An early warning's bookkeeping beside its incident row. */
export interface GithubWarning {
  key: string;
  errorClass: string;
  startedAt: string;
  endedAt: string | null;
  linkUntil: string | null;
  officialIncidentKey: string | null;
}

/** GitHub reports and the early warnings made of them (tables github_reports, github_warnings). */
export interface GithubReportsTable {
  /** Stores a report unless its number is known (edits never make it new); true when stored now. */
  insert(report: GithubReport, countedFor: string | null, at: string): boolean;
  get(numbers: number[]): GithubReport[];
  /** Reports counted for nothing yet, created after `since`. */
  candidates(since: string): SpikeReport[];
  countFor(numbers: number[], key: string): void;
  /** Counts every not-yet-counted report created at or after `since` for `key`; returns how many. */
  absorb(key: string, since: string): number;
  /** Reports counted for any of these incident keys. */
  countedFor(keys: string[]): number;
  newestCountedFor(key: string): string | null;
  /** Reports created after `since`, by error class (null = no known class). */
  recentByClass(since: string): Array<{ errorClass: string | null; count: number }>;

  addWarning(warning: Pick<GithubWarning, 'key' | 'errorClass' | 'startedAt'>): void;
  warning(key: string): GithubWarning | null;
  activeWarnings(): GithubWarning[];
  endWarning(key: string, endedAt: string, linkUntil: string | null): void;
  /** Warnings an official incident opening at `at` takes over: active, or cooled within their link time. */
  linkableWarnings(at: string): GithubWarning[];
  setOfficial(warningKey: string, officialKey: string): void;
  warningsOf(officialKey: string): GithubWarning[];
}

interface ReportRow {
  number: number;
  title: string;
  created_at: string;
  error_class: string | null;
  url: string;
}

interface WarningRow {
  key: string;
  error_class: string;
  started_at: string;
  ended_at: string | null;
  link_until: string | null;
  official_incident_key: string | null;
}

const toReport = (r: ReportRow): GithubReport => ({ number: r.number, title: r.title, createdAt: r.created_at, errorClass: r.error_class, url: r.url });
const toWarning = (r: WarningRow): GithubWarning => ({
  key: r.key,
  errorClass: r.error_class,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  linkUntil: r.link_until,
  officialIncidentKey: r.official_incident_key,
});

export function createGithubReportsTable(db: Db): GithubReportsTable {
  const insert = db.prepare(`INSERT INTO github_reports (number, title, created_at, error_class, url, first_seen_at, counted_for)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (number) DO NOTHING`);
  const byNumber = db.prepare<[number], ReportRow>('SELECT * FROM github_reports WHERE number = ?');
  const candidates = db.prepare<[string], ReportRow>(
    'SELECT * FROM github_reports WHERE counted_for IS NULL AND created_at > ? ORDER BY created_at, number',
  );
  const setCounted = db.prepare('UPDATE github_reports SET counted_for = ? WHERE number = ? AND counted_for IS NULL');
  const absorb = db.prepare('UPDATE github_reports SET counted_for = ? WHERE counted_for IS NULL AND created_at >= ?');
  const countFor = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM github_reports WHERE counted_for = ?');
  const newest = db.prepare<[string], { at: string | null }>('SELECT max(created_at) AS at FROM github_reports WHERE counted_for = ?');
  const byClass = db.prepare<[string], { error_class: string | null; n: number }>(
    'SELECT error_class, count(*) AS n FROM github_reports WHERE created_at > ? GROUP BY error_class',
  );
  const addWarning = db.prepare(`INSERT INTO github_warnings (key, error_class, started_at) VALUES (?, ?, ?)
      ON CONFLICT (key) DO NOTHING`);
  const warning = db.prepare<[string], WarningRow>('SELECT * FROM github_warnings WHERE key = ?');
  const active = db.prepare<[], WarningRow>('SELECT * FROM github_warnings WHERE ended_at IS NULL ORDER BY started_at');
  const end = db.prepare('UPDATE github_warnings SET ended_at = ?, link_until = ? WHERE key = ? AND ended_at IS NULL');
  const linkable = db.prepare<[string], WarningRow>(`SELECT * FROM github_warnings WHERE official_incident_key IS NULL
      AND (ended_at IS NULL OR link_until >= ?) ORDER BY started_at`);
  const setOfficial = db.prepare('UPDATE github_warnings SET official_incident_key = ? WHERE key = ?');
  const ofOfficial = db.prepare<[string], WarningRow>('SELECT * FROM github_warnings WHERE official_incident_key = ? ORDER BY started_at');

  return {
    insert: (r, countedFor, at) => insert.run(r.number, r.title, r.createdAt, r.errorClass, r.url, at, countedFor).changes === 1,
    get: (numbers) => numbers.flatMap((n) => byNumber.all(n).map(toReport)),
    candidates: (since) => candidates.all(since).map((r) => ({ number: r.number, errorClass: r.error_class, createdAt: r.created_at })),
    countFor(numbers, key) {
      for (const n of numbers) setCounted.run(key, n);
    },
    absorb: (key, since) => absorb.run(key, since).changes,
    countedFor: (keys) => keys.reduce((sum, key) => sum + (countFor.get(key)?.n ?? 0), 0),
    newestCountedFor: (key) => newest.get(key)?.at ?? null,
    recentByClass: (since) => byClass.all(since).map((r) => ({ errorClass: r.error_class, count: r.n })),
    addWarning: (w) => void addWarning.run(w.key, w.errorClass, w.startedAt),
    warning(key) {
      const row = warning.get(key);
      return row ? toWarning(row) : null;
    },
    activeWarnings: () => active.all().map(toWarning),
    endWarning: (key, endedAt, linkUntil) => void end.run(endedAt, linkUntil, key),
    linkableWarnings: (at) => linkable.all(at).map(toWarning),
    setOfficial: (warningKey, officialKey) => void setOfficial.run(officialKey, warningKey),
    warningsOf: (officialKey) => ofOfficial.all(officialKey).map(toWarning),
  };
}

import type { StatusPageConfig } from '../config/parse-status-pages.js';
import { mergeIncident } from '../incidents/diff.js';
import { scopeForPage, type PageScope } from '../incidents/page-scope.js';
import { scopeIncident } from '../sources/scope-to-page.js';
import type { Incident } from '../incidents/model.js';
import type { HttpFetcher } from '../sources/http-fetch.js';
import type { SourceFailure } from '../sources/source.js';
import { toSourceFailure } from '../sources/source-error.js';
import { parseStatuspageFeed } from '../sources/statuspage-feed.js';
import { parseIncidentsJson } from '../sources/statuspage-json.js';
import type { Db } from '../store/open-database.js';
import { createIncidentHistoryTable } from '../store/incident-history-table.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';

export interface BackfillOptions {
  /** e.g. https://status.claude.com; fallbacks are tried for each document the primary cannot give. */
  baseUrl: string;
  fallbackUrls?: string[];
  http: HttpFetcher;
  db: Db;
  logger: Logger;
  clock: Clock;
  signal?: AbortSignal;
  /** The page these incidents belong to (keys re-scoped as the poller's are); the Claude page without it. */
  scope?: PageScope;
}

export interface BackfillResult {
  /** Resolved incidents stored (open ones are left to the poller). */
  stored: number;
  /** The documents read, e.g. https://status.claude.com/history.atom. */
  via: string[];
  errors: SourceFailure[];
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

interface Document {
  path: string;
  accept: string;
  parse: (body: string, url: string, base: string) => Incident[] | Promise<Incident[]>;
}

// incidents.json knows impact and components; the feed reaches further back. Both are read.
const DOCUMENTS: Document[] = [
  { path: '/api/v2/incidents.json', accept: 'application/json', parse: (body, url, base) => parseIncidentsJson(body, { url, baseUrl: base }) },
  { path: '/history.atom', accept: 'application/atom+xml, application/xml;q=0.9, */*;q=0.1', parse: (body, url, base) => parseStatuspageFeed(body, { url, baseUrl: base }) },
];

/**
 * Reads the page's past incidents once (incidents.json and /history.atom) into
 * `incident_history`. It writes nothing else: no incident the poller diffs against, no
 * event, no outbox row, so it can never alert. Never throws: failures come back as data.
 */
export async function backfillHistory(options: BackfillOptions): Promise<BackfillResult> {
  const bases = [options.baseUrl, ...(options.fallbackUrls ?? [])].map(trimSlash).filter((b) => b !== '');
  const errors: SourceFailure[] = [];
  const via: string[] = [];
  const byKey = new Map<string, Incident>();
  for (const doc of DOCUMENTS) {
    for (const base of bases) {
      const url = `${base}${doc.path}`;
      try {
        const result = await options.http.get(url, { accept: doc.accept, signal: options.signal });
        if (result.status !== 200) continue;
        for (const parsed of await doc.parse(result.body, url, base)) {
          const incident = options.scope ? scopeIncident(parsed, options.scope) : parsed;
          const known = byKey.get(incident.key);
          // The JSON copy came first: the feed adds updates and older incidents, never removes impact or components.
          byKey.set(incident.key, known ? mergeIncident(incident, known) : incident);
        }
        via.push(url);
        break;
      } catch (error) {
        const failure = toSourceFailure(error, url);
        errors.push(failure);
        options.logger.warn({ code: failure.code, url }, `history backfill: ${failure.message}`);
      }
    }
  }
  const at = options.clock.now().toISOString();
  const stored = via.length > 0 ? createIncidentHistoryTable(options.db).saveResolved([...byKey.values()], via.map((u) => u.replace(/^.*\//, '')).join('+'), at) : 0;
  options.logger.info({ stored, via, page: options.scope?.id }, 'incident history backfilled (no alerts are sent for past incidents)');
  return { stored, via, errors };
}

/**
 * Backfills each watched page, one after the other; with `onlyMissing`, only pages that
 * have none stored yet (a page added to STATUS_PAGES later gets its history too).
 */
export async function backfillPages(
  pages: readonly StatusPageConfig[],
  options: Omit<BackfillOptions, 'baseUrl' | 'fallbackUrls' | 'scope'> & { onlyMissing: boolean; storedFor: (keyPrefix: string) => number },
): Promise<Array<BackfillResult & { page: string }>> {
  const results: Array<BackfillResult & { page: string }> = [];
  for (const page of pages) {
    const scope = scopeForPage(page.id);
    if (options.signal?.aborted || (options.onlyMissing && options.storedFor(scope.keyPrefix) > 0)) continue;
    results.push({ page: page.id, ...(await backfillHistory({ ...options, baseUrl: page.url, fallbackUrls: page.fallbackUrls, scope })) });
  }
  return results;
}

import type { Incident, Snapshot } from '../incidents/model.js';
import { backoffDelayMs, type BackoffOptions } from '../shared/backoff.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { createConditionalFetcher } from './conditional-fetch.js';
import type { HttpFetcher } from './http-fetch.js';
import type { PollOutcome, PollState, Source, SourceFailure } from './source.js';
import { SourceError, toSourceFailure } from './source-error.js';
import { describePollFailure } from './describe-poll-failure.js';
import { parseStatuspageFeed } from './statuspage-feed.js';
import { parseIncidentsJson, parseSummaryJson } from './statuspage-json.js';

/** Dependencies of the Statuspage source. */
export interface StatuspageSourceOptions {
  /** e.g. https://status.claude.com */
  baseUrl: string;
  /** Tried in order when the primary fails (e.g. https://anthropic.statuspage.io). */
  fallbackUrls?: string[];
  http: HttpFetcher;
  logger: Logger;
  clock: Clock;
  /** Delay before the one retry of the primary's JSON API; short by default (250 ms to 2 s). */
  retry?: BackoffOptions;
  /** incidents.json is read when summary.json changed, and at least this often anyway (default 5 min). */
  incidentsEveryMs?: number;
  /** While another host or format works, the main JSON API is tried first again this often (default 10 min). */
  reprobeEveryMs?: number;
}

/** What one attempt (one base URL, one format) saw. */
interface AttemptResult {
  notModified: boolean;
  snapshot: Omit<Snapshot, 'sourceId' | 'fetchedAt'>;
}

interface Attempt {
  url: string;
  /** Only the primary's JSON API is retried within a poll. */
  retry: boolean;
  run(etags: Record<string, string>, signal?: AbortSignal): Promise<AttemptResult>;
}

const JSON_ACCEPT = 'application/json';
const ATOM_ACCEPT = 'application/atom+xml, application/xml;q=0.9, */*;q=0.1';
const RSS_ACCEPT = 'application/rss+xml, application/xml;q=0.9, */*;q=0.1';
const trimSlash = (url: string): string => url.replace(/\/+$/, '');
/** https://host/api/v2/summary.json → https://host */
const baseOf = (url: string): string => url.replace(/\/(?:api\/v2\/[^/]+|history\.(?:atom|rss))$/, '');

/**
 * Polls an Atlassian Statuspage: the JSON API first, then the Atom and RSS feeds, then
 * the same on each fallback base URL. An unchanged page costs one conditional GET of
 * summary.json; the attempt that worked last is tried first until the main one is
 * re-probed. Never throws: every failure becomes data.
 * @see https://developer.statuspage.io/
 */
export function createStatuspageSource(options: StatuspageSourceOptions): Source {
  const { http, logger, clock } = options;
  const retry = options.retry ?? { baseMs: 250, maxMs: 2_000 };
  const incidentsEveryMs = options.incidentsEveryMs ?? 300_000;
  const reprobeEveryMs = options.reprobeEveryMs ?? 600_000;
  const bases = [options.baseUrl, ...(options.fallbackUrls ?? [])].map(trimSlash).filter((b) => b !== '');
  const summaries = createConditionalFetcher({ http, accept: JSON_ACCEPT, parse: (body, url) => parseSummaryJson(body, { url, baseUrl: baseOf(url) }) });
  const lists = createConditionalFetcher({ http, accept: JSON_ACCEPT, parse: (body, url) => parseIncidentsJson(body, { url, baseUrl: baseOf(url) }) });
  const atoms = createConditionalFetcher({ http, accept: ATOM_ACCEPT, parse: (body, url) => parseStatuspageFeed(body, { url, baseUrl: baseOf(url) }) });
  const rsses = createConditionalFetcher({ http, accept: RSS_ACCEPT, parse: (body, url) => parseStatuspageFeed(body, { url, baseUrl: baseOf(url) }) });

  function jsonAttempt(base: string, index: number): Attempt {
    const summaryUrl = `${base}/api/v2/summary.json`;
    const listUrl = `${base}/api/v2/incidents.json`;
    // 0: read the list with the next summary. Resolved incidents drop out of summary.json,
    // but a resolution always changes it, so an unchanged summary needs no list.
    let listDueAtMs = 0;
    return {
      url: summaryUrl,
      retry: index === 0,
      async run(etags, signal) {
        const summary = await summaries.fetch(summaryUrl, etags, signal);
        const nowMs = clock.now().getTime();
        const { page, components } = summary.value;
        if (summary.notModified && nowMs < listDueAtMs) return { notModified: true, snapshot: { page, components, incidents: summary.value.incidents } };
        const list = await lists.fetch(listUrl, etags, signal).catch((error: unknown) => {
          // A page without incidents.json still has a usable summary: use what is there.
          if (!(error instanceof SourceError) || error.code !== 'http_status' || (error.statusCode !== 404 && error.statusCode !== 410)) throw error;
          logger.debug({ url: listUrl, statusCode: error.statusCode }, 'statuspage: no incidents.json; using summary.json alone');
          return null;
        });
        listDueAtMs = nowMs + incidentsEveryMs;
        return {
          notModified: summary.notModified && (list === null || list.notModified),
          snapshot: { page, components, incidents: mergeIncidents(list?.value ?? [], summary.value.incidents) },
        };
      },
    };
  }

  const attempts: Attempt[] = bases.flatMap((base, index) => [
    jsonAttempt(base, index),
    feedAttempt(`${base}/history.atom`, atoms.fetch),
    feedAttempt(`${base}/history.rss`, rsses.fetch),
  ]);
  const everyIndex = attempts.map((_, index) => index);
  // The attempt that worked last when it is not the main JSON API, and when to try the main one again.
  let preferred: number | null = null;
  let reprobeAtMs = 0;

  function remember(index: number, nowMs: number): void {
    if (index === 0) {
      if (preferred !== null) logger.info({ via: attempts[0]?.url }, 'statuspage: the main status page works again');
      preferred = null;
      return;
    }
    if (preferred !== index) logger.info({ via: attempts[index]?.url, retryMainInMs: reprobeEveryMs }, 'statuspage: using a fallback until the main page is tried again');
    if (preferred !== index || nowMs >= reprobeAtMs) reprobeAtMs = nowMs + reprobeEveryMs;
    preferred = index;
  }

  return {
    id: 'statuspage',
    async poll(state: PollState, signal?: AbortSignal): Promise<PollOutcome> {
      let etags = { ...state.etags };
      const errors: SourceFailure[] = [];
      const startMs = clock.now().getTime();
      const order = preferred !== null && startMs < reprobeAtMs ? [preferred, ...everyIndex.filter((i) => i !== preferred)] : everyIndex;
      const failed = (): PollOutcome => ({ kind: 'failed', state: { etags }, errors, summary: describePollFailure(errors, bases[0] ?? '', bases.slice(1)) });
      for (const index of order) {
        const attempt = attempts[index];
        if (!attempt) continue;
        for (let tries = 1; tries <= (attempt.retry ? 2 : 1); tries += 1) {
          if (signal?.aborted) return failed();
          // ETags move only when the whole attempt worked, so a half-read page is read in full next time.
          const scratch = { ...etags };
          try {
            const result = await attempt.run(scratch, signal);
            etags = scratch;
            remember(index, startMs);
            if (result.notModified) return { kind: 'not_modified', state: { etags }, via: attempt.url, errors };
            const snapshot: Snapshot = { sourceId: 'statuspage', fetchedAt: clock.now().toISOString(), ...result.snapshot };
            return { kind: 'snapshot', snapshot, state: { etags }, via: attempt.url, errors };
          } catch (error) {
            const failure = toSourceFailure(error, attempt.url);
            // Per-attempt detail is for debugging; the poll's caller logs one line with the fix.
            logger.debug({ code: failure.code, url: failure.url, statusCode: failure.statusCode }, `statuspage: ${failure.message}`);
            errors.push(failure);
            if (!attempt.retry || tries > 1 || !isTransient(failure)) break;
            await sleep(backoffDelayMs(tries, retry), signal);
          }
        }
      }
      return failed();
    },
  };
}

function feedAttempt(url: string, fetchFeed: (url: string, etags: Record<string, string>, signal?: AbortSignal) => Promise<{ value: Incident[]; notModified: boolean }>): Attempt {
  return {
    url,
    retry: false,
    async run(etags, signal) {
      const { value, notModified } = await fetchFeed(url, etags, signal);
      // Feeds cannot see the page status or components: null means "unknown".
      return { notModified, snapshot: { page: null, components: null, incidents: value } };
    },
  };
}

/** Worth one quick retry: the connection dropped or the server had a 5xx blip. */
const isTransient = (failure: SourceFailure): boolean =>
  failure.code === 'network' || (failure.code === 'http_status' && (failure.statusCode ?? 0) >= 500);

/**
 * incidents.json has everything recent, summary.json the open ones (and maintenances in
 * progress); when both know an incident, the newer data wins. Newest incidents first.
 */
export function mergeIncidents(recent: Incident[], open: Incident[]): Incident[] {
  const byKey = new Map<string, Incident>();
  for (const incident of [...recent, ...open]) {
    const known = byKey.get(incident.key);
    if (!known || isNewer(incident, known)) byKey.set(incident.key, incident);
  }
  return [...byKey.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

function isNewer(candidate: Incident, known: Incident): boolean {
  const diff = Date.parse(candidate.updatedAt) - Date.parse(known.updatedAt);
  if (diff !== 0) return diff > 0;
  return candidate.updates.length >= known.updates.length;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

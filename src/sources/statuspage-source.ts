import type { Incident, Snapshot } from '../incidents/model.js';
import { backoffDelayMs, type BackoffOptions } from '../shared/backoff.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { createConditionalFetcher } from './conditional-fetch.js';
import type { HttpFetcher } from './http-fetch.js';
import type { PollOutcome, PollState, Source, SourceFailure } from './source.js';
import { toSourceFailure } from './source-error.js';
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
 * the same on each fallback base URL. Never throws: every failure becomes data.
 * @see https://developer.statuspage.io/
 */
export function createStatuspageSource(options: StatuspageSourceOptions): Source {
  const { http, logger, clock } = options;
  const retry = options.retry ?? { baseMs: 250, maxMs: 2_000 };
  const bases = [options.baseUrl, ...(options.fallbackUrls ?? [])].map(trimSlash).filter((b) => b !== '');
  const summaries = createConditionalFetcher({ http, accept: JSON_ACCEPT, parse: (body, url) => parseSummaryJson(body, { url, baseUrl: baseOf(url) }) });
  const lists = createConditionalFetcher({ http, accept: JSON_ACCEPT, parse: (body, url) => parseIncidentsJson(body, { url, baseUrl: baseOf(url) }) });
  const atoms = createConditionalFetcher({ http, accept: ATOM_ACCEPT, parse: (body, url) => parseStatuspageFeed(body, { url, baseUrl: baseOf(url) }) });
  const rsses = createConditionalFetcher({ http, accept: RSS_ACCEPT, parse: (body, url) => parseStatuspageFeed(body, { url, baseUrl: baseOf(url) }) });

  const attempts: Attempt[] = bases.flatMap((base, index) => [
    {
      url: `${base}/api/v2/summary.json`,
      retry: index === 0,
      async run(etags, signal) {
        // Both documents or nothing: summary alone never shows a resolution.
        const [summary, list] = await settleAll([
          summaries.fetch(`${base}/api/v2/summary.json`, etags, signal),
          lists.fetch(`${base}/api/v2/incidents.json`, etags, signal),
        ] as const);
        const incidents = mergeIncidents(list.value, summary.value.incidents);
        return {
          notModified: summary.notModified && list.notModified,
          snapshot: { page: summary.value.page, components: summary.value.components, incidents },
        };
      },
    },
    feedAttempt(`${base}/history.atom`, atoms.fetch),
    feedAttempt(`${base}/history.rss`, rsses.fetch),
  ]);

  return {
    id: 'statuspage',
    async poll(state: PollState, signal?: AbortSignal): Promise<PollOutcome> {
      const etags = { ...state.etags };
      const errors: SourceFailure[] = [];
      for (const attempt of attempts) {
        for (let tries = 1; tries <= (attempt.retry ? 2 : 1); tries += 1) {
          if (signal?.aborted) return { kind: 'failed', state: { etags }, errors };
          try {
            const result = await attempt.run(etags, signal);
            if (result.notModified) return { kind: 'not_modified', state: { etags }, via: attempt.url, errors };
            const snapshot: Snapshot = { sourceId: 'statuspage', fetchedAt: clock.now().toISOString(), ...result.snapshot };
            return { kind: 'snapshot', snapshot, state: { etags }, via: attempt.url, errors };
          } catch (error) {
            const failures = (Array.isArray(error) ? error : [error]).map((e: unknown) => toSourceFailure(e, attempt.url));
            for (const failure of failures) {
              logger.warn({ code: failure.code, url: failure.url, statusCode: failure.statusCode }, `statuspage: ${failure.message}`);
            }
            errors.push(...failures);
            if (!attempt.retry || tries > 1 || !failures.every(isTransient)) break;
            await sleep(backoffDelayMs(tries, retry), signal);
          }
        }
      }
      return { kind: 'failed', state: { etags }, errors };
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

/** Like Promise.all, but waits for every promise and rejects with the list of all errors. */
async function settleAll<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failures = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (failures.length > 0) throw failures;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

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

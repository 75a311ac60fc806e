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
import { parseIncidentsJson, parseMaintenancesJson, parseSummaryJson } from './statuspage-json.js';
import { trackListedOpen, type ListedKinds } from './track-listed-open.js';

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
  /** incidents.json and scheduled-maintenances.json are read when summary.json changed, and at least this often anyway (default 5 min). */
  incidentsEveryMs?: number;
  /** While another host or format works, the main JSON API is tried first again this often (default 10 min). */
  reprobeEveryMs?: number;
}

/** What one attempt (one base URL, one format) saw. */
interface AttemptResult {
  notModified: boolean;
  snapshot: Omit<Snapshot, 'sourceId' | 'fetchedAt'>;
  /** JSON only: the kinds the page lists in full, so what left them is closed. */
  listed?: ListedKinds;
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

  const plans = createConditionalFetcher({ http, accept: JSON_ACCEPT, parse: (body, url) => parseMaintenancesJson(body, { url, baseUrl: baseOf(url) }) });
  // Documents a page lacks (404) or hides (a challenge) while summary.json works: warned once each.
  const missing = new Set<string>();

  /** The list, or null when this page does not serve it: the summary alone is used then. */
  async function optional<T>(fetcher: { fetch: typeof lists.fetch }, url: string, etags: Record<string, string>, signal?: AbortSignal) {
    try {
      const result = (await fetcher.fetch(url, etags, signal)) as { value: T; notModified: boolean };
      if (missing.delete(url)) logger.info({ url }, 'statuspage: this document answers again');
      return result;
    } catch (error) {
      const absent = error instanceof SourceError && (error.code === 'challenge_page' || (error.code === 'http_status' && (error.statusCode === 404 || error.statusCode === 410)));
      if (!absent) throw error;
      if (!missing.has(url)) logger.warn({ url, code: error.code, statusCode: error.statusCode }, 'statuspage: the page does not serve this document (404 or a challenge page); reading the others without it');
      missing.add(url);
      return null;
    }
  }

  function jsonAttempt(base: string, index: number): Attempt {
    const summaryUrl = `${base}/api/v2/summary.json`;
    const listUrl = `${base}/api/v2/incidents.json`;
    const plansUrl = `${base}/api/v2/scheduled-maintenances.json`;
    // 0: read the lists with the next summary. Resolved incidents and completed maintenances drop
    // out of summary.json, but that always changes it, so an unchanged summary needs no list.
    let listDueAtMs = 0;
    return {
      url: summaryUrl,
      retry: index === 0,
      async run(etags, signal) {
        const summary = await summaries.fetch(summaryUrl, etags, signal);
        const nowMs = clock.now().getTime();
        const { page, components, listsIncidents, listsMaintenances } = summary.value;
        const listed = { incidents: listsIncidents, maintenances: listsMaintenances };
        if (summary.notModified && nowMs < listDueAtMs) return { notModified: true, snapshot: { page, components, incidents: summary.value.incidents }, listed };
        const list = await optional<Incident[]>(lists, listUrl, etags, signal);
        const planned = await optional<Incident[]>(plans, plansUrl, etags, signal);
        // No incidents.json: the feed has the incidents (all of them on incident.io, whose summary lists
        // none) and their resolutions with the page's own words; what neither lists is closed below.
        const feedUrl = `${base}/history.atom`;
        const feed = list === null ? await optional<Incident[]>(atoms, feedUrl, etags, signal).catch((error: unknown) => {
          logger.debug({ url: feedUrl, err: error }, 'statuspage: no feed beside summary.json either');
          return null;
        }) : null;
        listDueAtMs = nowMs + incidentsEveryMs;
        const read = [list, planned, feed].filter((doc) => doc !== null);
        return {
          notModified: summary.notModified && read.every((doc) => doc.notModified),
          snapshot: { page, components, incidents: mergeIncidents(read.flatMap((doc) => doc.value), summary.value.incidents) },
          listed,
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
  // What the last JSON read listed as open; null until the first poll reads the persisted state.
  let listedOpen: Incident[] | null = null;

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
      listedOpen ??= state.listedOpen ?? [];
      const errors: SourceFailure[] = [];
      const startMs = clock.now().getTime();
      const order = preferred !== null && startMs < reprobeAtMs ? [preferred, ...everyIndex.filter((i) => i !== preferred)] : everyIndex;
      const kept = (): PollState => ({ etags, listedOpen: listedOpen ?? [] });
      const failed = (): PollOutcome => ({ kind: 'failed', state: kept(), errors, summary: describePollFailure(errors, bases[0] ?? '', bases.slice(1)) });
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
            if (result.notModified) return { kind: 'not_modified', state: kept(), via: attempt.url, errors };
            const snapshot: Snapshot = { sourceId: 'statuspage', fetchedAt: clock.now().toISOString(), ...result.snapshot };
            if (result.listed) {
              const { closings, open } = trackListedOpen(listedOpen ?? [], snapshot.incidents, result.listed, snapshot.fetchedAt);
              for (const closing of closings) logger.info({ key: closing.key, status: closing.status }, 'statuspage: no longer listed by the page; closed');
              snapshot.incidents = [...snapshot.incidents, ...closings];
              listedOpen = open;
            }
            return { kind: 'snapshot', snapshot, state: kept(), via: attempt.url, errors };
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

import type { StatusPageConfig } from '../config/parse-status-pages.js';
import type { Metrics } from '../http/metrics.js';
import { LEGACY_PAGE_ID, scopeForPage, type PageScope } from '../incidents/page-scope.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { createPoller, type Poller } from '../sources/create-poller.js';
import type { HttpFetcher } from '../sources/http-fetch.js';
import { scopeSourceToPage } from '../sources/scope-to-page.js';
import type { Source } from '../sources/source.js';
import { createStatuspageSource } from '../sources/statuspage-source.js';
import type { Store } from '../store/create-store.js';
import type { PollHealth } from './poll-health.js';
import { createStatuspagePoll } from './poll-statuspage.js';

/** One watched page, as running. */
export interface WatchedPage {
  config: StatusPageConfig;
  scope: PageScope;
  source: Source;
  poller: Poller;
}

export interface PagePollersOptions {
  pages: StatusPageConfig[];
  pollIntervalSeconds: number;
  http: HttpFetcher;
  store: Store;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  health: PollHealth;
  onEvents: () => void;
}

/**
 * One source and one poller per page, each with its own schedule, back-off, ETags and
 * fallback memory: a page that hangs or is challenged holds up only its own polls.
 * @returns the pages, and one Poller that starts, polls and stops them all together.
 */
export function createPagePollers(options: PagePollersOptions): { pages: WatchedPage[]; all: Poller } {
  const pages = options.pages.map((config): WatchedPage => {
    const scope = scopeForPage(config.id);
    const logger = options.pages.length > 1 ? options.logger.child({ page: config.id }) : options.logger;
    const inner = createStatuspageSource({ baseUrl: config.url, fallbackUrls: config.fallbackUrls, http: options.http, logger, clock: options.clock });
    const source = fixesForPage(scopeSourceToPage(inner, scope), config);
    const run = createStatuspagePoll({
      source,
      store: options.store,
      clock: options.clock,
      logger,
      metrics: options.metrics,
      health: options.health,
      onEvents: options.onEvents,
      pollIntervalSeconds: options.pollIntervalSeconds,
    });
    const poller = createPoller({ name: source.id, intervalSeconds: options.pollIntervalSeconds, run, logger, clock: options.clock });
    return { config, scope, source, poller };
  });
  const all: Poller = {
    start: () => pages.forEach((p) => p.poller.start()),
    // Side by side: a slow page never delays the answer of another.
    pollNow: async () => void (await Promise.all(pages.map((p) => p.poller.pollNow()))),
    stop: async () => void (await Promise.all(pages.map((p) => p.poller.stop()))),
  };
  return { pages, all };
}

/**
 * The source's failure messages name the claude page's variables; another page's fix is
 * in STATUS_PAGES (`id=url|fallback`), so its messages say that instead.
 */
export function fixesForPage(source: Source, page: StatusPageConfig): Source {
  if (page.id === LEGACY_PAGE_ID) return source;
  const retarget = (message: string): string =>
    message
      .replace(/STATUSPAGE_FALLBACK_URLS(=\S+)?/g, `${page.id}'s fallbacks in STATUS_PAGES (${page.id}=${page.url}|https://<fallback>)`)
      .replace(/STATUSPAGE_URL/g, `${page.id}'s URL in STATUS_PAGES`);
  return {
    id: source.id,
    async poll(state, signal) {
      const outcome = await source.poll(state, signal);
      return outcome.kind === 'failed' ? { ...outcome, summary: { ...outcome.summary, message: retarget(outcome.summary.message) } } : outcome;
    },
  };
}

import type { Config } from '../config/load-config.js';
import type { CommunitySignal } from '../incidents/live-status.js';
import type { Incident } from '../incidents/model.js';
import { createGithubClient, type GithubClientOptions } from '../sources/github-octokit.js';
import { createGithubSearchSource, type GithubSearchSource } from '../sources/github-search-source.js';
import { applyGithubPoll, GITHUB_SOURCE_ID } from '../store/apply-github-poll.js';
import type { Store } from '../store/create-store.js';
import { githubCardNotes, readCommunitySignal } from '../store/read-github-signal.js';
import type { Clock } from '../shared/clock.js';
import { errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';

/** Dependencies of the GitHub early-warning watcher. */
export interface GithubWatcherOptions {
  config: Config['github'];
  store: Store;
  logger: Logger;
  clock: Clock;
  /** Called when a poll stored new events (wake the outbox worker). */
  onEvents: () => void;
  /** Search terms (at most six); DEFAULT_GITHUB_TERMS when unset. */
  terms?: string[];
  userAgent?: string;
  /** Client tuning (tests shorten waits); the token and base URL come from `config`. */
  client?: Partial<Omit<GithubClientOptions, 'baseUrl' | 'token' | 'logger'>>;
  /** Replaces the Octokit search (tests of the timelines). */
  source?: GithubSearchSource;
  /** Counts malformed issues left out of a poll. */
  onDropped?: (count: number) => void;
}

/** The GitHub early warning: a poll for a Poller, plus what /claude-status and the cards read. */
export interface GithubWatcher {
  /** One search, applied to the store. Never throws; false on failure (the poller backs off). */
  poll(): Promise<boolean>;
  /** Reports in the last window by error class, for createLiveStatusReader's `readCommunity`. */
  readCommunity(): CommunitySignal;
  /** Card lines linking warnings and official incidents, for createOutboxWorker's `cardNotes`. */
  cardNotes(incident: Incident): string[];
  /** Aborts a search in flight (shutdown must not wait on Octokit's retries). */
  cancel(): void;
}

interface GithubPollState {
  /** Search issues created at or after this time next (ISO). */
  cursor?: string;
  /** Rate limit spent: no search before this time (ISO). */
  notBefore?: string;
}

/** GitHub's search index lags issue creation by a little: each search re-reads this much (duplicates are ignored). */
const OVERLAP_MS = 5 * 60_000;
/** After a long stop, older reports can no longer make a warning: don't page through them. */
const MAX_CATCH_UP_MS = 6 * 60 * 60_000;

const readState = (raw: Record<string, unknown>): GithubPollState => ({
  cursor: typeof raw.cursor === 'string' ? raw.cursor : undefined,
  notBefore: typeof raw.notBefore === 'string' ? raw.notBefore : undefined,
});

export function createGithubWatcher(options: GithubWatcherOptions): GithubWatcher {
  const { config, store, logger, clock } = options;
  const settings = { threshold: config.spikeThreshold, windowMinutes: config.spikeWindowMinutes };
  const windowMs = settings.windowMinutes * 60_000;
  const source =
    options.source ??
    createGithubSearchSource({
      client: createGithubClient({
        baseUrl: config.apiUrl,
        token: config.token,
        logger,
        userAgent: options.userAgent ?? 'claude-outage-bot',
        ...options.client,
      }),
      repo: config.repo,
      terms: options.terms,
      hasToken: config.token !== null,
      clock,
    });

  let inFlight: AbortController | null = null;
  let cancelled = false;

  async function poll(): Promise<boolean> {
    if (cancelled) return true;
    const state = readState(store.pollState.get(GITHUB_SOURCE_ID).state);
    const started = clock.now();
    if (state.notBefore && Date.parse(state.notBefore) > started.getTime()) {
      logger.debug({ source: GITHUB_SOURCE_ID, notBefore: state.notBefore }, 'GitHub search paused until the rate limit resets');
      return true;
    }
    const floor = started.getTime() - Math.max(MAX_CATCH_UP_MS, 2 * windowMs);
    const since = new Date(Math.max(state.cursor ? Date.parse(state.cursor) : started.getTime() - windowMs, floor)).toISOString();
    const controller = new AbortController();
    inFlight = controller;
    // Octokit's retry plugin waits between attempts on a timer the signal does not reach: race it.
    const aborted = new Promise<null>((resolve) => controller.signal.addEventListener('abort', () => resolve(null), { once: true }));
    const outcome = await Promise.race([source.search(since, controller.signal), aborted]).finally(() => (inFlight = null));
    const now = clock.now();
    // Stopping: the store may already be closing, and the search was cut short on purpose.
    if (cancelled || outcome === null) return true;

    if (outcome.kind === 'failed') {
      const { error } = outcome;
      const notBefore = error.retryAfterMs !== null ? new Date(now.getTime() + error.retryAfterMs).toISOString() : undefined;
      const cause = error.cause instanceof Error ? error.cause.message : undefined;
      logger.warn({ source: GITHUB_SOURCE_ID, code: error.code, status: error.statusCode, retryAfterMs: error.retryAfterMs, cause }, `GitHub search failed: ${error.message}`);
      store.pollState.recordFailure(GITHUB_SOURCE_ID, { cursor: state.cursor, notBefore }, `github_${error.code}`, error.message, now.toISOString());
      return false;
    }
    if (outcome.malformed > 0) {
      logger.warn({ source: GITHUB_SOURCE_ID, malformed: outcome.malformed }, `${outcome.malformed} GitHub search item(s) were not issues as expected and were left out`);
      options.onDropped?.(outcome.malformed);
    }
    if (outcome.truncated) logger.warn({ source: GITHUB_SOURCE_ID, pages: outcome.pages }, 'more GitHub reports than one poll reads; the oldest were skipped');
    // An incomplete answer keeps the cursor, so what GitHub left out is searched again next time.
    const next: GithubPollState = {
      cursor: outcome.incomplete ? since : new Date(started.getTime() - OVERLAP_MS).toISOString(),
      notBefore: outcome.notBefore ?? undefined,
    };
    try {
      const events = applyGithubPoll(store, outcome.issues, next, settings, now);
      if (events.length > 0) {
        logger.info({ events: events.map((e) => `${e.kind}:${e.incidentKey ?? ''}`) }, 'GitHub reports changed an early warning');
        options.onEvents();
      }
      return true;
    } catch (error) {
      // The transaction rolled back and the cursor did not move: the next poll redoes it.
      logger.error({ err: error, source: GITHUB_SOURCE_ID }, `could not store GitHub reports: ${errorMessage(error)}`);
      return false;
    }
  }

  return {
    poll,
    readCommunity: () => readCommunitySignal(store, clock.now(), settings.windowMinutes),
    cardNotes: (incident) => githubCardNotes(store, incident),
    cancel() {
      cancelled = true;
      inFlight?.abort(new Error('the bot is shutting down'));
    },
  };
}

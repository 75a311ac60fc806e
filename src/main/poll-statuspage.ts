import type { Source } from '../sources/source.js';
import type { Store } from '../store/create-store.js';
import { applyPoll } from '../store/apply-poll.js';
import type { Clock } from '../shared/clock.js';
import { errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Metrics } from '../http/metrics.js';
import type { PollHealth } from './poll-health.js';
import { reportDropped } from './report-dropped.js';

export interface PollStatuspageOptions {
  source: Source;
  store: Store;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Called when a poll stored new events (wake the outbox worker). */
  onEvents: () => void;
  /** Remembers failures to store in memory, for /readyz (the store may be what fails). */
  health?: PollHealth;
  /**
   * Sets how often an unchanged poll is written (the rest are noted in memory only), so
   * another process never sees a read older than 2.5 intervals ("stale" is past 3).
   * Without it every poll is written.
   */
  pollIntervalSeconds?: number;
}

/** An unchanged poll is persisted at most once a minute, and within 1.5 poll intervals. */
export const persistEveryMsFor = (pollIntervalSeconds: number): number => Math.min(60_000, 1_500 * pollIntervalSeconds);

/**
 * One poll of a source, applied to the store. The ETags kept (in memory, and stored with
 * each write) are the ones of the last poll that was applied, so a poll whose transaction
 * failed (full disk) is fetched in full again next time: nothing seen is lost.
 */
export function createStatuspagePoll(options: PollStatuspageOptions): () => Promise<boolean> {
  const { source, store, clock, logger, metrics } = options;
  const persistEveryMs = options.pollIntervalSeconds === undefined ? 0 : persistEveryMsFor(options.pollIntervalSeconds);
  let etags: Record<string, string> | null = null;
  // When an unchanged poll was last written; null until a poll was (or after a failure).
  let writtenAtMs: number | null = null;
  return async () => {
    // The rest of the stored state (what was listed open) goes back in too, so a restart keeps it.
    const stored = etags === null ? store.pollState.get(source.id).state : {};
    etags ??= { ...((stored.etags ?? {}) as Record<string, string>) };
    const outcome = await source.poll({ ...stored, etags });
    const now = clock.now();
    // The source logged each attempt at debug level; this is the one line with the fix.
    if (outcome.kind === 'failed') {
      metrics.polls.inc({ source: source.id, outcome: 'failed' });
      logger.warn({ code: outcome.summary.code, attempts: outcome.errors.length }, outcome.summary.message);
      recordFailureIfPossible(() => store.pollState.recordFailure(source.id, { etags }, outcome.summary.code, outcome.summary.message, now.toISOString()));
      writtenAtMs = null;
      return false;
    }
    // Nothing moved: no write, unless other processes would soon see the read as stale.
    const writeDue = writtenAtMs === null || now.getTime() - writtenAtMs >= persistEveryMs;
    try {
      if (outcome.kind === 'not_modified') {
        if (writeDue) store.pollState.recordSuccess(source.id, outcome.state, now.toISOString());
        else store.pollState.noteSuccess(source.id, now.toISOString());
      } else {
        const { events, firstRun, dropped } = applyPoll(store, outcome.snapshot, outcome.state, now);
        reportDropped({ source: source.id, dropped, logger, metrics });
        for (const event of events) metrics.events.inc({ kind: event.kind });
        if (firstRun) logger.info({ incidents: outcome.snapshot.incidents.length }, 'first read of the status page stored; only open incidents are alerted');
        if (events.length > 0) {
          logger.info({ events: events.map((e) => `${e.kind}:${e.incidentKey ?? ''}`) }, 'status page changed');
          options.onEvents();
        }
      }
      if (outcome.kind === 'snapshot' || writeDue) writtenAtMs = now.getTime();
      etags = outcome.state.etags;
    } catch (error) {
      // SQLITE_FULL, SQLITE_IOERR...: the transaction rolled back; the next poll redoes it.
      const message = errorMessage(error);
      writtenAtMs = null;
      metrics.polls.inc({ source: source.id, outcome: 'store_failed' });
      metrics.storeFailures.inc({ source: source.id });
      options.health?.storeFailed(source.id, message, now);
      logger.error({ err: error, database: store.db.name }, `could not store the poll: ${message}; free disk space or fix the permissions of DATABASE_PATH`);
      recordFailureIfPossible(() => store.pollState.recordFailure(source.id, { etags }, 'store_failed', message, now.toISOString()));
      return false;
    }
    options.health?.stored(source.id, now);
    metrics.polls.inc({ source: source.id, outcome: outcome.kind });
    metrics.lastSuccess.set({ source: source.id }, now.getTime() / 1000);
    return true;
  };
}

/** The failure is worth writing when the database takes it; when it does not, memory has it. */
function recordFailureIfPossible(write: () => void): void {
  try {
    write();
  } catch {
    // The same disk that refused the poll refused this; PollHealth keeps it for /readyz.
  }
}

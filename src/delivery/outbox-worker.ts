import type { Incident } from '../incidents/model.js';
import type { ChatPlatform, PlatformName } from '../platforms/platform.js';
import { DeliveryError } from '../platforms/platform.js';
import type { Store } from '../store/create-store.js';
import { UNKNOWN_OUTCOME, type OutboxRow, type Settlement } from '../store/outbox-table.js';
import { backoffDelayMs } from '../shared/backoff.js';
import type { Clock } from '../shared/clock.js';
import { errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { createCardMemo } from './card-memo.js';
import { createGroupCommit } from './group-commit.js';
import { buildCurrentCard, deliverRow } from './deliver-row.js';
import type { PolicyAction } from './delivery-context.js';
import { firePolicyTimers } from '../store/fire-policy-timers.js';
import { trackCalls } from './track-calls.js';

export interface OutboxWorkerOptions {
  store: Store;
  platforms: ChatPlatform[];
  logger: Logger;
  clock: Clock;
  /** Backoff of transient failures (capped at a minute, so a platform that recovers gets its backlog soon; they retry until they succeed). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How often the worker looks for due rows when not kicked. */
  idleMs?: number;
  /** Deliveries in flight at once, across channels (one per channel at a time). */
  concurrency?: number;
  /** Finished rows are deleted once older than this (default 30 days), so the file does not grow for ever. */
  keepFinishedMs?: number;
  /** How long stop() waits for deliveries in flight. */
  stopTimeoutMs?: number;
  cardNotes?: (incident: Incident) => string[];
  onOutcome?: (platform: PlatformName, outcome: 'done' | 'retry' | 'failed') => void;
  /** What the alert policy did (suppressed a post, sent a reminder or digest), for /metrics. */
  onPolicy?: (action: PolicyAction) => void;
  /**
   * Replicas sharing one Postgres store: only the leader fires policy timers, prunes and frees
   * the lanes of replicas that are gone. Absent: one process, which does all of it and frees
   * every lane left busy at start.
   */
  replicas?: {
    leads(): boolean;
    /** Frees the lanes of gone replicas (their rows looked up before posting again); returns rows freed. */
    recoverGone(at: string): number;
  };
}

export interface OutboxWorker {
  /** Delivers every due row (concurrently across channels); resolves when none is due. */
  runOnce(): Promise<number>;
  start(): void;
  /** Ask for a run soon (after a poll enqueued rows). */
  kick(): void;
  /** Stops claiming and waits (bounded) for deliveries in flight. */
  stop(): Promise<void>;
  /** Platforms stopped for bad credentials, with the reason. */
  halted(): Map<PlatformName, string>;
}

const PRUNE_BATCH = 2_000;
/** How often the leader looks for lanes a gone replica left busy. */
const SWEEP_MS = 2_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, logger, clock, retryBaseMs = 2_000, retryMaxMs = 60_000, idleMs = 1_000, concurrency = 24, stopTimeoutMs = 10_000 } = options;
  const keepFinishedMs = options.keepFinishedMs ?? 30 * 86_400_000;
  const platforms = new Map(options.platforms.map((p) => [p.name, p]));
  const halted = new Map<PlatformName, string>();
  const cardNotes = options.cardNotes ?? (() => []);
  const claimBatch = Math.max(1, Math.min(8, Math.floor(concurrency / 3)));
  const currentCard = createCardMemo((incidentKey) => buildCurrentCard({ store, cardNotes }, incidentKey));
  const commit = createGroupCommit((run) => store.transaction(run));
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;
  let stopping = false;
  let pruneAtMs = 0;
  let sweepAtMs = 0;
  const leads = (): boolean => options.replicas?.leads() ?? true;

  const unavailable = (): string[] =>
    (['console', 'slack', 'discord'] as const).filter((name) => !platforms.has(name) || halted.has(name));
  const iso = (ms: number) => new Date(ms).toISOString();

  async function handle(row: OutboxRow): Promise<void> {
    const at = clock.now().toISOString();
    const event = store.events.get(row.eventId)?.event;
    const sub = store.subscriptions.get(row.subscriptionId);
    const platform = sub ? platforms.get(sub.platform) : undefined;
    if (!event || !sub || !platform) {
      store.outbox.markFailed(row.id, 'orphaned', 'event or subscription is gone', at, { attempted: false, outcomeUnknown: false });
      return;
    }
    const tracked = trackCalls(platform, () => clock.now().getTime());
    const outcome = { unknown: row.outcomeUnknown };
    const writes: Array<() => void> = [];
    const record = (write: () => void) => void writes.push(write);
    const ctx = { store, platform: tracked.platform, now: () => clock.now(), cardNotes, logger, outcome, record, policy: store.policies.get(sub.id), onPolicy: options.onPolicy, currentCard };
    // What the platform did and how the row ends are stored together (grouped with other rows' settlements).
    const settle = (end: () => void) =>
      commit(() => {
        for (const write of writes) write();
        end();
      });
    const spacing = (): Partial<Settlement> => {
      const { postedAt } = tracked.trace;
      return postedAt !== null && platform.postSpacingMs ? { laneNotBefore: iso(postedAt + platform.postSpacingMs) } : {};
    };
    // Set once the platform calls went through: a failure after it is the store's, not the platform's.
    let delivered = false;
    try {
      const ref = await deliverRow(ctx, row, event, sub);
      delivered = true;
      const done = { attempted: tracked.trace.called, outcomeUnknown: false, ...spacing() };
      await settle(() => store.outbox.markDone(row.id, ref ? JSON.stringify(ref) : null, clock.now().toISOString(), done));
      options.onOutcome?.(platform.name, 'done');
    } catch (error) {
      const failure =
        error instanceof DeliveryError ? error : new DeliveryError('unexpected', 'retry', errorMessage(error), null, { cause: error });
      const rateLimited = failure.retryAfterMs !== null;
      const failed: Settlement = {
        // A 429 says "not now", not "this failed": it never counts as an attempt.
        attempted: tracked.trace.called && !rateLimited,
        // Posted but not recorded (the database refused the settlement): look it up before posting again.
        outcomeUnknown: outcome.unknown || failure.code === UNKNOWN_OUTCOME || delivered,
        ...spacing(),
      };
      const { write, report } = failureOutcome(row, sub.id, platform.name, failure, failed);
      await settle(write);
      report();
    }
  }

  /** How a failed attempt ends: the store writes (committed with the row's settlement), then what is logged and counted. */
  function failureOutcome(row: OutboxRow, subscriptionId: number, platform: PlatformName, error: DeliveryError, settle: Settlement): { write: () => void; report: () => void } {
    const at = clock.now().toISOString();
    const attempt = row.attempts + (settle.attempted ? 1 : 0);
    const context = { outboxId: row.id, platform, code: error.code, attempt };
    switch (error.action) {
      case 'halt_platform':
        // At once, so no more rows are claimed for it while this one settles.
        halted.set(platform, error.message);
        return {
          write: () => store.outbox.release(row.id, error.code, error.message, at),
          report: () => logger.error(context, `${platform} deliveries stopped: ${error.message}`),
        };
      case 'disable_subscription':
        return {
          write: () => {
            store.subscriptions.disable(subscriptionId, error.code, at);
            store.outbox.markFailed(row.id, error.code, error.message, at, settle);
            store.outbox.skipPending(subscriptionId, error.code, at);
          },
          report: () => {
            logger.warn(context, `channel subscription disabled: ${error.message}`);
            options.onOutcome?.(platform, 'failed');
          },
        };
      case 'drop':
        return {
          write: () => store.outbox.markFailed(row.id, error.code, error.message, at, settle),
          report: () => {
            logger.error(context, `delivery rejected: ${error.message}`);
            options.onOutcome?.(platform, 'failed');
          },
        };
      case 'retry': {
        // Transient: retried until it goes through (the backlog's age shows in /metrics).
        // Retry-After is waited exactly; other failures back off, capped.
        const delay = error.retryAfterMs ?? backoffDelayMs(Math.max(1, attempt), { baseMs: retryBaseMs, maxMs: retryMaxMs });
        const next = iso(clock.now().getTime() + delay);
        return {
          write: () => store.outbox.markRetry(row.id, error.code, error.message, next, at, { ...settle, laneNotBefore: undefined }),
          report: () => {
            logger.warn({ ...context, retryInMs: delay }, `delivery will be retried: ${error.message}`);
            options.onOutcome?.(platform, 'retry');
          },
        };
      }
    }
  }

  /** Keeps up to `concurrency` channels in flight until nothing is due. */
  async function drain(): Promise<number> {
    if (leads()) {
      fireTimers();
      pruneFinished();
      sweepGone();
    }
    let delivered = 0;
    const active = new Set<Promise<void>>();
    // One signal for "a delivery finished", so a wait costs O(1) rather than a race over every job.
    let freed = (): void => undefined;
    for (;;) {
      const free = stopping ? 0 : concurrency - active.size;
      // Claim in batches: a claim is a transaction, and one per finished delivery cost more
      // than the delivery's own writes. A nearly idle worker claims whatever is free.
      const worthClaiming = free >= claimBatch || (free > 0 && active.size < claimBatch);
      const rows = worthClaiming ? store.outbox.claimDue(clock.now().toISOString(), free, unavailable()) : [];
      for (const row of rows) {
        const job: Promise<void> = handle(row)
          .catch((error: unknown) => logger.error({ err: error, outboxId: row.id }, 'outbox delivery crashed'))
          .finally(() => {
            active.delete(job);
            freed();
          });
        active.add(job);
      }
      delivered += rows.length;
      if (active.size === 0) return delivered;
      // Wake on a finished delivery, or, when free slots found no lane due, when a spaced lane comes due.
      const waits: Array<Promise<unknown>> = [new Promise<void>((resolve) => (freed = resolve))];
      if (worthClaiming && rows.length < free) {
        const wakeIn = untilNextDue();
        if (wakeIn !== null) waits.push(sleep(Math.min(wakeIn, idleMs)));
      }
      await Promise.race(waits);
    }
  }

  /** Due reminders, digests and settled degradations become outbox rows (their times live in the database). */
  function fireTimers(): void {
    try {
      const fired = firePolicyTimers(store, clock.now());
      for (let i = 0; i < fired.suppressed; i += 1) options.onPolicy?.('suppressed');
    } catch (error) {
      // A failing database (full disk) must not stop deliveries already queued; the next run retries.
      logger.error({ err: error }, 'alert policy timers could not be checked; they are retried on the next run');
    }
  }

  /** At most one small batch a run, hourly, sooner while there is more: never a long write. */
  function pruneFinished(): void {
    const nowMs = clock.now().getTime();
    if (nowMs < pruneAtMs) return;
    try {
      const deleted = store.outbox.pruneFinished(iso(nowMs - keepFinishedMs), PRUNE_BATCH);
      pruneAtMs = nowMs + (deleted === PRUNE_BATCH ? idleMs : 3_600_000);
      if (deleted > 0) logger.debug({ deleted }, 'outbox: finished deliveries past retention deleted');
    } catch (error) {
      pruneAtMs = nowMs + 3_600_000;
      logger.warn({ err: error }, 'outbox: old finished deliveries could not be deleted; tried again in an hour');
    }
  }

  /** The leader frees what a killed replica held, within a couple of seconds of its death. */
  function sweepGone(): void {
    const replicas = options.replicas;
    const nowMs = clock.now().getTime();
    if (!replicas || nowMs < sweepAtMs) return;
    sweepAtMs = nowMs + SWEEP_MS;
    try {
      const freed = replicas.recoverGone(iso(nowMs));
      if (freed > 0) logger.warn({ freed }, 'deliveries a stopped replica had in flight will be checked and retried here');
    } catch (error) {
      logger.warn({ err: error }, 'could not free the deliveries of stopped replicas; tried again shortly');
    }
  }

  const untilNextDue = (): number | null => {
    const next = store.outbox.nextDueAt(unavailable());
    return next === null ? null : Math.max(1, Date.parse(next) - clock.now().getTime());
  };

  const runOnce = (): Promise<number> => {
    running ??= drain().finally(() => {
      running = null;
    });
    return running;
  };

  const schedule = (ms: number): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      runOnce()
        .catch((error: unknown) => logger.error({ err: error }, 'outbox worker run failed'))
        .finally(() => schedule(Math.min(idleMs, untilNextDue() ?? idleMs)));
    }, ms);
  };

  return {
    runOnce,
    start() {
      stopped = false;
      const at = clock.now().toISOString();
      const recovered = options.replicas ? options.replicas.recoverGone(at) : store.outbox.recoverInFlight(at);
      if (recovered > 0) logger.warn({ recovered }, 'deliveries interrupted by the last stop will be checked and retried');
      schedule(0);
    },
    kick: () => schedule(0),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (!running) return;
      stopping = true;
      const done = await Promise.race([running.then(() => true), sleep(stopTimeoutMs).then(() => false)]);
      stopping = false;
      if (!done) logger.warn({ stopTimeoutMs }, 'stopped with deliveries still in flight: they will be checked at the next start');
    },
    halted: () => new Map(halted),
  };
}

import type { Incident } from '../incidents/model.js';
import type { ChatPlatform, PlatformName } from '../platforms/platform.js';
import { DeliveryError } from '../platforms/platform.js';
import type { Store } from '../store/create-store.js';
import type { OutboxRow } from '../store/outbox-table.js';
import { backoffDelayMs } from '../shared/backoff.js';
import type { Clock } from '../shared/clock.js';
import { errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { deliverRow } from './deliver-row.js';

export interface OutboxWorkerOptions {
  store: Store;
  platforms: ChatPlatform[];
  logger: Logger;
  clock: Clock;
  /** After this many attempts a row is marked failed with its last error code. */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How often the worker looks for due rows when not kicked. */
  idleMs?: number;
  cardNotes?: (incident: Incident) => string[];
  onOutcome?: (platform: PlatformName, outcome: 'done' | 'retry' | 'failed') => void;
}

export interface OutboxWorker {
  /** Delivers every due row once; resolves when done. */
  runOnce(): Promise<number>;
  start(): void;
  /** Ask for a run soon (after a poll enqueued rows). */
  kick(): void;
  stop(): Promise<void>;
  /** Platforms stopped for bad credentials, with the reason. */
  halted(): Map<PlatformName, string>;
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, logger, clock, maxAttempts = 8, retryBaseMs = 2_000, retryMaxMs = 300_000, idleMs = 1_000 } = options;
  const platforms = new Map(options.platforms.map((p) => [p.name, p]));
  const halted = new Map<PlatformName, string>();
  const cardNotes = options.cardNotes ?? (() => []);
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = true;

  const unavailable = (): string[] =>
    (['console', 'slack', 'discord'] as const).filter((name) => !platforms.has(name) || halted.has(name));

  async function handle(row: OutboxRow): Promise<void> {
    const now = () => clock.now().toISOString();
    const event = store.events.get(row.eventId)?.event;
    const sub = store.subscriptions.get(row.subscriptionId);
    const platform = sub ? platforms.get(sub.platform) : undefined;
    if (!event || !sub || !platform) {
      store.outbox.markFailed(row.id, 'orphaned', 'event or subscription is gone', now());
      return;
    }
    try {
      const ref = await deliverRow({ store, platform, now: () => clock.now(), cardNotes }, row, event, sub);
      store.outbox.markDone(row.id, ref ? JSON.stringify(ref) : null, now());
      options.onOutcome?.(platform.name, 'done');
    } catch (error) {
      const failure =
        error instanceof DeliveryError ? error : new DeliveryError('unexpected', 'retry', errorMessage(error), null, { cause: error });
      settleFailure(row, sub.id, platform.name, failure, now());
    }
  }

  function settleFailure(row: OutboxRow, subscriptionId: number, platform: PlatformName, error: DeliveryError, at: string): void {
    const context = { outboxId: row.id, platform, code: error.code, attempt: row.attempts };
    switch (error.action) {
      case 'halt_platform':
        halted.set(platform, error.message);
        store.outbox.release(row.id, error.code, error.message, at);
        logger.error(context, `${platform} deliveries stopped: ${error.message}`);
        return;
      case 'disable_subscription': {
        store.transaction(() => {
          store.subscriptions.disable(subscriptionId, error.code, at);
          store.outbox.markFailed(row.id, error.code, error.message, at);
          store.outbox.skipPending(subscriptionId, error.code, at);
        });
        logger.warn(context, `channel subscription disabled: ${error.message}`);
        options.onOutcome?.(platform, 'failed');
        return;
      }
      case 'drop':
        store.outbox.markFailed(row.id, error.code, error.message, at);
        logger.error(context, `delivery rejected: ${error.message}`);
        options.onOutcome?.(platform, 'failed');
        return;
      case 'retry':
        if (row.attempts >= maxAttempts) {
          store.outbox.markFailed(row.id, error.code, error.message, at);
          logger.error(context, `delivery failed after ${row.attempts} attempts: ${error.message}`);
          options.onOutcome?.(platform, 'failed');
          return;
        }
        {
          const delay = Math.max(error.retryAfterMs ?? 0, backoffDelayMs(row.attempts, { baseMs: retryBaseMs, maxMs: retryMaxMs }));
          store.outbox.markRetry(row.id, error.code, error.message, new Date(clock.now().getTime() + delay).toISOString(), at);
          logger.warn({ ...context, retryInMs: delay }, `delivery will be retried: ${error.message}`);
          options.onOutcome?.(platform, 'retry');
        }
    }
  }

  async function drain(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const rows = store.outbox.claimDue(clock.now().toISOString(), 20, unavailable());
      if (rows.length === 0) return delivered;
      for (const row of rows) await handle(row);
      delivered += rows.length;
    }
  }

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
        .finally(() => schedule(idleMs));
    }, ms);
  };

  return {
    runOnce,
    start() {
      stopped = false;
      const recovered = store.outbox.recoverInFlight(clock.now().toISOString());
      if (recovered > 0) logger.warn({ recovered }, 'deliveries interrupted by the last stop will be checked and retried');
      schedule(0);
    },
    kick: () => schedule(0),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    halted: () => new Map(halted),
  };
}

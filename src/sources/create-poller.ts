import cron, { type ScheduledTask } from 'node-cron';
import { backoffDelayMs } from '../shared/backoff.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';

export interface PollerOptions {
  name: string;
  intervalSeconds: number;
  /** One poll. Resolves true on success, false on a failure (which backs off). Must not throw. */
  run: () => Promise<boolean>;
  logger: Logger;
  clock: Clock;
  /** Ceiling of the failure backoff; defaults to max(10 min, interval). */
  maxBackoffMs?: number;
  random?: () => number;
  /** How long stop() waits for a poll in flight before leaving it behind (default 3 s). */
  stopTimeoutMs?: number;
}

export interface Poller {
  /** Polls once now, then every interval (node-cron for a minute or more, a timer below). */
  start(): void;
  /** Polls now unless a poll is running (then waits for that one). */
  pollNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A node-cron schedule for an interval in seconds: exact when the interval divides
 * a minute or an hour, otherwise a one-second tick that polls when the interval has passed.
 * Used for intervals of a minute or more; shorter ones run on a plain timer (see createPoller).
 */
export function cronExpressionFor(seconds: number): { expression: string; exact: boolean } {
  if (seconds < 60 && 60 % seconds === 0) return { expression: `*/${seconds} * * * * *`, exact: true };
  if (seconds % 60 === 0 && seconds < 3600 && 60 % (seconds / 60) === 0) {
    return { expression: `0 */${seconds / 60} * * * *`, exact: true };
  }
  return { expression: '* * * * * *', exact: false };
}

/** Runs a source on a schedule: never two polls of one source at once; failures back off with jitter. */
export function createPoller(options: PollerOptions): Poller {
  const { name, intervalSeconds, run, logger, clock } = options;
  const intervalMs = intervalSeconds * 1000;
  const maxBackoffMs = options.maxBackoffMs ?? Math.max(600_000, intervalMs);
  const { expression, exact } = cronExpressionFor(intervalSeconds);
  let task: ScheduledTask | null = null;
  let inFlight: Promise<void> | null = null;
  let failures = 0;
  let lastStartMs = 0;
  let notBeforeMs = 0;

  const pollNow = (): Promise<void> => {
    inFlight ??= (async () => {
      lastStartMs = clock.now().getTime();
      const ok = await run().catch((error: unknown) => {
        logger.error({ err: error, source: name }, 'poll crashed');
        return false;
      });
      if (ok) {
        if (failures > 0) logger.info({ source: name, after: failures }, 'source recovered');
        failures = 0;
        notBeforeMs = 0;
        return;
      }
      failures += 1;
      const wait = backoffDelayMs(failures, { baseMs: intervalMs, maxMs: maxBackoffMs, random: options.random });
      notBeforeMs = clock.now().getTime() + wait;
      // The poll itself logged the one warning with the fix; this is the schedule.
      logger.debug({ source: name, failures, nextPollInMs: wait }, 'poll failed; backing off');
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  const tick = (): void => {
    const now = clock.now().getTime();
    if (inFlight || now < notBeforeMs) return;
    // Half a second of slack: cron fires on the second, polls take a moment to start.
    if (!exact && now - lastStartMs < intervalMs - 500) return;
    void pollNow();
  };

  // Under a minute, a timer set after each poll for the next one (an interval after it
  // started, or the end of a backoff): node-cron's per-second heartbeat costs more CPU
  // than a 1 s poll itself.
  let timed = false;
  let next: NodeJS.Timeout | null = null;
  const arm = (): void => {
    if (!timed) return;
    const due = Math.max(lastStartMs + intervalMs, notBeforeMs);
    next = setTimeout(fire, Math.max(100, due - clock.now().getTime()));
  };
  const fire = (): void => {
    next = null;
    if (!timed) return;
    if (inFlight) return arm();
    void pollNow().finally(arm);
  };

  return {
    start() {
      timed = intervalSeconds < 60;
      const first = pollNow();
      if (timed) void first.finally(arm);
      else task = cron.schedule(expression, tick, { name: `poll-${name}`, noOverlap: true });
    },
    pollNow,
    async stop() {
      timed = false;
      if (next) clearTimeout(next);
      next = null;
      await task?.destroy();
      task = null;
      // A search stuck in retries must not hold up shutdown; its result is simply dropped.
      let timer: NodeJS.Timeout | undefined;
      const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.stopTimeoutMs ?? 3_000)));
      await Promise.race([inFlight, giveUp]);
      clearTimeout(timer);
    },
  };
}

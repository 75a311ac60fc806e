import type { Db } from './open-database.js';

export interface OutboxBacklog {
  /** Rows not delivered yet (pending or in flight). */
  undelivered: number;
  /** When the oldest row that is due now was enqueued; null when nothing is due. */
  oldestDueCreatedAt: string | null;
}

/**
 * How far behind delivery is: read-only, two indexed aggregates over the outbox.
 * A row waiting for a long Retry-After is not due yet, so it does not count as stuck.
 */
export function createOutboxBacklogReader(db: Db): (now: string) => OutboxBacklog {
  const undelivered = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'in_flight')`);
  const oldestDue = db.prepare<[string], { at: string | null }>(
    `SELECT MIN(created_at) AS at FROM outbox WHERE (state = 'pending' AND next_attempt_at <= ?) OR state = 'in_flight'`,
  );
  return (now) => ({ undelivered: undelivered.get()?.n ?? 0, oldestDueCreatedAt: oldestDue.get(now)?.at ?? null });
}

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
export function createOutboxBacklogReader(db: Db, platforms: readonly string[]): (now: string) => OutboxBacklog {
  // Only rows this process can deliver: old Slack rows on a bot no longer set up for Slack wait, not block.
  // One placeholder per platform (the list is fixed for the process); none matches nothing.
  const marks = platforms.length > 0 ? platforms.map(() => '?').join(', ') : 'NULL';
  const mine = `subscription_id IN (SELECT id FROM subscriptions WHERE platform IN (${marks}))`;
  const undelivered = db.prepare<string[], { n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE state IN ('pending', 'in_flight') AND ${mine}`);
  const oldestDue = db.prepare<string[], { at: string | null }>(
    `SELECT MIN(created_at) AS at FROM outbox WHERE ((state = 'pending' AND next_attempt_at <= ?) OR state = 'in_flight') AND ${mine}`,
  );
  return (now) => ({ undelivered: undelivered.get(...platforms)?.n ?? 0, oldestDueCreatedAt: oldestDue.get(now, ...platforms)?.at ?? null });
}

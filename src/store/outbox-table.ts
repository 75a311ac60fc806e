import type { Db } from './open-database.js';

export type OutboxState = 'pending' | 'in_flight' | 'done' | 'failed' | 'skipped';

export interface OutboxRow {
  id: number;
  eventId: number;
  subscriptionId: number;
  incidentKey: string | null;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastErrorCode: string | null;
  lastError: string | null;
  messageRef: string | null;
}

/** Set on rows that were in flight when the process died: Slack may or may not have the post. */
export const UNKNOWN_OUTCOME = 'unknown_outcome';

export interface OutboxTable {
  enqueue(eventId: number, subscriptionId: number, incidentKey: string | null, at: string): void;
  /**
   * Claims up to `limit` due rows and marks them in flight (attempts + 1), in one
   * transaction. A row waits while an older row of the same incident and channel is
   * unfinished, so a card is always posted before its updates.
   */
  claimDue(now: string, limit: number, excludePlatforms: string[]): OutboxRow[];
  markDone(id: number, messageRef: string | null, at: string): void;
  markRetry(id: number, code: string, message: string, nextAttemptAt: string, at: string): void;
  markFailed(id: number, code: string, message: string, at: string): void;
  /** Gives back a claimed row untouched (platform halted): the attempt does not count. */
  release(id: number, code: string, message: string, at: string): void;
  /** Rows of a disabled channel that will never be sent. */
  skipPending(subscriptionId: number, code: string, at: string): number;
  /** At start-up: rows left in flight by a crash go back to pending, flagged as unknown outcome. */
  recoverInFlight(at: string): number;
  /** True when this channel already has (or had) a delivery for this incident. */
  hasRowsFor(incidentKey: string, subscriptionId: number): boolean;
  counts(): Record<OutboxState, number>;
  get(id: number): OutboxRow | null;
}

interface Row {
  id: number;
  event_id: number;
  subscription_id: number;
  incident_key: string | null;
  state: OutboxState;
  attempts: number;
  next_attempt_at: string;
  last_error_code: string | null;
  last_error: string | null;
  message_ref: string | null;
}

const toRow = (r: Row): OutboxRow => ({
  id: r.id,
  eventId: r.event_id,
  subscriptionId: r.subscription_id,
  incidentKey: r.incident_key,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastErrorCode: r.last_error_code,
  lastError: r.last_error,
  messageRef: r.message_ref,
});

export function createOutboxTable(db: Db): OutboxTable {
  const insert = db.prepare(`INSERT INTO outbox (event_id, subscription_id, incident_key, next_attempt_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, subscription_id) DO NOTHING`);
  const due = db.prepare<[string, string, number], Row>(`SELECT o.* FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
      WHERE o.state = 'pending' AND o.next_attempt_at <= ?
        AND s.platform NOT IN (SELECT value FROM json_each(?))
        AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.subscription_id = o.subscription_id
          AND e.incident_key = o.incident_key AND e.id < o.id AND e.state IN ('pending', 'in_flight'))
      ORDER BY o.id LIMIT ?`);
  const claim = db.prepare(`UPDATE outbox SET state = 'in_flight', attempts = attempts + 1, updated_at = ? WHERE id = ?`);
  const done = db.prepare(`UPDATE outbox SET state = 'done', message_ref = ?, last_error_code = NULL, last_error = NULL,
      updated_at = ? WHERE id = ?`);
  const retry = db.prepare(`UPDATE outbox SET state = 'pending', last_error_code = ?, last_error = ?, next_attempt_at = ?,
      updated_at = ? WHERE id = ?`);
  const fail = db.prepare(`UPDATE outbox SET state = 'failed', last_error_code = ?, last_error = ?, updated_at = ? WHERE id = ?`);
  const release = db.prepare(`UPDATE outbox SET state = 'pending', attempts = attempts - 1, last_error_code = ?, last_error = ?,
      updated_at = ? WHERE id = ?`);
  const skip = db.prepare(`UPDATE outbox SET state = 'skipped', last_error_code = ?, updated_at = ?
      WHERE subscription_id = ? AND state IN ('pending', 'in_flight')`);
  const recover = db.prepare(`UPDATE outbox SET state = 'pending', last_error_code = '${UNKNOWN_OUTCOME}',
      last_error = 'the process stopped during this delivery', updated_at = ? WHERE state = 'in_flight'`);
  const counts = db.prepare<[], { state: OutboxState; n: number }>('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state');
  const byId = db.prepare<[number], Row>('SELECT * FROM outbox WHERE id = ?');
  const anyFor = db.prepare<[string, number], { one: number }>(
    'SELECT 1 AS one FROM outbox WHERE incident_key = ? AND subscription_id = ? LIMIT 1',
  );

  const claimDue = db.transaction((now: string, limit: number, exclude: string[]) => {
    const rows = due.all(now, JSON.stringify(exclude), limit);
    for (const row of rows) claim.run(now, row.id);
    return rows.map((r) => toRow({ ...r, state: 'in_flight', attempts: r.attempts + 1 }));
  });

  return {
    enqueue: (eventId, subscriptionId, incidentKey, at) => void insert.run(eventId, subscriptionId, incidentKey, at, at, at),
    claimDue: (now, limit, excludePlatforms) => claimDue(now, limit, excludePlatforms),
    markDone: (id, ref, at) => void done.run(ref, at, id),
    markRetry: (id, code, message, next, at) => void retry.run(code, message, next, at, id),
    markFailed: (id, code, message, at) => void fail.run(code, message, at, id),
    release: (id, code, message, at) => void release.run(code, message, at, id),
    skipPending: (subscriptionId, code, at) => skip.run(code, at, subscriptionId).changes,
    recoverInFlight: (at) => recover.run(at).changes,
    hasRowsFor: (incidentKey, subscriptionId) => anyFor.get(incidentKey, subscriptionId) !== undefined,
    counts() {
      const result: Record<OutboxState, number> = { pending: 0, in_flight: 0, done: 0, failed: 0, skipped: 0 };
      for (const { state, n } of counts.all()) result[state] = n;
      return result;
    },
    get(id) {
      const row = byId.get(id);
      return row ? toRow(row) : null;
    },
  };
}

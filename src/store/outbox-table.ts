import { dialectOf, type Db } from './open-database.js';

export type OutboxState = 'pending' | 'in_flight' | 'done' | 'failed' | 'skipped';

export interface OutboxRow {
  id: number;
  eventId: number;
  subscriptionId: number;
  incidentKey: string | null;
  state: OutboxState;
  /** Attempts that reached the platform (a 429 and a never-tried claim do not count). */
  attempts: number;
  nextAttemptAt: string;
  lastErrorCode: string | null;
  lastError: string | null;
  messageRef: string | null;
  /** Sticky: an earlier post may have reached the platform; look it up before posting. */
  outcomeUnknown: boolean;
}

/**
 * A post sent just before its process died can still land after it: the platform carries on
 * with a request whose client is gone (a slow answer). A recovered row claimed less than this
 * long ago waits out the rest before its lookup, so the lookup does not run ahead of the post.
 * (A replica takes over at once, where a restart used to take longer than a slow answer.)
 */
export const IN_FLIGHT_GRACE_MS = 5_000;

/** Code of a post whose outcome is unknown (crash mid-post, timeout, 5xx, internal_error). */
export const UNKNOWN_OUTCOME = 'unknown_outcome';

/** How a claimed row ends this attempt. */
export interface Settlement {
  /** The platform was called (counts as an attempt). */
  attempted: boolean;
  /** The row's post may have reached the platform (kept until a lookup settles it). */
  outcomeUnknown: boolean;
  /** The channel's next row waits at least until then (per-channel spacing). */
  laneNotBefore?: string;
}

export interface OutboxTable {
  enqueue(eventId: number, subscriptionId: number, incidentKey: string | null, at: string): void;
  /**
   * Claims the head row of up to `limit` due channel lanes and marks it in flight, in one
   * transaction. One row per channel at a time, in id order: a card is always posted before
   * its updates, and component notices keep their order.
   */
  claimDue(now: string, limit: number, excludePlatforms: string[]): OutboxRow[];
  markDone(id: number, messageRef: string | null, at: string, settle?: Partial<Settlement>): void;
  markRetry(id: number, code: string, message: string, nextAttemptAt: string, at: string, settle?: Partial<Settlement>): void;
  markFailed(id: number, code: string, message: string, at: string, settle?: Partial<Settlement>): void;
  /** Gives back a claimed row untouched (platform halted): the attempt does not count. */
  release(id: number, code: string, message: string, at: string): void;
  /** Rows of a disabled channel that will never be sent. */
  skipPending(subscriptionId: number, code: string, at: string): number;
  /**
   * Rows left in flight go back to pending, flagged unknown outcome (any of them may have been
   * mid-post), so each is looked up before it posts again. With `owners`, only the lanes those
   * (dead) replicas held, and lanes with no owner; without, every one (one process, at start).
   */
  recoverInFlight(at: string, owners?: string[]): number;
  /** Replicas holding busy lanes now (to ask which of them are gone). */
  busyOwners(): string[];
  /** The earliest time a free lane is due (to schedule the next run), or null. */
  nextDueAt(excludePlatforms: string[]): string | null;
  /**
   * Deletes up to `limit` finished rows (done, failed, skipped) created before `before`, oldest
   * first, keeping those of incidents still open (a channel follows an incident it has rows for).
   * @returns how many were deleted (`limit` means there may be more).
   */
  pruneFinished(before: string, limit: number): number;
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
  outcome_unknown: number;
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
  outcomeUnknown: r.outcome_unknown === 1,
});

const PLATFORMS = ['console', 'slack', 'discord'] as const;

/**
 * @param owner this process's replica id, written on the lanes it claims.
 */
export function createOutboxTable(db: Db, owner = 'local'): OutboxTable {
  const postgres = dialectOf(db) === 'postgres';
  const insert = db.prepare(`INSERT INTO outbox (event_id, subscription_id, incident_key, next_attempt_at, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, subscription_id) DO NOTHING`);
  // The no-op update on conflict takes the lane's row lock: with replicas, an enqueue then waits
  // for a settle deciding the lane is empty (and re-creates the lane it dropped) instead of
  // leaving a new row with no lane. (One SQLite writer never interleaves them.)
  const openLane = db.prepare(`INSERT INTO outbox_lanes (subscription_id, platform, next_attempt_at)
      SELECT id, platform, ? FROM subscriptions WHERE id = ?
      ON CONFLICT (subscription_id) DO UPDATE SET next_attempt_at = outbox_lanes.next_attempt_at`);
  // Replicas claim different lanes at once: a lane another one is claiming is skipped, not waited for.
  const dueLanes = db.prepare<[string, string, number], { subscription_id: number }>(`SELECT subscription_id FROM outbox_lanes
      WHERE platform = ? AND busy = 0 AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?${postgres ? ' FOR UPDATE SKIP LOCKED' : ''}`);
  // Settling locks the lane before reading its next head, so an enqueue committing meanwhile is seen.
  const lockLane = postgres ? db.prepare('SELECT subscription_id FROM outbox_lanes WHERE subscription_id = ? FOR UPDATE') : null;
  const head = db.prepare<[number], Row>(`SELECT * FROM outbox WHERE subscription_id = ? AND state IN ('pending', 'in_flight')
      ORDER BY id LIMIT 1`);
  const claim = db.prepare(`UPDATE outbox SET state = 'in_flight', updated_at = ? WHERE id = ?`);
  const laneOf = db.prepare<[number], number>('SELECT subscription_id FROM outbox WHERE id = ?').pluck();
  const setLane = db.prepare('UPDATE outbox_lanes SET busy = ?, next_attempt_at = ?, claimed_by = ? WHERE subscription_id = ?');
  const dropLane = db.prepare('DELETE FROM outbox_lanes WHERE subscription_id = ?');
  const finish = db.prepare(`UPDATE outbox SET state = @state, message_ref = COALESCE(@ref, message_ref), last_error_code = @code,
      last_error = @message, next_attempt_at = COALESCE(@next, next_attempt_at), attempts = attempts + @attempted,
      outcome_unknown = @unknown, updated_at = @at WHERE id = @id`);
  const release = db.prepare(`UPDATE outbox SET state = 'pending', last_error_code = ?, last_error = ?, updated_at = ? WHERE id = ?`);
  const skip = db.prepare(`UPDATE outbox SET state = 'skipped', last_error_code = ?, updated_at = ?
      WHERE subscription_id = ? AND state IN ('pending', 'in_flight')`);
  // A row in flight may have been anywhere in its post: every one is looked up before posting again.
  // (Marking each post in its own commit just before it went out cost a commit per card.)
  // Fields: recent-claim cutoff, the time it waits until, now.
  const recoveredRow = `state = 'pending', outcome_unknown = 1, last_error_code = '${UNKNOWN_OUTCOME}',
      next_attempt_at = CASE WHEN updated_at > ? AND next_attempt_at < ? THEN ? ELSE next_attempt_at END,`;
  const recover = db.prepare(`UPDATE outbox SET ${recoveredRow}
      last_error = 'the process stopped while this delivery was in flight', updated_at = ? WHERE state = 'in_flight'`);
  const freeLanes = db.prepare('UPDATE outbox_lanes SET busy = 0, claimed_by = NULL WHERE busy = 1');
  const owners = db.prepare<[], string>('SELECT DISTINCT claimed_by FROM outbox_lanes WHERE busy = 1 AND claimed_by IS NOT NULL').pluck();
  // Self-repair: any channel with unfinished rows has a lane (O(backlog), start-up only).
  const rebuildLanes = db.prepare(`INSERT INTO outbox_lanes (subscription_id, platform, next_attempt_at)
      SELECT o.subscription_id, s.platform, MIN(o.next_attempt_at) FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
      WHERE o.state = 'pending' GROUP BY o.subscription_id, s.platform ON CONFLICT (subscription_id) DO NOTHING`);
  const nextDue = db.prepare<[string], { at: string | null }>(
    'SELECT MIN(next_attempt_at) AS at FROM outbox_lanes WHERE platform = ? AND busy = 0',
  );
  const counts = db.prepare<[], { state: OutboxState; n: number }>('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state');
  const byId = db.prepare<[number], Row>('SELECT * FROM outbox WHERE id = ?');
  // Walks the primary key from the oldest row: finished old rows come first and are deleted, so each batch is O(limit).
  const prune = db.prepare(`DELETE FROM outbox WHERE id IN (
      SELECT o.id FROM outbox o WHERE o.created_at < ? AND o.state IN ('done', 'failed', 'skipped')
        AND (o.incident_key IS NULL OR NOT EXISTS (SELECT 1 FROM incidents i WHERE i.key = o.incident_key AND i.resolved_at IS NULL))
      ORDER BY o.id LIMIT ?)`);
  const anyFor = db.prepare<[string, number], { one: number }>(
    'SELECT 1 AS one FROM outbox WHERE incident_key = ? AND subscription_id = ? LIMIT 1',
  );

  /** [claimed after, wait until, wait until]: rows claimed within the grace wait until it has passed. */
  const grace = (at: string): [string, string, string] => {
    const ms = Date.parse(at);
    const until = new Date(ms + IN_FLIGHT_GRACE_MS).toISOString();
    return [new Date(ms - IN_FLIGHT_GRACE_MS).toISOString(), until, until];
  };

  /** After a lane's head moved on: point the lane at its new head, or close it. */
  const advanceLane = (subscriptionId: number, notBefore: string | undefined): void => {
    const next = head.get(subscriptionId);
    if (!next) return void dropLane.run(subscriptionId);
    const at = notBefore && notBefore > next.next_attempt_at ? notBefore : next.next_attempt_at;
    setLane.run(0, at, null, subscriptionId);
  };

  const claimDue = db.transaction((now: string, limit: number, exclude: string[]) => {
    const lanes = PLATFORMS.filter((p) => !exclude.includes(p)).flatMap((p) => dueLanes.all(p, now, limit).map((l) => l.subscription_id));
    const claimed: OutboxRow[] = [];
    for (const subscriptionId of lanes) {
      if (claimed.length >= limit) break;
      const row = head.get(subscriptionId);
      if (!row) {
        dropLane.run(subscriptionId);
        continue;
      }
      if (row.state !== 'pending' || row.next_attempt_at > now) {
        // A head already in flight with a free lane: the lane was freed under it; hold it for recovery.
        if (row.state === 'pending') setLane.run(0, row.next_attempt_at, null, subscriptionId);
        else setLane.run(1, row.next_attempt_at, null, subscriptionId);
        continue;
      }
      claim.run(now, row.id);
      setLane.run(1, row.next_attempt_at, owner, subscriptionId);
      claimed.push(toRow({ ...row, state: 'in_flight' }));
    }
    return claimed;
  });

  const settle = db.transaction(
    (id: number, state: OutboxState, fields: { ref?: string | null; code?: string | null; message?: string | null; next?: string | null }, s: Partial<Settlement>, at: string) => {
      const subscriptionId = laneOf.get(id);
      if (subscriptionId === undefined) return;
      lockLane?.get(subscriptionId);
      finish.run({
        id,
        state,
        ref: fields.ref ?? null,
        code: fields.code ?? null,
        message: fields.message ?? null,
        next: fields.next ?? null,
        attempted: s.attempted === false ? 0 : 1,
        unknown: s.outcomeUnknown ? 1 : 0,
        at,
      });
      advanceLane(subscriptionId, s.laneNotBefore);
    },
  );

  const skipPending = db.transaction((subscriptionId: number, code: string, at: string) => {
    lockLane?.get(subscriptionId);
    const n = skip.run(code, at, subscriptionId).changes;
    dropLane.run(subscriptionId);
    return n;
  });

  const recoverInFlight = db.transaction((at: string, dead?: string[]) => {
    if (dead === undefined) {
      const n = recover.run(...grace(at), at).changes;
      freeLanes.run();
      rebuildLanes.run();
      return n;
    }
    // Only the lanes of replicas known to be gone (and lanes nobody owns): the others are live.
    const marks = dead.length > 0 ? dead.map(() => '?').join(', ') : 'NULL';
    const theirs = `busy = 1 AND (claimed_by IS NULL OR claimed_by IN (${marks}))`;
    const n = db
      .prepare(`UPDATE outbox SET ${recoveredRow}
        last_error = 'the replica delivering this stopped while it was in flight', updated_at = ?
        WHERE state = 'in_flight' AND subscription_id IN (SELECT subscription_id FROM outbox_lanes WHERE ${theirs})`)
      .run(...grace(at), at, ...dead).changes;
    db.prepare(`UPDATE outbox_lanes SET busy = 0, claimed_by = NULL WHERE ${theirs}`).run(...dead);
    return n;
  });

  const releaseRow = db.transaction((id: number, code: string, message: string, at: string) => {
    const row = byId.get(id);
    if (row) lockLane?.get(row.subscription_id);
    release.run(code, message, at, id);
    if (row) setLane.run(0, row.next_attempt_at, null, row.subscription_id);
  });

  return {
    enqueue(eventId, subscriptionId, incidentKey, at) {
      if (insert.run(eventId, subscriptionId, incidentKey, at, at, at).changes > 0) openLane.run(at, subscriptionId);
    },
    claimDue: (now, limit, excludePlatforms) => claimDue(now, limit, excludePlatforms),
    markDone: (id, ref, at, s = {}) => settle(id, 'done', { ref }, s, at),
    markRetry: (id, code, message, next, at, s = {}) => settle(id, 'pending', { code, message, next }, s, at),
    markFailed: (id, code, message, at, s = {}) => settle(id, 'failed', { code, message }, s, at),
    release: (id, code, message, at) => releaseRow(id, code, message, at),
    skipPending: (subscriptionId, code, at) => skipPending(subscriptionId, code, at),
    recoverInFlight: (at, dead) => recoverInFlight(at, dead),
    busyOwners: () => owners.all(),
    nextDueAt(exclude) {
      const times = PLATFORMS.filter((p) => !exclude.includes(p)).map((p) => nextDue.get(p)?.at ?? null);
      return times.reduce<string | null>((min, t) => (t !== null && (min === null || t < min) ? t : min), null);
    },
    pruneFinished: (before, limit) => prune.run(before, limit).changes,
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

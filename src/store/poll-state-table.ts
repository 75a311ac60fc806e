import type { Db } from './open-database.js';

export interface PollStateRow {
  sourceId: string;
  state: Record<string, unknown>;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastErrorCode: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
}

/** One row per source: its opaque state (ETags, cursors) and how its last polls went. */
export interface PollStateTable {
  /** The stored row, with a success noted in memory (see noteSuccess) when it is newer. */
  get(sourceId: string): PollStateRow;
  recordSuccess(sourceId: string, state: object, at: string): void;
  /** Also stores the success last noted in memory, so the row says when the last good read really was. */
  recordFailure(sourceId: string, state: object, code: string, message: string, at: string): void;
  /**
   * A success that changed nothing, kept in this process only: no write. The caller
   * persists one with recordSuccess often enough for other processes (`status`).
   */
  noteSuccess(sourceId: string, at: string): void;
}

interface Row {
  source_id: string;
  state: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error_code: string | null;
  last_error: string | null;
  last_error_at: string | null;
  consecutive_failures: number;
}

export function createPollStateTable(db: Db): PollStateTable {
  const select = db.prepare<[string], Row>('SELECT * FROM poll_state WHERE source_id = ?');
  const success = db.prepare(`INSERT INTO poll_state (source_id, state, last_attempt_at, last_success_at, consecutive_failures)
      VALUES (?, ?, ?, ?, 0) ON CONFLICT (source_id) DO UPDATE SET state = excluded.state,
      last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at, consecutive_failures = 0`);
  const failure = db.prepare(`INSERT INTO poll_state
      (source_id, state, last_attempt_at, last_success_at, last_error_code, last_error, last_error_at, consecutive_failures)
      VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (source_id) DO UPDATE SET state = excluded.state,
      last_attempt_at = excluded.last_attempt_at,
      last_success_at = COALESCE(excluded.last_success_at, poll_state.last_success_at),
      last_error_code = excluded.last_error_code,
      last_error = excluded.last_error, last_error_at = excluded.last_error_at,
      consecutive_failures = poll_state.consecutive_failures + 1`);

  // Successes noted but not yet written, by source (ISO strings compare as times).
  const noted = new Map<string, string>();
  const newer = (a: string | null | undefined, b: string | undefined): string | null => (b !== undefined && (a == null || b > a) ? b : (a ?? null));

  return {
    get(sourceId) {
      const row = select.get(sourceId);
      const memory = noted.get(sourceId);
      return {
        sourceId,
        state: row ? (JSON.parse(row.state) as Record<string, unknown>) : {},
        lastAttemptAt: newer(row?.last_attempt_at, memory),
        lastSuccessAt: newer(row?.last_success_at, memory),
        lastErrorCode: row?.last_error_code ?? null,
        lastError: row?.last_error ?? null,
        lastErrorAt: row?.last_error_at ?? null,
        consecutiveFailures: row?.consecutive_failures ?? 0,
      };
    },
    recordSuccess(sourceId, state, at) {
      success.run(sourceId, JSON.stringify(state), at, at);
      noted.delete(sourceId);
    },
    recordFailure(sourceId, state, code, message, at) {
      failure.run(sourceId, JSON.stringify(state), at, noted.get(sourceId) ?? null, code, message, at);
      noted.delete(sourceId);
    },
    noteSuccess: (sourceId, at) => void noted.set(sourceId, at),
  };
}

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

export interface PollStateTable {
  get(sourceId: string): PollStateRow;
  recordSuccess(sourceId: string, state: object, at: string): void;
  recordFailure(sourceId: string, state: object, code: string, message: string, at: string): void;
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
      (source_id, state, last_attempt_at, last_error_code, last_error, last_error_at, consecutive_failures)
      VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT (source_id) DO UPDATE SET state = excluded.state,
      last_attempt_at = excluded.last_attempt_at, last_error_code = excluded.last_error_code,
      last_error = excluded.last_error, last_error_at = excluded.last_error_at,
      consecutive_failures = poll_state.consecutive_failures + 1`);

  return {
    get(sourceId) {
      const row = select.get(sourceId);
      return {
        sourceId,
        state: row ? (JSON.parse(row.state) as Record<string, unknown>) : {},
        lastAttemptAt: row?.last_attempt_at ?? null,
        lastSuccessAt: row?.last_success_at ?? null,
        lastErrorCode: row?.last_error_code ?? null,
        lastError: row?.last_error ?? null,
        lastErrorAt: row?.last_error_at ?? null,
        consecutiveFailures: row?.consecutive_failures ?? 0,
      };
    },
    recordSuccess: (sourceId, state, at) => void success.run(sourceId, JSON.stringify(state), at, at),
    recordFailure: (sourceId, state, code, message, at) =>
      void failure.run(sourceId, JSON.stringify(state), at, code, message, at),
  };
}

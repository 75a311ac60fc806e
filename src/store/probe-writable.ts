import type { Db } from './open-database.js';

/**
 * Writes one row to prove the database is writable. Throttled: a result younger than
 * `everyMs` is reused, so /readyz and /metrics scrapes cost at most one write that often.
 * @returns null when writable, else the error's message.
 */
export function createWritableProbe(db: Db, everyMs = 15_000): (nowMs: number) => string | null {
  const write = db.prepare(`INSERT INTO health_probe (id, written_at) VALUES (1, ?)
      ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at`);
  let last: { atMs: number; problem: string | null } | null = null;
  return (nowMs) => {
    if (last && nowMs - last.atMs < everyMs) return last.problem;
    let problem: string | null = null;
    try {
      write.run(new Date(nowMs).toISOString());
    } catch (error) {
      problem = error instanceof Error ? error.message : String(error);
    }
    last = { atMs: nowMs, problem };
    return problem;
  };
}

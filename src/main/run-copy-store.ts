import { existsSync } from 'node:fs';
import type { Config } from '../config/load-config.js';
import { AppError, errorMessage } from '../shared/errors.js';
import { copyStore } from '../store/copy-store.js';
import { migrate } from '../store/migrate.js';
import { openDatabase, type Db } from '../store/open-database.js';
import { openPostgres, redactUrl } from '../store/postgres/open-postgres.js';

export interface CopyStoreRun {
  config: Config;
  /** The SQLite file to copy; DATABASE_PATH when not given. */
  from?: string;
  write: (text: string) => void;
  warn: (text: string) => void;
}

/**
 * `copy-store`: moves a bot from its SQLite file to Postgres (DATABASE_URL) with its history,
 * subscriptions, channel settings, Slack installations and posted cards, so replicas carry on
 * where the single bot stopped: an open incident's next update edits the card already posted.
 * @returns the exit code (0 copied, 1 refused or failed, 2 misused).
 */
export function runCopyStore(run: CopyStoreRun): number {
  const to = run.config.databaseUrl;
  const from = run.from ?? run.config.databasePath;
  if (!to) {
    run.warn('copy-store: set DATABASE_URL to the (new, empty) Postgres database to copy into; the SQLite file is DATABASE_PATH or --from.');
    return 2;
  }
  // openDatabase would create a missing file: copying an empty new store helps nobody.
  if (!existsSync(from)) {
    run.warn(`copy-store: no SQLite database at ${from}. Point DATABASE_PATH (or --from) at the bot's file.`);
    return 1;
  }
  let source: Db | null = null;
  let target: Db | null = null;
  try {
    source = openDatabase(from);
    target = openPostgres(to, { statementTimeoutMs: 60_000 }) as unknown as Db;
    // Both at this release's schema: the copy moves columns by name.
    migrate(source);
    migrate(target);
    const copied = copyStore(source, target);
    const total = copied.reduce((sum, t) => sum + t.rows, 0);
    run.write(`Copied ${total} rows from ${from} to ${redactUrl(to)}:\n`);
    for (const t of copied.filter((c) => c.rows > 0)) run.write(`  ${t.table.padEnd(22)} ${t.rows}\n`);
    run.write('Start the bot (or its replicas) with DATABASE_URL set; keep the SQLite file until the bot runs well on Postgres.\n');
    return 0;
  } catch (error) {
    const code = error instanceof AppError ? `${error.code}: ` : '';
    run.warn(`copy-store: ${code}${errorMessage(error)}`);
    return 1;
  } finally {
    source?.close();
    target?.close();
  }
}

import { openDatabase, type Db } from './open-database.js';
import { openPostgres, redactUrl } from './postgres/open-postgres.js';

/** Where the store lives: a SQLite file (the default) or, with DATABASE_URL, a Postgres database. */
export interface DatabaseLocation {
  databasePath: string;
  /** postgres://… ; null = SQLite at databasePath. */
  databaseUrl: string | null;
}

/** How logs and /readyz name the store: the SQLite path, or the Postgres URL without its password. */
export function databaseLabel(location: DatabaseLocation): string {
  return location.databaseUrl ? redactUrl(location.databaseUrl) : location.databasePath;
}

/**
 * Opens the configured engine. The Postgres connection implements the part of better-sqlite3's
 * Database the store calls (prepare/get/all/run/pluck, transaction, exec, close), and the
 * store's contract tests run on both, so it is handed over under the same type.
 */
export function openStoreDatabase(location: DatabaseLocation): Db {
  if (location.databaseUrl) return openPostgres(location.databaseUrl) as unknown as Db;
  return openDatabase(location.databasePath);
}

import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from '../store/open-database.js';
import type { DatabaseLocation } from '../store/open-store-database.js';
import { openPostgres } from '../store/postgres/open-postgres.js';
import { createSlackInstallationsTable, type StoredInstallation } from '../store/slack-installations-table.js';

/**
 * The installed workspaces, for `doctor`: read-only (the doctor never creates or migrates).
 * @returns null when there is no database yet or it predates migration 0011.
 */
export function readSlackInstallations(location: DatabaseLocation): StoredInstallation[] | null {
  if (location.databaseUrl) {
    const pg = openPostgres(location.databaseUrl);
    try {
      const table = pg.prepare("SELECT to_regclass('slack_installations') IS NOT NULL AS yes").pluck().get() === true;
      return table ? createSlackInstallationsTable(pg as unknown as Db).list() : null;
    } finally {
      pg.close();
    }
  }
  const path = location.databasePath;
  if (!existsSync(path)) return null;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'slack_installations'").get();
    return table ? createSlackInstallationsTable(db).list() : null;
  } finally {
    db.close();
  }
}

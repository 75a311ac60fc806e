import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createSlackInstallationsTable, type StoredInstallation } from '../store/slack-installations-table.js';

/**
 * The installed workspaces, for `doctor`: read-only (the doctor never creates or migrates).
 * @returns null when there is no database yet or it predates migration 0011.
 */
export function readSlackInstallations(path: string): StoredInstallation[] | null {
  if (!existsSync(path)) return null;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'slack_installations'").get();
    return table ? createSlackInstallationsTable(db).list() : null;
  } finally {
    db.close();
  }
}

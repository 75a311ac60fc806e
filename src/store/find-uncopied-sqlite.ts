import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from './open-database.js';

/**
 * A bot moved to Postgres by setting DATABASE_URL alone starts on an empty database: every
 * channel subscribed with a command stops getting alerts, and nothing else says so. When the
 * SQLite file at DATABASE_PATH still holds enabled subscriptions and Postgres holds none, this
 * returns how many (for the start-up warning and `doctor`); otherwise null. The file is only read.
 */
export function countUncopiedSubscriptions(sqlitePath: string, target: Db): number | null {
  if (!existsSync(sqlitePath)) return null;
  let left: number;
  try {
    const source = new Database(sqlitePath, { readonly: true, fileMustExist: true });
    try {
      left = Number(source.prepare('SELECT COUNT(*) FROM subscriptions WHERE enabled = 1').pluck().get());
    } finally {
      source.close();
    }
  } catch {
    // Not a bot's database (or no subscriptions table yet): nothing to copy.
    return null;
  }
  if (left === 0) return null;
  const present = Number(target.prepare('SELECT COUNT(*) FROM subscriptions').pluck().get());
  return present === 0 ? left : null;
}

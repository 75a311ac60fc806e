import Database from 'better-sqlite3';

/** One number from a running bot's database, read through a second, read-only connection. */
export function countInBotDb(path: string, sql: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

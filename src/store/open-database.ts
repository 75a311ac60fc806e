import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { AppError, errorMessage } from '../shared/errors.js';

export type Db = Database.Database;

/** Which SQL engine a Db speaks to. The store's statements are written for both. */
export type Dialect = 'sqlite' | 'postgres';

/** The engine behind `db` (a Postgres connection says so; better-sqlite3's Database does not). */
export function dialectOf(db: Db): Dialect {
  return (db as unknown as { dialect?: unknown }).dialect === 'postgres' ? 'postgres' : 'sqlite';
}

/** The database could not be opened; the message names DATABASE_PATH, the path and the fix. */
export class DatabaseOpenError extends AppError {
  constructor(
    code: 'database_folder' | 'database_open' | 'database_read_only' | 'database_not_sqlite',
    readonly path: string,
    message: string,
    cause: unknown,
  ) {
    super(code, message, { cause });
  }
}

/** Owner only: the database holds channel ids, subscriptions and message references. */
const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;

/**
 * Opens the SQLite file with the pragmas a long-running writer wants: WAL so
 * readers (commands) never wait on the poller, a busy timeout instead of
 * SQLITE_BUSY errors, and foreign keys enforced. Creates the folder (0700) and
 * the file (0600; SQLite gives -wal and -shm the file's mode) when missing.
 */
export function openDatabase(path: string): Db {
  if (path === ':memory:') return applyPragmas(new Database(path));
  const where = resolve(path);
  try {
    mkdirSync(dirname(where), { recursive: true, mode: FOLDER_MODE });
  } catch (error) {
    throw new DatabaseOpenError(
      'database_folder',
      where,
      `DATABASE_PATH=${path}: cannot create the folder ${dirname(where)} (${errorMessage(error)}). Set DATABASE_PATH to a file in a folder this user can write, or create that folder.`,
      error,
    );
  }
  let db: Db | null = null;
  try {
    // Created 0600 before SQLite opens it, so there is no moment it is world-readable.
    if (!existsSync(where)) closeSync(openSync(where, 'a', FILE_MODE));
    db = new Database(where);
    applyPragmas(db);
    // A read-only file opens fine and fails at the first write: find out now, not mid-poll.
    db.exec('BEGIN IMMEDIATE; ROLLBACK;');
    return db;
  } catch (error) {
    db?.close();
    throw describeOpenError(error, path, where);
  }
}

function canReadWrite(path: string): boolean {
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function applyPragmas(db: Db): Db {
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // Checkpoints are where WAL mode syncs to disk; every 4,000 pages (about 16 MB) instead of
  // 1,000 keeps a fan-out's thousands of small commits from paying for one every 200 rows.
  db.pragma('wal_autocheckpoint = 4000');
  return db;
}

function describeOpenError(error: unknown, path: string, where: string): DatabaseOpenError {
  // SQLite says only "unable to open database file" for a file another user owns.
  const code = existsSync(where) && !canReadWrite(where) ? 'EACCES' : ((error as { code?: string }).code ?? '');
  const detail = errorMessage(error);
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return new DatabaseOpenError(
      'database_read_only',
      where,
      `DATABASE_PATH=${path}: ${where} cannot be written by this user (${detail}). The bot writes there: fix the owner or mode of the file and its folder (chown, chmod u+w), or point DATABASE_PATH at a writable file.`,
      error,
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new DatabaseOpenError(
      'database_not_sqlite',
      where,
      `DATABASE_PATH=${path}: ${where} is not a SQLite database (${detail}). Point DATABASE_PATH at the bot's database, or move that file away so a new one is created.`,
      error,
    );
  }
  return new DatabaseOpenError(
    'database_open',
    where,
    `DATABASE_PATH=${path}: cannot open ${where} (${detail}). Check that the path is a file (not a folder) in a folder this user can write, or set DATABASE_PATH elsewhere.`,
    error,
  );
}

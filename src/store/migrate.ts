import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../shared/errors.js';
import { dialectOf, type Db, type Dialect } from './open-database.js';

/**
 * The repo's migrations folder, found from this file in src/ or dist/src/. Postgres reads
 * `migrations/postgres/`: the same versions, each in Postgres's DDL (a test keeps them in step).
 */
export function defaultMigrationsDir(dialect: Dialect = 'sqlite'): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const root = here.includes(`${join('dist', 'src')}`) ? join(here, '..', '..', '..', 'migrations') : join(here, '..', '..', 'migrations');
  return dialect === 'postgres' ? join(root, 'postgres') : root;
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((file) => FILE.test(file))
    .sort()
    .map((file) => {
      const [, version, name] = FILE.exec(file) ?? [];
      return { version: Number(version), name: name ?? file, sql: readFileSync(join(dir, file), 'utf8') };
    });
}

/**
 * Applies pending migrations in order, each in its own transaction, recording
 * each in `schema_migrations`. Re-running is a no-op. Refuses a database whose
 * schema is newer than this code (an older release must not write to it).
 * @returns the versions applied by this call.
 */
export function migrate(db: Db, dir = defaultMigrationsDir(dialectOf(db))): number[] {
  // Replicas starting together on one Postgres database migrate one at a time; the second finds
  // nothing left to do. (One SQLite file has one writer: its transactions already serialise.)
  const postgres = dialectOf(db) === 'postgres';
  if (postgres) db.exec(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    return migrateLocked(db, dir);
  } finally {
    if (postgres && db.open) db.exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
  }
}

/** The advisory lock key migrations hold on Postgres. */
const MIGRATION_LOCK = 0x0c0b_0004;

function migrateLocked(db: Db, dir: string): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const migrations = readMigrations(dir);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((v) => Number(v)),
  );
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new AppError(
      'schema_too_new',
      `The database schema is at version ${newest} but this release knows up to ${known}. ` +
        'Run the newer release of claude-outage-bot, or point DATABASE_PATH at another file.',
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    done.push(migration.version);
  }
  return done;
}

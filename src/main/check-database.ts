import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { defaultMigrationsDir } from '../store/migrate.js';
import { fail, ok, warn, type DoctorResult } from '../shared/doctor-result.js';

const NAME = 'database';
const writable = (path: string): boolean => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** The nearest folder that exists: openDatabase creates the rest. */
function existingAncestor(path: string): string {
  let dir = resolve(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * The SQLite file: where it is, whether its folder is writable, and its schema version
 * against this release's migrations. Opened read-only: the doctor never creates or migrates.
 */
export function checkDatabase(path: string, migrationsDir = defaultMigrationsDir()): DoctorResult {
  // The newest version shipped (numbers may skip: a version is the file's prefix, not a count).
  const versions = readdirSync(migrationsDir).filter((f) => /^\d{4}_.+\.sql$/.test(f)).map((f) => Number(f.slice(0, 4)));
  const known = Math.max(0, ...versions);
  const folder = dirname(resolve(path));
  if (!existsSync(path)) {
    const ancestor = existingAncestor(folder);
    if (!writable(ancestor)) return fail(NAME, `${path} does not exist and ${ancestor} is not writable`, `Make ${ancestor} writable by this user, or point DATABASE_PATH at a writable place.`);
    return ok(NAME, `${path} will be created at start (schema version ${known})`);
  }
  if (!writable(folder) || !writable(path)) {
    return fail(NAME, `${path} is not writable (SQLite also needs to write next to it, in ${folder})`, `Give this user write access to ${folder} and the file, or point DATABASE_PATH elsewhere.`);
  }
  let version: number;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
      version = table ? Number(db.prepare('SELECT COALESCE(MAX(version), 0) FROM schema_migrations').pluck().get()) : 0;
    } finally {
      db.close();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(NAME, `${path} could not be read as SQLite (${reason})`, 'Point DATABASE_PATH at the bot\'s database file, or move this file away so a new one is created.');
  }
  if (version > known) {
    return fail(NAME, `${path}: schema version ${version}, newer than this release (${known})`, 'Run the newer release of claude-outage-bot, or point DATABASE_PATH at another file.');
  }
  if (version < known) return warn(NAME, `${path}: schema version ${version} of ${known}`, 'Start the bot once: it applies the missing migrations itself.');
  return ok(NAME, `${path}: schema version ${version} (current), folder writable`);
}

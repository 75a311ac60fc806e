import { defaultMigrationsDir, readMigrations } from '../store/migrate.js';
import { countUncopiedSubscriptions } from '../store/find-uncopied-sqlite.js';
import type { Db } from '../store/open-database.js';
import { openPostgres, redactUrl } from '../store/postgres/open-postgres.js';
import { errorMessage } from '../shared/errors.js';
import { fail, ok, warn, type DoctorResult } from '../shared/doctor-result.js';

const NAME = 'database';

/**
 * DATABASE_URL: the server answers, the schema version against this release's migrations, and
 * whether a SQLite file at `sqlitePath` (DATABASE_PATH) still holds channels Postgres lacks.
 * Reads only: the doctor never migrates.
 */
export function checkPostgres(url: string, options: { sqlitePath?: string; migrationsDir?: string } = {}): DoctorResult {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir('postgres');
  const name = redactUrl(url);
  const known = Math.max(0, ...readMigrations(migrationsDir).map((m) => m.version));
  let db;
  try {
    db = openPostgres(url, { connectTimeoutSeconds: 5 });
  } catch (error) {
    return fail(NAME, errorMessage(error), 'Start Postgres or fix DATABASE_URL (user, password, host, port, database name).');
  }
  try {
    const hasTable = db.prepare("SELECT to_regclass('schema_migrations') IS NOT NULL AS yes").pluck().get() === true;
    const version = hasTable ? Number(db.prepare('SELECT COALESCE(MAX(version), 0) FROM schema_migrations').pluck().get()) : 0;
    const server = String(db.prepare('SHOW server_version').pluck().get());
    if (version > known) return fail(NAME, `${name}: schema version ${version}, newer than this release (${known})`, 'Run the newer release of claude-outage-bot, or point DATABASE_URL at another database.');
    if (version < known) return warn(NAME, `${name} (Postgres ${server}): schema version ${version} of ${known}`, 'Start the bot once: it applies the missing migrations itself.');
    const uncopied = options.sqlitePath ? countUncopiedSubscriptions(options.sqlitePath, db as unknown as Db) : null;
    if (uncopied !== null) {
      return warn(
        NAME,
        `${name} (Postgres ${server}) holds no subscriptions, but ${options.sqlitePath} (DATABASE_PATH) holds ${uncopied}: on Postgres those channels get no alerts`,
        'Stop the bot, run "claude-outage-bot copy-store" (it copies the SQLite file into this empty database), then start it again.',
      );
    }
    return ok(NAME, `${name} (Postgres ${server}): schema version ${version} (current)`);
  } catch (error) {
    return fail(NAME, `${name}: ${errorMessage(error)}`, 'Grant this user CREATE and read/write on the database, or point DATABASE_URL at the bot\'s database.');
  } finally {
    db.close();
  }
}

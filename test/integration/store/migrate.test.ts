import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, migrate } from '../../../src/store/migrate.js';
import { openDatabase } from '../../../src/store/open-database.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cob-migrate-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The versions shipped in migrations/, and a file name for the next ones. */
const shipped = readdirSync(defaultMigrationsDir())
  .filter((f) => /^\d{4}_.+\.sql$/.test(f))
  .map((f) => Number(f.slice(0, 4)))
  .sort((a, b) => a - b);
const latest = shipped.at(-1) ?? 0;
const next = (n: number, name: string) => `${String(latest + n).padStart(4, '0')}_${name}.sql`;

describe('migrations', () => {
  it('creates the folder, applies every migration once, and re-running is a no-op', () => {
    const db = openDatabase(join(tempDir(), 'a', 'b', 'bot.db'));
    expect(migrate(db)).toEqual(shipped);
    expect(migrate(db)).toEqual([]);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['incidents', 'incident_updates', 'events', 'subscriptions', 'outbox', 'cards', 'poll_state', 'component_states']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('applies new migrations in order and rolls back a broken one whole', () => {
    const migrations = tempDir();
    cpSync(defaultMigrationsDir(), migrations, { recursive: true });
    writeFileSync(join(migrations, next(1, 'add_note')), 'ALTER TABLE incidents ADD COLUMN note TEXT;');
    writeFileSync(join(migrations, next(2, 'broken')), 'CREATE TABLE ok_table (id INTEGER); THIS IS NOT SQL;');
    const db = openDatabase(join(tempDir(), 'bot.db'));
    expect(() => migrate(db, migrations)).toThrow(/syntax error/);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual([...shipped, latest + 1]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok_table'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database whose schema is newer than the code', () => {
    const dir = tempDir();
    const newer = join(dir, 'newer');
    mkdirSync(newer);
    cpSync(defaultMigrationsDir(), newer, { recursive: true });
    writeFileSync(join(newer, next(1, 'future')), 'CREATE TABLE future (id INTEGER);');
    const path = join(dir, 'bot.db');
    const db = openDatabase(path);
    migrate(db, newer);
    expect(() => migrate(db)).toThrow(`schema is at version ${latest + 1} but this release knows up to ${latest}`);
    db.close();
  });
});

import { mkdtempSync, rmSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
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

describe('migrations', () => {
  it('creates the folder, applies every migration once, and re-running is a no-op', () => {
    const db = openDatabase(join(tempDir(), 'a', 'b', 'bot.db'));
    expect(migrate(db)).toEqual([1]);
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
    writeFileSync(join(migrations, '0002_add_note.sql'), 'ALTER TABLE incidents ADD COLUMN note TEXT;');
    writeFileSync(join(migrations, '0003_broken.sql'), 'CREATE TABLE ok_table (id INTEGER); THIS IS NOT SQL;');
    const db = openDatabase(join(tempDir(), 'bot.db'));
    expect(() => migrate(db, migrations)).toThrow(/syntax error/);
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual([1, 2]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok_table'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database whose schema is newer than the code', () => {
    const dir = tempDir();
    const newer = join(dir, 'newer');
    mkdirSync(newer);
    cpSync(defaultMigrationsDir(), newer, { recursive: true });
    writeFileSync(join(newer, '0002_future.sql'), 'CREATE TABLE future (id INTEGER);');
    const path = join(dir, 'bot.db');
    const db = openDatabase(path);
    migrate(db, newer);
    expect(() => migrate(db)).toThrow(/schema is at version 2 but this release knows up to 1/);
    db.close();
  });
});

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/store/migrate.js';
import { DatabaseOpenError, openDatabase } from '../../../src/store/open-database.js';

let dir: string;
const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const openError = (path: string): DatabaseOpenError => {
  try {
    openDatabase(path).close();
  } catch (error) {
    if (error instanceof DatabaseOpenError) return error;
    throw error;
  }
  throw new Error(`${path} opened`);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cob-open-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('creates the folder 0700 and the database, -wal and -shm 0600 whatever the umask', () => {
    const previous = process.umask(0o022);
    try {
      const path = join(dir, 'data', 'bot.db');
      const db = openDatabase(path);
      migrate(db);
      db.prepare('INSERT INTO poll_state (source_id, state) VALUES (?, ?)').run('statuspage', '{}');
      expect(mode(join(dir, 'data'))).toBe('700');
      expect({ db: mode(path), wal: mode(`${path}-wal`), shm: mode(`${path}-shm`) }).toEqual({ db: '600', wal: '600', shm: '600' });
      db.close();
    } finally {
      process.umask(previous);
    }
  });

  it('names DATABASE_PATH and the fix when a file sits where the folder should be (EEXIST)', () => {
    writeFileSync(join(dir, 'data'), 'not a folder');
    const error = openError(join(dir, 'data', 'bot.db'));
    expect(error.code).toBe('database_folder');
    expect(error.message).toMatch(/^DATABASE_PATH=.*data\/bot\.db: cannot create the folder .*EEXIST.*Set DATABASE_PATH to a file in a folder this user can write/);
  });

  it('names DATABASE_PATH when the path is a folder (unable to open database file)', () => {
    const error = openError(dir);
    expect(error.code).toBe('database_open');
    expect(error.message).toMatch(/^DATABASE_PATH=.*: cannot open .*unable to open database file.*is a file \(not a folder\)/);
  });

  it('names DATABASE_PATH when the file is not SQLite', () => {
    const path = join(dir, 'notes.db');
    writeFileSync(path, 'x'.repeat(4096));
    const error = openError(path);
    expect(error.code).toBe('database_not_sqlite');
    expect(error.message).toContain(`DATABASE_PATH=${path}: ${path} is not a SQLite database`);
  });
});

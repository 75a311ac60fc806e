import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { checkPostgres } from '../../../src/main/check-postgres.js';
import { defaultMigrationsDir, migrate, readMigrations } from '../../../src/store/migrate.js';
import type { Db } from '../../../src/store/open-database.js';
import { openPostgres, redactUrl } from '../../../src/store/postgres/open-postgres.js';
import { createReplicaCoordination } from '../../../src/store/replica-coordination.js';
import { createTempPostgresDatabase } from '../../helpers/temp-store.js';

const hasPostgres = inject('postgresUrl') !== '';
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('migrations for both engines', () => {
  it('has the same versions, names and order in migrations/ and migrations/postgres/', () => {
    const sqlite = readMigrations(defaultMigrationsDir('sqlite')).map((m) => `${m.version}_${m.name}`);
    const postgres = readMigrations(defaultMigrationsDir('postgres')).map((m) => `${m.version}_${m.name}`);
    expect(postgres).toEqual(sqlite);
    expect(readdirSync(join(defaultMigrationsDir('sqlite'), 'postgres')).length).toBe(sqlite.length);
  });
});

describe('the Postgres connection', () => {
  it('names DATABASE_URL without its password when it cannot connect, and says what to do', () => {
    // Port 1 on 127.0.0.1: nothing listens there, the refusal is immediate.
    let thrown: unknown;
    try {
      openPostgres('postgres://bot:hunter2-secret@127.0.0.1:1/nowhere');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'postgres_connect' });
    const message = (thrown as Error).message;
    expect(message).toContain('postgres://bot:***@127.0.0.1:1/nowhere');
    expect(message).not.toContain('hunter2-secret');
    expect(message).toMatch(/unset DATABASE_URL/);
  });

  it('redacts the password of any URL it logs', () => {
    expect(redactUrl('postgresql://u:p%40ss@db.internal:5432/bot?sslmode=require')).toBe('postgresql://u:***@db.internal:5432/bot?sslmode=require');
    expect(redactUrl('not a url')).not.toContain('not a url');
  });

  it.runIf(hasPostgres)('migrates an empty database to the newest version, then is a no-op; refuses a newer schema', () => {
    const { url, drop } = createTempPostgresDatabase();
    const db = openPostgres(url) as unknown as Db;
    cleanups.push(() => {
      db.close();
      drop();
    });
    const applied = migrate(db);
    expect(applied).toEqual(readMigrations(defaultMigrationsDir('postgres')).map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(9999, 'future', new Date().toISOString());
    expect(() => migrate(db)).toThrow(/schema is at version 9999/);
  });

  it.runIf(hasPostgres)('rolls a failed transaction back whole and a failed savepoint back alone', () => {
    const { url, drop } = createTempPostgresDatabase();
    const db = openPostgres(url);
    cleanups.push(() => {
      db.close();
      drop();
    });
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, n BIGINT NOT NULL)');
    const put = db.prepare('INSERT INTO t (k, n) VALUES (?, ?)');
    expect(() => db.transaction(() => {
      put.run('a', 1);
      put.run('a', 2); // duplicate key
    })()).toThrow(expect.objectContaining({ code: '23505' }));
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').pluck().get()).toBe(0);
    db.transaction(() => {
      put.run('b', 1);
      expect(() => db.transaction(() => put.run('b', 2))()).toThrow();
      put.run('c', 3);
    })();
    expect(db.prepare('SELECT k, n FROM t ORDER BY k').all()).toEqual([{ k: 'b', n: 1 }, { k: 'c', n: 3 }]);
    expect(put.run('d', 4).changes).toBe(1);
    expect(() => put.run('e', true)).toThrow(/only strings, numbers and null/);
  });

  it.runIf(hasPostgres)('a rolling upgrade: another replica\'s migration changes a table under a prepared statement, and the old one still reads and writes it', () => {
    const { url, drop } = createTempPostgresDatabase();
    const old = openPostgres(url);
    const upgraded = openPostgres(url);
    cleanups.push(() => {
      old.close();
      upgraded.close();
      drop();
    });
    old.exec('CREATE TABLE t (k TEXT PRIMARY KEY, n BIGINT NOT NULL)');
    const all = old.prepare('SELECT * FROM t ORDER BY k');
    const put = old.prepare('INSERT INTO t (k, n) VALUES (?, ?) RETURNING *');
    put.run('a', 1);
    expect(all.all()).toEqual([{ k: 'a', n: 1 }]);
    // The new release adds a column (as migrations do: with a default) while the old one runs.
    upgraded.exec('ALTER TABLE t ADD COLUMN note TEXT NOT NULL DEFAULT \'\'');
    expect(all.all()).toEqual([{ k: 'a', n: 1, note: '' }]);
    expect(put.run('b', 2).changes).toBe(1);
    // Inside a transaction the refused plan cannot be retried in place: the caller's retry gets a fresh one.
    upgraded.exec('ALTER TABLE t ADD COLUMN extra BIGINT NOT NULL DEFAULT 0');
    const write = old.transaction((k: string, n: number) => {
      put.run(k, n);
      return all.all();
    });
    expect(() => write('c', 3)).toThrow(expect.objectContaining({ code: '0A000' }));
    expect(write('c', 3).map((r) => (r as { extra: number }).extra)).toEqual([0, 0, 0]);
    // The plans dropped server-side once outside a transaction; every statement still runs.
    expect(put.run('d', 4).changes).toBe(1);
    expect(write('e', 5)).toHaveLength(5);
    expect(old.prepare('SELECT COUNT(*) FROM pg_prepared_statements').pluck().get()).toBeLessThanOrEqual(3);
  });

  it.runIf(hasPostgres)('asks the server to end its session when the network cuts it off, so its leader lock is not held for hours', () => {
    const { url, drop } = createTempPostgresDatabase();
    const db = openPostgres(url);
    cleanups.push(() => {
      db.close();
      drop();
    });
    const show = (name: string) => db.prepare(`SELECT current_setting('${name}')`).pluck().get();
    // Over TCP (the test cluster's 127.0.0.1), the server probes an idle client after 10 s, 3 times 5 s apart.
    expect([show('tcp_keepalives_idle'), show('tcp_keepalives_interval'), show('tcp_keepalives_count')]).toEqual(['10', '5', '3']);
    expect(show('tcp_user_timeout')).toBe('15000');
    expect(show('idle_in_transaction_session_timeout')).toBe('1min');
  });

  it.runIf(hasPostgres)('reconnects after the server ended its session, and says so by a new generation', () => {
    const { url, drop } = createTempPostgresDatabase();
    const db = openPostgres(url);
    const admin = openPostgres(inject('postgresUrl'));
    cleanups.push(() => {
      db.close();
      admin.close();
      drop();
    });
    const pid = db.prepare('SELECT pg_backend_pid() AS pid').pluck().get();
    admin.prepare('SELECT pg_terminate_backend(?::int)').get(pid);
    expect(() => db.prepare('SELECT 1').get()).toThrow();
    expect(db.prepare('SELECT 1 AS one').pluck().get()).toBe(1);
    expect(db.generation).toBe(1);
  });

  it.runIf(hasPostgres)('doctor: says the schema is behind before the first start, current after, and names a dead server without its password', () => {
    const { url, drop } = createTempPostgresDatabase();
    cleanups.push(drop);
    expect(checkPostgres(url)).toMatchObject({ status: 'warn', detail: expect.stringMatching(/schema version 0 of \d+/) });
    const db = openPostgres(url) as unknown as Db;
    migrate(db);
    db.close();
    expect(checkPostgres(url)).toMatchObject({ status: 'ok', detail: expect.stringMatching(/\(Postgres \d+[.\d]*.*\): schema version \d+ \(current\)/) });
    const dead = checkPostgres('postgres://bot:pw-XYZ@127.0.0.1:1/none');
    expect(dead.status).toBe('fail');
    expect(JSON.stringify(dead)).not.toContain('pw-XYZ');
  });

  it.runIf(hasPostgres)('replicas: one leads, the other takes over when it resigns or its session ends, and tells whose lanes are orphaned', async () => {
    const { url, drop } = createTempPostgresDatabase();
    const a = openPostgres(url) as unknown as Db;
    const b = openPostgres(url) as unknown as Db;
    cleanups.push(() => {
      a.close();
      b.close();
      drop();
    });
    const ca = createReplicaCoordination(a, 'replica-a');
    const cb = createReplicaCoordination(b, 'replica-b');
    const c = openPostgres(url) as unknown as Db;
    expect(() => createReplicaCoordination(c, 'replica-a')).toThrow(/already present/);
    c.close();
    expect([ca.lead(), cb.lead()]).toEqual([true, false]);
    expect(ca.lead()).toBe(true);
    expect(cb.goneOwners(['replica-a', 'replica-b', 'replica-z'])).toEqual(['replica-z']);
    ca.resign();
    expect(cb.lead()).toBe(true);
    expect(ca.lead()).toBe(false);
    a.close(); // the process dies: its session, and both its locks, end (once the server has seen it go)
    for (let i = 0; i < 100 && cb.goneOwners(['replica-a']).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(cb.goneOwners(['replica-a'])).toEqual(['replica-a']);
    expect(cb.lead()).toBe(true);
  });
});

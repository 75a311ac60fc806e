import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, inject } from 'vitest';
import { createStore, type Store } from '../../src/store/create-store.js';
import { migrate } from '../../src/store/migrate.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';
import { openPostgres } from '../../src/store/postgres/open-postgres.js';
import { createDatabaseOn } from './postgres-cluster.js';

export type Engine = 'sqlite' | 'postgres';

export interface TempStore {
  store: Store;
  /** The connection under `store` (SQLite's Database, or the Postgres one shaped like it). */
  db: Db;
  /** The SQLite file, or the Postgres URL of this store's own database. */
  path: string;
  dir: string;
  engine: Engine;
  /** A second connection to the same store (a restarted process, or another replica). */
  reopen: () => Store;
  cleanup: () => void;
}

/** The engines this run can test: SQLite always, Postgres when the global setup started one. */
export function availableEngines(): Engine[] {
  return inject('postgresUrl') ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** `describe` once per engine, named after it: the store's contract holds on both. */
export function describeEachEngine(name: string, body: (engine: Engine) => void): void {
  for (const engine of availableEngines()) describe(`${name} [${engine}]`, () => body(engine));
}

/** A fresh, empty Postgres database on the test cluster; returns its URL and a drop function. */
export function createTempPostgresDatabase(): { url: string; drop: () => void } {
  const admin = inject('postgresUrl');
  if (!admin) throw new Error('no Postgres cluster in this run (see test/setup/postgres-cluster.ts)');
  return createDatabaseOn(admin, `cob_${randomBytes(6).toString('hex')}`);
}

/** A real store, migrated: SQLite on a temp file (the default) or a new Postgres database. */
export function createTempStore(engine: Engine = 'sqlite'): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'cob-store-'));
  if (engine === 'postgres') {
    const { url, drop } = createTempPostgresDatabase();
    const db = openPostgres(url) as unknown as Db;
    migrate(db);
    const others: Db[] = [];
    return {
      store: createStore(db),
      db,
      path: url,
      dir,
      engine,
      reopen: () => {
        const again = openPostgres(url) as unknown as Db;
        others.push(again);
        return createStore(again);
      },
      cleanup: () => {
        for (const other of others) other.close();
        db.close();
        drop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const path = join(dir, 'nested', 'bot.db');
  const db = openDatabase(path);
  migrate(db);
  return {
    store: createStore(db),
    db,
    path,
    dir,
    engine,
    reopen: () => createStore(openDatabase(path)),
    cleanup: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

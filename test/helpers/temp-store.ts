import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore, type Store } from '../../src/store/create-store.js';
import { migrate } from '../../src/store/migrate.js';
import { openDatabase } from '../../src/store/open-database.js';

/** A real SQLite store on a temp file, migrated. */
export function createTempStore(): { store: Store; path: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cob-store-'));
  const path = join(dir, 'nested', 'bot.db');
  const db = openDatabase(path);
  migrate(db);
  return {
    store: createStore(db),
    path,
    dir,
    cleanup: () => {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

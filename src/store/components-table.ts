import type { ComponentState, ComponentStatus, PageStatus } from '../incidents/model.js';
import type { Db } from './open-database.js';

interface ComponentRow {
  id: string;
  name: string;
  status: ComponentStatus;
  is_group: number;
  position: number;
}

export interface ComponentsTable {
  /** Every page's components, or one source's (`statuspage`, `statuspage:<page>`). */
  all(sourceId?: string): Map<string, ComponentState>;
  /** Replaces one source's list (default the claude page's): components gone from the page are forgotten. */
  replaceAll(components: ComponentState[], at: string, sourceId?: string): void;
  page(sourceId: string): PageStatus | null;
  savePage(sourceId: string, page: PageStatus, at: string): void;
}

export function createComponentsTable(db: Db): ComponentsTable {
  const selectAll = db.prepare<[], ComponentRow>('SELECT * FROM component_states ORDER BY position, name');
  const selectSource = db.prepare<[string], ComponentRow>('SELECT * FROM component_states WHERE source_id = ? ORDER BY position, name');
  const clear = db.prepare('DELETE FROM component_states WHERE source_id = ?');
  const insert = db.prepare(
    // Upsert, not insert: a page that lists one id twice must not fail the whole poll.
    `INSERT INTO component_states (id, name, status, is_group, position, updated_at, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (id) DO NOTHING`,
  );
  const selectPage = db.prepare<[string], PageStatus>(
    'SELECT name, url, indicator, description FROM page_status WHERE source_id = ?',
  );
  const upsertPage = db.prepare(`INSERT INTO page_status (source_id, name, url, indicator, description, updated_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source_id) DO UPDATE SET name = excluded.name, url = excluded.url,
      indicator = excluded.indicator, description = excluded.description, updated_at = excluded.updated_at`);

  return {
    all: (sourceId) =>
      new Map(
        (sourceId === undefined ? selectAll.all() : selectSource.all(sourceId))
          .map((r) => [r.id, { id: r.id, name: r.name, status: r.status, group: r.is_group === 1, position: r.position }]),
      ),
    replaceAll(components, at, sourceId = 'statuspage') {
      clear.run(sourceId);
      for (const c of components) insert.run(c.id, c.name, c.status, c.group ? 1 : 0, c.position, at, sourceId);
    },
    page: (sourceId) => selectPage.get(sourceId) ?? null,
    savePage: (sourceId, page, at) => void upsertPage.run(sourceId, page.name, page.url, page.indicator, page.description, at),
  };
}

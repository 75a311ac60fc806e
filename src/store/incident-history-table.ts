import { pastIncidentOf } from '../incidents/history-model.js';
import type { Incident } from '../incidents/model.js';
import type { Db } from './open-database.js';

/** Writes the backfill: past incidents the alert path never reads. */
export interface IncidentHistoryTable {
  /**
   * Stores resolved incidents (open ones are the poller's business: it must see them new
   * to alert them). A key already stored is refreshed, never duplicated.
   * @returns how many were stored.
   */
  saveResolved(incidents: Incident[], via: string, at: string): number;
}

export function createIncidentHistoryTable(db: Db): IncidentHistoryTable {
  const upsert = db.prepare(`INSERT INTO incident_history (key, name, status, impact, url, created_at, resolved_at, components, via, stored_at)
      VALUES (@key, @name, @status, @impact, @url, @createdAt, @resolvedAt, @components, @via, @at)
    ON CONFLICT (key) DO UPDATE SET name = excluded.name, status = excluded.status,
      impact = COALESCE(excluded.impact, incident_history.impact), url = COALESCE(excluded.url, incident_history.url),
      created_at = CASE WHEN excluded.created_at < incident_history.created_at THEN excluded.created_at ELSE incident_history.created_at END, resolved_at = excluded.resolved_at,
      components = CASE WHEN excluded.components = '[]' THEN incident_history.components ELSE excluded.components END,
      via = excluded.via, stored_at = excluded.stored_at`);
  return {
    saveResolved(incidents, via, at) {
      const resolved = incidents.filter((i) => i.source === 'statuspage' && i.resolvedAt !== null);
      db.transaction(() => {
        for (const i of resolved) {
          const names = pastIncidentOf(i).components;
          upsert.run({ key: i.key, name: i.name, status: i.status, impact: i.impact, url: i.url, createdAt: i.createdAt, resolvedAt: i.resolvedAt, components: JSON.stringify(names), via, at });
        }
      })();
      return resolved.length;
    },
  };
}

import type { PastIncident } from '../incidents/history-model.js';
import type { Impact } from '../incidents/model.js';
import type { Db } from './open-database.js';

interface HistoryRow {
  key: string;
  name: string;
  impact: Impact | null;
  url: string | null;
  created_at: string;
  resolved_at: string | null;
  components: string;
  live: number;
}

/** Reads past status page incidents; never writes. */
export interface HistoryReader {
  /** Incidents that started in [since, until], the poller's copy first, then the backfilled ones it never saw. Maintenances left out. */
  read(since: string, until: string): PastIncident[];
  /** How many backfilled incidents are stored, of one page when given its key prefix (0 = the backfill has not run). */
  backfilledCount(keyPrefix?: string): number;
}

/**
 * One prepared statement over both tables: `incidents` (what the poller stored, with
 * impact and components from the JSON API) and `incident_history` (the backfill). A key in
 * both is taken from `incidents`.
 */
export function createHistoryReader(db: Db): HistoryReader {
  const select = db.prepare<{ since: string; until: string }, HistoryRow>(`
    SELECT key, name, impact, url, created_at, resolved_at, components, 1 AS live FROM incidents
      WHERE source = 'statuspage' AND created_at >= @since AND created_at <= @until AND (impact IS NULL OR impact <> 'maintenance')
    UNION ALL
    SELECT key, name, impact, url, created_at, resolved_at, components, 0 AS live FROM incident_history h
      WHERE created_at >= @since AND created_at <= @until AND (impact IS NULL OR impact <> 'maintenance')
        AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.key = h.key)
    ORDER BY created_at`);
  const count = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM incident_history WHERE substr(key, 1, length(?)) = ?');
  return {
    read: (since, until) => select.all({ since, until }).map(toPastIncident),
    backfilledCount: (keyPrefix = '') => count.get(keyPrefix, keyPrefix)?.n ?? 0,
  };
}

function toPastIncident(row: HistoryRow): PastIncident {
  const parsed = JSON.parse(row.components) as Array<string | { name?: string }>;
  // incidents.components holds {id, name}; incident_history holds plain names.
  const components = parsed.flatMap((c) => (typeof c === 'string' ? [c] : c.name ? [c.name] : []));
  return { key: row.key, name: row.name, impact: row.impact, url: row.url, createdAt: row.created_at, resolvedAt: row.resolved_at, components };
}

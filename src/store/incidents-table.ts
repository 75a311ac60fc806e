import type { Incident, IncidentStatus, Impact, IncidentUpdate, SourceKind, AffectedComponent } from '../incidents/model.js';
import type { Db } from './open-database.js';

interface IncidentRow {
  key: string;
  source: SourceKind;
  name: string;
  status: IncidentStatus;
  impact: Impact | null;
  url: string | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  components: string;
  linked_warning_key: string | null;
  scheduled_for: string | null;
  scheduled_until: string | null;
}

interface UpdateRow {
  key: string;
  incident_key: string;
  status: IncidentStatus;
  body: string;
  at: string;
  affected_components: string;
}

export interface IncidentsTable {
  get(key: string): Incident | null;
  getMany(keys: string[]): Map<string, Incident>;
  listOpen(source?: SourceKind): Incident[];
  /** Inserts or refreshes the incident and adds updates not stored yet. */
  save(incident: Incident, seenAt: string): void;
  linkWarning(incidentKey: string, warningKey: string): void;
  linkedWarning(incidentKey: string): string | null;
}

export function createIncidentsTable(db: Db): IncidentsTable {
  const selectOne = db.prepare<[string], IncidentRow>('SELECT * FROM incidents WHERE key = ?');
  const selectOpen = db.prepare<[], IncidentRow>('SELECT * FROM incidents WHERE resolved_at IS NULL ORDER BY created_at');
  const selectUpdates = db.prepare<[string], UpdateRow>('SELECT * FROM incident_updates WHERE incident_key = ? ORDER BY at, key');
  const upsert = db.prepare(`INSERT INTO incidents
      (key, source, name, status, impact, url, created_at, updated_at, resolved_at, components, first_seen_at, scheduled_for, scheduled_until)
      VALUES (@key, @source, @name, @status, @impact, @url, @createdAt, @updatedAt, @resolvedAt, @components, @seenAt, @scheduledFor, @scheduledUntil)
    ON CONFLICT (key) DO UPDATE SET name = excluded.name, status = excluded.status, impact = excluded.impact,
      url = excluded.url, created_at = excluded.created_at, updated_at = excluded.updated_at,
      resolved_at = excluded.resolved_at, components = excluded.components,
      scheduled_for = excluded.scheduled_for, scheduled_until = excluded.scheduled_until`);
  const insertUpdate = db.prepare(`INSERT INTO incident_updates (key, incident_key, status, body, at, affected_components)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`);
  const setWarning = db.prepare('UPDATE incidents SET linked_warning_key = ? WHERE key = ?');

  const hydrate = (row: IncidentRow): Incident => ({
    key: row.key,
    source: row.source,
    name: row.name,
    status: row.status,
    impact: row.impact,
    url: row.url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    components: JSON.parse(row.components) as AffectedComponent[],
    updates: selectUpdates.all(row.key).map(
      (u): IncidentUpdate => ({
        key: u.key,
        status: u.status,
        body: u.body,
        at: u.at,
        affectedComponents: JSON.parse(u.affected_components) as string[],
      }),
    ),
    // Set only on maintenances, so an incident reads back exactly as the sources build it.
    ...(row.scheduled_for !== null ? { scheduledFor: row.scheduled_for } : {}),
    ...(row.scheduled_until !== null ? { scheduledUntil: row.scheduled_until } : {}),
  });

  const get = (key: string): Incident | null => {
    const row = selectOne.get(key);
    return row ? hydrate(row) : null;
  };

  return {
    get,
    getMany(keys) {
      const found = new Map<string, Incident>();
      for (const key of keys) {
        const incident = get(key);
        if (incident) found.set(key, incident);
      }
      return found;
    },
    listOpen: (source) => selectOpen.all().filter((row) => !source || row.source === source).map(hydrate),
    save(incident, seenAt) {
      upsert.run({ ...incident, components: JSON.stringify(incident.components), seenAt, scheduledFor: incident.scheduledFor ?? null, scheduledUntil: incident.scheduledUntil ?? null });
      for (const u of incident.updates) {
        insertUpdate.run(u.key, incident.key, u.status, u.body, u.at, JSON.stringify(u.affectedComponents));
      }
    },
    linkWarning: (incidentKey, warningKey) => void setWarning.run(warningKey, incidentKey),
    linkedWarning: (incidentKey) => selectOne.get(incidentKey)?.linked_warning_key ?? null,
  };
}

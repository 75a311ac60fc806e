import type { IncidentEvent } from '../incidents/events.js';
import type { Db } from './open-database.js';

export interface StoredEvent {
  id: number;
  event: IncidentEvent;
  createdAt: string;
}

export interface EventsTable {
  /** Inserts the event unless its dedup key is known; returns the new id, or null for a repeat. */
  insert(event: IncidentEvent, at: string): number | null;
  get(id: number): StoredEvent | null;
  recent(limit: number): StoredEvent[];
}

interface Row {
  id: number;
  payload: string;
  created_at: string;
}

const toStored = (r: Row): StoredEvent => ({ id: r.id, event: JSON.parse(r.payload) as IncidentEvent, createdAt: r.created_at });

export function createEventsTable(db: Db): EventsTable {
  // RETURNING (both engines): a repeat returns no row, a new event its id.
  const insert = db.prepare<[string, string, string | null, string, string], number>(`INSERT INTO events (dedup_key, kind, incident_key, payload, created_at)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING RETURNING id`).pluck();
  const byId = db.prepare<[number], Row>('SELECT id, payload, created_at FROM events WHERE id = ?');
  const recent = db.prepare<[number], Row>('SELECT id, payload, created_at FROM events ORDER BY id DESC LIMIT ?');
  return {
    insert(event, at) {
      const id = insert.get(event.dedupKey, event.kind, event.incidentKey, JSON.stringify(event), at);
      return id === undefined ? null : Number(id);
    },
    get(id) {
      const row = byId.get(id);
      return row ? toStored(row) : null;
    },
    recent: (limit) => recent.all(limit).map(toStored),
  };
}

import type { Db } from './open-database.js';

/** Where a card lives, as the platform named it (Slack ts, Discord message + thread id). */
export interface StoredMessageRef {
  channelId: string;
  messageId: string;
  threadId: string | null;
}

export interface CardsTable {
  get(incidentKey: string, subscriptionId: number): StoredMessageRef | null;
  save(incidentKey: string, subscriptionId: number, ref: StoredMessageRef, at: string): void;
  /** Forgets a card (a component notice whose episode ended), so the next episode posts anew. */
  remove(incidentKey: string, subscriptionId: number): void;
  /** Every channel's card for an incident (to edit them all when the incident changes). */
  forIncident(incidentKey: string): Array<{ subscriptionId: number; ref: StoredMessageRef }>;
}

export function createCardsTable(db: Db): CardsTable {
  const select = db.prepare<[string, number], { message_ref: string }>(
    'SELECT message_ref FROM cards WHERE incident_key = ? AND subscription_id = ?',
  );
  const upsert = db.prepare(`INSERT INTO cards (incident_key, subscription_id, message_ref, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (incident_key, subscription_id)
      DO UPDATE SET message_ref = excluded.message_ref, updated_at = excluded.updated_at`);
  const byIncident = db.prepare<[string], { subscription_id: number; message_ref: string }>(
    'SELECT subscription_id, message_ref FROM cards WHERE incident_key = ?',
  );
  const deleteRow = db.prepare('DELETE FROM cards WHERE incident_key = ? AND subscription_id = ?');
  return {
    remove: (incidentKey, subscriptionId) => void deleteRow.run(incidentKey, subscriptionId),
    get(incidentKey, subscriptionId) {
      const row = select.get(incidentKey, subscriptionId);
      return row ? (JSON.parse(row.message_ref) as StoredMessageRef) : null;
    },
    save: (incidentKey, subscriptionId, ref, at) =>
      void upsert.run(incidentKey, subscriptionId, JSON.stringify(ref), at, at),
    forIncident: (incidentKey) =>
      byIncident.all(incidentKey).map((r) => ({ subscriptionId: r.subscription_id, ref: JSON.parse(r.message_ref) as StoredMessageRef })),
  };
}

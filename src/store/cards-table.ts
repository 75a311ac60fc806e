import { dialectOf, type Db } from './open-database.js';

/** Where a card lives, as the platform named it (Slack ts, Discord message + thread id). */
export interface StoredMessageRef {
  channelId: string;
  messageId: string;
  threadId: string | null;
}

/** A card with its flap bookkeeping: closed (recovered/resolved) at, and reopens since its root. */
export interface CardState {
  ref: StoredMessageRef;
  closedAt: string | null;
  flaps: number;
}

export interface CardsTable {
  /** The card with when it closed and how often it reopened (flap suppression). */
  state(incidentKey: string, subscriptionId: number): CardState | null;
  /** The episode ended; the card is kept so a reopen within the flap window edits it back. */
  close(incidentKey: string, subscriptionId: number, at: string): void;
  /** Open again: counts a flap when `flap` (it reopened within the window); returns the count. */
  reopen(incidentKey: string, subscriptionId: number, flap: boolean, at: string): number;
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
  // "The same message": its id inside the JSON reference (the one JSON read the store makes).
  const sameMessage =
    dialectOf(db) === 'postgres'
      ? `(cards.message_ref::jsonb ->> 'messageId') = (excluded.message_ref::jsonb ->> 'messageId')`
      : `json_extract(cards.message_ref, '$.messageId') = json_extract(excluded.message_ref, '$.messageId')`;
  const upsert = db.prepare(`INSERT INTO cards (incident_key, subscription_id, message_ref, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (incident_key, subscription_id)
      DO UPDATE SET message_ref = excluded.message_ref, updated_at = excluded.updated_at,
        closed_at = CASE WHEN ${sameMessage} THEN cards.closed_at END,
        flaps = CASE WHEN ${sameMessage} THEN cards.flaps ELSE 0 END`);
  const byIncident = db.prepare<[string], { subscription_id: number; message_ref: string }>(
    'SELECT subscription_id, message_ref FROM cards WHERE incident_key = ?',
  );
  const deleteRow = db.prepare('DELETE FROM cards WHERE incident_key = ? AND subscription_id = ?');
  const selectState = db.prepare<[string, number], { message_ref: string; closed_at: string | null; flaps: number }>(
    'SELECT message_ref, closed_at, flaps FROM cards WHERE incident_key = ? AND subscription_id = ?',
  );
  const close = db.prepare('UPDATE cards SET closed_at = ?, updated_at = ? WHERE incident_key = ? AND subscription_id = ?');
  const reopen = db.prepare<[number, string, string, number], { flaps: number }>(`UPDATE cards SET closed_at = NULL, flaps = flaps + ?, updated_at = ?
      WHERE incident_key = ? AND subscription_id = ? RETURNING flaps`);
  return {
    state(incidentKey, subscriptionId) {
      const row = selectState.get(incidentKey, subscriptionId);
      return row ? { ref: JSON.parse(row.message_ref) as StoredMessageRef, closedAt: row.closed_at, flaps: row.flaps } : null;
    },
    close: (incidentKey, subscriptionId, at) => void close.run(at, at, incidentKey, subscriptionId),
    reopen: (incidentKey, subscriptionId, flap, at) => reopen.get(flap ? 1 : 0, at, incidentKey, subscriptionId)?.flaps ?? 0,
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

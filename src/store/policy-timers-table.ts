import type { Db } from './open-database.js';

export type TimerKind = 'reminder' | 'digest' | 'settle';

/** A due time kept in the database: a restart loses none. */
export interface PolicyTimer {
  subscriptionId: number;
  kind: TimerKind;
  /** Incident key (reminder), event id (settle), '' (digest). */
  subject: string;
  dueAt: string;
  /** Times it fired so far (a reminder's number). */
  fired: number;
}

export interface PolicyTimersTable {
  /** Sets a timer unless one is already set for the same subject (the earlier one stands). */
  add(subscriptionId: number, kind: TimerKind, subject: string, dueAt: string): void;
  /** Due timers, earliest first. */
  due(now: string, limit: number): PolicyTimer[];
  /** Moves a timer on (after it fired, or when it fired too early). */
  reschedule(timer: PolicyTimer, dueAt: string, fired: number): void;
  remove(subscriptionId: number, kind: TimerKind, subject: string): void;
  /** Every channel's timer of this kind for this subject (an incident resolved). */
  removeForSubject(kind: TimerKind, subject: string): void;
  hold(subscriptionId: number, eventId: number, at: string): void;
  /** Event ids held for a channel, oldest first. */
  held(subscriptionId: number): number[];
  releaseHeld(subscriptionId: number): void;
  /** Held events, all channels (for /metrics). */
  heldCount(): number;
}

interface Row {
  subscription_id: number;
  kind: TimerKind;
  subject: string;
  due_at: string;
  fired: number;
}

export function createPolicyTimersTable(db: Db): PolicyTimersTable {
  const insert = db.prepare(`INSERT INTO policy_timers (subscription_id, kind, subject, due_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (subscription_id, kind, subject) DO NOTHING`);
  const due = db.prepare<[string, number], Row>('SELECT * FROM policy_timers WHERE due_at <= ? ORDER BY due_at LIMIT ?');
  const move = db.prepare('UPDATE policy_timers SET due_at = ?, fired = ? WHERE subscription_id = ? AND kind = ? AND subject = ?');
  const remove = db.prepare('DELETE FROM policy_timers WHERE subscription_id = ? AND kind = ? AND subject = ?');
  const removeAll = db.prepare('DELETE FROM policy_timers WHERE kind = ? AND subject = ?');
  const hold = db.prepare('INSERT INTO held_events (subscription_id, event_id, held_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
  const held = db.prepare<[number], { event_id: number }>('SELECT event_id FROM held_events WHERE subscription_id = ? ORDER BY event_id');
  const release = db.prepare('DELETE FROM held_events WHERE subscription_id = ?');
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM held_events');
  return {
    add: (id, kind, subject, dueAt) => void insert.run(id, kind, subject, dueAt),
    due: (now, limit) =>
      due.all(now, limit).map((r) => ({ subscriptionId: r.subscription_id, kind: r.kind, subject: r.subject, dueAt: r.due_at, fired: r.fired })),
    reschedule: (t, dueAt, fired) => void move.run(dueAt, fired, t.subscriptionId, t.kind, t.subject),
    remove: (id, kind, subject) => void remove.run(id, kind, subject),
    removeForSubject: (kind, subject) => void removeAll.run(kind, subject),
    hold: (id, eventId, at) => void hold.run(id, eventId, at),
    held: (id) => held.all(id).map((r) => r.event_id),
    releaseHeld: (id) => void release.run(id),
    heldCount: () => count.get()?.n ?? 0,
  };
}

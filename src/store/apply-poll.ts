import { diffSnapshot } from '../incidents/diff.js';
import type { IncidentEvent } from '../incidents/events.js';
import type { Incident, Snapshot } from '../incidents/model.js';
import { sanitizeSnapshot, type DroppedItem } from '../incidents/sanitize-snapshot.js';
import { errorMessage } from '../shared/errors.js';
import type { Store } from './create-store.js';
import { linkEarlyWarnings } from './link-early-warnings.js';
import { recordEvents } from './record-events.js';

/** After a long outage of the bot, only this much of the past is news. */
const MAX_CATCH_UP_MS = 24 * 60 * 60 * 1000;

export interface ApplyPollResult {
  events: IncidentEvent[];
  firstRun: boolean;
  /** Items left out (malformed, duplicated, refused by the database), each with its reason. */
  dropped: DroppedItem[];
}

/**
 * Applies one successful poll as one transaction: incidents, component states,
 * page status, events, outbox rows and the source's poll state. A bad item is
 * dropped on its own (sanitised first, then each incident written in a savepoint),
 * so it never rolls back the rest; a failing database (full disk) still rolls back
 * all of it, and the next poll redoes it. `pollState` null: a push (webhook), which
 * leaves the source's poll state (ETags, last good read) to its poller.
 */
export function applyPoll(store: Store, raw: Snapshot, pollState: object | null, now: Date): ApplyPollResult {
  const at = now.toISOString();
  const { snapshot, dropped } = sanitizeSnapshot(raw, now);
  return store.transaction(() => {
    store.lockIngest();
    const lastSuccess = store.pollState.get(snapshot.sourceId).lastSuccessAt;
    const firstRun = lastSuccess === null;
    const floor = new Date(now.getTime() - MAX_CATCH_UP_MS).toISOString();
    const newsSince = firstRun ? null : lastSuccess > floor ? lastSuccess : floor;

    const { events, incidents, changed } = diffSnapshot({
      stored: store.incidents.getMany(snapshot.incidents.map((i) => i.key)),
      // This page's components only: another page's are neither news nor forgotten here.
      storedComponents: store.components.all(snapshot.sourceId),
      snapshot,
      newsSince,
    });
    // Most polls repeat what is stored: write only what moved, each incident on its own.
    const refused = new Set<string>();
    for (const incident of changed) {
      const problem = saveAlone(store, incident, at);
      if (problem === null) continue;
      refused.add(incident.key);
      dropped.push({ kind: 'incident', id: incident.key, reason: 'store_rejected', detail: problem });
    }
    if (snapshot.components !== null) store.components.replaceAll(snapshot.components, at, snapshot.sourceId);
    if (snapshot.page !== null) store.components.savePage(snapshot.sourceId, snapshot.page, at);

    const kept = events.filter((e) => e.incidentKey === null || !refused.has(e.incidentKey));
    const fresh = recordEvents(store, kept, new Map(incidents.map((i) => [i.key, i])), at);
    // An official incident opening during a GitHub early warning takes it over, atomically.
    const linked = linkEarlyWarnings(store, fresh, at);
    if (pollState !== null) store.pollState.recordSuccess(snapshot.sourceId, pollState, at);
    return { events: [...fresh, ...linked], firstRun, dropped };
  });
}

/**
 * The database refused this row (a constraint, a value of the wrong type or size) rather than
 * failing as a whole: SQLite's CONSTRAINT/MISMATCH/TOOBIG, Postgres's SQLSTATE classes 22 and 23.
 */
function isRowRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG' || /^2[23][0-9A-Z]{3}$/.test(code);
}

/** Writes one incident in a savepoint; a constraint it breaks drops it alone. Disk and I/O errors still abort the poll. */
function saveAlone(store: Store, incident: Incident, at: string): string | null {
  try {
    store.transaction(() => store.incidents.save(incident, at));
    return null;
  } catch (error) {
    if (!isRowRefusal(error)) throw error;
    return errorMessage(error);
  }
}

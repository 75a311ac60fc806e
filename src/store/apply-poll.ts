import { diffSnapshot } from '../incidents/diff.js';
import type { IncidentEvent } from '../incidents/events.js';
import type { Snapshot } from '../incidents/model.js';
import type { Store } from './create-store.js';
import { linkEarlyWarnings } from './link-early-warnings.js';
import { recordEvents } from './record-events.js';

/** After a long outage of the bot, only this much of the past is news. */
const MAX_CATCH_UP_MS = 24 * 60 * 60 * 1000;

export interface ApplyPollResult {
  events: IncidentEvent[];
  firstRun: boolean;
}

/**
 * Applies one successful poll as one transaction: incidents, component states,
 * page status, events, outbox rows and the source's poll state. Either all of
 * it is stored or none (a full disk loses nothing: the next poll redoes it).
 */
export function applyPoll(store: Store, snapshot: Snapshot, pollState: object, now: Date): ApplyPollResult {
  const at = now.toISOString();
  return store.transaction(() => {
    const lastSuccess = store.pollState.get(snapshot.sourceId).lastSuccessAt;
    const firstRun = lastSuccess === null;
    const floor = new Date(now.getTime() - MAX_CATCH_UP_MS).toISOString();
    const newsSince = firstRun ? null : lastSuccess > floor ? lastSuccess : floor;

    const { events, incidents, changed } = diffSnapshot({
      stored: store.incidents.getMany(snapshot.incidents.map((i) => i.key)),
      storedComponents: store.components.all(),
      snapshot,
      newsSince,
    });
    // Most polls repeat what is stored: write only what moved.
    for (const incident of changed) store.incidents.save(incident, at);
    if (snapshot.components !== null) store.components.replaceAll(snapshot.components, at);
    if (snapshot.page !== null) store.components.savePage(snapshot.sourceId, snapshot.page, at);

    const fresh = recordEvents(store, events, new Map(incidents.map((i) => [i.key, i])), at);
    // An official incident opening during a GitHub early warning takes it over, atomically.
    const linked = linkEarlyWarnings(store, fresh, at);
    store.pollState.recordSuccess(snapshot.sourceId, pollState, at);
    return { events: [...fresh, ...linked], firstRun };
  });
}

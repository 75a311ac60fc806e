import type { CommunitySignal, LiveStatusView } from '../incidents/live-status.js';
import { isMaintenance } from '../incidents/model.js';
import type { Clock } from '../shared/clock.js';
import type { Store } from './create-store.js';

export interface LiveStatusOptions {
  store: Store;
  clock: Clock;
  pollIntervalSeconds: number;
  /** Source id whose poll state tells freshness. */
  sourceId?: string;
  /** Community signal (GitHub reports), when that source runs. */
  readCommunity?: () => CommunitySignal | null;
}

/** Reads what the bot believes now, from SQLite only (a few prepared statements). */
export function createLiveStatusReader(options: LiveStatusOptions): () => LiveStatusView {
  const { store, clock, pollIntervalSeconds, sourceId = 'statuspage', readCommunity } = options;
  return () => {
    const poll = store.pollState.get(sourceId);
    const staleAfterMs = 3 * pollIntervalSeconds * 1000;
    const stale = poll.lastSuccessAt === null || clock.now().getTime() - Date.parse(poll.lastSuccessAt) > staleAfterMs;
    const failingNow = poll.consecutiveFailures > 0 && poll.lastErrorCode !== null && poll.lastErrorAt !== null;
    const open = store.incidents.listOpen('statuspage');
    return {
      page: store.components.page(sourceId),
      components: [...store.components.all().values()].filter((c) => !c.group),
      openIncidents: open.filter((incident) => !isMaintenance(incident)),
      maintenances: open.filter(isMaintenance),
      lastSuccessAt: poll.lastSuccessAt,
      lastError: failingNow ? { code: poll.lastErrorCode ?? '', message: poll.lastError ?? '', at: poll.lastErrorAt ?? '' } : null,
      stale,
      community: readCommunity ? readCommunity() : null,
    };
  };
}

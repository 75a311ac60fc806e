import type { CommunitySignal, LiveStatusView, PageLiveStatus } from '../incidents/live-status.js';
import { isMaintenance } from '../incidents/model.js';
import { LEGACY_PAGE_ID, pageOfKey, scopeForPage } from '../incidents/page-scope.js';
import type { Clock } from '../shared/clock.js';
import type { Store } from './create-store.js';

export interface LiveStatusOptions {
  store: Store;
  clock: Clock;
  pollIntervalSeconds: number;
  /** Source id whose poll state tells freshness (one page, when `pages` is not given). */
  sourceId?: string;
  /** Watched pages, the primary first (default the claude page alone). */
  pages?: ReadonlyArray<{ id: string; url: string }>;
  /** Community signal (GitHub reports), when that source runs. */
  readCommunity?: () => CommunitySignal | null;
}

/** Reads what the bot believes now, from SQLite only (a few prepared statements per page). */
export function createLiveStatusReader(options: LiveStatusOptions): () => LiveStatusView {
  const { store, clock, pollIntervalSeconds, readCommunity } = options;
  const pages = options.pages ?? [{ id: LEGACY_PAGE_ID, url: '' }];
  const staleAfterMs = 3 * pollIntervalSeconds * 1000;
  const readPage = (id: string, url: string, sourceId: string, open: ReturnType<Store['incidents']['listOpen']>): PageLiveStatus => {
    const poll = store.pollState.get(sourceId);
    const stale = poll.lastSuccessAt === null || clock.now().getTime() - Date.parse(poll.lastSuccessAt) > staleAfterMs;
    const failingNow = poll.consecutiveFailures > 0 && poll.lastErrorCode !== null && poll.lastErrorAt !== null;
    return {
      id,
      url,
      page: store.components.page(sourceId),
      components: [...store.components.all(sourceId).values()].filter((c) => !c.group),
      openIncidents: open.filter((incident) => !isMaintenance(incident)),
      maintenances: open.filter(isMaintenance),
      lastSuccessAt: poll.lastSuccessAt,
      lastError: failingNow ? { code: poll.lastErrorCode ?? '', message: poll.lastError ?? '', at: poll.lastErrorAt ?? '' } : null,
      stale,
    };
  };
  return () => {
    const open = store.incidents.listOpen('statuspage');
    const views = pages.map((p, index) =>
      // One page: every statuspage incident is its own, and the source id may be a test's.
      pages.length === 1
        ? readPage(p.id, p.url, options.sourceId ?? scopeForPage(p.id).sourceId, open)
        : readPage(p.id, p.url, index === 0 && options.sourceId ? options.sourceId : scopeForPage(p.id).sourceId, open.filter((i) => pageOfKey(i.key) === p.id)),
    );
    const primary = views[0] ?? readPage(LEGACY_PAGE_ID, '', 'statuspage', open);
    const { id: _id, url: _url, ...fields } = primary;
    return { ...fields, community: readCommunity ? readCommunity() : null, pages: views };
  };
}

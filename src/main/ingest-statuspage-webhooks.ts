import type { Metrics } from '../http/metrics.js';
import type { ComponentState, Snapshot } from '../incidents/model.js';
import type { PageScope } from '../incidents/page-scope.js';
import type { Clock } from '../shared/clock.js';
import { errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { parseStatuspageWebhook, type StatuspageWebhook } from '../sources/parse-statuspage-webhook.js';
import { scopeSnapshot } from '../sources/scope-to-page.js';
import { applyPoll } from '../store/apply-poll.js';
import type { Store } from '../store/create-store.js';
import { reportDropped } from './report-dropped.js';

export interface WebhookIngestOptions {
  /** Watched pages by id, with their configured URL (incident links). */
  pages: ReadonlyMap<string, { scope: PageScope; url: string }>;
  store: Store;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** New events were stored: wake the outbox. */
  onEvents: () => void;
  /** Webhooks waiting beyond this are refused with 503 (Statuspage retries). Default 1000. */
  maxQueued?: number;
}

export interface WebhookIngest {
  /** Parses and queues one webhook; answers at once. */
  enqueue(pageId: string, body: string): { problem: string | null; full?: boolean };
  /** Resolves when everything queued so far is applied (tests, shutdown). */
  flush(): Promise<void>;
}

/**
 * The background half of the webhook route: each queued webhook is applied to the store
 * like a poll (same keys, same diff, one transaction), so a webhook and the next poll of
 * the same update are one event. It never writes poll state: freshness and ETags stay the
 * poller's. A lost queue (crash) loses nothing the next poll does not read again.
 */
export function createWebhookIngest(options: WebhookIngestOptions): WebhookIngest {
  const { store, clock, logger, metrics } = options;
  const maxQueued = options.maxQueued ?? 1000;
  const queue: Array<{ pageId: string; webhook: StatuspageWebhook }> = [];
  let draining: Promise<void> | null = null;

  function snapshotOf(pageId: string, webhook: StatuspageWebhook, now: Date): Snapshot | null {
    const page = options.pages.get(pageId);
    if (!page) return null;
    const fetchedAt = now.toISOString();
    if (webhook.kind === 'incident') {
      return scopeSnapshot({ sourceId: 'statuspage', fetchedAt, page: null, components: null, incidents: [webhook.incident] }, page.scope);
    }
    // A component webhook names one component; the page's others stay as last polled.
    const stored = store.components.all(page.scope.sourceId);
    if (stored.size === 0) {
      logger.info({ page: pageId }, 'statuspage webhook: component change before the first poll of this page; the poll will tell it');
      return null;
    }
    const id = `${page.scope.componentPrefix}${webhook.component.id}`;
    const known = stored.get(id);
    const changed: ComponentState = { id, name: webhook.component.name, status: webhook.component.status, group: known?.group ?? false, position: webhook.component.position ?? known?.position ?? stored.size + 1 };
    const components = [...[...stored.values()].filter((c) => c.id !== id), changed];
    return { sourceId: page.scope.sourceId, fetchedAt: webhook.at || fetchedAt, page: null, components, incidents: [] };
  }

  function applyOne(pageId: string, webhook: StatuspageWebhook): void {
    const now = clock.now();
    const snapshot = snapshotOf(pageId, webhook, now);
    if (!snapshot) return;
    const { events, dropped } = applyPoll(store, snapshot, null, now);
    reportDropped({ source: snapshot.sourceId, dropped, logger, metrics });
    for (const event of events) metrics.events.inc({ kind: event.kind });
    if (events.length === 0) return;
    logger.info({ page: pageId, events: events.map((e) => `${e.kind}:${e.incidentKey ?? ''}`) }, 'statuspage webhook stored');
    options.onEvents();
  }

  async function drain(): Promise<void> {
    // One webhook per turn of the event loop: requests keep being answered meanwhile.
    for (let item = queue.shift(); item; item = queue.shift()) {
      try {
        applyOne(item.pageId, item.webhook);
      } catch (error) {
        // Full disk and the like: the poll reads the same incident again and stores it then.
        logger.error({ err: error, page: item.pageId }, `could not store a statuspage webhook: ${errorMessage(error)}; the next poll reads it again`);
        metrics.storeFailures.inc({ source: `webhook:${item.pageId}` });
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  function kick(): void {
    if (draining) return;
    draining = new Promise<void>((resolve) => setImmediate(resolve))
      .then(drain)
      .finally(() => {
        draining = null;
        if (queue.length > 0) kick();
      });
  }

  return {
    enqueue(pageId, body) {
      if (queue.length >= maxQueued) return { problem: null, full: true };
      let webhook: StatuspageWebhook;
      try {
        webhook = parseStatuspageWebhook(body, options.pages.get(pageId)?.url ?? '');
      } catch (error) {
        return { problem: errorMessage(error) };
      }
      queue.push({ pageId, webhook });
      kick();
      return { problem: null };
    },
    flush: async () => {
      while (draining) await draining;
    },
  };
}

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildStatusReply } from '../commands/status.js';
import { createFixCommand } from '../commands/fix.js';
import type { Config } from '../config/load-config.js';
import { createMetrics } from '../http/metrics.js';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import { renderReplyForConsole } from '../platforms/console/render-reply.js';
import { createHttpFetcher } from '../sources/http-fetch.js';
import type { PollOutcome, Source } from '../sources/source.js';
import { createStatuspageSource } from '../sources/statuspage-source.js';
import { scopeSourceToPage } from '../sources/scope-to-page.js';
import { scopeForPage } from '../incidents/page-scope.js';
import { createStore, type Store } from '../store/create-store.js';
import { migrate } from '../store/migrate.js';
import { openDatabase } from '../store/open-database.js';
import { openStoreDatabase } from '../store/open-store-database.js';
import { createLiveStatusReader } from '../store/read-live-status.js';
import { systemClock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { createGithubWatcher } from './poll-github.js';
import { createStatuspagePoll } from './poll-statuspage.js';
import { fixesForPage } from './start-page-pollers.js';

const USER_AGENT = 'claude-outage-bot/0.1';

/** What a one-shot verb printed, and what the CLI should tell the user beside it. */
export interface OnceAnswer {
  /** The reply, for stdout. */
  text: string;
  /** One-line notes for stderr (no database yet, why the page could not be read). */
  notes: string[];
  /** False when the status page could not be read (now or ever): the CLI exits 1. */
  pageRead: boolean;
}

/**
 * A read-only verb never creates files: with no database yet it answers from a
 * throw-away in-memory store and says where the bot's database is expected.
 */
function openStore(config: Config): { store: Store; notes: string[] } {
  const found = config.databaseUrl !== null || config.databasePath === ':memory:' || existsSync(config.databasePath);
  const db = found ? openStoreDatabase(config) : openDatabase(':memory:');
  migrate(db);
  const notes = found
    ? []
    : [`No bot database at ${resolve(config.databasePath)} (DATABASE_PATH) yet: this answer used a throw-away store; "claude-outage-bot start" creates it there.`];
  return { store: createStore(db), notes };
}

/** `claude-outage-bot status`: the /claude-status answer, printed. */
export async function runStatusOnce({ config, logger, refresh }: { config: Config; logger: Logger; refresh: boolean }): Promise<OnceAnswer> {
  const { store, notes } = openStore(config);
  try {
    const pages = config.statusPages.length > 0 ? config.statusPages : [{ id: 'claude', url: config.statuspage.url, fallbackUrls: config.statuspage.fallbackUrls }];
    const primary = pages[0]!;
    // --refresh reads every page here, at once; without it only a primary never read is (a dead
    // secondary page must not make a plain `status` wait out its timeouts): the rest are as stored.
    const failures = await Promise.all(
      pages.map(async (page, index): Promise<string | null> => {
        const scope = scopeForPage(page.id);
        if (!refresh && (index > 0 || store.pollState.get(scope.sourceId).lastSuccessAt !== null)) return null;
        let outcome: PollOutcome | null = null;
        const http = createHttpFetcher({ timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, userAgent: USER_AGENT });
        const inner = fixesForPage(scopeSourceToPage(createStatuspageSource({ baseUrl: page.url, fallbackUrls: page.fallbackUrls, http, logger, clock: systemClock }), scope), page);
        // The outcome (every URL tried and why it failed) is kept for the one-line summary.
        const source: Source = { id: inner.id, poll: async (state, signal) => (outcome = await inner.poll(state, signal)) };
        // Alerts found here are queued for the running bot (or the next start) to deliver.
        await createStatuspagePoll({ source, store, clock: systemClock, logger, metrics: createMetrics(), onEvents: () => undefined })();
        const failed = outcome as PollOutcome | null;
        if (failed?.kind !== 'failed') return null;
        const line = describeFailedRead(page, failed);
        return pages.length > 1 ? `${page.id}: ${line}` : line;
      }),
    );
    // A watcher only reads the stored reports here; it sends no request until polled.
    const github = createGithubWatcher({ config: config.github, store, logger, clock: systemClock, onEvents: () => undefined });
    const view = createLiveStatusReader({
      store,
      clock: systemClock,
      pollIntervalSeconds: config.statuspage.pollIntervalSeconds,
      pages: config.statusPages,
      readCommunity: github.readCommunity,
    })();
    // The exit code follows the primary page, as /readyz does.
    const pageRead = failures[0] === null && view.lastSuccessAt !== null;
    notes.push(...failures.filter((f): f is string => f !== null));
    const text = renderReplyForConsole(buildStatusReply(view, systemClock.now(), primary.url));
    return { text, notes, pageRead };
  } finally {
    store.db.close();
  }
}

/** One line: the page's main URL and each fallback, with the first reason each failed. */
export function describeFailedRead(page: { id: string; url: string; fallbackUrls: string[] }, outcome: PollOutcome): string {
  const bases = [page.url, ...page.fallbackUrls].map((u) => u.replace(/\/+$/, ''));
  const reasonFor = (base: string): string => {
    const failure = outcome.errors.find((e) => e.url.startsWith(`${base}/`));
    return failure ? failure.message.replace(/^\S+:\s+/, '') : 'not tried';
  };
  const [main, ...fallbacks] = bases;
  const none = page.id === 'claude' ? '; no STATUSPAGE_FALLBACK_URLS set' : `; no fallback in its STATUS_PAGES entry`;
  const tried = fallbacks.length > 0 ? `; fallbacks tried: ${fallbacks.map((b) => `${b} (${reasonFor(b)})`).join(', ')}` : none;
  return `Could not read the status page ${main} (${reasonFor(main ?? '')})${tried}.`;
}

/** `claude-outage-bot fix "<error>"`: the /claude-fix answer, printed, aware of the stored live status. */
export async function runFixOnce({ config, text }: { config: Config; text: string }): Promise<OnceAnswer> {
  const { store, notes } = openStore(config);
  try {
    const knowledge = loadKnowledge({ extraDir: config.knowledgeDir });
    const getLiveStatus = createLiveStatusReader({ store, clock: systemClock, pollIntervalSeconds: config.statuspage.pollIntervalSeconds, pages: config.statusPages });
    const fix = createFixCommand({ knowledge, getLiveStatus, clock: systemClock });
    const reply = await fix({ command: 'fix', text, platform: 'console', userId: 'cli', channelId: 'cli', isAdmin: true });
    return { text: renderReplyForConsole(reply), notes, pageRead: getLiveStatus().lastSuccessAt !== null };
  } finally {
    store.db.close();
  }
}

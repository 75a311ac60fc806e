import { buildStatusReply } from '../commands/status.js';
import { createFixCommand } from '../commands/fix.js';
import type { Config } from '../config/load-config.js';
import { createMetrics } from '../http/metrics.js';
import { loadKnowledge } from '../knowledge/load-knowledge.js';
import { renderReplyForConsole } from '../platforms/console/render-reply.js';
import { createHttpFetcher } from '../sources/http-fetch.js';
import { createStatuspageSource } from '../sources/statuspage-source.js';
import { createStore, type Store } from '../store/create-store.js';
import { migrate } from '../store/migrate.js';
import { openDatabase } from '../store/open-database.js';
import { createLiveStatusReader } from '../store/read-live-status.js';
import { systemClock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { createGithubWatcher } from './poll-github.js';
import { createStatuspagePoll } from './poll-statuspage.js';

const USER_AGENT = 'claude-outage-bot/0.1';

function openStore(config: Config): Store {
  const db = openDatabase(config.databasePath);
  migrate(db);
  return createStore(db);
}

/** `claude-outage-bot status`: the /claude-status answer, printed. */
export async function runStatusOnce({ config, logger, refresh }: { config: Config; logger: Logger; refresh: boolean }): Promise<string> {
  const store = openStore(config);
  try {
    if (refresh || store.pollState.get('statuspage').lastSuccessAt === null) {
      const http = createHttpFetcher({ timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, userAgent: USER_AGENT });
      const source = createStatuspageSource({ baseUrl: config.statuspage.url, fallbackUrls: config.statuspage.fallbackUrls, http, logger, clock: systemClock });
      // Alerts found here are queued for the running bot (or the next start) to deliver.
      await createStatuspagePoll({ source, store, clock: systemClock, logger, metrics: createMetrics(), onEvents: () => undefined })();
    }
    // A watcher only reads the stored reports here; it sends no request until polled.
    const github = createGithubWatcher({ config: config.github, store, logger, clock: systemClock, onEvents: () => undefined });
    const view = createLiveStatusReader({
      store,
      clock: systemClock,
      pollIntervalSeconds: config.statuspage.pollIntervalSeconds,
      readCommunity: github.readCommunity,
    })();
    return renderReplyForConsole(buildStatusReply(view, systemClock.now(), config.statuspage.url));
  } finally {
    store.db.close();
  }
}

/** `claude-outage-bot fix "<error>"`: the /claude-fix answer, printed, aware of the stored live status. */
export async function runFixOnce({ config, text }: { config: Config; text: string }): Promise<string> {
  const store = openStore(config);
  try {
    const knowledge = loadKnowledge({ extraDir: config.knowledgeDir });
    const getLiveStatus = createLiveStatusReader({ store, clock: systemClock, pollIntervalSeconds: config.statuspage.pollIntervalSeconds });
    const fix = createFixCommand({ knowledge, getLiveStatus, clock: systemClock });
    const reply = await fix({ command: 'fix', text, platform: 'console', userId: 'cli', channelId: 'cli', isAdmin: true });
    return renderReplyForConsole(reply);
  } finally {
    store.db.close();
  }
}

import { createCommands, type Commands } from './commands/create-commands.js';
import type { Config } from './config/load-config.js';
import { createOutboxWorker, type OutboxWorker } from './delivery/outbox-worker.js';
import { startHttpServer, type RouteHandler, type RunningHttpServer } from './http/create-http-server.js';
import { createMetrics } from './http/metrics.js';
import { loadKnowledge } from './knowledge/load-knowledge.js';
import { createGithubWatcher } from './main/poll-github.js';
import { createStatuspagePoll } from './main/poll-statuspage.js';
import { createConsolePlatform } from './platforms/console/console-platform.js';
import type { ChatAdapterFactory } from './platforms/chat-adapter.js';
import type { ChatPlatform } from './platforms/platform.js';
import { createHttpFetcher } from './sources/http-fetch.js';
import { createPoller, type Poller } from './sources/create-poller.js';
import { createStatuspageSource } from './sources/statuspage-source.js';
import { createStore, type Store } from './store/create-store.js';
import { migrate } from './store/migrate.js';
import { openDatabase } from './store/open-database.js';
import { createLiveStatusReader } from './store/read-live-status.js';
import { systemClock, type Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';

/** The console's single "channel". */
export const CONSOLE_CHANNEL = 'stdout';

export interface BotOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Where console cards go; stdout by default. */
  write?: (text: string) => void;
  /** Chat adapters to connect (Slack, Discord); none means console only. */
  adapters?: ChatAdapterFactory[];
  /** Extra outbox platforms without an inbound side (test doubles). */
  platforms?: ChatPlatform[];
  /** Poll GitHub search for early warnings (default true; the offline demo turns it off). */
  watchGithub?: boolean;
}

export interface Bot {
  store: Store;
  commands: Commands;
  worker: OutboxWorker;
  poller: Poller;
  http: RunningHttpServer | null;
  stop(): Promise<void>;
}

export const USER_AGENT = 'claude-outage-bot/0.1 (+https://github.com/claude-outage-bot)';

/** Opens the store, builds every module and starts polling and delivering. */
export async function startBot(options: BotOptions): Promise<Bot> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const db = openDatabase(config.databasePath);
  const applied = migrate(db);
  if (applied.length > 0) logger.info({ applied, database: config.databasePath }, 'database migrated');
  const store = createStore(db);
  const metrics = createMetrics();
  const knowledge = loadKnowledge({ extraDir: config.knowledgeDir });

  const now = () => clock.now().toISOString();
  const github = createGithubWatcher({
    config: config.github,
    store,
    logger,
    clock,
    userAgent: USER_AGENT,
    terms: config.github.searchTerms.length > 0 ? config.github.searchTerms : undefined,
    // Called only once polling has started, after `outbox` below exists.
    onEvents: () => outbox.kick(),
  });
  const getLiveStatus = createLiveStatusReader({
    store,
    clock,
    pollIntervalSeconds: config.statuspage.pollIntervalSeconds,
    readCommunity: github.readCommunity,
  });
  const commands = createCommands({
    getLiveStatus,
    knowledge,
    subscriptions: store.subscriptions,
    clock,
    statusPageUrl: config.statuspage.url,
  });
  const adapters = (options.adapters ?? []).map((factory) => factory({ commands, subscriptions: store.subscriptions, logger, clock }));
  const chat = [...adapters.map((a) => a.platform), ...(options.platforms ?? [])];
  const platforms: ChatPlatform[] = [createConsolePlatform({ write: options.write ?? ((t) => void process.stdout.write(t)) }), ...chat];
  for (const adapter of adapters) {
    for (const channelId of adapter.alertChannels) store.subscriptions.ensure(adapter.platform.name, channelId, now());
  }
  // With no chat platform the console is the channel; with one, the console stays quiet.
  const consoleSub = store.subscriptions.ensure('console', CONSOLE_CHANNEL, now());
  if (chat.length > 0 && consoleSub.enabled) store.subscriptions.disable(consoleSub.id, 'a chat platform is configured', now());
  if (chat.length === 0 && !consoleSub.enabled) {
    store.subscriptions.upsert('console', CONSOLE_CHANNEL, { components: null, minImpact: 'none', earlyWarnings: true }, now());
  }

  const outbox = createOutboxWorker({
    store,
    platforms,
    logger,
    clock,
    cardNotes: github.cardNotes,
    onOutcome: (platform, outcome) => metrics.deliveries.inc({ platform, outcome }),
  });
  const http = createHttpFetcher({ timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, userAgent: USER_AGENT });
  const source = createStatuspageSource({ baseUrl: config.statuspage.url, fallbackUrls: config.statuspage.fallbackUrls, http, logger, clock });
  const poller = createPoller({
    name: source.id,
    intervalSeconds: config.statuspage.pollIntervalSeconds,
    run: createStatuspagePoll({
      source,
      store,
      clock,
      logger,
      metrics,
      onEvents: () => outbox.kick(),
      pollIntervalSeconds: config.statuspage.pollIntervalSeconds,
    }),
    logger,
    clock,
  });
  const githubPoller = createPoller({ name: 'github', intervalSeconds: config.github.pollIntervalSeconds, run: github.poll, logger, clock });

  /** Outbox rows by state, also kept in the Prometheus gauge. */
  const outboxCounts = () => {
    const counts = store.outbox.counts();
    for (const [state, n] of Object.entries(counts)) metrics.outbox.set({ state }, n);
    return counts;
  };
  const server = await startHttpServer({
    port: config.httpPort,
    logger,
    health: () => {
      const view = getLiveStatus();
      return { ok: true, lastSuccessAt: view.lastSuccessAt, stale: view.stale, lastError: view.lastError?.code ?? null, outbox: outboxCounts() };
    },
    metrics: async () => {
      outboxCounts();
      return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
    },
    routes: Object.assign({}, ...adapters.map((a) => a.routes ?? {})) as Record<string, RouteHandler>,
  });
  try {
    // A bad token stops start-up here, with the adapter's message saying which and how to fix it.
    for (const adapter of adapters) await adapter.start();
  } catch (error) {
    await Promise.allSettled(adapters.map((a) => a.stop()));
    await server.close();
    db.close();
    throw error;
  }
  logger.info({ port: server.port, platforms: platforms.map((p) => p.name) }, 'claude-outage-bot started');

  outbox.start();
  poller.start();
  if (options.watchGithub !== false) githubPoller.start();

  return {
    store,
    commands,
    worker: outbox,
    poller,
    http: server,
    async stop() {
      await Promise.all([poller.stop(), githubPoller.stop()]);
      await outbox.stop();
      await Promise.allSettled(adapters.map((a) => a.stop()));
      await server.close();
      db.close();
    },
  };
}

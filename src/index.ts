import { renderHistoryChart } from './charts/render-history-chart.js';
import { createCommands, type Commands } from './commands/create-commands.js';
import type { Config } from './config/load-config.js';
import { createOutboxWorker, type OutboxWorker } from './delivery/outbox-worker.js';
import { startHttpServer, type RouteHandler, type RunningHttpServer } from './http/create-http-server.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { runReadiness } from './http/readiness.js';
import { loadKnowledge } from './knowledge/load-knowledge.js';
import { createDurationNote } from './incidents/history-card-note.js';
import { backfillPages } from './main/backfill-history.js';
import { createGithubWatcher } from './main/poll-github.js';
import { createPollHealth } from './main/poll-health.js';
import { createWebhookIngest } from './main/ingest-statuspage-webhooks.js';
import { labelCardsByPage } from './main/label-cards-by-page.js';
import { createPagePollers } from './main/start-page-pollers.js';
import { createReadinessChecks } from './main/readiness-checks.js';
import { createConsolePlatform } from './platforms/console/console-platform.js';
import type { ChatAdapterFactory } from './platforms/chat-adapter.js';
import type { ChatPlatform } from './platforms/platform.js';
import { createHttpFetcher } from './sources/http-fetch.js';
import { createPoller, type Poller } from './sources/create-poller.js';
import { createStatuspageWebhookRoute, WEBHOOK_PREFIX } from './http/statuspage-webhook.js';
import { createStore, type Store } from './store/create-store.js';
import { migrate } from './store/migrate.js';
import { databaseLabel, openStoreDatabase } from './store/open-store-database.js';
import { countUncopiedSubscriptions } from './store/find-uncopied-sqlite.js';
import { removeWorkspace } from './store/remove-workspace.js';
import { restoreWorkspace } from './store/restore-workspace.js';
import { createHistoryReader } from './store/read-history.js';
import { createLiveStatusReader } from './store/read-live-status.js';
import { createOutboxBacklogReader } from './store/read-outbox-backlog.js';
import { createReplicaCoordination } from './store/replica-coordination.js';
import { startLeadPolling } from './main/lead-polling.js';
import { systemClock, type Clock } from './shared/clock.js';
import { LEGACY_PAGE_ID, scopeForPage } from './incidents/page-scope.js';
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
  /** How long stop() lets in-flight deliveries finish (default 10 s). */
  stopDeliveriesMs?: number;
  /** How often /readyz really writes to the database (default 15 s). */
  probeEveryMs?: number;
  /** Read past incidents once when none are stored yet (default true); it never alerts. */
  backfillHistory?: boolean;
}

export interface Bot {
  store: Store;
  commands: Commands;
  worker: OutboxWorker;
  /** Every page's poller together (each page still polls on its own schedule). */
  poller: Poller;
  /** Resolves once every webhook queued so far is stored (tests, benchmarks). */
  flushWebhooks: () => Promise<void>;
  http: RunningHttpServer | null;
  stop(): Promise<void>;
}

export const USER_AGENT = 'claude-outage-bot/0.1 (+https://github.com/claude-outage-bot)';

/** Opens the store, builds every module and starts polling and delivering. */
export async function startBot(options: BotOptions): Promise<Bot> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const db = openStoreDatabase(config);
  const applied = migrate(db);
  if (applied.length > 0) logger.info({ applied, database: databaseLabel(config) }, 'database migrated');
  const uncopied = config.databaseUrl ? countUncopiedSubscriptions(config.databasePath, db) : null;
  if (uncopied !== null) {
    logger.warn(
      { sqlite: config.databasePath, subscriptions: uncopied },
      `DATABASE_URL is set, but the SQLite database at DATABASE_PATH holds ${uncopied} subscribed channels that Postgres does not: they get no alerts. Stop the bot, run "claude-outage-bot copy-store", start it again.`,
    );
  }
  // Replicas on one Postgres coordinate through it; one process on SQLite is its own leader.
  const coordination = createReplicaCoordination(db);
  const store = createStore(db, coordination.replicaId);
  const metrics = createMetrics();
  const knowledge = loadKnowledge({
    extraDir: config.knowledgeDir,
    onAnswer: (basis) => metrics.fixAnswers.inc({ basis }),
    onModelError: (error) => {
      metrics.fixModelErrors.inc();
      logger.error({ err: error }, 'the /claude-fix classifier could not be loaded');
    },
  });

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
    onDropped: (count) => metrics.itemsDropped.inc({ source: 'github', kind: 'issue', reason: 'bad_value' }, count),
  });
  const statusPages = config.statusPages;
  const getLiveStatus = createLiveStatusReader({
    store,
    clock,
    pollIntervalSeconds: config.statuspage.pollIntervalSeconds,
    pages: statusPages,
    readCommunity: github.readCommunity,
  });
  const history = createHistoryReader(db);
  const commands = timeCommands(metrics, createCommands({
    getLiveStatus,
    knowledge,
    subscriptions: store.subscriptions,
    policies: store.policies,
    // Late-bound: the adapters are built with these commands, and commands run only once they started.
    checkMention: (request, wanted) => {
      const adapter = adapters.find((a) => a.platform.name === request.platform);
      return adapter?.checkMention ? adapter.checkMention(request, wanted) : Promise.resolve({ ok: false, problem: 'Pings are for Slack and Discord channels.' });
    },
    clock,
    statusPageUrl: config.statuspage.url,
    history: {
      readHistory: history.read,
      componentNames: () => [...store.components.all().values()].filter((c) => !c.group).map((c) => c.name),
      renderChart: async (bars, title) => (await renderHistoryChart(bars, title)).png,
      pages: statusPages,
    },
  }));
  const durationNote = createDurationNote({ readHistory: history.read, clock });
  // Slack distribution reads installations from the store; the single-token path never touches them.
  const slackWorkspaces = {
    installations: store.slackInstallations,
    remove: (teamId: string, reason: string) => removeWorkspace(store, teamId, reason, now()),
    restore: (teamId: string, reasons: readonly string[]) => restoreWorkspace(store, teamId, reasons, now()),
  };
  const adapters = (options.adapters ?? []).map((factory) => factory({ commands, subscriptions: store.subscriptions, logger, clock, slackWorkspaces }));
  const chat = [...adapters.map((a) => a.platform), ...(options.platforms ?? [])];
  const allPlatforms: ChatPlatform[] = [createConsolePlatform({ write: options.write ?? ((t) => void process.stdout.write(t)) }), ...chat];
  // One page: cards as they always were. Several: each card names its page.
  const pageLabel = (id: string) => store.components.page(scopeForPage(id).sourceId)?.name || id;
  const platforms = statusPages.length > 1 ? allPlatforms.map((p) => labelCardsByPage(p, pageLabel)) : allPlatforms;
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
    cardNotes: (incident) => [...github.cardNotes(incident), ...durationNote(incident)],
    onOutcome: (platform, outcome) => metrics.deliveries.inc({ platform, outcome }),
    onPolicy: (action) => metrics.policyActions.inc({ action }),
    ...(coordination.shared
      ? {
          replicas: {
            leads: () => leadership.leading(),
            recoverGone: (at: string) => store.outbox.recoverInFlight(at, coordination.goneOwners(store.outbox.busyOwners())),
          },
        }
      : {}),
  });
  const pollHealth = createPollHealth();
  const http = createHttpFetcher({ timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, userAgent: USER_AGENT });
  const watched = createPagePollers({
    pages: statusPages,
    pollIntervalSeconds: config.statuspage.pollIntervalSeconds,
    http,
    store,
    logger,
    clock,
    metrics,
    health: pollHealth,
    onEvents: () => outbox.kick(),
  });
  const poller = watched.all;
  const [primary, ...secondaryPages] = watched.pages;
  const primarySourceId = primary?.source.id ?? 'statuspage';
  const webhooks = createWebhookIngest({
    pages: new Map(watched.pages.map((p) => [p.config.id, { scope: p.scope, url: p.config.url }])),
    store,
    clock,
    logger,
    metrics,
    onEvents: () => outbox.kick(),
  });
  const webhookRoutes: Record<string, RouteHandler> = config.statuspageWebhookSecret
    ? {
        [WEBHOOK_PREFIX]: createStatuspageWebhookRoute({
          secret: config.statuspageWebhookSecret,
          pageIds: new Set(statusPages.map((p) => p.id)),
          enqueue: webhooks.enqueue,
          logger,
          onOutcome: (page, outcome) => metrics.webhookEvents.inc({ page, outcome }),
        }),
      }
    : {};
  const githubPoller = createPoller({ name: 'github', intervalSeconds: config.github.pollIntervalSeconds, run: github.poll, logger, clock });

  const backlog = createOutboxBacklogReader(store.db, platforms.map((p) => p.name));
  const readiness = createReadinessChecks({
    store,
    clock,
    databasePath: databaseLabel(config),
    pollIntervalSeconds: config.statuspage.pollIntervalSeconds,
    pollHealth,
    sourceId: primarySourceId,
    primaryPage: primary && primary.config.id !== LEGACY_PAGE_ID ? { id: primary.config.id, url: primary.config.url } : undefined,
    secondaryPages: secondaryPages.map((p) => ({ id: p.config.id, sourceId: p.source.id, url: p.config.url })),
    platforms: adapters.map((a) => ({ name: a.platform.name, health: () => a.health() })),
    halted: () => outbox.halted(),
    backlog,
    probeEveryMs: options.probeEveryMs,
    sqliteLeftBehind: uncopied === null ? undefined : { path: config.databasePath, subscriptions: uncopied },
  });
  const ready = () => {
    const report = runReadiness(readiness);
    metrics.ready.set(report.ok ? 1 : 0);
    for (const check of report.checks) metrics.readyCheck.set({ check: check.name }, check.ok ? 1 : 0);
    return report;
  };
  /** Outbox rows by state, also kept in the Prometheus gauge. */
  const outboxCounts = () => {
    const counts = store.outbox.counts();
    for (const [state, n] of Object.entries(counts)) metrics.outbox.set({ state }, n);
    return counts;
  };
  /** Gauges that are ages or states are computed when scraped, so they are never stale. */
  const refreshGauges = () => {
    const now = clock.now();
    outboxCounts();
    metrics.policyHeld.set(store.timers.heldCount());
    const oldest = backlog(now.toISOString()).oldestDueCreatedAt;
    metrics.outboxOldestPendingAge.set(oldest ? Math.max(0, (now.getTime() - Date.parse(oldest)) / 1000) : 0);
    for (const id of [...watched.pages.map((p) => p.source.id), 'github']) {
      const last = store.pollState.get(id).lastSuccessAt;
      metrics.lastSuccessAge.set({ source: id }, last ? Math.max(0, (now.getTime() - Date.parse(last)) / 1000) : Number.POSITIVE_INFINITY);
    }
    ready();
  };
  const server = await startHttpServer({
    port: config.httpPort,
    host: config.httpHost,
    logger,
    // Liveness: the process answers. Whether it can alert anyone is /readyz.
    health: () => {
      const view = getLiveStatus();
      return { ok: true, lastSuccessAt: view.lastSuccessAt, stale: view.stale, lastError: view.lastError?.code ?? null, outbox: outboxCounts() };
    },
    ready,
    metrics: async () => {
      refreshGauges();
      return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
    },
    routes: Object.assign({}, webhookRoutes, ...adapters.map((a) => a.routes ?? {})) as Record<string, RouteHandler>,
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
  // Day one: past incidents for /claude-incidents, in the background; it writes no event or outbox row.
  const backfillAbort = new AbortController();
  let backfill: Promise<unknown> = Promise.resolve();
  let backfilled = false;
  const leadership = startLeadPolling({
    coordination,
    logger,
    checkMs: Math.min(1_000, config.statuspage.pollIntervalSeconds * 1_000),
    onChange: (leading) => metrics.leader.set(leading ? 1 : 0),
    lead: () => {
      poller.start();
      if (options.watchGithub !== false) githubPoller.start();
      if (backfilled || options.backfillHistory === false) return;
      backfilled = true;
      backfill = backfillPages(statusPages, { http, db, logger, clock, signal: backfillAbort.signal, onlyMissing: true, storedFor: history.backfilledCount }).catch(
        (error: unknown) => logger.warn({ err: error }, 'history backfill failed; run `claude-outage-bot incidents --backfill` later'),
      );
    },
    follow: async () => {
      github.cancel();
      await Promise.all([poller.stop(), githubPoller.stop()]);
    },
  });

  return {
    store,
    commands,
    worker: outbox,
    poller,
    flushWebhooks: webhooks.flush,
    http: server,
    async stop() {
      // Order matters: nothing new is read, then what is being posted finishes, then we disconnect.
      backfillAbort.abort();
      await Promise.all([leadership.stop(), withinMs(backfill, 3_000), withinMs(webhooks.flush(), 3_000)]);
      const drained = await withinMs(outbox.stop(), options.stopDeliveriesMs ?? 10_000);
      if (!drained) logger.warn('deliveries still in flight after the shutdown bound; they are retried (and looked up first) at the next start');
      await withinMs(Promise.allSettled(adapters.map((a) => a.stop())), 5_000);
      await server.close();
      db.close();
    },
  };
}

/** Wraps every command with its latency histogram (platform-neutral, so one place for all). */
function timeCommands(metrics: Metrics, commands: Commands): Commands {
  return {
    ...commands,
    async run(request) {
      const end = metrics.commandDuration.startTimer({ command: request.command, platform: request.platform });
      try {
        return await commands.run(request);
      } finally {
        end();
      }
    },
  };
}

/** Resolves true when `work` settles within `ms`, false when the bound passed first. */
async function withinMs(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), bound]);
  } finally {
    clearTimeout(timer);
  }
}

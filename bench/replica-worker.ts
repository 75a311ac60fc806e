import { createOutboxWorker } from '../src/delivery/outbox-worker.js';
import { createSlackClients } from '../src/platforms/slack/slack-clients.js';
import { createSlackLogger } from '../src/platforms/slack/slack-logger.js';
import { createSlackPlatform } from '../src/platforms/slack/slack-platform.js';
import { createStore } from '../src/store/create-store.js';
import type { Db } from '../src/store/open-database.js';
import { openPostgres } from '../src/store/postgres/open-postgres.js';
import { createSilentLogger } from '../src/shared/logger.js';

/**
 * One delivering replica for bench/replicas.bench.ts: the real outbox worker and Slack platform
 * on the shared Postgres store, claiming lanes beside its siblings. Prints "ready" once
 * connected; runs until killed. Env: DATABASE_URL, SLACK_API_URL, REPLICA_ID.
 */
const db = openPostgres(process.env.DATABASE_URL ?? '') as unknown as Db;
const store = createStore(db, process.env.REPLICA_ID ?? 'bench');
const logger = createSilentLogger();
const clients = createSlackClients({ botToken: 'xoxb-bench', apiUrl: process.env.SLACK_API_URL ?? '', logger: createSlackLogger(logger) });
const worker = createOutboxWorker({
  store,
  platforms: [createSlackPlatform({ clients, logger })],
  logger,
  clock: { now: () => new Date() },
  concurrency: 24,
  // Looks for due rows every 5 ms when idle: the parent enqueues after every replica is ready.
  idleMs: 5,
  replicas: { leads: () => false, recoverGone: () => 0 },
});
worker.start();
process.stdout.write('ready\n');

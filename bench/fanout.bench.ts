import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOutboxWorker } from '../src/delivery/outbox-worker.js';
import { createSlackClients } from '../src/platforms/slack/slack-clients.js';
import { createSlackLogger } from '../src/platforms/slack/slack-logger.js';
import { createSlackPlatform } from '../src/platforms/slack/slack-platform.js';
import { applyPoll } from '../src/store/apply-poll.js';
import { createStore } from '../src/store/create-store.js';
import { migrate } from '../src/store/migrate.js';
import { openDatabase } from '../src/store/open-database.js';
import { createSilentLogger } from '../src/shared/logger.js';
import { incident, snapshot } from '../test/helpers/incident-builders.js';
import { createLeanSlack, type LeanSlackOptions } from './fakes/lean-slack.js';
import { minimalFanout } from './reference/minimal-fanout.js';

/**
 * One incident fanned out to N Slack channels through the real store, outbox worker,
 * Slack platform and @slack/web-api, against a lean local fake, beside the minimal
 * reference. `node --expose-gc --import tsx bench/fanout.bench.ts`
 */
const CONCURRENCY = 24;
const T = (m: number) => new Date(Date.now() - (60 - m) * 60_000).toISOString();
const stages = [
  incident('fan', [['investigating', T(0)]]),
  incident('fan', [['investigating', T(0)], ['identified', T(5)]]),
  incident('fan', [['investigating', T(0)], ['identified', T(5)], ['resolved', T(9)]]),
];

interface Run {
  firstCardsMs: number;
  drainedMs: number;
  posts: number;
  rateLimited: number;
}

export async function runBot(channels: number, fake: LeanSlackOptions, states: number): Promise<Run> {
  const slack = await createLeanSlack(fake);
  const dir = mkdtempSync(join(tmpdir(), 'cob-fanout-'));
  const db = openDatabase(join(dir, 'bench.db'));
  migrate(db);
  const store = createStore(db);
  const at = new Date().toISOString();
  store.transaction(() => {
    for (let c = 0; c < channels; c++) store.subscriptions.ensure('slack', `C${String(c).padStart(6, '0')}`, at);
  });
  applyPoll(store, snapshot([]), { etags: {} }, new Date());
  const logger = createSilentLogger();
  const clients = createSlackClients({ botToken: 'xoxb-bench', apiUrl: slack.apiUrl, logger: createSlackLogger(logger) });
  const worker = createOutboxWorker({ store, platforms: [createSlackPlatform({ clients, logger })], logger, clock: { now: () => new Date() }, concurrency: CONCURRENCY });
  globalThis.gc?.();
  const started = performance.now();
  for (let s = 0; s < states; s++) applyPoll(store, snapshot([stages[s]!]), { etags: {} }, new Date());
  worker.start();
  let firstCardsMs = 0;
  for (;;) {
    if (!firstCardsMs && slack.roots.size >= channels) firstCardsMs = performance.now() - started;
    const counts = store.outbox.counts();
    if (counts.pending === 0 && counts.in_flight === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const drainedMs = performance.now() - started;
  await worker.stop();
  const run = { firstCardsMs: firstCardsMs || drainedMs, drainedMs, posts: slack.posts, rateLimited: slack.rateLimited };
  db.close();
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
  return run;
}

async function runReference(channels: number, fake: LeanSlackOptions): Promise<number> {
  const slack = await createLeanSlack(fake);
  const ms = await minimalFanout(slack.apiUrl, Array.from({ length: channels }, (_, c) => `R${c}`), CONCURRENCY);
  await slack.close();
  return ms;
}

const rate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(0);

export async function benchFanout(): Promise<string[]> {
  const notes: string[] = [];
  for (const [channels, fake, label] of [
    [1_000, {}, 'instant fake'],
    [10_000, {}, 'instant fake'],
    [1_000, { delayMs: 100 }, '100 ms round trip'],
  ] as const) {
    const bot = await runBot(channels, fake, 1);
    const ref = await runReference(channels, fake);
    notes.push(
      `fan-out ${channels} channels, ${label}: ${rate(channels, bot.firstCardsMs)} first cards/s (${(bot.firstCardsMs / 1000).toFixed(2)} s); ` +
        `reference ${rate(channels, ref)}/s; ratio ${(ref / bot.firstCardsMs).toFixed(2)}; ${(bot.firstCardsMs / channels).toFixed(3)} ms per card`,
    );
  }
  // Limits enforced: opened + identified + resolved = 3 posts per channel, so at least 2 s at 1 post/s/channel.
  const limited = await runBot(1_000, { enforcePostLimit: true }, 3);
  notes.push(
    `fan-out 1000 channels × 3 posts, fake enforcing 1 post/s/channel: drained in ${(limited.drainedMs / 1000).toFixed(2)} s ` +
      `against a 2.00 s minimum (${((limited.drainedMs / 2000 - 1) * 100).toFixed(0)} % over); first cards ${(limited.firstCardsMs / 1000).toFixed(2)} s; ` +
      `${limited.posts} posts, ${limited.rateLimited} answered 429`,
  );
  return notes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void benchFanout().then((notes) => process.stdout.write(`${notes.map((n) => `- ${n}`).join('\n')}\n`));
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { createOutboxWorker } from '../src/delivery/outbox-worker.js';
import { createDiscordPlatform } from '../src/platforms/discord/discord-platform.js';
import { discordRestOptions } from '../src/platforms/discord/rest-options.js';
import type { ChatPlatform } from '../src/platforms/platform.js';
import { createSlackClients } from '../src/platforms/slack/slack-clients.js';
import { createSlackLogger } from '../src/platforms/slack/slack-logger.js';
import { createSlackPlatform } from '../src/platforms/slack/slack-platform.js';
import { applyPoll } from '../src/store/apply-poll.js';
import { createStore } from '../src/store/create-store.js';
import { migrate } from '../src/store/migrate.js';
import { openDatabase } from '../src/store/open-database.js';
import { createSilentLogger } from '../src/shared/logger.js';
import type { IncidentStatus } from '../src/incidents/model.js';
import { incident, snapshot } from '../test/helpers/incident-builders.js';
import { createLeanDiscord, type LeanDiscordOptions } from './fakes/lean-discord.js';
import { createLeanSlack, type LeanSlackOptions } from './fakes/lean-slack.js';
import { minimalFanout } from './reference/minimal-fanout.js';

/**
 * One incident fanned out to N Slack channels through the real store, outbox worker,
 * Slack platform and @slack/web-api, against a lean local fake, beside the minimal
 * reference. `node --expose-gc --import tsx bench/fanout.bench.ts`
 */
const CONCURRENCY = 24;
const T = (m: number) => new Date(Date.now() - (60 - m) * 60_000).toISOString();
/** The incident after its first `n` updates (the last of `total` is "resolved"): one post per update and channel. */
const stage = (n: number, total: number) =>
  incident(
    'fan',
    Array.from({ length: n }, (_, i) => [i === 0 ? 'investigating' : i === total - 1 ? 'resolved' : 'monitoring', T(i)] as [IncidentStatus, string]),
  );

interface Run {
  firstCardsMs: number;
  drainedMs: number;
  posts: number;
  rateLimited: number;
}

/** A fake with the counters the run watches. */
interface Target {
  name: 'slack' | 'discord';
  platform: ChatPlatform;
  /** Channels that have their first card. */
  cardsOut(): number;
  /** Posts accepted (cards and replies). */
  posts(): number;
  rateLimited(): number;
  close(): Promise<void>;
}

async function slackTarget(fake: LeanSlackOptions): Promise<Target> {
  const slack = await createLeanSlack(fake);
  const logger = createSilentLogger();
  const clients = createSlackClients({ botToken: 'xoxb-bench', apiUrl: slack.apiUrl, logger: createSlackLogger(logger) });
  return {
    name: 'slack',
    platform: createSlackPlatform({ clients, logger }),
    cardsOut: () => slack.roots.size,
    posts: () => slack.posts,
    rateLimited: () => slack.rateLimited,
    close: () => slack.close(),
  };
}

async function discordTarget(fake: LeanDiscordOptions): Promise<Target> {
  const discord = await createLeanDiscord(fake);
  const rest = new REST(discordRestOptions({ apiUrl: discord.apiUrl, timeoutMs: 10_000, maxRateLimitWaitMs: 5_000 })).setToken(discord.token);
  return {
    name: 'discord',
    platform: createDiscordPlatform({ rest, logger: createSilentLogger() }),
    cardsOut: () => discord.roots.size,
    posts: () => [...discord.roots.values()].reduce((a, b) => a + b, 0),
    rateLimited: () => discord.rateLimited,
    close: () => discord.close(),
  };
}

/** One incident with `states` updates fanned out to `channels` channels through the real store, worker and platform. */
export async function runBot(channels: number, fake: LeanSlackOptions, states: number, target?: Target): Promise<Run> {
  const out = target ?? (await slackTarget(fake));
  const dir = mkdtempSync(join(tmpdir(), 'cob-fanout-'));
  const db = openDatabase(join(dir, 'bench.db'));
  migrate(db);
  const store = createStore(db);
  const at = new Date().toISOString();
  const channelId = (c: number) => (out.name === 'slack' ? `C${String(c).padStart(6, '0')}` : String(610_000_000_000_000_000n + BigInt(c)));
  store.transaction(() => {
    for (let c = 0; c < channels; c++) store.subscriptions.ensure(out.name, channelId(c), at);
  });
  applyPoll(store, snapshot([]), { etags: {} }, new Date());
  const logger = createSilentLogger();
  const worker = createOutboxWorker({ store, platforms: [out.platform], logger, clock: { now: () => new Date() }, concurrency: CONCURRENCY });
  globalThis.gc?.();
  const started = performance.now();
  for (let s = 1; s <= states; s++) applyPoll(store, snapshot([stage(s, states)]), { etags: {} }, new Date());
  worker.start();
  let firstCardsMs = 0;
  // The fake's counters are free to read; the outbox's counts (a GROUP BY) only once the cards are all out.
  for (;;) {
    if (!firstCardsMs && out.cardsOut() >= channels) firstCardsMs = performance.now() - started;
    if (firstCardsMs && out.posts() >= channels * states) {
      const counts = store.outbox.counts();
      if (counts.pending === 0 && counts.in_flight === 0) break;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const drainedMs = performance.now() - started;
  await worker.stop();
  const run = { firstCardsMs: firstCardsMs || drainedMs, drainedMs, posts: out.posts(), rateLimited: out.rateLimited() };
  db.close();
  await out.close();
  rmSync(dir, { recursive: true, force: true });
  return run;
}

/** The reference on Discord: one REST post per channel, `concurrency` at a time, discord.js's own limiter. */
async function runDiscordReference(channels: number, fake: LeanDiscordOptions): Promise<number> {
  const discord = await createLeanDiscord(fake);
  const rest = new REST({ api: discord.apiUrl, retries: 0 }).setToken(discord.token);
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < channels) {
      const channel = String(620_000_000_000_000_000n + BigInt(next++));
      await rest.post(`/channels/${channel}/messages`, { body: { content: 'Claude API: elevated errors' } });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  const ms = performance.now() - started;
  await discord.close();
  return ms;
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
  // Both warmed up first (JIT, sockets, modules), then interleaved rounds, best of each: a
  // shared 2-core machine makes single runs noisy, and the minimum is the cost itself.
  await runBot(500, {}, 1);
  await runReference(500, {});
  for (const [channels, fake, label, rounds] of [
    [1_000, {}, 'instant fake', 3],
    [10_000, {}, 'instant fake', 1],
    [1_000, { delayMs: 100 }, '100 ms round trip', 1],
    [10_000, { delayMs: 100 }, '100 ms round trip', 1],
  ] as const) {
    let botMs = Infinity;
    let refMs = Infinity;
    for (let r = 0; r < rounds; r++) {
      botMs = Math.min(botMs, (await runBot(channels, fake, 1)).firstCardsMs);
      refMs = Math.min(refMs, await runReference(channels, fake));
    }
    notes.push(
      `fan-out ${channels} channels, ${label} (best of ${rounds}): ${rate(channels, botMs)} first cards/s (${(botMs / 1000).toFixed(2)} s); ` +
        `reference ${rate(channels, refMs)}/s; ratio ${(refMs / botMs).toFixed(2)}; ${(botMs / channels).toFixed(3)} ms per card`,
    );
  }
  // Limits enforced (Slack: about 1 message per second per channel; the fake refuses a second post within 1 s).
  // 50 channels × 10 posts is bound by the limit (at least 9 s); 1,000 × 3 (at least 2 s) by CPU as well.
  for (const [channels, posts] of [
    [50, 10],
    [1_000, 3],
  ] as const) {
    const limited = await runBot(channels, { enforcePostLimit: true }, posts);
    const minimumMs = (posts - 1) * 1_000;
    notes.push(
      `fan-out ${channels} channels × ${posts} posts, fake enforcing 1 post/s/channel: drained in ${(limited.drainedMs / 1000).toFixed(2)} s ` +
        `against a ${(minimumMs / 1000).toFixed(2)} s minimum (${((limited.drainedMs / minimumMs - 1) * 100).toFixed(0)} % over); ` +
        `first cards ${(limited.firstCardsMs / 1000).toFixed(2)} s; ${limited.posts} posts, ${limited.rateLimited} answered 429`,
    );
  }
  // Discord: 50 requests a second per bot, whatever the channel, so 1,000 first cards take at least 20 s.
  const discordBot = await runBot(1_000, {}, 1, await discordTarget({ enforceGlobalLimit: true }));
  const discordRef = await runDiscordReference(1_000, { enforceGlobalLimit: true });
  notes.push(
    `fan-out 1000 Discord channels, fake enforcing the global 50 requests/s: first cards in ${(discordBot.firstCardsMs / 1000).toFixed(2)} s against a 20.00 s minimum ` +
      `(${((discordBot.firstCardsMs / 20_000 - 1) * 100).toFixed(0)} % over); reference ${(discordRef / 1000).toFixed(2)} s; ${discordBot.rateLimited} answered 429`,
  );
  return notes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void benchFanout().then((notes) => process.stdout.write(`${notes.map((n) => `- ${n}`).join('\n')}\n`));
}

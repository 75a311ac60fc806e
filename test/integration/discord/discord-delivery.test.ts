import { REST } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxWorker, type OutboxWorker } from '../../../src/delivery/outbox-worker.js';
import { createDiscordPlatform } from '../../../src/platforms/discord/discord-platform.js';
import { discordRestOptions } from '../../../src/platforms/discord/rest-options.js';
import type { Store } from '../../../src/store/create-store.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { allStrings } from '../../helpers/wait-until.js';
import { API_ERRORS, createFakeDiscord, type FakeDiscord } from '../../fakes/fake-discord.js';
import { createDeliveryHarness } from '../../helpers/delivery-harness.js';
import { createTempStore } from '../../helpers/temp-store.js';
import { snapshot } from '../../helpers/incident-builders.js';
import { applyPoll } from '../../../src/store/apply-poll.js';

/**
 * The real Discord platform (discord.js's REST client) with the real outbox worker and
 * store, against the fake Discord: cards, threads, Discord's failure modes and recovery.
 */

const T = (m: number) => new Date(Date.now() - 60 * 60_000 + m * 60_000).toISOString();
const logger = createSilentLogger();
const C1 = '111111111111111111';
const C2 = '222222222222222222';
const MESSAGES = /^\/channels\/\d+\/messages$/;

let temp: ReturnType<typeof createTempStore>;
let store: Store;
let discord: FakeDiscord;
let worker: OutboxWorker;

const { timeline, poll, drained: allDone, deliverUntil, playTimeline } = createDeliveryHarness(() => store, () => worker, T);
function startWorker(token: string, maxRateLimitWaitMs = 5_000): void {
  const rest = new REST(discordRestOptions({ apiUrl: discord.apiUrl, timeoutMs: 2_000, maxRateLimitWaitMs })).setToken(token);
  const platform = createDiscordPlatform({ rest, logger });
  worker = createOutboxWorker({ store, platforms: [platform], logger, clock: { now: () => new Date() }, retryBaseMs: 40, retryMaxMs: 200 });
}

beforeEach(async () => {
  temp = createTempStore();
  store = temp.store;
  discord = await createFakeDiscord();
  startWorker(discord.token);
  store.subscriptions.ensure('discord', C1, T(0));
  store.subscriptions.ensure('discord', C2, T(0));
  poll([]);
});

afterEach(async () => {
  await worker.stop();
  await discord.close();
  temp.cleanup();
});

function expectOneCardPerChannel(channels = [C1, C2]): void {
  for (const channel of channels) {
    const roots = discord.messages(channel).filter((m) => m.message_reference === null);
    expect(roots, `roots in ${channel}`).toHaveLength(1);
    const root = roots[0]!;
    expect(root.thread, `thread on the card in ${channel}`).not.toBeNull();
    const replies = discord.messages(root.thread!.id);
    expect(replies.map((r) => r.embeds[0]?.title?.split(' · ')[0])).toEqual(['Identified', 'Resolved after 40 min']);
    const embed = root.embeds[0]!;
    expect(embed.color).toBe(0x2ecc71);
    expect(embed.fields?.find((f) => f.name === 'Status')?.value).toBe('Resolved after 40 min');
    expect(embed.url).toBe('https://status.example.com/incidents/inc1');
    expect(discord.channel(root.thread!.id)?.thread_metadata?.archived).toBe(true);
  }
}

describe('Discord delivery through the outbox', () => {
  it('posts one card per channel, edits it, threads each update and archives the thread on resolution', async () => {
    await playTimeline();
    expectOneCardPerChannel();
    const posts = discord.callsTo('POST', MESSAGES);
    expect(posts.every((c) => (c.body as { enforce_nonce?: boolean }).enforce_nonce === true)).toBe(true);
    expect(new Set(posts.map((c) => (c.body as { nonce: string }).nonce)).size).toBe(posts.length);
    expect(discord.callsTo('PATCH', /^\/channels\/\d+\/messages\/\d+$/).length).toBeGreaterThanOrEqual(4);
    expect(discord.calls.every((c) => c.authorized)).toBe(true);
    const threadNames = discord.callsTo('POST', /\/threads$/).map((c) => (c.body as { name: string }).name);
    expect(threadNames).toEqual(['Incident inc1', 'Incident inc1']);
  });

  it('waits out a short 429 inside discord.js: one card, no outbox retry', async () => {
    discord.failNext('POST', new RegExp(`^/channels/${C1}/messages$`), { kind: 'rate_limit', retryAfterSeconds: 1 });
    poll([timeline()[0]!]);
    await deliverUntil(allDone, 'the cards');
    expect(discord.messages(C1)).toHaveLength(1);
    expect(discord.callsTo('POST', new RegExp(`^/channels/${C1}/messages$`)).map((c) => c.status)).toEqual([429, 200]);
    expect(store.db.prepare('SELECT max(attempts) FROM outbox').pluck().get()).toBe(1);
  });

  it('hands a long rate limit to the outbox, which retries after Retry-After', async () => {
    startWorker(discord.token, 500);
    discord.failNext('POST', new RegExp(`^/channels/${C1}/messages$`), { kind: 'rate_limit', retryAfterSeconds: 1 });
    poll([timeline()[0]!]);
    await worker.runOnce();
    expect(discord.messages(C2)).toHaveLength(1);
    const row = store.db.prepare("SELECT last_error_code, next_attempt_at FROM outbox WHERE state = 'pending'").get() as { last_error_code: string; next_attempt_at: string };
    expect(row.last_error_code).toBe('discord_rate_limited');
    expect(Date.parse(row.next_attempt_at) - Date.now()).toBeGreaterThan(500);
    await deliverUntil(() => discord.messages(C1).length === 1 && allDone(), 'C1 to get its card');
  });

  it('retries 5xx through the outbox with the same nonce, so a card Discord kept is not doubled', async () => {
    discord.failNext('POST', new RegExp(`^/channels/${C1}/messages$`), { kind: 'server_error', status: 500, afterEffect: true });
    discord.failNext('PATCH', /^\/channels\/\d+\/messages\/\d+$/, { kind: 'server_error', status: 503 });
    await playTimeline();
    expectOneCardPerChannel();
    const c1Posts = discord.callsTo('POST', new RegExp(`^/channels/${C1}/messages$`));
    expect(c1Posts[0]!.status).toBe(500);
    expect((c1Posts[1]!.body as { nonce: string }).nonce).toBe((c1Posts[0]!.body as { nonce: string }).nonce);
  });

  it('closes a component notice Discord kept while its answer was lost, though the component recovered before the retry', async () => {
    const component = (status: string) => ({ id: 'api', name: 'Claude API', status, group: false, position: 1 });
    const pollComponents = (status: string, minute: number) =>
      applyPoll(store, { ...snapshot([]), components: [component(status)] } as never, { etags: {} }, new Date(T(minute)));
    pollComponents('operational', 1);
    discord.failNext('POST', new RegExp(`^/channels/${C1}/messages$`), { kind: 'server_error', status: 500, afterEffect: true });
    pollComponents('major_outage', 2);
    await worker.runOnce();
    // C1's notice is stored on Discord, but the bot saw a 500; the component recovers before the retry.
    pollComponents('operational', 3);
    await deliverUntil(allDone, 'the notices and their recovery');
    for (const channel of [C1, C2]) {
      const notices = discord.messages(channel).filter((m) => m.message_reference === null);
      expect(notices, `notices in ${channel}`).toHaveLength(1);
      expect(notices[0]!.embeds[0]?.title).toMatch(/Claude API: Operational/);
      expect(discord.messages(notices[0]!.thread!.id).map((m) => m.embeds[0]?.title?.split(' · ')[0])).toEqual(['Recovered']);
    }
  });

  it('a failed archive of the resolved thread does not thread the resolution twice', async () => {
    discord.failNext('PATCH', /^\/channels\/\d+$/, { kind: 'server_error', status: 503 });
    await playTimeline();
    for (const channel of [C1, C2]) {
      const root = discord.messages(channel).find((m) => m.message_reference === null)!;
      expect(discord.messages(root.thread!.id).map((r) => r.embeds[0]?.title?.split(' · ')[0])).toEqual(['Identified', 'Resolved after 40 min']);
      // Not even sent twice (the nonce would hide a second send only for a few minutes on the real Discord).
      expect(discord.calls.filter((c) => c.method === 'POST' && c.path === `/channels/${root.thread!.id}/messages`)).toHaveLength(2);
    }
    expect(store.outbox.counts()).toMatchObject({ pending: 0, in_flight: 0, failed: 0 });
  });

  it('adopts the thread an interrupted attempt started (160004)', async () => {
    poll([timeline()[0]!]);
    await deliverUntil(allDone, 'the cards');
    // The thread is created, then posting into it fails: the retry must find that thread, not fail.
    discord.failNext('POST', /^\/channels\/\d+\/messages$/, { kind: 'server_error', status: 502 });
    await playTimeline();
    expectOneCardPerChannel();
    expect(discord.callsTo('GET', /^\/channels\/\d+\/messages\/\d+$/)).toHaveLength(1);
  });

  it('replies under the card where threads are not allowed', async () => {
    discord.disallowThreads(C1);
    await playTimeline();
    const [root, ...replies] = discord.messages(C1);
    expect(root!.thread).toBeNull();
    expect(replies.map((r) => r.message_reference?.message_id)).toEqual([root!.id, root!.id]);
    expect(replies.map((r) => r.type)).toEqual([19, 19]);
    expect(discord.callsTo('POST', new RegExp(`^/channels/${C1}/messages/\\d+/threads$`))).toHaveLength(1);
    expect(discord.callsTo('PATCH', new RegExp(`^/channels/${C1}$`))).toHaveLength(0);
  });

  it('disables the subscription of a channel the bot cannot see, with the reason', async () => {
    poll([timeline()[0]!]);
    await deliverUntil(allDone, 'the first cards');
    discord.setChannelError(C1, API_ERRORS.missingAccess);
    poll([timeline()[1]!]);
    await deliverUntil(allDone, 'the update');
    const c1 = store.subscriptions.find('discord', C1)!;
    expect(c1.enabled).toBe(false);
    expect(c1.disabledReason).toBe('discord_missing_access');
    expect(store.subscriptions.find('discord', C2)!.enabled).toBe(true);
    poll([timeline()[2]!]);
    await deliverUntil(allDone, 'the resolution');
    expect(discord.callsTo('PATCH', new RegExp(`^/channels/${C1}/messages/`)).filter((c) => c.status === 200)).toHaveLength(0);
  });

  it.each([
    ['Missing Permissions', API_ERRORS.missingPermissions, 'discord_missing_permissions'],
    ['Unknown Channel', API_ERRORS.unknownChannel, 'discord_unknown_channel'],
  ])('disables the subscription on %s', async (_, failure, code) => {
    discord.setChannelError(C1, failure);
    poll([timeline()[0]!]);
    await deliverUntil(allDone, 'the cards');
    expect(store.subscriptions.find('discord', C1)).toMatchObject({ enabled: false, disabledReason: code });
    expect(discord.messages(C2)).toHaveLength(1);
  });

  it('stops Discord deliveries, keeping the rows, when the token is rejected', async () => {
    startWorker('not-the-token');
    poll([timeline()[0]!]);
    await worker.runOnce();
    expect(worker.halted().get('discord')).toMatch(/DISCORD_TOKEN/);
    expect(store.outbox.counts().pending).toBe(2);
  });

  it('never lets status page text ping anyone', async () => {
    const evil = '@everyone @here <@123456789012345678> <@&223456789012345678> look';
    await playTimeline(evil);
    const sends = discord.calls.filter((c) => /\/messages(\/\d+)?$/.test(c.path) && c.method !== 'GET');
    expect(sends.length).toBeGreaterThan(0);
    for (const call of sends) {
      expect((call.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
      for (const text of allStrings(call.body)) expect(text).not.toMatch(/@(everyone|here)|<@&?\d/);
    }
    expect(allStrings(discord.messages(discord.messages(C1)[0]!.thread!.id))).toContain('@\u200beveryone @\u200bhere <@\u200b123456789012345678> <@\u200b&223456789012345678> look');
  });
});

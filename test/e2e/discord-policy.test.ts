import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import type { StatuspageIncident } from '../../src/demo/statuspage-state.js';
import { startBot, type Bot } from '../../src/index.js';
import { createDiscordAdapterFactory } from '../../src/platforms/discord/create-discord-adapter.js';
import { createSilentLogger } from '../../src/shared/logger.js';
import { createFakeDiscord, type FakeDiscord, type FakeDiscordMessage } from '../fakes/fake-discord.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { pageIncident, policyPageState } from '../helpers/policy-page.js';
import { allStrings, waitUntil } from '../helpers/wait-until.js';

/**
 * A major outage with a role configured, through the real discord.js client and the fake
 * Discord: the role is checked against the guild's roles, the card mentions exactly that
 * role (allowed_mentions allows it and nothing else), a minor incident pings nobody, and
 * the long outage gets a reminder in its thread.
 */

const GUILD = '900000000000000001';
const C1 = '500000000000000001';
const C2 = '500000000000000002';
const ONCALL = '910000000000000042';
const MANAGE_CHANNELS = 1n << 4n;
const ROLE = 8;
const STRING = 3;

let t = Date.parse('2026-11-25T12:00:00.000Z');
const clock = { now: () => new Date(t) };
let page: FakeStatuspage;
let discord: FakeDiscord;
let bot: Bot;
let dir: string;

const roots = (channel: string): FakeDiscordMessage[] => discord.messages(channel).filter((m) => m.message_reference === null);
const threadOf = (message: FakeDiscordMessage | undefined): FakeDiscordMessage[] => (message?.thread ? discord.messages(message.thread.id) : []);
const deliver = () =>
  waitUntil(async () => {
    t += 1_000;
    await bot.worker.runOnce();
    const counts = bot.store.outbox.counts();
    return counts.pending === 0 && counts.in_flight === 0;
  }, 'the outbox to drain', 15_000, 10);
const show = async (incidents: StatuspageIncident[]) => {
  page.setState(policyPageState('operational', incidents));
  await bot.poller.pollNow();
  await deliver();
};
const subscribe = (channelId: string, options: Array<{ name: string; type: number; value: string }>) =>
  discord.sendCommand({ name: 'claude-subscribe', channelId, guildId: GUILD, options, permissions: MANAGE_CHANNELS });

beforeAll(async () => {
  page = await createFakeStatuspage({ state: policyPageState('operational') });
  discord = await createFakeDiscord({ roles: { [GUILD]: [{ id: ONCALL, name: 'On-call' }] } });
  dir = mkdtempSync(join(tmpdir(), 'cob-discord-policy-'));
  const config = loadConfig({ ...localBotEnv(page.url, dir), POLL_INTERVAL_SECONDS: '3600', DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl, DISCORD_ALERT_CHANNELS: C2 });
  bot = await startBot({ config, logger: createSilentLogger(), clock, write: () => undefined, adapters: [createDiscordAdapterFactory(config.discord)], watchGithub: false, backfillHistory: false });
  await bot.poller.pollNow();
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
  await page?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('pings on Discord', () => {
  it('registers the ping role and settings options', () => {
    const command = discord.registrations.at(-1)!.commands.find((c) => c.name === 'claude-subscribe');
    const options = (command?.options ?? []) as Array<{ name: string; type: number }>;
    expect(options.filter((o) => ['ping', 'settings'].includes(o.name)).map((o) => [o.name, o.type])).toEqual([['ping', ROLE], ['settings', STRING]]);
  });

  it('refuses a role the server does not have and @everyone, and saves a real one after checking it', async () => {
    const missing = await subscribe(C1, [{ name: 'ping', type: ROLE, value: '910000000000000099' }]);
    expect(allStrings(missing.data).join('\n')).toMatch(/There is no role 910000000000000099 in this server[\s\S]*Nothing was changed/);
    const everyone = await subscribe(C1, [{ name: 'ping', type: ROLE, value: GUILD }]);
    expect(allStrings(everyone.data).join('\n')).toMatch(/everyone role cannot be pinged/);
    expect(bot.store.subscriptions.find('discord', C1)).toBeNull();
    const saved = await subscribe(C1, [{ name: 'ping', type: ROLE, value: ONCALL }, { name: 'settings', type: STRING, value: 'remind:1h' }]);
    const text = allStrings(saved.data).join('\n');
    expect(text).toMatch(/Checked: role `On-call` exists/);
    expect(text).toContain(`role ${ONCALL} (default nobody)`);
    expect(text).toContain('every 1 h (default every 2 h)');
    expect(discord.callsTo('GET', new RegExp(`/guilds/${GUILD}/roles$`))).toHaveLength(2);
  });

  it('a major outage mentions exactly the role, where asked; a minor incident pings nobody', async () => {
    await show([pageIncident('minor1', 'Slow usage page', 'minor', [['investigating', '2026-11-25T12:00:00Z', 'Looking into it.']])]);
    t = Date.parse('2026-11-25T12:10:00Z');
    const majorUpdates: Array<[string, string, string]> = [['investigating', '2026-11-25T12:10:00Z', 'Errors for everyone @everyone <@&910000000000000042> @here']];
    const both = [pageIncident('minor1', 'Slow usage page', 'minor', [['investigating', '2026-11-25T12:00:00Z', 'Looking into it.']]), pageIncident('major1', 'Elevated API errors', 'major', majorUpdates)];
    await show(both);
    const [minor, major] = roots(C1);
    expect([minor?.embeds[0]?.title, major?.embeds[0]?.title]).toEqual(['Slow usage page', 'Elevated API errors']);
    expect(major!.content).toBe(`<@&${ONCALL}>`);
    expect(major!.allowed_mentions).toEqual({ parse: [], roles: [ONCALL] });
    expect(minor!.content).toBe('');
    expect(minor!.allowed_mentions).toEqual({ parse: [] });
    // The channel without a ping sees the same cards, mentioning nobody.
    for (const m of roots(C2)) expect([m.content, m.allowed_mentions]).toEqual(['', { parse: [] }]);
    // Feed text never mentions: the body's role and @everyone stay neutralised inside the embed.
    expect(JSON.stringify(major!.embeds)).not.toMatch(/<@&\d+>|(^|[^\u200b])@(everyone|here)/);
  });

  it('a minor incident that turns major pings once, in its thread, where asked', async () => {
    t = Date.parse('2026-11-25T12:20:00Z');
    const minorUpdates: Array<[string, string, string]> = [['investigating', '2026-11-25T12:00:00Z', 'Looking into it.']];
    const major = pageIncident('major1', 'Elevated API errors', 'major', [['investigating', '2026-11-25T12:10:00Z', 'Errors.']]);
    await show([{ ...pageIncident('minor1', 'Slow usage page', 'major', minorUpdates), updated_at: '2026-11-25T12:20:00Z' }, major]);
    const [escalated] = threadOf(roots(C1)[0]);
    expect(escalated!.embeds[0]!.title).toMatch(/^Impact raised to major/);
    expect([escalated!.content, escalated!.allowed_mentions]).toEqual([`<@&${ONCALL}>`, { parse: [], roles: [ONCALL] }]);
    const quiet = threadOf(roots(C2)[0]);
    expect(quiet).toEqual([]); // no ping configured there: the edited card says it
    expect(roots(C1)).toHaveLength(2);
  });

  it('reminds in the outage thread each hour of silence (remind:1h), never as a new root, and stops on resolve', async () => {
    t = Date.parse('2026-11-25T13:10:30Z');
    await deliver();
    const major = roots(C1)[1];
    expect(threadOf(major).map((m) => m.embeds[0]?.title?.split(' · ')[0])).toEqual(['Reminder']);
    expect(threadOf(major)[0]!.allowed_mentions).toEqual({ parse: [] });
    expect(roots(C2)[1]?.thread ?? null).toBeNull(); // default 2 h: not yet
    expect(roots(C1)).toHaveLength(2);
    t = Date.parse('2026-11-25T13:20:00Z');
    await show([pageIncident('major1', 'Elevated API errors', 'major', [['investigating', '2026-11-25T12:10:00Z', 'Errors.'], ['resolved', '2026-11-25T13:20:00Z', 'Fixed.']])]);
    t = Date.parse('2026-11-25T16:00:00Z');
    await deliver();
    expect(threadOf(roots(C1)[1]).map((m) => m.embeds[0]?.title?.split(' · ')[0])).toEqual(['Reminder', 'Resolved after 1 h 10 min']);
    expect(roots(C1)).toHaveLength(2);
  });
});

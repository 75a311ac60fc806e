import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { claudeTimeline, type TimelineStep } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { startBot, type Bot } from '../../src/index.js';
import { createDiscordAdapterFactory } from '../../src/platforms/discord/create-discord-adapter.js';
import { createSilentLogger } from '../../src/shared/logger.js';
import { allStrings, waitUntil } from '../helpers/wait-until.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { API_ERRORS, createFakeDiscord, type FakeDiscord, type FakeDiscordMessage } from '../fakes/fake-discord.js';

/**
 * The whole bot in-process (store, poller, outbox, commands) with the real discord.js
 * adapter, the fake status page replaying a real Claude incident, and the fake Discord.
 */

const C1 = '500000000000000001';
const C2 = '500000000000000002';
const TITLE = 'Elevated errors on platform.claude.com';
const MANAGE_CHANNELS = 1n << 4n;

let page: FakeStatuspage;
let discord: FakeDiscord;
let dir: string;
let steps: TimelineStep[];
let bot: Bot | null;

/** Serves a timeline step and polls it now rather than on the next tick. */
const show = async (i: number): Promise<void> => {
  page.setState(steps[i]!.state);
  await bot?.poller.pollNow();
};
const roots = (channel: string): FakeDiscordMessage[] => discord.messages(channel).filter((m) => m.message_reference === null);
const threadOf = (channel: string): FakeDiscordMessage[] => {
  const thread = roots(channel)[0]?.thread;
  return thread ? discord.messages(thread.id) : [];
};

async function start(env: Record<string, string> = {}): Promise<Bot> {
  const config = loadConfig({
    ...localBotEnv(page.url, dir),
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_ALERT_CHANNELS: `${C1},${C2}`,
    ...env,
  });
  bot = await startBot({ config, logger: createSilentLogger(), write: () => undefined, adapters: [createDiscordAdapterFactory(config.discord)] });
  const started = bot;
  await waitUntil(() => started.store.pollState.get('statuspage').lastSuccessAt !== null, 'the first poll');
  return started;
}

beforeEach(async () => {
  steps = claudeTimeline();
  page = await createFakeStatuspage({ state: steps[0]!.state });
  discord = await createFakeDiscord();
  dir = mkdtempSync(join(tmpdir(), 'cob-discord-e2e-'));
  bot = null;
});

afterEach(async () => {
  await bot?.stop();
  await discord.close();
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the bot on Discord', () => {
  it('gives each channel one card for a real incident, one thread message per update, then the resolved card and an archived thread', async () => {
    await start();
    await show(1);
    await waitUntil(() => roots(C1).length === 1 && roots(C2).length === 1, 'a card in each channel');
    for (const [step, replies] of [[2, 1], [3, 2], [4, 3], [5, 4]] as const) {
      await show(step);
      await waitUntil(() => threadOf(C1).length === replies && threadOf(C2).length === replies, `thread message ${replies}`);
    }
    await waitUntil(() => roots(C1)[0]?.thread?.thread_metadata?.archived && roots(C2)[0]?.thread?.thread_metadata?.archived, 'archived threads');
    const { store } = bot!;
    await waitUntil(() => store.outbox.counts().pending === 0 && store.outbox.counts().in_flight === 0, 'the outbox to drain');
    for (const channel of [C1, C2]) {
      expect(roots(channel).map((m) => m.embeds[0]?.title)).toEqual([TITLE]);
      const embed = roots(channel)[0]!.embeds[0]!;
      expect(embed.color).toBe(0x2ecc71);
      expect(embed.fields?.find((f) => f.name === 'Status')?.value).toBe('Resolved after 17 h 35 min');
      expect(threadOf(channel).map((m) => m.embeds[0]?.title?.split(' · ')[0])).toEqual(['Investigating', 'Identified', 'Monitoring', 'Resolved after 17 h 35 min']);
    }
  });

  it('answers the slash commands through the gateway, and only members with Manage Channels change alerts', async () => {
    const running = await start({ DISCORD_GUILD_ID: '900000000000000001' });
    expect(discord.registrations.map((r) => r.guildId)).toEqual(['900000000000000001']);
    await show(1);
    await waitUntil(() => roots(C1).length === 1, 'the card');

    const status = await discord.sendCommand({ name: 'claude-status', channelId: C1 });
    expect(status.ephemeral).toBe(true);
    expect(JSON.stringify(status.data.embeds)).toContain(TITLE);

    const fix = await discord.sendCommand({ name: 'claude-fix', channelId: C1, options: [{ name: 'error', type: 3, value: 'API Error: 500 Internal server error' }] });
    expect(fix.ephemeral).toBe(true);
    expect(fix.data.embeds?.length).toBeGreaterThan(0);

    const channel = '500000000000000003';
    const refused = await discord.sendCommand({ name: 'claude-subscribe', channelId: channel, options: [{ name: 'component', type: 3, value: 'code' }] });
    expect(JSON.stringify(refused.data.embeds)).toMatch(/Manage Channels/);
    expect(running.store.subscriptions.find('discord', channel)).toBeNull();

    const options = [
      { name: 'component', type: 3, value: 'code' },
      { name: 'components', type: 3, value: 'api.anthropic.com' },
      { name: 'min_impact', type: 3, value: 'major' },
    ];
    await discord.sendCommand({ name: 'claude-subscribe', channelId: channel, options, permissions: MANAGE_CHANNELS });
    expect(running.store.subscriptions.find('discord', channel)).toMatchObject({
      components: ['Claude Code', 'Claude API (api.anthropic.com)'],
      minImpact: 'major',
      enabled: true,
    });
    await discord.sendCommand({ name: 'claude-unsubscribe', channelId: channel, permissions: MANAGE_CHANNELS });
    expect(running.store.subscriptions.find('discord', channel)).toBeNull();
  });

  it('survives a 429 (waited out by discord.js) and a 5xx (retried by the outbox) with one card each, and disables a channel it cannot see', async () => {
    const C3 = '500000000000000003';
    discord.failNext('POST', new RegExp(`^/channels/${C1}/messages$`), { kind: 'rate_limit', retryAfterSeconds: 1 });
    discord.failNext('POST', new RegExp(`^/channels/${C2}/messages$`), { kind: 'server_error', status: 503 });
    discord.setChannelError(C3, API_ERRORS.missingAccess);
    const running = await start({ DISCORD_ALERT_CHANNELS: `${C1},${C2},${C3}` });
    await show(1);
    await waitUntil(() => roots(C1).length === 1 && roots(C2).length === 1, 'a card in each channel', 15_000);
    await waitUntil(() => running.store.subscriptions.find('discord', C3)?.enabled === false, 'C3 disabled');
    expect(running.store.subscriptions.find('discord', C3)?.disabledReason).toBe('discord_missing_access');
    expect(discord.callsTo('POST', new RegExp(`^/channels/${C1}/messages$`)).map((c) => c.status)).toEqual([429, 200]);
    expect(discord.callsTo('POST', new RegExp(`^/channels/${C2}/messages$`)).map((c) => c.status)).toEqual([503, 200]);
  });

  it('posts status page text with @everyone without any mention', async () => {
    const loud = claudeTimeline();
    const incident = loud[1]!.state.incidents[0]!;
    incident.name = '@everyone Claude is down';
    incident.incident_updates[0]!.body = '@everyone @here <@&123456789012345678> we are investigating';
    page.setState(loud[0]!.state);
    await start();
    page.setState(loud[1]!.state);
    await waitUntil(() => roots(C1).length === 1, 'the card');
    const posts = discord.callsTo('POST', new RegExp(`^/channels/${C1}/messages$`));
    for (const call of posts) {
      expect((call.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [] });
      for (const text of allStrings(call.body)) expect(text).not.toMatch(/@(everyone|here)|<@&\d/);
    }
    expect(roots(C1)[0]!.embeds[0]!.title).toBe('@\u200beveryone Claude is down');
  });
});

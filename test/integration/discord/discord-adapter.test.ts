import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Commands } from '../../../src/commands/create-commands.js';
import type { ChatAdapter } from '../../../src/platforms/chat-adapter.js';
import { createDiscordAdapterFactory, type DiscordAdapterOptions } from '../../../src/platforms/discord/create-discord-adapter.js';
import { createAdapterContext, createCapturingLogger, discordConfig } from '../../fakes/discord/discord-test-context.js';
import { createFakeDiscord, type FakeDiscord } from '../../fakes/fake-discord.js';
import { waitUntil } from '../../helpers/wait-until.js';

/** The real discord.js client against the fake Discord: start-up, registration, the gateway, answering commands. */

const CHANNEL = '333333333333333333';
const MANAGE_CHANNELS = 1n << 4n;

let discord: FakeDiscord;
let capture: ReturnType<typeof createCapturingLogger>;
let ctx: ReturnType<typeof createAdapterContext>;
let adapter: ChatAdapter | null;

beforeEach(async () => {
  discord = await createFakeDiscord();
  capture = createCapturingLogger();
  ctx = createAdapterContext(capture.logger);
  adapter = null;
});

afterEach(async () => {
  await adapter?.stop();
  await discord.close();
  ctx.cleanup();
});

function build(overrides: Parameters<typeof discordConfig>[1] = {}, options: DiscordAdapterOptions = {}, commands?: Commands): ChatAdapter {
  adapter = createDiscordAdapterFactory(discordConfig(discord, overrides), options)({ ...ctx.context, commands: commands ?? ctx.commands });
  return adapter;
}

describe('Discord adapter start-up', () => {
  it('connects with the Guilds intent only, registers the commands globally and logs the invite URL', async () => {
    await build().start();
    expect(discord.gateway.identifies).toEqual([{ intents: 1, tokenOk: true, query: 'v=10&encoding=json', shard: [0, 1] }]);
    expect(adapter!.health?.()).toEqual({ connected: true, detail: 'gateway connected' });
    expect(discord.registrations).toHaveLength(1);
    const [registration] = discord.registrations;
    expect(registration!.guildId).toBeNull();
    const byName = new Map(registration!.commands.map((c) => [c.name, c]));
    expect([...byName.keys()]).toEqual(['claude-status', 'claude-fix', 'claude-subscribe', 'claude-unsubscribe', 'claude-incidents']);
    expect(byName.get('claude-subscribe')!.default_member_permissions).toBe('16');
    expect(byName.get('claude-unsubscribe')!.default_member_permissions).toBe('16');
    expect(byName.get('claude-status')!.default_member_permissions).toBeUndefined();
    const invite = capture.lines().find((l) => typeof l.inviteUrl === 'string');
    expect(invite?.inviteUrl).toBe(`https://discord.com/oauth2/authorize?client_id=${discord.applicationId}&scope=bot%20applications.commands&permissions=326417599488`);
    expect(capture.text()).not.toContain(discord.token);
  });

  it('registers the commands in one server when DISCORD_GUILD_ID is set', async () => {
    await build({ guildId: '444444444444444444' }).start();
    expect(discord.registrations.map((r) => r.guildId)).toEqual(['444444444444444444']);
    expect(discord.callsTo('PUT', /^\/applications\/\d+\/guilds\/444444444444444444\/commands$/)).toHaveLength(1);
  });

  it('stops start-up with a clear message on a bad token, without printing it', async () => {
    const error = await build({ token: 'bad-token-value-0123456789' }).start().then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/DISCORD_TOKEN.*401.*Reset Token/s);
    expect(error?.message).not.toContain('bad-token-value');
    expect(discord.registrations).toHaveLength(0);
  });

  it('stops start-up when DISCORD_APPLICATION_ID is not the application of the token', async () => {
    const error = await build({ applicationId: '1399999999999999999' }).start().then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/DISCORD_APPLICATION_ID is 1399999999999999999 but DISCORD_TOKEN belongs to application/);
  });
});

describe('Discord gateway shards', () => {
  // Guild ids whose (id >> 22) % 2 picks shard 0 and shard 1, as Discord routes them.
  const guildOn = (shard: number) => String((BigInt(shard + 2) << 22n) + 12345n);

  it('connects as many shards as Discord recommends and answers commands from servers on each', async () => {
    await discord.close();
    discord = await createFakeDiscord({ shards: 2 });
    await build().start();
    await waitUntil(() => discord.gateway.readySessions() === 2, 'both shards ready');
    expect(discord.gateway.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
    expect(adapter!.health?.()).toEqual({ connected: true, detail: 'gateway connected (2 shards)' });
    for (const shard of [0, 1]) {
      const answer = await discord.sendCommand({ name: 'claude-status', channelId: CHANNEL, guildId: guildOn(shard) });
      expect(answer.data.embeds?.[0]?.title).toBe('Claude status');
    }
  });

  it('is not ready while one shard is down, and names it', async () => {
    await discord.close();
    discord = await createFakeDiscord({ shards: 2 });
    await build().start();
    await waitUntil(() => discord.gateway.readySessions() === 2, 'both shards ready');
    // 4004 (authentication failed) is not resumable: that shard stays down.
    discord.gateway.dropShard(1, 4004);
    await waitUntil(() => adapter!.health?.().connected === false, 'shard 1 reported down');
    expect(adapter!.health?.().detail).toMatch(/^shard 1 of 2: gateway closed \(code 4004\)/);
  });
});

describe('Discord slash commands over the gateway', () => {
  it('answers /claude-status ephemerally within the 3 s window', async () => {
    await build().start();
    const answer = await discord.sendCommand({ name: 'claude-status', channelId: CHANNEL });
    expect(answer.type).toBe(4);
    expect(answer.ephemeral).toBe(true);
    expect(answer.callbackMs).toBeLessThan(3_000);
    expect(answer.data.embeds?.[0]?.title).toBe('Claude status');
    expect(answer.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers /claude-fix, in the channel when asked to share', async () => {
    await build().start();
    const options = [
      { name: 'error', type: 3, value: 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}} @everyone' },
      { name: 'share', type: 5, value: true },
    ];
    const answer = await discord.sendCommand({ name: 'claude-fix', channelId: CHANNEL, options });
    expect(answer.ephemeral).toBe(false);
    const text = JSON.stringify(answer.data.embeds);
    expect(text).toMatch(/529|overload/i);
    expect(text).not.toMatch(/@everyone/);
  });

  it('refuses a subscription change from a member without Manage Channels, and checks it on every interaction', async () => {
    await build().start();
    const refused = await discord.sendCommand({ name: 'claude-subscribe', channelId: CHANNEL, options: [{ name: 'min_impact', type: 3, value: 'major' }] });
    expect(JSON.stringify(refused.data.embeds)).toMatch(/only members with the Manage Channels permission/);
    expect(ctx.store.subscriptions.find('discord', CHANNEL)).toBeNull();

    const saved = await discord.sendCommand({
      name: 'claude-subscribe',
      channelId: CHANNEL,
      permissions: MANAGE_CHANNELS,
      options: [{ name: 'min_impact', type: 3, value: 'major' }, { name: 'early_warnings', type: 5, value: false }],
    });
    expect(JSON.stringify(saved.data.embeds)).toMatch(/will now get Claude outage alerts/);
    expect(ctx.store.subscriptions.find('discord', CHANNEL)).toMatchObject({ minImpact: 'major', earlyWarnings: false, components: null });

    const kept = await discord.sendCommand({ name: 'claude-unsubscribe', channelId: CHANNEL });
    expect(JSON.stringify(kept.data.embeds)).toMatch(/only members with the Manage Channels permission/);
    const removed = await discord.sendCommand({ name: 'claude-unsubscribe', channelId: CHANNEL, permissions: 1n << 3n /* Administrator */ });
    expect(JSON.stringify(removed.data.embeds)).toMatch(/no longer get Claude outage alerts/);
    expect(ctx.store.subscriptions.find('discord', CHANNEL)).toBeNull();
  });

  it('defers a slow command and then edits in the answer', async () => {
    const slow: Commands = { ...ctx.commands, run: async (request) => new Promise((resolve) => setTimeout(() => resolve(ctx.commands.run(request)), 300)) };
    await build({}, { deferAfterMs: 50 }, slow).start();
    const answer = await discord.sendCommand({ name: 'claude-status', channelId: CHANNEL });
    expect(answer.type).toBe(5);
    expect(answer.ephemeral).toBe(true);
    expect(answer.callbackMs).toBeLessThan(300);
    expect(answer.data.embeds?.[0]?.title).toBe('Claude status');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { claudeTimeline } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { startBot, type Bot } from '../../src/index.js';
import { createDiscordAdapterFactory } from '../../src/platforms/discord/create-discord-adapter.js';
import { createSilentLogger } from '../../src/shared/logger.js';
import { allStrings, waitUntil } from '../helpers/wait-until.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { createFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';

/**
 * /claude-incidents through the real discord.js client: registered with the other
 * commands, answered with the chart as a multipart attachment shown in the embed.
 */

const C1 = '500000000000000001';
const STRING = 3;
const BOOLEAN = 5;

let page: FakeStatuspage;
let discord: FakeDiscord;
let dir: string;
let bot: Bot;

beforeAll(async () => {
  page = await createFakeStatuspage({ state: claudeTimeline().at(-1)!.state });
  discord = await createFakeDiscord();
  dir = mkdtempSync(join(tmpdir(), 'cob-discord-incidents-'));
  const config = loadConfig({ ...localBotEnv(page.url, dir), DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiUrl });
  bot = await startBot({ config, logger: createSilentLogger(), write: () => undefined, adapters: [createDiscordAdapterFactory(config.discord)] });
  await waitUntil(() => (bot.store.db.prepare('SELECT COUNT(*) AS n FROM incident_history').get() as { n: number }).n > 0, 'the start-up backfill');
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await discord?.close();
  await page?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('/claude-incidents on Discord', () => {
  it('is registered with a period, a component, a page and a share option', () => {
    const command = discord.registrations.at(-1)!.commands.find((c) => c.name === 'claude-incidents');
    const options = (command?.options ?? []) as Array<{ name: string; choices?: Array<{ value: string }> }>;
    expect(options.map((o) => o.name)).toEqual(['period', 'component', 'page', 'share']);
    expect(options[0]!.choices!.map((c) => c.value)).toEqual(['7d', '30d', '90d']);
  });

  it('answers a page it does not watch with the page it reads', async () => {
    const answer = await discord.sendCommand({ name: 'claude-incidents', channelId: C1, options: [{ name: 'page', type: STRING, value: 'www.githubstatus.com' }] });
    expect(allStrings(answer.data.embeds).join('\n') + (answer.data.content ?? '')).toMatch(/"www\.githubstatus\.com" is not a page I watch: I read 127\.0\.0\.1:\d+/);
  });

  it('answers with the statistics and the chart attached (multipart) and shown in the embed', async () => {
    const answer = await discord.sendCommand({ name: 'claude-incidents', channelId: C1, options: [{ name: 'period', type: STRING, value: '90d' }] });
    expect(answer.ephemeral).toBe(true);
    const embed = answer.data.embeds![0]!;
    expect(embed.title).toBe('Claude incidents, last 90 days');
    expect(allStrings(answer.data.embeds).join('\n')).toContain('17 h 35 min');
    expect(answer.files).toHaveLength(1);
    const [file] = answer.files!;
    expect(file).toMatchObject({ index: 0, filename: 'claude-incidents-90d.png', contentType: 'image/png' });
    expect((embed as { image?: { url: string } }).image?.url).toBe('attachment://claude-incidents-90d.png');
    const image = PNG.sync.read(file!.bytes);
    expect([image.width, image.height > 200]).toEqual([960, true]);
    // Deferred first (drawing must not eat the 3 s), then the edit carries the file, announced in payload_json with its alt text.
    expect(answer.type).toBe(5);
    const edit = discord.callsTo('PATCH', /\/webhooks\/\d+\/[^/]+\/messages\/@original$/).at(-1)!;
    const attachments = (edit.body as { attachments?: Array<{ id: number | string; description?: string }> }).attachments ?? [];
    expect(attachments.map((a) => String(a.id))).toEqual(['0']);
    expect(attachments[0]!.description).toContain('one bar a day');
  });

  it('filters by component and shares on request', async () => {
    const answer = await discord.sendCommand({
      name: 'claude-incidents',
      channelId: C1,
      options: [
        { name: 'period', type: STRING, value: '30d' },
        { name: 'component', type: STRING, value: 'code' },
        { name: 'share', type: BOOLEAN, value: true },
      ],
    });
    expect(answer.ephemeral).toBe(false);
    expect(answer.data.embeds![0]!.title).toBe('Claude incidents, last 30 days · Claude Code');
    expect(answer.files?.[0]?.filename).toBe('claude-incidents-30d.png');
  });
});

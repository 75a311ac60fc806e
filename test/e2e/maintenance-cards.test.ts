import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { startBot, type Bot } from '../../src/index.js';
import { createDiscordAdapterFactory } from '../../src/platforms/discord/create-discord-adapter.js';
import { createSlackAdapterFactory } from '../../src/platforms/slack/create-slack-adapter.js';
import { createSilentLogger } from '../../src/shared/logger.js';
import { createFakeDiscord, type FakeDiscord, type FakeDiscordMessage } from '../fakes/fake-discord.js';
import { allStrings, createFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { slashCommandPayload } from '../fakes/slack/fake-socket-mode.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { maintenanceSteps } from '../helpers/maintenance-page.js';
import { waitUntil } from '../helpers/wait-until.js';

/**
 * A scheduled maintenance through the whole bot (startBot) on Slack and Discord at once:
 * announced (one card with its window), started and verifying (thread replies), completed
 * (the card closed with the real duration); a channel that chose maintenance:off gets nothing,
 * and /claude-status never calls it an outage.
 */

const TITLE = 'Claude Code backend database upgrade';
const D1 = '500000000000000001';

let page: FakeStatuspage;
let slack: FakeSlack;
let discord: FakeDiscord;
let bot: Bot;
let dir: string;
const statusDuring: string[] = [];

const drained = () => {
  const counts = bot.store.outbox.counts();
  return counts.pending === 0 && counts.in_flight === 0;
};
const slash = async (command: string, text: string, channel: string) => {
  const ack = await slack.socket.sendSlashCommand(slashCommandPayload({ command, text, user_id: 'UADMIN', channel_id: channel }));
  return allStrings(ack.payload ?? {}).join('\n');
};
const discordRoots = (channel: string): FakeDiscordMessage[] => discord.messages(channel).filter((m) => m.message_reference === null);

beforeAll(async () => {
  const steps = maintenanceSteps();
  page = await createFakeStatuspage({ state: steps[0] });
  slack = await createFakeSlack({ users: [{ id: 'UADMIN', is_admin: true }] });
  discord = await createFakeDiscord();
  dir = mkdtempSync(join(tmpdir(), 'cob-maintenance-e2e-'));
  const config = loadConfig({
    ...localBotEnv(page.url, dir),
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_APP_TOKEN: slack.appToken,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ALERT_CHANNELS: 'C0ALERTS,C0QUIET',
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_ALERT_CHANNELS: D1,
  });
  bot = await startBot({ config, logger: createSilentLogger(), write: () => undefined, adapters: [createSlackAdapterFactory(config.slack), createDiscordAdapterFactory(config.discord)] });
  await slack.socket.waitForConnection();
  await waitUntil(() => bot.store.pollState.get('statuspage').lastSuccessAt !== null, 'the first poll');
  expect(await slash('/claude-subscribe', 'maintenance:off', 'C0QUIET')).toContain('Maintenances');
  for (const [i, step] of steps.entries()) {
    if (i === 0) continue;
    page.setState(step);
    await bot.poller.pollNow();
    await waitUntil(drained, `delivery of step ${i}`);
    if (i === 2) statusDuring.push(await slash('/claude-status', '', 'C0ALERTS'));
  }
  await waitUntil(() => discordRoots(D1)[0]?.thread?.thread_metadata?.archived === true, 'the archived Discord thread');
}, 40_000);

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await discord?.close();
  await page?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a scheduled maintenance, announced to completed', () => {
  it('Slack: one card with the window, a reply per step, closed "Completed after 1 h 25 min"', () => {
    const roots = slack.roots('C0ALERTS');
    expect(roots).toHaveLength(1);
    const root = roots[0]!;
    expect(root.text).toContain(TITLE);
    expect(JSON.stringify(slack.callsOf('chat.postMessage')[0]?.params)).toContain('Window: Dec 3, 10:00 UTC – Dec 3, 12:00 UTC');
    const replies = slack.replies('C0ALERTS', root.ts).map((r) => r.text.split(' · ')[0]);
    expect(replies).toEqual(['In progress', 'Verifying', expect.stringMatching(/^Completed after 1 h 25 min/)]);
    const lastEdit = slack.callsOf('chat.update').filter((c) => c.params.ts === root.ts).at(-1)!;
    expect(String(lastEdit.params.text)).toContain('Completed after 1 h 25 min');
  });

  it('Discord: one embed with the window, a thread message per step, closed and archived', () => {
    const roots = discordRoots(D1);
    expect(roots.map((m) => m.embeds[0]?.title)).toEqual([TITLE]);
    const embed = roots[0]!.embeds[0]!;
    expect(embed.fields?.find((f) => f.name === 'Status')?.value).toBe('Completed after 1 h 25 min');
    expect(JSON.stringify(embed)).toContain('Window: Dec 3, 10:00 UTC – Dec 3, 12:00 UTC');
    const thread = discord.messages(roots[0]!.thread!.id).map((m) => m.embeds[0]?.title?.split(' · ')[0]);
    expect(thread).toEqual(['In progress', 'Verifying', 'Completed after 1 h 25 min']);
  });

  it('a channel with maintenance:off gets nothing at all', () => {
    expect(slack.messages('C0QUIET')).toEqual([]);
  });

  it('/claude-status showed it under "Maintenances" while it ran, not as an open incident, and shows it closed after', async () => {
    const during = statusDuring[0] ?? '';
    expect(during).toContain('Maintenances');
    expect(during).toContain(`${TITLE}* · In progress · Window: Dec 3, 10:00 UTC – Dec 3, 12:00 UTC`);
    expect(during).not.toMatch(/open incident/i);
    const after = await slash('/claude-status', '', 'C0ALERTS');
    expect(after).not.toContain('Maintenances');
    expect(after).not.toContain(TITLE);
    expect(bot.store.incidents.listOpen()).toEqual([]);
  });
});

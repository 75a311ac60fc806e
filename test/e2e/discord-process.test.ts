import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeTimeline, type TimelineStep } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { waitUntil } from '../helpers/wait-until.js';
import { createFakeDiscord, type FakeDiscord } from '../fakes/fake-discord.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { spawnBot, type BotProcess } from '../helpers/spawn-bot.js';

/**
 * The bot as a child process (`cli.ts start`), killed with SIGKILL after Discord made
 * the card but before the bot heard back. On restart the retry carries the same nonce
 * with enforce_nonce, Discord answers with the card it already has: one card, and the
 * next update lands in its thread.
 */

const CHANNEL = '600000000000000001';
const POSTS = new RegExp(`^/channels/${CHANNEL}/messages$`);

let page: FakeStatuspage;
let discord: FakeDiscord;
let dir: string;
let steps: TimelineStep[];
const bots: BotProcess[] = [];

const start = (env: Record<string, string> = {}): BotProcess => {
  const bot = spawnBot({
    ...localBotEnv(page.url, dir),
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_ALERT_CHANNELS: CHANNEL,
    ...env,
  });
  bots.push(bot);
  return bot;
};

async function within<T>(promise: Promise<T>, ms: number, what: string, bot: BotProcess): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\nstderr:\n${bot.stderr().slice(-3000)}`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

beforeEach(async () => {
  steps = claudeTimeline();
  // The incident is already open on the first read, so the first poll posts its card.
  page = await createFakeStatuspage({ state: steps[1]!.state });
  discord = await createFakeDiscord();
  dir = mkdtempSync(join(tmpdir(), 'cob-discord-crash-'));
});

afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.kill('SIGKILL')));
  await discord.close();
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a crash between posting a Discord card and recording it', () => {
  it('makes no second card: the restarted bot gets the same message back by its nonce', async () => {
    const hold = discord.holdNext('POST', POSTS);
    const first = start();
    const held = await within(hold.arrived, 20_000, 'the first card to reach Discord', first);
    await first.kill('SIGKILL');
    hold.release();
    expect(discord.messages(CHANNEL)).toHaveLength(1);

    const second = start();
    await second.waitFor((_, err) => err.includes('claude-outage-bot started'), 'restart');
    await waitUntil(() => discord.callsTo('POST', POSTS).length >= 2, 'the retried post', 15_000);
    const [before, after] = discord.callsTo('POST', POSTS);
    expect((after!.body as { nonce: string }).nonce).toBe((held.body as { nonce: string }).nonce);
    expect((before!.body as { enforce_nonce: boolean }).enforce_nonce).toBe(true);
    expect(after!.status).toBe(200);

    // The recorded card is the one Discord kept: the next update threads under it.
    page.setState(steps[2]!.state);
    const card = discord.messages(CHANNEL)[0]!;
    await waitUntil(() => card.thread && discord.messages(card.thread.id).length === 1, 'the update in the card thread', 15_000);
    expect(discord.messages(CHANNEL)).toHaveLength(1);
    expect(second.stdout()).not.toContain('Elevated errors'); // the console stays quiet when Discord is configured
    expect(second.stderr()).toContain('permissions=326417599488');
    expect(first.stderr() + second.stderr()).not.toContain(discord.token);
  });
});

describe('start-up with a bad DISCORD_TOKEN', () => {
  it('stops with a message that names the variable and the fix, and never prints the token', async () => {
    const bot = start({ DISCORD_TOKEN: 'wrong-token-abcdefghijklmnop' });
    const code = await within(new Promise<number | null>((resolve) => bot.child.once('exit', resolve)), 15_000, 'the bot to exit', bot);
    expect(code).toBe(1);
    expect(bot.stderr()).toMatch(/failed to start: Discord rejected DISCORD_TOKEN \(401 Unauthorized\).*Reset Token/);
    expect(bot.stderr()).not.toContain('wrong-token-abcdefghijklmnop');
    expect(discord.messages(CHANNEL)).toHaveLength(0);
  });
});

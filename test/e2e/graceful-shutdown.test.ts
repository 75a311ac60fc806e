import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeTimeline } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { createFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { spawnBot, type BotProcess } from '../helpers/spawn-bot.js';
import { waitUntil } from '../helpers/wait-until.js';

/**
 * SIGTERM as Docker sends it: the bot finishes what it is posting, disconnects and
 * exits; what it had not sent is sent after the restart, once. A second signal exits at once.
 */
const CHANNELS = ['C0ONE', 'C0TWO', 'C0THREE'];
let page: FakeStatuspage;
let slack: FakeSlack;
let dir: string;
let bots: BotProcess[] = [];

const env = () => ({
  ...localBotEnv(page.url, dir),
  SLACK_BOT_TOKEN: slack.botToken,
  SLACK_APP_TOKEN: slack.appToken,
  SLACK_API_URL: slack.apiUrl,
  SLACK_ALERT_CHANNELS: CHANNELS.join(','),
});
const start = () => {
  const bot = spawnBot(env());
  bots.push(bot);
  return bot;
};
const postsTo = (channel: string) => slack.callsOf('chat.postMessage').filter((c) => c.params.channel === channel && c.params.thread_ts === undefined);

beforeEach(async () => {
  page = await createFakeStatuspage({ state: claudeTimeline()[1]!.state });
  slack = await createFakeSlack({});
  dir = mkdtempSync(join(tmpdir(), 'cob-shutdown-'));
  bots = [];
});
afterEach(async () => {
  await Promise.all(bots.map((b) => b.kill('SIGKILL')));
  await slack.close();
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('graceful shutdown', () => {
  it('lets the post in flight finish, exits 0 within the bound, and delivers the rest once after a restart', async () => {
    // Every post is slow (1 s): SIGTERM lands while the first card is in flight.
    slack.failNext('chat.postMessage', { kind: 'slow', ms: 1_000 }, 10);
    const first = start();
    await waitUntil(() => slack.callsOf('chat.postMessage').length >= 1, 'a card in flight', 20_000);
    const stoppedAt = Date.now();
    const code = await first.kill('SIGTERM');
    const tookMs = Date.now() - stoppedAt;
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(15_000); // the 10 s delivery bound plus disconnects, not Docker's kill
    expect(first.stderr()).toContain('stopped cleanly');
    // The card that was in flight was finished and recorded, not abandoned.
    const inFlight = slack.callsOf('chat.postMessage')[0]!.params.channel as string;
    expect(slack.roots(inFlight)).toHaveLength(1);

    const second = start();
    await waitUntil(() => CHANNELS.every((c) => slack.roots(c).length === 1), 'every channel has its card', 30_000);
    await second.waitFor((_out, err) => err.includes('claude-outage-bot started'), 'started');
    await new Promise((r) => setTimeout(r, 1_500)); // a second outbox pass would post any double now
    for (const channel of CHANNELS) {
      expect(slack.roots(channel)).toHaveLength(1);
      expect(postsTo(channel).length).toBeGreaterThanOrEqual(1);
    }
    expect(await second.kill('SIGTERM')).toBe(0);
  }, 60_000);

  it('exits at once on a second signal while a delivery hangs', async () => {
    slack.failNext('chat.postMessage', { kind: 'hang_after_record' }, 10);
    const bot = start();
    await waitUntil(() => slack.callsOf('chat.postMessage').length >= 1, 'a card in flight', 20_000);
    bot.child.kill('SIGTERM');
    await bot.waitFor((_out, err) => err.includes('shutting down'), 'the first signal seen');
    const at = Date.now();
    const code = await bot.kill('SIGTERM');
    expect(code).toBe(130);
    expect(Date.now() - at).toBeLessThan(3_000);
    expect(bot.stderr()).toContain('second signal');
  });
});

describe('shutdown while GitHub search is retrying', () => {
  it('does not wait on the retries and logs no crash', async () => {
    const { createFakeGithub } = await import('../fakes/fake-github.js');
    const github = await createFakeGithub();
    // 500s make Octokit's retry plugin back off between attempts (seconds each).
    github.failNext({ kind: '500' }, { kind: '500' }, { kind: '500' }, { kind: '500' });
    try {
      const bot = spawnBot({ ...localBotEnv(page.url, dir), GITHUB_API_URL: github.url });
      bots.push(bot);
      await waitUntil(() => github.requests.length >= 1, 'the first search', 20_000);
      const at = Date.now();
      expect(await bot.kill('SIGTERM')).toBe(0);
      expect(Date.now() - at).toBeLessThan(4_000);
      expect(bot.stderr()).not.toContain('poll crashed');
      expect(bot.stderr()).not.toContain('"err":{}');
    } finally {
      await github.close();
    }
  });
});

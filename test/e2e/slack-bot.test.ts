import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { claudeTimeline } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { startBot, type Bot } from '../../src/index.js';
import { createSlackAdapterFactory } from '../../src/platforms/slack/create-slack-adapter.js';
import { createSilentLogger } from '../../src/shared/logger.js';
import { allStrings, createFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { slashCommandPayload } from '../fakes/slack/fake-socket-mode.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { waitUntil } from '../helpers/wait-until.js';

/**
 * The whole bot in-process (startBot) with the real Slack adapter in Socket Mode,
 * the fake status page replaying a real Claude incident, and the fake Slack.
 */

const PINGS = /<[!@#]|(^|[^\u200b])@(channel|here|everyone)\b/i;
const CHANNELS = ['C0ALERTS', 'C0OPS'];

let page: FakeStatuspage;
let slack: FakeSlack;
let bot: Bot;
let dir: string;

const drained = () => {
  const counts = bot.store.outbox.counts();
  return counts.pending === 0 && counts.in_flight === 0;
};

const command = async (slash: string, text: string, user = 'UADMIN', channel = 'C0ALERTS') => {
  const ack = await slack.socket.sendSlashCommand(slashCommandPayload({ command: slash, text, user_id: user, channel_id: channel }));
  const payload = ack.payload ?? {};
  return { payload, all: allStrings(payload).join('\n') };
};

beforeAll(async () => {
  const steps = claudeTimeline();
  page = await createFakeStatuspage({ state: steps[0]!.state });
  slack = await createFakeSlack({
    users: [
      { id: 'UADMIN', is_admin: true },
      { id: 'UOWNER', is_owner: true },
      { id: 'UUSER' },
      { id: 'UFRIEND' },
    ],
  });
  slack.setChannelError('C0GONE', 'not_in_channel');
  dir = mkdtempSync(join(tmpdir(), 'cob-slack-e2e-'));
  const config = loadConfig({
    ...localBotEnv(page.url, dir),
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_APP_TOKEN: slack.appToken,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ALERT_CHANNELS: [...CHANNELS, 'C0GONE'].join(','),
    SLACK_ADMIN_USER_IDS: 'UFRIEND',
  });
  bot = await startBot({ config, logger: createSilentLogger(), write: () => undefined, adapters: [createSlackAdapterFactory(config.slack)] });
  await slack.socket.waitForConnection();
  // Replay the incident: each step is served, polled, and delivered before the next.
  for (const step of steps.slice(1)) {
    page.setState(step.state);
    await bot.poller.pollNow();
    await waitUntil(drained, `delivery of "${step.label}"`);
  }
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await page?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('alerts', () => {
  it('gives each subscribed channel one card and one thread reply per later update, ending resolved', () => {
    for (const channel of CHANNELS) {
      const roots = slack.roots(channel);
      expect(roots, channel).toHaveLength(1);
      const root = roots[0]!;
      const replies = slack.replies(channel, root.ts);
      expect(replies.map((r) => r.text.split(' · ')[0])).toEqual(['Investigating', 'Identified', 'Monitoring', expect.stringMatching(/^Resolved after 17 h 35 min/)]);
      const lastUpdate = slack.callsOf('chat.update').filter((c) => c.params.channel === channel && c.params.ts === root.ts).at(-1)!;
      expect(String(lastUpdate.params.text)).toContain('Resolved after 17 h 35 min');
      expect(JSON.stringify(lastUpdate.params.attachments)).toContain('#2ecc71');
      expect(root.text).toContain('Elevated errors on platform.claude.com');
    }
  });

  it('disables a channel the bot is not in, and says why in /claude-subscribe', async () => {
    const sub = bot.store.subscriptions.find('slack', 'C0GONE')!;
    expect(sub.enabled).toBe(false);
    expect(sub.disabledReason).toBe('slack_not_in_channel');
    const { all } = await command('/claude-subscribe', '', 'UUSER', 'C0GONE');
    expect(all).toContain('stopped (slack_not_in_channel)');
  });
});

describe('slash commands over Socket Mode', () => {
  it('/claude-status answers from the store with every component', async () => {
    const { payload, all } = await command('/claude-status', '');
    expect(payload.response_type).toBe('ephemeral');
    expect(Array.isArray(payload.blocks)).toBe(true);
    for (const name of ['claude.ai', 'Claude Code', 'Claude API (api.anthropic.com)']) expect(all).toContain(name);
    expect(all).not.toMatch(/stale/i);
  });

  it('/claude-fix answers with the knowledge lookup and never echoes a mention', async () => {
    const { payload, all } = await command('/claude-fix', '<!channel> API Error: 529 {"type":"error","error":{"type":"overloaded_error"}} @here');
    expect((payload.blocks as unknown[]).length).toBeGreaterThan(1);
    expect(all).toMatch(/overload/i);
    for (const text of allStrings(payload)) expect(text).not.toMatch(PINGS);
  });

  it('/claude-subscribe lets an admin change the channel', async () => {
    const { all } = await command('/claude-subscribe', 'Claude Code, major', 'UADMIN', 'C0NEW');
    expect(all).toMatch(/will now get Claude outage alerts/);
    expect(bot.store.subscriptions.find('slack', 'C0NEW')).toMatchObject({ components: ['Claude Code'], minImpact: 'major', enabled: true });
    const owner = await command('/claude-subscribe', 'claude.ai, minor', 'UOWNER', 'C0NEW');
    expect(owner.all).toMatch(/Subscription updated/);
    const friend = await command('/claude-unsubscribe', '', 'UFRIEND', 'C0NEW');
    expect(friend.all).toMatch(/no longer get/);
    expect(bot.store.subscriptions.find('slack', 'C0NEW')).toBeNull();
  });

  it('/claude-subscribe politely refuses a non-admin and changes nothing', async () => {
    const before = bot.store.subscriptions.find('slack', 'C0ALERTS');
    const { all } = await command('/claude-subscribe', 'Claude Code, critical', 'UUSER', 'C0ALERTS');
    expect(all).toMatch(/Sorry, only workspace admins/);
    expect(bot.store.subscriptions.find('slack', 'C0ALERTS')).toEqual(before);
    const un = await command('/claude-unsubscribe', '', 'UUSER', 'C0ALERTS');
    expect(un.all).toMatch(/Sorry/);
    expect(bot.store.subscriptions.find('slack', 'C0ALERTS')).toEqual(before);
  });

  it('/claude-subscribe shows usage with the real component names on bad arguments', async () => {
    const { all } = await command('/claude-subscribe', 'Claude Toaster', 'UADMIN', 'C0ALERTS');
    expect(all).toMatch(/Usage/);
    expect(all).toContain('Claude Console (platform.claude.com)');
    expect(all).toContain('claude.ai');
  });

  it('caches users.info answers briefly', () => {
    const lookups = slack.callsOf('users.info').map((c) => c.params.user);
    expect(lookups.filter((u) => u === 'UUSER')).toHaveLength(1);
    // Listed in SLACK_ADMIN_USER_IDS: never looked up.
    expect(lookups).not.toContain('UFRIEND');
  });
});

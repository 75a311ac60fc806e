import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import type { StatuspageIncident } from '../../src/demo/statuspage-state.js';
import { startBot, type Bot } from '../../src/index.js';
import { createSlackAdapterFactory } from '../../src/platforms/slack/create-slack-adapter.js';
import { createSilentLogger } from '../../src/shared/logger.js';
import { allStrings, createFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { slashCommandPayload } from '../fakes/slack/fake-socket-mode.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { pageIncident, policyPageState } from '../helpers/policy-page.js';
import { waitUntil } from '../helpers/wait-until.js';

/**
 * The alert policy through the real Bolt app and the fake Slack, on an injectable clock:
 * four channels with different policies see one flapping component, a minor incident in
 * Berlin's quiet hours, and a long major incident, and each sees exactly what its policy says.
 */

let t = Date.parse('2026-11-25T19:00:00.000Z'); // 20:00 in Berlin
const clock = { now: () => new Date(t) };
const at = (iso: string) => void (t = Date.parse(iso));

let page: FakeStatuspage;
let slack: FakeSlack;
let bot: Bot;
let dir: string;
let incidents: StatuspageIncident[] = [];
let code = 'operational';

const command = async (text: string, channel: string, user = 'UADMIN') => {
  const ack = await slack.socket.sendSlashCommand(slashCommandPayload({ command: '/claude-subscribe', text, user_id: user, channel_id: channel }));
  return allStrings(ack.payload ?? {}).join('\n');
};
const drained = () => {
  const counts = bot.store.outbox.counts();
  return counts.pending === 0 && counts.in_flight === 0;
};
/** Runs the worker, moving the clock on a little each time (Slack's 1 post/s per channel is paced on it). */
const deliver = () =>
  waitUntil(async () => {
    t += 1_100;
    await bot.worker.runOnce();
    return drained();
  }, 'the outbox to drain', 15_000, 10);
const show = async () => {
  page.setState(policyPageState(code, incidents));
  await bot.poller.pollNow();
  await deliver();
};
/** Each root as a short label, e.g. "Component: Claude Code: Degraded performance". */
const roots = (channel: string) => slack.roots(channel).map((m) => m.text.replace(/ \(.*$/, ''));
const replies = (channel: string, index: number) => slack.replies(channel, slack.roots(channel)[index]!.ts).map((m) => m.text.split(' · ')[0]);
const metric = async (name: string) => {
  const res = await fetch(`http://127.0.0.1:${bot.http!.port}/metrics`);
  const line = (await res.text()).split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.split(' ').at(-1)) : 0;
};

beforeAll(async () => {
  page = await createFakeStatuspage({ state: policyPageState('operational') });
  slack = await createFakeSlack({ users: [{ id: 'UADMIN', is_admin: true }, { id: 'UUSER' }], usergroups: [{ id: 'S0ONCALL', handle: 'oncall', name: 'On call' }] });
  dir = mkdtempSync(join(tmpdir(), 'cob-slack-policy-'));
  const config = loadConfig({ ...localBotEnv(page.url, dir), POLL_INTERVAL_SECONDS: '3600', SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.apiUrl, SLACK_ALERT_CHANNELS: 'C0DEFAULT' });
  bot = await startBot({ config, logger: createSilentLogger(), clock, write: () => undefined, adapters: [createSlackAdapterFactory(config.slack)], watchGithub: false, backfillHistory: false });
  await slack.socket.waitForConnection();
  await bot.poller.pollNow();
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await page?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('settings in /claude-subscribe', () => {
  it('shows every setting with its default, and lets only admins change them', async () => {
    const shown = await command('', 'C0DEFAULT', 'UUSER');
    for (const setting of ['Flap window (flap:)', '15 min (default)', 'Reminders while open (remind:)', 'every 2 h (default)', 'Ping (ping:)', 'nobody (default)', 'Quiet hours', 'off (default)', 'Time zone (tz:)', 'UTC (default)']) {
      expect(shown).toContain(setting);
    }
    expect(await command('remind:off', 'C0DEFAULT', 'UUSER')).toMatch(/Sorry, only workspace admins/);
    expect(bot.store.policies.get(bot.store.subscriptions.find('slack', 'C0DEFAULT')!.id).remindMinutes).toBe(120);
  });

  it('subscribes channels with their own policy', async () => {
    expect(await command('flap:off remind:off', 'C0NOFLAP')).toMatch(/will now get Claude outage alerts[\s\S]*off \(default 15 min\)/);
    expect(await command('quiet:22:00-07:00 tz:Europe/Berlin', 'C0QUIET')).toContain('22:00-07:00 (default off)');
  });

  it('checks a ping target exists before saving it, and says so', async () => {
    const missing = await command('ping:@nobody', 'C0PING');
    expect(missing).toMatch(/There is no user group @nobody[\s\S]*Nothing was changed/);
    expect(bot.store.subscriptions.find('slack', 'C0PING')).toBeNull();
    const saved = await command('ping:@oncall', 'C0PING');
    expect(saved).toMatch(/Checked: user group `@oncall` exists/);
    expect(saved).toContain('user group S0ONCALL (default nobody)');
    expect(slack.callsOf('usergroups.list')).toHaveLength(2);
  });
});

describe('the channels see what their policy says', () => {
  it('a flapping component: one card edited back and one "Flapping" reply, not a root per flip', async () => {
    for (const status of ['degraded_performance', 'operational', 'degraded_performance', 'operational', 'degraded_performance', 'operational']) {
      code = status;
      t += 3_000;
      await show();
    }
    for (const channel of ['C0DEFAULT', 'C0QUIET', 'C0PING']) {
      // One root, edited through every flip (it ends operational).
      expect(roots(channel), channel).toEqual(['Component: Claude Code: Operational']);
      expect(replies(channel, 0), channel).toEqual(['Recovered', 'Flapping']);
      const lastEdit = slack.callsOf('chat.update').filter((c) => c.params.channel === channel).at(-1)!;
      expect(JSON.stringify(lastEdit.params)).toMatch(/Operational[\s\S]*reopened 2 times/);
    }
    // Flap suppression off: every episode is its own card, as before.
    expect(roots('C0NOFLAP')).toHaveLength(3);
    expect([0, 1, 2].map((i) => replies('C0NOFLAP', i))).toEqual([['Recovered'], ['Recovered'], ['Recovered']]);
    // Per default-policy channel: 2 reopens + 2 recoveries told by the card alone.
    expect(await metric('claude_outage_bot_policy_actions_total{action="suppressed"}')).toBe(12);
  });

  it('a new episode after the flap window posts a new card', async () => {
    t += 20 * 60_000;
    code = 'degraded_performance';
    await show();
    code = 'operational';
    t += 60_000;
    await show();
    expect(roots('C0DEFAULT')).toHaveLength(2);
    expect(replies('C0DEFAULT', 1)).toEqual(['Recovered']);
  });

  it('quiet hours hold a minor incident; a major one goes through and pings only where asked', async () => {
    at('2026-11-25T22:30:00.000Z'); // 23:30 in Berlin
    incidents = [pageIncident('minor1', 'Slow usage page', 'minor', [['investigating', '2026-11-25T22:30:00Z', 'Looking into it.']])];
    await show();
    at('2026-11-25T22:40:00.000Z');
    const major: Array<[string, string, string]> = [['investigating', '2026-11-25T22:40:00Z', 'Elevated errors on the API. <!channel> @here']];
    incidents = [...incidents, pageIncident('major1', 'Elevated API errors', 'major', major)];
    await show();
    at('2026-11-25T23:10:00.000Z');
    incidents = [pageIncident('minor1', 'Slow usage page', 'minor', [['investigating', '2026-11-25T22:30:00Z', 'Looking into it.'], ['resolved', '2026-11-25T23:10:00Z', 'Fixed.']]), incidents[1]!];
    await show();

    expect(roots('C0QUIET').slice(2)).toEqual(['Claude incident: Elevated API errors']);
    expect(roots('C0DEFAULT').slice(2)).toEqual(['Claude incident: Slow usage page', 'Claude incident: Elevated API errors']);
    expect(await metric('claude_outage_bot_policy_held_events')).toBe(2);

    const [minorRoot, majorRoot] = slack.roots('C0PING').slice(2);
    expect(majorRoot!.text.startsWith('<!subteam^S0ONCALL> ')).toBe(true);
    expect(JSON.stringify(majorRoot!.blocks)).toContain('<!subteam^S0ONCALL>');
    // The only mention anywhere is the one we built; the feed's "<!channel> @here" stays neutralised.
    const everything = slack.messages().flatMap((m) => allStrings([m.text, m.blocks, m.attachments]));
    const mentions = everything.flatMap((s) => s.match(/<[!@][^>]*>/g) ?? []);
    expect(new Set(mentions)).toEqual(new Set(['<!subteam^S0ONCALL>']));
    expect(minorRoot!.text).not.toContain('<!');
    for (const channel of ['C0DEFAULT', 'C0QUIET', 'C0NOFLAP']) expect(JSON.stringify(slack.roots(channel))).not.toContain('subteam');
  });

  it('reminders thread every 2 h of silence while the major incident is open, and stop on resolve', async () => {
    at('2026-11-26T00:41:00.000Z');
    await deliver();
    const majorIndex = 3;
    for (const channel of ['C0DEFAULT', 'C0PING']) expect(replies(channel, majorIndex), channel).toEqual(['Reminder']);
    expect(replies('C0QUIET', 2)).toEqual(['Reminder']);
    expect(roots('C0NOFLAP')[5]).toBe('Claude incident: Elevated API errors');
    expect(replies('C0NOFLAP', 5)).toEqual([]); // remind:off
    // An update restarts the 2 h: none at 02:41, the next at 03:01.
    at('2026-11-26T01:01:00.000Z');
    const update: Array<[string, string, string]> = [['investigating', '2026-11-25T22:40:00Z', 'Elevated errors.'], ['identified', '2026-11-26T01:01:00Z', 'Found it.']];
    incidents = [incidents[0]!, pageIncident('major1', 'Elevated API errors', 'major', update)];
    await show();
    at('2026-11-26T02:41:00.000Z');
    await deliver();
    expect(replies('C0DEFAULT', majorIndex)).toEqual(['Reminder', 'Identified']);
    at('2026-11-26T03:02:00.000Z');
    await deliver();
    expect(replies('C0DEFAULT', majorIndex)).toEqual(['Reminder', 'Identified', 'Reminder']);
    at('2026-11-26T03:30:00.000Z');
    incidents = [incidents[0]!, pageIncident('major1', 'Elevated API errors', 'major', [...update, ['resolved', '2026-11-26T03:30:00Z', 'Fixed.']])];
    await show();
    at('2026-11-26T05:40:00.000Z');
    await deliver();
    expect(replies('C0DEFAULT', majorIndex)).toEqual(['Reminder', 'Identified', 'Reminder', expect.stringMatching(/^Resolved after 4 h 50 min/)]);
    expect(await metric('claude_outage_bot_policy_actions_total{action="reminded"}')).toBe(6);
    // Each reminder was its own outbox row, with its own idempotency key.
    const keys = slack.callsOf('chat.postMessage').filter((c) => String(c.params.text).startsWith('Reminder')).map((c) => JSON.stringify(c.params.metadata));
    expect(new Set(keys).size).toBe(6);
  });

  it('after quiet hours the held events arrive as one digest, and only there', async () => {
    at('2026-11-26T06:00:30.000Z'); // 07:00:30 in Berlin
    await deliver();
    const quiet = slack.roots('C0QUIET');
    expect(roots('C0QUIET').slice(2)).toEqual(['Claude incident: Elevated API errors', 'Component: During quiet hours: 1 minor event']);
    expect(JSON.stringify(quiet.at(-1)!.attachments)).toMatch(/Slow usage page \(impact minor\) since Nov 25, 22:30 UTC, resolved after 40 min/);
    expect(roots('C0DEFAULT')).toHaveLength(4);
    expect(await metric('claude_outage_bot_policy_held_events')).toBe(0);
    expect(await metric('claude_outage_bot_policy_actions_total{action="digest_sent"}')).toBe(1);
  });

  it('counts /claude-fix answers in /metrics by what chose them, the classifier included', async () => {
    const ask = (text: string) => bot.commands.fix({ command: 'fix', text, platform: 'slack', userId: 'UUSER', channelId: 'C0DEFAULT', isAdmin: false });
    await ask('API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}');
    // No rule words this ("the Claude plugin keeps erroring, restarting does not help"): the classifier answers.
    await ask('用 Claude 插件一直报错，重启也没用');
    expect(await metric('claude_outage_bot_fix_answers_total{basis="worded"}')).toBe(1);
    expect(await metric('claude_outage_bot_fix_answers_total{basis="learned"}')).toBe(1);
    expect(await metric('claude_outage_bot_fix_model_errors_total')).toBe(0);
  });
});

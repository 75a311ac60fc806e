import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
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
 * /claude-incidents through the real Bolt app in Socket Mode: the history comes from the
 * start-up backfill of the fake page (a real Claude incident, resolved), the chart goes
 * up with the files upload v2 flow of the real WebClient to the fake Slack.
 */

let page: FakeStatuspage;
let slack: FakeSlack;
let bot: Bot;
let dir: string;
let responseId = 0;

const command = async (text: string, channel = 'C0ALERTS') => {
  const responseUrl = slack.responseUrl(String(++responseId));
  const ack = await slack.socket.sendSlashCommand({ ...slashCommandPayload({ command: '/claude-incidents', text, channel_id: channel }), response_url: responseUrl });
  const payload = ack.payload ?? {};
  return { payload, all: allStrings(payload).join('\n'), responseUrl };
};

beforeAll(async () => {
  page = await createFakeStatuspage({ state: claudeTimeline().at(-1)!.state });
  slack = await createFakeSlack();
  slack.setChannelError('C0GONE', 'not_in_channel');
  dir = mkdtempSync(join(tmpdir(), 'cob-slack-incidents-'));
  const config = loadConfig({ ...localBotEnv(page.url, dir), SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.apiUrl });
  bot = await startBot({ config, logger: createSilentLogger(), write: () => undefined, adapters: [createSlackAdapterFactory(config.slack)] });
  await slack.socket.waitForConnection();
  await waitUntil(() => (bot.store.db.prepare('SELECT COUNT(*) AS n FROM incident_history').get() as { n: number }).n > 0, 'the start-up backfill');
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await page?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('/claude-incidents on Slack', () => {
  it('answers from the backfilled history on day one, with no alert posted', async () => {
    const { payload, all } = await command('90d');
    expect(payload.response_type).toBe('ephemeral');
    expect(all).toContain('Claude incidents, last 90 days');
    expect(all).toContain('1 (1 minor)');
    expect(all).toContain('17 h 35 min');
    expect(all).toContain('https://status.claude.com/incidents/978mjkgw6mh7');
    // An ephemeral answer cannot carry a file: it says how to get the chart, and nothing is uploaded.
    expect(all).toContain('add `share`');
    expect(slack.uploads()).toEqual([]);
    expect(slack.callsOf('chat.postMessage')).toEqual([]);
  });

  it('a shared answer posts the chart with getUploadURLExternal, a POST of the bytes, completeUploadExternal', async () => {
    const { payload } = await command('90d share');
    expect(payload.response_type).toBe('in_channel');
    await waitUntil(() => slack.uploads().some((u) => u.completed), 'the chart upload');
    const [upload] = slack.uploads();
    expect(upload).toMatchObject({ filename: 'claude-incidents-90d.png', channel: 'C0ALERTS', title: 'Claude incidents, last 90 days', completed: true });
    expect(upload!.altText).toContain('one bar a day per component');
    const image = PNG.sync.read(upload!.bytes!);
    expect(image.width).toBe(960);
    expect(upload!.bytes!.length).toBe(upload!.length);
    const order = slack.calls.map((c) => c.method).filter((m) => m.startsWith('files.'));
    expect(order).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(slack.messages('C0ALERTS').at(-1)?.files).toEqual([{ id: upload!.fileId, title: 'Claude incidents, last 90 days' }]);
  });

  it('says what to do when the chart cannot be posted (bot not in the channel, files:write missing)', async () => {
    await command('share', 'C0GONE');
    const notIn = await waitUntil(() => slack.responses().find((r) => String(r.text).includes('not_in_channel')), 'the not_in_channel note');
    expect(notIn).toMatchObject({ response_type: 'ephemeral' });
    expect(String(notIn.text)).toContain('/invite @claude-outage-bot');

    slack.failNext('files.getUploadURLExternal', { kind: 'error', error: 'missing_scope' });
    await command('30d share');
    const scope = await waitUntil(() => slack.responses().find((r) => String(r.text).includes('missing_scope')), 'the missing_scope note');
    expect(String(scope.text)).toContain('files:write');
  });

  it('refuses a period it does not keep, naming the ones it does', async () => {
    const { all } = await command('14d');
    expect(all).toContain('use 7d, 30d or 90d');
  });
});


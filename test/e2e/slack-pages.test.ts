import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { claudeTimeline, type TimelineStep } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { startBot, type Bot } from '../../src/index.js';
import { createSlackAdapterFactory } from '../../src/platforms/slack/create-slack-adapter.js';
import { createSilentLogger } from '../../src/shared/logger.js';
import { allStrings, createFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { slashCommandPayload } from '../fakes/slack/fake-socket-mode.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { waitUntil } from '../helpers/wait-until.js';

/** Two pages through the real Bolt app: the live page alerts Slack, the challenged one shows as unknown. */

let claude: FakeStatuspage;
let openai: FakeStatuspage;
let slack: FakeSlack;
let bot: Bot;
let dir: string;
let steps: TimelineStep[];

const command = async (name: string, text: string, channel = 'C0ALERTS') => {
  const ack = await slack.socket.sendSlashCommand(slashCommandPayload({ command: name, text, channel_id: channel }));
  return allStrings(ack.payload ?? {}).join('\n');
};

beforeAll(async () => {
  steps = claudeTimeline();
  [claude, openai] = await Promise.all([createFakeStatuspage({ state: steps[0]!.state }), createFakeStatuspage()]);
  openai.setFailure('challenge');
  slack = await createFakeSlack({ users: [{ id: 'UADMIN', is_admin: true }] });
  dir = mkdtempSync(join(tmpdir(), 'cob-slack-pages-'));
  const config = loadConfig({
    ...localBotEnv(claude.url, dir),
    STATUS_PAGES: `claude,openai=${openai.url}`,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_APP_TOKEN: slack.appToken,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ALERT_CHANNELS: 'C0ALERTS,C0OPENAI',
  });
  bot = await startBot({ config, logger: createSilentLogger(), write: () => undefined, adapters: [createSlackAdapterFactory(config.slack)], backfillHistory: false });
  await slack.socket.waitForConnection();
  await waitUntil(() => bot.store.pollState.get('statuspage').lastSuccessAt !== null && bot.store.pollState.get('statuspage:openai').lastErrorCode !== null, 'a read of each page');
}, 30_000);

afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await Promise.all([claude?.close(), openai?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('several pages on Slack', () => {
  it('a channel that chose page:openai hears nothing of Claude; the other gets the Claude card, named', async () => {
    const saved = await command('/claude-subscribe', 'page:openai', 'C0OPENAI');
    expect(saved).toContain('Status pages');
    expect(saved).toContain('openai');
    claude.setState(steps[1]!.state);
    await waitUntil(() => slack.roots('C0ALERTS').length === 1, 'the card in C0ALERTS');
    expect(allStrings(slack.roots('C0ALERTS')[0]).join('\n')).toContain('Claude · Elevated errors on platform.claude.com');
    await waitUntil(() => bot.store.outbox.counts().pending === 0, 'the outbox to settle');
    expect(slack.roots('C0OPENAI')).toHaveLength(0);
  });

  it('/claude-status lists both pages: Claude as read, OpenAI unknown with why', async () => {
    const all = await command('/claude-status', '');
    expect(all).toContain('Elevated errors on platform.claude.com');
    expect(all).toContain('Unknown: this page has not been read: blocked by a challenge page');
    expect(all).toMatch(/Claude: 1 open incident\(s\) · openai: unknown/);
  });

  it('refuses a page it does not watch', async () => {
    expect(await command('/claude-subscribe', 'page:gitlab', 'C0OPENAI')).toContain('"gitlab" is not a page I watch: use page:claude,openai (or page:all).');
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeTimeline } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { createFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { waitUntil } from '../helpers/wait-until.js';

/**
 * A crash between Slack accepting a post and the bot recording it must not make a
 * second card. The bot runs as a child process (`cli.ts start`); the fake Slack
 * stores the card and holds its answer; the test SIGKILLs the child in that window,
 * starts it again on the same database, and checks the card was adopted, not re-posted.
 */

const CHANNEL = 'C0CRASH';
let page: FakeStatuspage;
let slack: FakeSlack;
let dir: string;
const children: ChildProcess[] = [];
let stderr = '';

function startChild(): ChildProcess {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/^(SLACK|DISCORD|GITHUB)_/.test(key)) env[key] = value;
  Object.assign(env, {
    ...localBotEnv(page.url, dir),
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_APP_TOKEN: slack.appToken,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ALERT_CHANNELS: CHANNEL,
    LOG_LEVEL: 'info',
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], { cwd: process.cwd(), env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));

beforeAll(async () => {
  const steps = claudeTimeline();
  page = await createFakeStatuspage({ state: steps[1]!.state });
  slack = await createFakeSlack();
  dir = mkdtempSync(join(tmpdir(), 'cob-slack-crash-'));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(children.map(exited));
  await slack?.close();
  await page?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a killed process between post and record', () => {
  it('adopts the card Slack already has instead of posting a second one', async () => {
    // Slack stores the card, then never answers: the bot cannot record it.
    slack.failNext('chat.postMessage', { kind: 'hang_after_record' }, 1, CHANNEL);
    const first = startChild();
    await waitUntil(() => slack.roots(CHANNEL).length === 1, `the first post (stderr: ${stderr.slice(-2000)})`, 20_000);
    first.kill('SIGKILL');
    await exited(first);

    const second = startChild();
    await waitUntil(
      () => slack.callsOf('conversations.history').some((c) => c.params.channel === CHANNEL),
      `the metadata lookup after restart (stderr: ${stderr.slice(-2000)})`,
      20_000,
    );
    // The incident moves on: the adopted card is edited and threaded.
    page.setState(claudeTimeline()[2]!.state);
    const root = slack.roots(CHANNEL)[0]!;
    await waitUntil(() => slack.replies(CHANNEL, root.ts).length === 1, `the thread reply (stderr: ${stderr.slice(-2000)})`, 20_000);

    expect(slack.roots(CHANNEL)).toHaveLength(1);
    const lookup = slack.callsOf('conversations.history').find((c) => c.params.channel === CHANNEL)!;
    expect(lookup.params.include_all_metadata).toBe('true');
    expect(slack.callsOf('chat.update').some((c) => c.params.ts === root.ts)).toBe(true);
    expect(slack.callsOf('chat.postMessage').filter((c) => c.params.channel === CHANNEL && !c.params.thread_ts)).toHaveLength(1);
    // Tokens never reach the logs.
    expect(stderr).not.toContain(slack.botToken);
    expect(stderr).not.toContain(slack.appToken);

    second.kill('SIGTERM');
    await exited(second);
    expect(second.exitCode === 0 || second.signalCode === 'SIGTERM').toBe(true);
  }, 60_000);
});

import { createHmac } from 'node:crypto';
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
import { createFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { slashCommandPayload } from '../fakes/slack/fake-socket-mode.js';
import { postSignedCommand } from '../fakes/slack/signed-request.js';
import { openRaw, requestHead } from '../helpers/raw-http.js';
import { waitUntil } from '../helpers/wait-until.js';

/** HTTP mode: slash commands as signed POSTs to /slack/events on the bot's own HTTP server; and start-up checks. */

const SECRET = 'fake-signing-secret-0123456789';
let page: FakeStatuspage;
let slack: FakeSlack;
let dir: string;

const configFor = (env: Record<string, string>) =>
  loadConfig({ STATUSPAGE_URL: page.url, GITHUB_API_URL: 'http://127.0.0.1:9', POLL_INTERVAL_SECONDS: '1', DATABASE_PATH: join(dir, `${Math.random()}.db`), HTTP_PORT: '0', SLACK_API_URL: slack.apiUrl, ...env });

const start = (env: Record<string, string>) => {
  const config = configFor(env);
  return startBot({ config, logger: createSilentLogger(), write: () => undefined, adapters: [createSlackAdapterFactory(config.slack)] });
};

beforeAll(async () => {
  page = await createFakeStatuspage({ state: claudeTimeline()[0]!.state });
  slack = await createFakeSlack({ users: [{ id: 'UADMIN', is_admin: true }, { id: 'UUSER' }] });
  dir = mkdtempSync(join(tmpdir(), 'cob-slack-http-'));
});

afterAll(async () => {
  await slack?.close();
  await page?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('HTTP mode', () => {
  let bot: Bot;
  let url: string;
  const subscribe = (channel: string) => slashCommandPayload({ command: '/claude-subscribe', text: 'Claude Code', user_id: 'UADMIN', channel_id: channel });

  beforeAll(async () => {
    bot = await start({ SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: SECRET });
    url = `http://127.0.0.1:${bot.http!.port}/slack/events`;
    await waitUntil(() => bot.store.pollState.get('statuspage').lastSuccessAt, 'the first poll');
  });
  afterAll(() => bot?.stop());

  it('answers a correctly signed slash command in the response', async () => {
    const res = await postSignedCommand(url, slashCommandPayload({ command: '/claude-status' }), { secret: SECRET });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { response_type: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('Claude Code');
    const saved = await postSignedCommand(url, subscribe('C0HTTP'), { secret: SECRET });
    expect(saved.status).toBe(200);
    expect(bot.store.subscriptions.find('slack', 'C0HTTP')).toMatchObject({ components: ['Claude Code'] });
  });

  it.each([
    ['a wrong signature', { signature: `v0=${'0'.repeat(64)}` }],
    ['a timestamp older than 5 minutes', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
    ['no signature header', { omit: ['x-slack-signature' as const] }],
    ['no timestamp header', { omit: ['x-slack-request-timestamp' as const] }],
    ['a signature made with another secret', { secret: 'not-the-secret' }],
  ])('rejects %s with 401 and changes nothing', async (_label, tweak) => {
    const callsBefore = slack.calls.length;
    const res = await postSignedCommand(url, subscribe('C0BAD'), { secret: SECRET, ...tweak });
    expect(res.status).toBe(401);
    expect(bot.store.subscriptions.find('slack', 'C0BAD')).toBeNull();
    expect(slack.calls.length).toBe(callsBefore);
  });

  it('refuses a correctly signed request stamped 10 minutes in the future', async () => {
    const res = await postSignedCommand(url, subscribe('C0FUTURE'), { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) + 10 * 60 });
    expect(res.status).toBe(401);
    expect(bot.store.subscriptions.find('slack', 'C0FUTURE')).toBeNull();
  });

  it('runs a signed request once when the same request is sent three times', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const payload = slashCommandPayload({ command: '/claude-status' });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await postSignedCommand(url, payload, { secret: SECRET, timestamp })).status);
    expect(statuses).toEqual([200, 401, 401]);
    // Another command (a new trigger_id) in the same second still runs.
    expect((await postSignedCommand(url, slashCommandPayload({ command: '/claude-status' }), { secret: SECRET, timestamp })).status).toBe(200);
  });

  it('answers a signed Events API url_verification with its challenge, and refuses a body that is not JSON', async () => {
    const post = (body: string) => {
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) }, body });
    };
    const res = await post(JSON.stringify({ type: 'url_verification', token: 'unused', challenge: 'c-123' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
    expect((await post('<html>not json</html>')).status).toBe(400);
  });

  const signedHead = (headers: Record<string, string | number>) =>
    requestHead('POST', '/slack/events', {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': Math.floor(Date.now() / 1000),
      'x-slack-signature': `v0=${'ab'.repeat(32)}`,
      ...headers,
    });

  it('answers 413 to a declared 100 MB body before a byte of it is sent, and closes the connection', async () => {
    const conn = await openRaw(bot.http!.port, signedHead({ 'content-length': 100 * 1024 * 1024 }));
    await conn.closed;
    expect(conn.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(conn.received()).toMatch(/connection: close/i);
  });

  it('answers 401 to an unsigned 100 MB post without reading its body', async () => {
    const head = requestHead('POST', '/slack/events', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': 100 * 1024 * 1024 });
    const conn = await openRaw(bot.http!.port, head);
    await conn.closed;
    expect(conn.received()).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('cuts a chunked body off just past 1 MiB instead of buffering it', async () => {
    const conn = await openRaw(bot.http!.port, signedHead({ 'transfer-encoding': 'chunked' }));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    const limit = 64 * 1024 * 1024;
    let sent = 0;
    while (sent < limit && (await conn.write(frame))) sent += frame.length;
    await conn.closed;
    // The server stopped us long before 64 MiB (loopback buffers hold a few MiB at most).
    expect(sent).toBeLessThan(limit);
    expect(conn.received()).not.toMatch(/^HTTP\/1\.1 200/);
  });

  it('only takes POST', async () => {
    const res = await fetch(url);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('start-up', () => {
  it('stops with a message naming SLACK_BOT_TOKEN when Slack refuses it', async () => {
    await expect(start({ SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_APP_TOKEN: slack.appToken })).rejects.toThrow(
      /Slack refused SLACK_BOT_TOKEN \(invalid_auth\).*OAuth & Permissions/,
    );
  });

  it('stops with a message naming SLACK_APP_TOKEN when Slack refuses it', async () => {
    await expect(start({ SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: 'xapp-wrong' })).rejects.toThrow(
      /Slack refused SLACK_APP_TOKEN \(invalid_auth\).*connections:write/,
    );
  });

  it('says when Slack cannot be reached at SLACK_API_URL', async () => {
    const config = configFor({ SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: 'http://127.0.0.1:9/api/' });
    const factory = createSlackAdapterFactory(config.slack, { timeoutMs: 500 });
    await expect(startBot({ config, logger: createSilentLogger(), write: () => undefined, adapters: [factory] })).rejects.toThrow(
      /Could not check SLACK_BOT_TOKEN with Slack at http:\/\/127\.0\.0\.1:9\/api\/.*SLACK_API_URL/,
    );
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeTimeline, type TimelineStep } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { createFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';
import { slashCommandPayload } from '../fakes/slack/fake-socket-mode.js';
import { postSignedCommand, postSignedEvent, workspaceEvent } from '../fakes/slack/signed-request.js';
import { botPort } from '../helpers/bot-port.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { countInBotDb } from '../helpers/read-bot-db.js';
import { spawnBot, type BotProcess } from '../helpers/spawn-bot.js';
import { waitUntil } from '../helpers/wait-until.js';

/**
 * Slack distribution end to end: the bot's CLI in HTTP mode with SLACK_CLIENT_ID and no
 * SLACK_BOT_TOKEN; two workspaces install through /slack/install → /slack/oauth_redirect
 * against the fake Slack's oauth.v2.access; each one's commands and alerts use its own
 * token; an uninstall, a revoked token and a tokens_revoked event each remove one
 * workspace and leave the other alerting.
 */

const SIGNING = 'fake-signing-secret-0123456789';
const CLIENT = { clientId: '1111.2222', clientSecret: 'client-secret-abcdef0123456789' };
const STATE_SECRET = 'state-secret-0123456789abcdef';
const A = { team: 'TAAA', channel: 'CAAA1' };
const B = { team: 'TBBB', channel: 'CBBB1' };

let page: FakeStatuspage;
let slack: FakeSlack;
let dir: string;
let steps: TimelineStep[];
let bot: BotProcess;
let base: string;
const db = () => join(dir, 'bot.db');
const installations = () => countInBotDb(db(), 'SELECT COUNT(*) FROM slack_installations');
const enabled = (channel: string) => countInBotDb(db(), `SELECT enabled FROM subscriptions WHERE platform = 'slack' AND channel_id = '${channel}'`);
const postsTo = (channel: string) => slack.callsOf('chat.postMessage').filter((c) => c.params.channel === channel && c.outcome === 'ok');

/** What a browser does: open /slack/install (state cookie + link), approve in Slack, follow the redirect. */
async function install(team: string, tweak: { state?: string | null; cookie?: boolean; code?: string } = {}): Promise<{ status: number; text: string }> {
  const start = await fetch(`${base}/slack/install`);
  expect(start.status).toBe(200);
  const link = /<a href="([^"]+)"/.exec(await start.text())?.[1]?.replaceAll('&amp;', '&');
  const url = new URL(link!);
  expect(url.searchParams.get('client_id')).toBe(CLIENT.clientId);
  expect(url.searchParams.get('scope')).toContain('chat:write');
  const state = url.searchParams.get('state')!;
  const cookie = start.headers.getSetCookie().find((c) => c.startsWith('slack-app-oauth-state='))!.split(';')[0]!;
  expect(cookie).toBe(`slack-app-oauth-state=${state}`);
  const query = new URLSearchParams({ code: tweak.code ?? slack.approveInstall(team) });
  const sentState = tweak.state === undefined ? state : tweak.state;
  if (sentState !== null) query.set('state', sentState);
  const res = await fetch(`${base}/slack/oauth_redirect?${query}`, { headers: tweak.cookie === false ? {} : { cookie } });
  return { status: res.status, text: await res.text() };
}

const command = (team: string, channel: string, text: string, cmd = '/claude-subscribe') =>
  postSignedCommand(`${base}/slack/events`, slashCommandPayload({ command: cmd, text, user_id: 'UADMIN', channel_id: channel, team_id: team }), { secret: SIGNING });

const event = (team: string, body: Record<string, unknown>) => postSignedEvent(`${base}/slack/events`, workspaceEvent(team, body), { secret: SIGNING });

beforeAll(async () => {
  steps = claudeTimeline();
  page = await createFakeStatuspage({ state: steps[0]!.state });
  slack = await createFakeSlack({
    users: [{ id: 'UADMIN', is_admin: true }],
    oauth: CLIENT,
    teams: [{ id: A.team, name: 'Alpha & Co', channels: [A.channel] }, { id: B.team, name: 'Beta', channels: [B.channel] }],
  });
  dir = mkdtempSync(join(tmpdir(), 'cob-slack-dist-'));
  bot = spawnBot({
    ...localBotEnv(page.url, dir),
    LOG_LEVEL: 'debug',
    SLACK_API_URL: slack.apiUrl,
    SLACK_SIGNING_SECRET: SIGNING,
    SLACK_CLIENT_ID: CLIENT.clientId,
    SLACK_CLIENT_SECRET: CLIENT.clientSecret,
    SLACK_STATE_SECRET: STATE_SECRET,
  });
  base = `http://127.0.0.1:${await botPort(bot)}`;
}, 30_000);

afterAll(async () => {
  await bot?.kill();
  await slack?.close();
  await page?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Slack distribution (the CLI, HTTP mode, no SLACK_BOT_TOKEN)', () => {
  it('refuses a forged state, a missing state, a missing cookie and a bad code with a page that says so, storing nothing', async () => {
    const forged = await install(A.team, { state: 'forged-state' });
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('not valid for this browser session');
    expect((await install(A.team, { state: null })).status).toBe(400);
    expect((await install(A.team, { cookie: false })).text).toContain('not valid for this browser session');
    const badCode = await install(A.team, { code: 'not-a-code' });
    expect(badCode.status).toBe(400);
    expect(badCode.text).toContain('invalid_code');
    expect(installations()).toBe(0);
  });

  it('installs two workspaces, and each one\'s commands use its own token', async () => {
    const a = await install(A.team);
    expect(a.status).toBe(200);
    // The team name came from Slack: it is escaped into the page.
    expect(a.text).toContain('Alpha &#38; Co');
    expect((await install(B.team)).status).toBe(200);
    expect(installations()).toBe(2);

    for (const ws of [A, B]) {
      const res = await command(ws.team, ws.channel, 'none');
      expect(res.status).toBe(200);
      expect(res.body).toContain('will now get');
      const lookup = slack.callsOf('users.info').at(-1)!;
      expect(lookup.token).toBe(slack.teamToken(ws.team));
    }
    expect(countInBotDb(db(), `SELECT COUNT(*) FROM subscriptions WHERE workspace_id IN ('${A.team}', '${B.team}') AND enabled = 1`)).toBe(2);
  });

  it('posts an incident to a channel in each workspace, each with that workspace\'s token', async () => {
    page.setState(steps[1]!.state);
    await waitUntil(() => postsTo(A.channel).length >= 1 && postsTo(B.channel).length >= 1, 'a card in each workspace', 20_000);
    expect(postsTo(A.channel).map((c) => c.token)).toEqual([slack.teamToken(A.team)]);
    expect(postsTo(B.channel).map((c) => c.token)).toEqual([slack.teamToken(B.team)]);
    expect(slack.calls.filter((c) => c.outcome === 'channel_not_found')).toEqual([]);
  });

  it('app_uninstalled from one workspace stops its alerts; the other gets the next update', async () => {
    slack.revokeTeam(A.team);
    expect((await event(A.team, { type: 'app_uninstalled' })).status).toBe(200);
    await waitUntil(() => installations() === 1, 'workspace A removed');
    expect(enabled(A.channel)).toBe(0);
    const before = postsTo(A.channel).length;
    page.setState(steps[2]!.state);
    await waitUntil(() => postsTo(B.channel).length >= 2, 'the next update in workspace B', 20_000);
    expect(postsTo(A.channel).length).toBe(before);
    expect(slack.calls.filter((c) => c.token === slack.teamToken(A.team) && c.outcome === 'token_revoked')).toEqual([]);
  });

  it('a token Slack refuses on delivery removes that workspace only; a reinstalled one keeps alerting', async () => {
    // A comes back (a new token): its channel resumes without anyone subscribing it again; then B's token dies without an event.
    const again = await install(A.team);
    expect(again.status).toBe(200);
    expect(again.text).toContain('The channel that had alerts before it was removed gets them again');
    expect(enabled(A.channel)).toBe(1);
    slack.revokeTeam(B.team);
    const beforeA = postsTo(A.channel).length;
    page.setState(steps[3]!.state);
    await waitUntil(() => installations() === 1 && enabled(B.channel) === 0, 'workspace B removed after token_revoked', 20_000);
    expect(countInBotDb(db(), `SELECT COUNT(*) FROM subscriptions WHERE channel_id = '${B.channel}' AND disabled_reason = 'slack_token_revoked'`)).toBe(1);
    await waitUntil(() => postsTo(A.channel).length > beforeA, 'the update in workspace A, with its new token', 20_000);
    expect(postsTo(A.channel).at(-1)!.token).toBe(slack.teamToken(A.team));
  });

  it('tokens_revoked for user tokens only changes nothing; for the bot token it removes the workspace', async () => {
    expect((await event(A.team, { type: 'tokens_revoked', tokens: { oauth: ['UINSTALLER'], bot: [] } })).status).toBe(200);
    expect((await command(A.team, A.channel, '', '/claude-status')).status).toBe(200);
    expect(installations()).toBe(1);
    expect((await event(A.team, { type: 'tokens_revoked', tokens: { bot: [`UBOT${A.team}`] } })).status).toBe(200);
    await waitUntil(() => installations() === 0, 'workspace A removed by tokens_revoked');
    expect(enabled(A.channel)).toBe(0);
  });

  it('answers a command from a workspace that is not installed (any more) with how to reinstall, and changes nothing', async () => {
    for (const team of [A.team, 'TSTRANGER']) {
      const res = await command(team, A.channel, 'none');
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/not installed in this workspace.*\/slack\/install/) });
    }
    expect(enabled(A.channel)).toBe(0);
  });

  it('never logs a token or a secret', () => {
    const logs = bot.stderr() + bot.stdout();
    expect(logs).toContain('Slack workspace installed the bot');
    for (const secret of [CLIENT.clientSecret, STATE_SECRET, SIGNING, slack.teamToken(A.team)!, slack.teamToken(B.team)!]) expect(logs).not.toContain(secret);
    expect(logs).not.toMatch(/xox[abpr]-/);
  });
});

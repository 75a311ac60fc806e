import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { claudeTimeline } from '../../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../../src/demo/statuspage-server.js';
import { runDoctor } from '../../../src/main/run-doctor.js';
import { createStore } from '../../../src/store/create-store.js';
import { migrate } from '../../../src/store/migrate.js';
import { openDatabase } from '../../../src/store/open-database.js';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';

/** `doctor` in distribution mode: the installations count, and auth.test with each stored token. */

const CLIENT = { clientId: '1111.2222', clientSecret: 'client-secret-abcdef0123456789' };
let page: FakeStatuspage;
let slack: FakeSlack;
let dir: string;

beforeAll(async () => {
  page = await createFakeStatuspage({ state: claudeTimeline()[0]!.state });
  slack = await createFakeSlack({ oauth: CLIENT, teams: [{ id: 'TAAA', name: 'Alpha' }, { id: 'TBBB', name: 'Beta' }] });
  dir = mkdtempSync(join(tmpdir(), 'cob-doctor-installs-'));
});
afterAll(async () => {
  await slack?.close();
  await page?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A database holding an installation per team, with the tokens the fake's oauth.v2.access minted. */
async function databaseWith(teams: string[]): Promise<string> {
  const folder = join(dir, `${Math.random()}`);
  mkdirSync(folder);
  const path = join(folder, 'bot.db');
  const db = openDatabase(path);
  migrate(db);
  const store = createStore(db);
  for (const team of teams) {
    const body = new URLSearchParams({ ...{ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret }, code: slack.approveInstall(team) });
    const res = (await (await fetch(`${slack.apiUrl}oauth.v2.access`, { method: 'POST', body })).json()) as { access_token: string; team: { id: string; name: string } };
    store.slackInstallations.save({ teamId: team, enterpriseId: null, teamName: res.team.name, installation: JSON.stringify({ team: res.team, bot: { token: res.access_token, id: 'B', userId: 'U' } }) }, '2026-12-03T10:00:00.000Z');
  }
  db.close();
  return path;
}

const doctor = async (databasePath: string) => {
  let out = '';
  const env = {
    STATUSPAGE_URL: page.url,
    GITHUB_API_URL: 'http://127.0.0.1:9',
    SLACK_API_URL: slack.apiUrl,
    SLACK_SIGNING_SECRET: 'fake-signing-secret-0123456789',
    SLACK_CLIENT_ID: CLIENT.clientId,
    SLACK_CLIENT_SECRET: CLIENT.clientSecret,
    SLACK_STATE_SECRET: 'state-secret-0123456789abcdef',
    DATABASE_PATH: databasePath,
  };
  const code = await runDoctor({ config: loadConfig(env), write: (t) => void (out += t), timeoutMs: 2_000 });
  return { code, out };
};

describe('doctor with Slack distribution', () => {
  it('warns when no workspace has installed the bot yet, and says where to install it', async () => {
    const { out } = await doctor(join(dir, 'none', 'bot.db'));
    expect(out).toMatch(/^⚠ slack installs +no workspace has installed the bot yet\n +fix: Open https:\/\/<your-host>\/slack\/install/m);
  });

  it('counts the installations and checks each token with auth.test', async () => {
    const path = await databaseWith(['TAAA', 'TBBB']);
    const { out } = await doctor(path);
    expect(out).toMatch(/^✔ slack installs +2 workspaces installed, every token accepted by auth.test$/m);
    expect(slack.callsOf('auth.test').slice(-2).map((c) => c.token)).toEqual([slack.teamToken('TAAA'), slack.teamToken('TBBB')]);
  });

  it('names the workspace whose token Slack refuses, never the token, and exits 1', async () => {
    const path = await databaseWith(['TAAA', 'TBBB']);
    slack.revokeTeam('TBBB');
    const { code, out } = await doctor(path);
    expect(code).toBe(1);
    expect(out).toMatch(/^✖ slack installs +2 workspaces installed, 1 token refused: Beta \(TBBB\): token_revoked\n +fix: Those workspaces must install the bot again/m);
    expect(out).not.toContain(slack.teamToken('TBBB')!);
    expect(out).not.toMatch(/xoxb-/);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxWorker, type OutboxWorker } from '../../../src/delivery/outbox-worker.js';
import { createInstallationStore } from '../../../src/platforms/slack/installation-store.js';
import { createSlackClients } from '../../../src/platforms/slack/slack-clients.js';
import { createSlackDistribution, type SlackDistribution } from '../../../src/platforms/slack/slack-distribution.js';
import { createSlackLogger } from '../../../src/platforms/slack/slack-logger.js';
import { createSlackPlatform } from '../../../src/platforms/slack/slack-platform.js';
import type { Store } from '../../../src/store/create-store.js';
import { removeWorkspace } from '../../../src/store/remove-workspace.js';
import { restoreWorkspace } from '../../../src/store/restore-workspace.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createFakeSlack, HOME_TEAM, type FakeSlack } from '../../fakes/fake-slack.js';
import { createDeliveryHarness } from '../../helpers/delivery-harness.js';
import { createTempStore } from '../../helpers/temp-store.js';

/**
 * Distribution next to a SLACK_BOT_TOKEN workspace ("home"), through the real outbox
 * worker, InstallProvider and store: each channel is posted to with its workspace's
 * token, and one workspace's bad token or missing scope never stops the others.
 */

const START = Math.floor(Date.now() / 60_000) * 60_000 - 60 * 60_000;
const T = (m: number) => new Date(START + m * 60_000).toISOString();
const logger = createSilentLogger();
const sdkLogger = createSlackLogger(logger);
const CLIENT = { clientId: '1111.2222', clientSecret: 'client-secret-abcdef0123456789' };

let temp: ReturnType<typeof createTempStore>;
let store: Store;
let slack: FakeSlack;
let worker: OutboxWorker;
let distribution: SlackDistribution;
const { timeline, poll, drained, deliverUntil } = createDeliveryHarness(() => store, () => worker, T);

/** What the OAuth redirect stores: the fake's oauth.v2.access answer, as InstallProvider shapes it. */
async function installTeam(team: string): Promise<void> {
  const body = new URLSearchParams({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code: slack.approveInstall(team) });
  const res = (await (await fetch(`${slack.apiUrl}oauth.v2.access`, { method: 'POST', body })).json()) as { access_token: string; bot_user_id: string; team: { id: string; name: string } };
  const installation = { team: res.team, enterprise: undefined, user: { id: 'U', token: undefined, scopes: undefined }, bot: { token: res.access_token, userId: res.bot_user_id, id: 'B', scopes: [] }, authVersion: 'v2', isEnterpriseInstall: false };
  store.slackInstallations.save({ teamId: team, enterpriseId: null, teamName: res.team.name, installation: JSON.stringify(installation) }, T(0));
}

const subscribe = (channel: string, workspaceId?: string) => store.subscriptions.upsert('slack', channel, { components: null, minImpact: 'none', earlyWarnings: true, workspaceId }, T(0));
const tokensTo = (channel: string) => [...new Set(slack.callsOf('chat.postMessage').filter((c) => c.params.channel === channel && c.outcome === 'ok').map((c) => c.token))];

beforeEach(async () => {
  temp = createTempStore();
  store = temp.store;
  slack = await createFakeSlack({ oauth: CLIENT, teams: [{ id: 'TAAA', name: 'Alpha', channels: ['CA'] }, { id: 'TBBB', name: 'Beta', channels: ['CB'] }] });
  distribution = createSlackDistribution({
    oauth: { ...CLIENT, stateSecret: 'state-secret-0123456789abcdef', redirectUrl: null },
    apiUrl: slack.apiUrl,
    workspaces: {
      installations: store.slackInstallations,
      remove: (team, reason) => removeWorkspace(store, team, reason, new Date().toISOString()),
      restore: (team, reasons) => restoreWorkspace(store, team, reasons, new Date().toISOString()),
    },
    subscriptions: store.subscriptions,
    clock: { now: () => new Date() },
    logger,
    sdkLogger,
    timeoutMs: 1_000,
  });
  const home = createSlackClients({ botToken: slack.botToken, apiUrl: slack.apiUrl, logger: sdkLogger, timeoutMs: 1_000 });
  distribution.setHome({ clients: home, teamId: HOME_TEAM.id, token: slack.botToken, botId: HOME_TEAM.botId, botUserId: HOME_TEAM.botUserId });
  const platform = createSlackPlatform({ workspaces: distribution.directory, logger, postSpacingMs: 50 });
  worker = createOutboxWorker({ store, platforms: [platform], logger, clock: { now: () => new Date() }, retryBaseMs: 40, retryMaxMs: 200 });
  await installTeam('TAAA');
  await installTeam('TBBB');
  subscribe('CA', 'TAAA');
  subscribe('CB', 'TBBB');
  // Subscribed before distribution was turned on: no workspace recorded, the home token serves it.
  store.subscriptions.ensure('slack', 'CH', T(0));
  poll([]);
});

afterEach(async () => {
  await worker.stop();
  await slack.close();
  temp.cleanup();
});

describe('deliveries in several workspaces', () => {
  it('post, edit and thread in each channel with its own workspace\'s token, and the home token for older channels', async () => {
    for (const state of timeline()) {
      poll([state]);
      await deliverUntil(drained, 'the outbox to drain');
    }
    expect(tokensTo('CA')).toEqual([slack.teamToken('TAAA')]);
    expect(tokensTo('CB')).toEqual([slack.teamToken('TBBB')]);
    expect(tokensTo('CH')).toEqual([slack.botToken]);
    for (const channel of ['CA', 'CB', 'CH']) expect(slack.roots(channel)).toHaveLength(1);
    expect(slack.callsOf('chat.update').filter((c) => c.params.channel === 'CA').every((c) => c.token === slack.teamToken('TAAA'))).toBe(true);
  });

  it('a token_revoked answer removes that workspace only; the others get the card and Slack is not halted', async () => {
    slack.revokeTeam('TBBB');
    poll([timeline()[0]!]);
    await deliverUntil(drained, 'the outbox to drain');
    expect(store.slackInstallations.get('TBBB')).toBeNull();
    expect(store.subscriptions.find('slack', 'CB')).toMatchObject({ enabled: false, disabledReason: 'slack_token_revoked' });
    expect(worker.halted().size).toBe(0);
    expect(slack.roots('CA')).toHaveLength(1);
    expect(slack.roots('CH')).toHaveLength(1);
    // The next update goes nowhere near the removed workspace.
    const before = slack.calls.length;
    poll([timeline()[1]!]);
    await deliverUntil(drained, 'the outbox to drain');
    expect(slack.calls.slice(before).some((c) => c.params.channel === 'CB')).toBe(false);
  });

  it('a missing scope in one workspace disables that channel and keeps its installation', async () => {
    slack.setChannelError('CA', 'missing_scope');
    poll([timeline()[0]!]);
    await deliverUntil(drained, 'the outbox to drain');
    expect(store.subscriptions.find('slack', 'CA')).toMatchObject({ enabled: false, disabledReason: 'slack_missing_scope' });
    expect(store.slackInstallations.get('TAAA')).not.toBeNull();
    expect(worker.halted().size).toBe(0);
    expect(slack.roots('CB')).toHaveLength(1);
  });

  it('a channel whose workspace is not installed, or unknown with no home token, is disabled with the fix', async () => {
    subscribe('CZ', 'TZZZ');
    await expect(distribution.directory.forChannel('CZ')).rejects.toMatchObject({ code: 'slack_workspace_not_installed', action: 'disable_subscription', message: expect.stringMatching(/reinstall it through \/slack\/install/) });
    distribution.setHome(null);
    await expect(distribution.directory.forChannel('CH')).rejects.toMatchObject({ code: 'slack_workspace_unknown', message: expect.stringMatching(/run \/claude-subscribe in it again/) });
  });
});

describe('Bolt authorize', () => {
  it('answers an installed team with its token, the home team with SLACK_BOT_TOKEN, and refuses a stranger', async () => {
    await expect(distribution.authorize({ teamId: 'TAAA', enterpriseId: undefined, isEnterpriseInstall: false })).resolves.toMatchObject({ botToken: slack.teamToken('TAAA'), teamId: 'TAAA' });
    await expect(distribution.authorize({ teamId: HOME_TEAM.id, enterpriseId: undefined, isEnterpriseInstall: false })).resolves.toMatchObject({ botToken: slack.botToken });
    await expect(distribution.authorize({ teamId: 'TZZZ', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(/TZZZ has not installed the bot/);
    // A stranger's slash command gets no token, so the command can answer how to install.
    const command = { command: '/claude-status', trigger_id: '1.2.abc', team_id: 'TZZZ' };
    const stranger = await distribution.authorize({ teamId: 'TZZZ', enterpriseId: undefined, isEnterpriseInstall: false }, command);
    expect(stranger).toEqual({ teamId: 'TZZZ' });
  });
});

describe('the installation store Bolt writes through', () => {
  it('stores one row per workspace, fetches and deletes it, and refuses an org-wide install', async () => {
    const installs = createInstallationStore(store.slackInstallations, { now: () => new Date(T(5)) });
    const query = { teamId: 'TNEW', enterpriseId: undefined, isEnterpriseInstall: false } as const;
    const installation = { team: { id: 'TNEW', name: 'New' }, enterprise: undefined, user: { id: 'U', token: undefined, scopes: undefined }, bot: { token: 'xoxb-new', userId: 'UB', id: 'B', scopes: [] } };
    await installs.storeInstallation(installation);
    expect(store.slackInstallations.get('TNEW')).toMatchObject({ teamName: 'New', installedAt: T(5) });
    await expect(installs.fetchInstallation(query)).resolves.toMatchObject({ bot: { token: 'xoxb-new' } });
    await installs.deleteInstallation!(query);
    await expect(installs.fetchInstallation(query)).rejects.toThrow(/TNEW has not installed the bot/);
    const org = { team: undefined, enterprise: { id: 'E1' }, user: { id: 'U', token: undefined, scopes: undefined }, isEnterpriseInstall: true } as const;
    await expect(installs.storeInstallation(org)).rejects.toThrow(/org-wide installations are not supported/);
    await expect(installs.fetchInstallation({ teamId: undefined, enterpriseId: 'E1', isEnterpriseInstall: true })).rejects.toThrow(/org-wide/);
  });
});

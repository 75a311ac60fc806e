import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminCheck } from '../../../src/platforms/slack/admin-check.js';
import { createSlackClients } from '../../../src/platforms/slack/slack-clients.js';
import { createSlackLogger } from '../../../src/platforms/slack/slack-logger.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await createFakeSlack({ users: [{ id: 'UADMIN', is_admin: true }, { id: 'UPRIMARY', is_primary_owner: true }, { id: 'UUSER' }] });
});
afterAll(() => slack.close());

describe('createAdminCheck', () => {
  it('asks users.info, trusts the answer for a while, then asks again', async () => {
    const logger = createSilentLogger();
    const clients = createSlackClients({ botToken: slack.botToken, apiUrl: slack.apiUrl, logger: createSlackLogger(logger) });
    const clock = { current: Date.now(), now: () => new Date(clock.current) };
    const isAdmin = createAdminCheck({ client: clients.quick, adminUserIds: ['ULISTED'], clock, logger, ttlMs: 1_000 });
    expect(await isAdmin('UADMIN')).toBe(true);
    expect(await isAdmin('UPRIMARY')).toBe(true);
    expect(await isAdmin('UUSER')).toBe(false);
    expect(await isAdmin('UUSER')).toBe(false);
    expect(await isAdmin('ULISTED')).toBe(true);
    // Unknown user or a failed lookup: not an admin (a polite refusal, never a silent change).
    expect(await isAdmin('UNOBODY')).toBe(false);
    slack.failNext('users.info', { kind: 'http', status: 500 });
    expect(await isAdmin('UOTHER')).toBe(false);
    expect(slack.callsOf('users.info').filter((c) => c.params.user === 'UUSER')).toHaveLength(1);
    clock.current += 2_000;
    await isAdmin('UUSER');
    expect(slack.callsOf('users.info').filter((c) => c.params.user === 'UUSER')).toHaveLength(2);
    expect(slack.callsOf('users.info').map((c) => c.params.user)).not.toContain('ULISTED');
  });
});

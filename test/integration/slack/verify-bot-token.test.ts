import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackClients } from '../../../src/platforms/slack/slack-clients.js';
import { createSlackLogger } from '../../../src/platforms/slack/slack-logger.js';
import { verifyBotToken } from '../../../src/platforms/slack/verify-tokens.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';

/** auth.test at start-up: a 429 is waited out (bounded, logged), a bad token is not. */
let slack: FakeSlack;
beforeEach(async () => {
  slack = await createFakeSlack();
});
afterEach(() => slack.close());

const clients = () => createSlackClients({ botToken: slack.botToken, apiUrl: slack.apiUrl, logger: createSlackLogger(createSilentLogger()), timeoutMs: 1_000 });

describe('verifyBotToken', () => {
  it('waits Retry-After on a 429 and tries again instead of exiting', async () => {
    slack.failNext('auth.test', { kind: 'rate_limit', retryAfterSeconds: 3 }, 2);
    const waited: number[] = [];
    const warnings: string[] = [];
    const identity = await verifyBotToken(clients().calls, slack.apiUrl, {
      sleep: async (ms) => void waited.push(ms),
      logger: { warn: (...m: unknown[]) => void warnings.push(String(m[0])) },
    });
    expect(identity.botUserId).toBe('UBOT');
    expect(waited).toEqual([3_000, 3_000]);
    expect(warnings[0]).toMatch(/rate limited.*waiting 3 s/);
  });

  it('gives up after the bounded number of waits with a message that says what to check', async () => {
    slack.failNext('auth.test', { kind: 'rate_limit', retryAfterSeconds: 1 }, 5);
    await expect(verifyBotToken(clients().calls, slack.apiUrl, { maxWaits: 2, sleep: async () => {} })).rejects.toMatchObject({ code: 'slack_unreachable' });
    expect(slack.callsOf('auth.test')).toHaveLength(3);
  });

  it('does not wait on a revoked token', async () => {
    slack.failNext('auth.test', { kind: 'error', error: 'token_revoked' }, 1);
    await expect(verifyBotToken(clients().calls, slack.apiUrl, { sleep: async () => expect.fail('no wait') })).rejects.toMatchObject({ code: 'slack_token_revoked' });
  });
});

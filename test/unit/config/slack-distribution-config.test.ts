import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';

/** The Slack distribution variables (issue 15): all three or none, and HTTP mode only. */

const OAUTH = { SLACK_CLIENT_ID: '1234567890.987654321', SLACK_CLIENT_SECRET: 'client-secret-abcdef', SLACK_STATE_SECRET: 'state-secret-0123456789' };

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('Slack distribution configuration', () => {
  it('turns on HTTP mode with the OAuth settings and no bot token', () => {
    const config = loadConfig({ ...OAUTH, SLACK_SIGNING_SECRET: 'signing-secret', SLACK_REDIRECT_URL: 'https://bot.example.com/slack/oauth_redirect' });
    expect(config.slack.mode).toBe('http');
    expect(config.slack.botToken).toBeNull();
    expect(config.slack.oauth).toEqual({ clientId: OAUTH.SLACK_CLIENT_ID, clientSecret: OAUTH.SLACK_CLIENT_SECRET, stateSecret: OAUTH.SLACK_STATE_SECRET, redirectUrl: 'https://bot.example.com/slack/oauth_redirect' });
    expect(loadConfig({}).slack.oauth).toBeNull();
  });

  it('names the missing variables when only some are set', () => {
    expect(problemsOf({ SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID, SLACK_SIGNING_SECRET: 'x' }).join('\n')).toMatch(/SLACK_CLIENT_ID, SLACK_CLIENT_SECRET .* and SLACK_STATE_SECRET/);
  });

  it('refuses distribution without a signing secret, and alongside Socket Mode', () => {
    expect(problemsOf(OAUTH).join('\n')).toMatch(/HTTP mode: set SLACK_SIGNING_SECRET/);
    expect(problemsOf({ ...OAUTH, SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).join('\n')).toMatch(/unset SLACK_APP_TOKEN/);
  });

  it('refuses a short state secret and a client id that is not one', () => {
    expect(problemsOf({ ...OAUTH, SLACK_STATE_SECRET: 'short', SLACK_SIGNING_SECRET: 's' }).join('\n')).toMatch(/SLACK_STATE_SECRET: must be at least 16/);
    expect(problemsOf({ ...OAUTH, SLACK_CLIENT_ID: 'not-an-id', SLACK_SIGNING_SECRET: 's' }).join('\n')).toMatch(/SLACK_CLIENT_ID: must be the Client ID/);
  });
});

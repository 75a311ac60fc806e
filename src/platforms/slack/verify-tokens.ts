import { webApi, type Logger as SlackLogger } from '@slack/bolt';
import { AppError } from '../../shared/errors.js';
import { baseClientOptions, type WebClient } from './slack-clients.js';

/** Start-up failed for a reason the operator can fix; the message says which variable and how. */
export class SlackStartError extends AppError {}

const REFUSED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'not_allowed_token_type', 'team_disabled']);

const BOT_FIX =
  'Copy the "Bot User OAuth Token" (xoxb-…) from your Slack app → OAuth & Permissions (install the app to the workspace first; ' +
  'reinstall it if it was removed), set SLACK_BOT_TOKEN to it, and start again.';
const APP_FIX =
  'Create an app-level token with the connections:write scope (Slack app → Basic Information → App-Level Tokens), set ' +
  'SLACK_APP_TOKEN to it (xapp-…), check that Socket Mode is on (Settings → Socket Mode), and start again.';

interface CodedLike {
  code?: unknown;
  data?: { error?: unknown };
  message?: unknown;
}

function explain(error: unknown, variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', apiUrl: string): SlackStartError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as CodedLike;
  const slackCode = typeof e.data?.error === 'string' ? e.data.error : null;
  if (slackCode && REFUSED.has(slackCode)) {
    return new SlackStartError(`slack_${slackCode}`, `Slack refused ${variable} (${slackCode}). ${variable === 'SLACK_BOT_TOKEN' ? BOT_FIX : APP_FIX}`, {
      cause: error,
    });
  }
  const detail = slackCode ?? (typeof e.message === 'string' ? e.message : String(error));
  return new SlackStartError(
    'slack_unreachable',
    `Could not check ${variable} with Slack at ${apiUrl} (${detail}). Check SLACK_API_URL and the network (proxy, firewall), then start again.`,
    { cause: error },
  );
}

export interface BotIdentity {
  botUserId: string | undefined;
  botId: string | undefined;
  team: string | undefined;
  teamId: string | undefined;
}

/**
 * `auth.test` with the bot token: proves the token before anything else starts.
 * @see https://docs.slack.dev/reference/methods/auth.test
 */
export async function verifyBotToken(client: WebClient, apiUrl: string, options: RateLimitWaitOptions = {}): Promise<BotIdentity> {
  const { maxWaits = 5, logger, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) } = options;
  for (let waits = 0; ; waits += 1) {
    try {
      const res = await client.auth.test();
      return { botUserId: res.user_id, botId: res.bot_id, team: res.team, teamId: res.team_id };
    } catch (error) {
      const retryAfter = rateLimitSeconds(error);
      // A 429 at start-up is "not now", not a bad token: wait as Slack asks, a bounded number of times.
      if (retryAfter === null || waits >= maxWaits) throw explain(error, 'SLACK_BOT_TOKEN', apiUrl);
      logger?.warn(`auth.test was rate limited by Slack: waiting ${retryAfter} s before checking SLACK_BOT_TOKEN again (${waits + 1}/${maxWaits})`);
      await sleep(retryAfter * 1000);
    }
  }
}

export interface RateLimitWaitOptions {
  /** How many 429s start-up waits out before giving up (default 5). */
  maxWaits?: number;
  logger?: Pick<SlackLogger, 'warn'>;
  sleep?: (ms: number) => Promise<void>;
}

const rateLimitSeconds = (error: unknown): number | null => {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; retryAfter?: unknown };
  if (e.code !== 'slack_webapi_rate_limited_error') return null;
  return typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? Math.min(Math.max(e.retryAfter, 0), 120) : 1;
};

/**
 * `apps.connections.open` with the app-level token, with a bounded retry, so a bad
 * token or URL fails start-up quickly and clearly. (The Socket Mode client retries
 * for a long time on its own: right for reconnects, wrong for a first start.)
 * @see https://docs.slack.dev/reference/methods/apps.connections.open
 */
export async function verifyAppToken(appToken: string, apiUrl: string, logger: SlackLogger): Promise<void> {
  const client = new webApi.WebClient(appToken, baseClientOptions(apiUrl, logger));
  try {
    await client.apps.connections.open();
  } catch (error) {
    throw explain(error, 'SLACK_APP_TOKEN', apiUrl);
  }
}

/** Socket Mode's own start can still fail (e.g. the token was revoked a moment ago). */
export const explainSocketStartError = (error: unknown, apiUrl: string): SlackStartError => explain(error, 'SLACK_APP_TOKEN', apiUrl);

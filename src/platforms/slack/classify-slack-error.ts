import { DeliveryError } from '../platform.js';

/**
 * Maps what `@slack/web-api` throws to a {@link DeliveryError} the outbox acts on.
 * Pure: no I/O, no clock, so each rule is one unit test.
 * @see https://docs.slack.dev/reference/methods/chat.postMessage#errors
 * @see https://docs.slack.dev/tools/node-slack-sdk/web-api#handle-errors
 */

/** The channel is gone or closed to the bot: stop sending there, say why. */
const CHANNEL_GONE: Record<string, string> = {
  channel_not_found: 'the channel was not found (deleted, or private and the bot is not in it)',
  not_in_channel: 'the bot is not in the channel: invite it with /invite @claude-outage-bot',
  is_archived: 'the channel is archived',
  channel_is_archived: 'the channel is archived',
  restricted_action: 'a workspace setting prevents the bot from posting in this channel',
  restricted_action_read_only_channel: 'the channel is read-only',
  restricted_action_thread_only_channel: 'the channel only allows thread replies',
  restricted_action_non_threadable_channel: 'the channel does not allow threads',
  team_access_not_granted: 'the bot has no access to the workspace that owns the channel',
  ekm_access_denied: 'administrators suspended the bot\'s access to the channel',
};

/** Credentials are bad: every call will fail the same way until someone fixes the token. */
const AUTH_BROKEN = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'no_permission',
  'not_allowed_token_type',
  'team_disabled',
  'org_login_required',
  'missing_scope',
]);

/** The payload itself is refused: sending it again cannot help. */
const PAYLOAD_REFUSED = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_attachments',
  'invalid_arguments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'too_many_attachments',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'thread_not_found',
  'cannot_reply_to_message',
]);

/** Slack-side trouble that usually passes. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited', 'rate_limited']);

interface SlackLikeError {
  code?: unknown;
  data?: { error?: unknown; needed?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

const asRecord = (error: unknown): SlackLikeError => (typeof error === 'object' && error !== null ? (error as SlackLikeError) : {});

/** `method` is the Web API method, for the message (e.g. `chat.postMessage`). */
export function classifySlackError(error: unknown, method: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = asRecord(error);
  const detail = typeof e.message === 'string' ? e.message : String(error);
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter : 1;
      return new DeliveryError('slack_rate_limited', 'retry', `${method} was rate limited by Slack (retry after ${seconds} s)`, seconds * 1000, { cause: error });
    }
    case 'slack_webapi_request_error':
      return new DeliveryError('slack_network_error', 'retry', `${method} could not reach Slack: ${detail}`, null, { cause: error });
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      const transient = status >= 500 || status === 408 || status === 0;
      return new DeliveryError(transient ? 'slack_server_error' : 'slack_http_error', transient ? 'retry' : 'drop', `${method} failed with HTTP ${status}`, null, {
        cause: error,
      });
    }
    case 'slack_webapi_platform_error':
      return classifyPlatformError(typeof e.data?.error === 'string' ? e.data.error : 'unknown_error', method, e.data?.needed, error);
    default:
      return new DeliveryError('slack_unexpected', 'retry', `${method} failed: ${detail}`, null, { cause: error });
  }
}

function classifyPlatformError(code: string, method: string, needed: unknown, cause: unknown): DeliveryError {
  const stable = `slack_${code}`;
  const gone = CHANNEL_GONE[code];
  if (gone) return new DeliveryError(stable, 'disable_subscription', `${code}: ${gone}`, null, { cause });
  if (AUTH_BROKEN.has(code)) {
    const fix =
      code === 'missing_scope'
        ? `add the scope ${typeof needed === 'string' ? needed : 'it needs'} (see slack-app-manifest.yml) and reinstall the app`
        : 'check SLACK_BOT_TOKEN (Slack app → OAuth & Permissions → Bot User OAuth Token), reinstall the app if it was revoked, then restart the bot';
    return new DeliveryError(stable, 'halt_platform', `Slack refused the bot token (${code}) on ${method}: ${fix}`, null, { cause });
  }
  if (PAYLOAD_REFUSED.has(code)) return new DeliveryError(stable, 'drop', `Slack refused ${method}: ${code}`, null, { cause });
  if (TRANSIENT.has(code)) return new DeliveryError(stable, 'retry', `${method} failed on Slack's side: ${code}`, null, { cause });
  // Unknown codes: retrying is bounded by the outbox's attempt limit, and losing an alert is worse.
  return new DeliveryError(stable, 'retry', `${method} failed: ${code}`, null, { cause });
}

/**
 * True when Slack may have acted on a post even though we saw a failure (the request
 * went out and no definite answer came back). The outbox then looks for the message
 * by its metadata before posting again.
 */
export const isAmbiguousPostFailure = (error: DeliveryError): boolean => AMBIGUOUS.has(error.code);

/** Slack documents internal_error and fatal_error as "the request may have been applied". */
const AMBIGUOUS = new Set(['slack_network_error', 'slack_server_error', 'slack_unexpected', 'slack_internal_error', 'slack_fatal_error']);

import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { DeliveryError, type DeliveryAction } from '../platform.js';

/**
 * Maps whatever @discordjs/rest threw into what the outbox should do. Pure: no I/O.
 * Rate limits are normally waited out inside @discordjs/rest; a RateLimitError only
 * reaches here when the wait is longer than the adapter allows, and then the outbox
 * reschedules the row after `retryAfterMs`.
 * @see https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 * @see https://discord.com/developers/docs/topics/rate-limits
 */
export function classifyDiscordError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const fail = (code: string, action: DeliveryAction, message: string, retryAfterMs: number | null = null) =>
    new DeliveryError(code, action, message, retryAfterMs, { cause: error });

  if (error instanceof RateLimitError) {
    return fail('discord_rate_limited', 'retry', `rate limited on ${error.route} for ${error.retryAfter} ms`, Math.max(0, error.retryAfter));
  }
  if (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) {
    return fail('discord_unauthorized', 'halt_platform', 'Discord rejected DISCORD_TOKEN: reset the bot token in the Developer Portal and restart');
  }
  if (error instanceof HTTPError) {
    return fail(`discord_http_${error.status}`, 'retry', `Discord answered ${error.status} ${error.message}`);
  }
  if (error instanceof DiscordAPIError) return classifyApiError(error, fail);
  if (error instanceof Error) {
    // undici: ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET...; AbortError is @discordjs/rest's request timeout.
    const code = error.name === 'AbortError' ? 'discord_timeout' : 'discord_network';
    return fail(code, 'retry', `could not reach Discord: ${error.message}`);
  }
  return fail('discord_unexpected', 'retry', String(error));
}

type Fail = (code: string, action: DeliveryAction, message: string, retryAfterMs?: number | null) => DeliveryError;

const DISABLING: Partial<Record<number, { code: string; hint: string }>> = {
  [RESTJSONErrorCodes.MissingAccess]: {
    code: 'discord_missing_access',
    hint: 'Missing Access: the bot cannot see this channel (give it View Channel, or invite it to the server)',
  },
  [RESTJSONErrorCodes.MissingPermissions]: {
    code: 'discord_missing_permissions',
    hint: 'Missing Permissions: give the bot Send Messages, Embed Links and thread permissions in this channel',
  },
  [RESTJSONErrorCodes.UnknownChannel]: { code: 'discord_unknown_channel', hint: 'Unknown Channel: the channel was deleted or the id is wrong' },
};

function classifyApiError(error: DiscordAPIError, fail: Fail): DeliveryError {
  const numeric = typeof error.code === 'number' ? error.code : null;
  const disabling = numeric === null ? undefined : DISABLING[numeric];
  if (disabling) return fail(disabling.code, 'disable_subscription', disabling.hint);
  if (error.status === 401 || numeric === RESTJSONErrorCodes.Unauthorized) {
    return fail('discord_unauthorized', 'halt_platform', 'Discord rejected DISCORD_TOKEN (401): reset the bot token in the Developer Portal and restart');
  }
  if (error.status === 429) return fail('discord_rate_limited', 'retry', error.message);
  if (error.status >= 500 || numeric === RESTJSONErrorCodes.APIResourceOverloaded) {
    return fail(`discord_http_${error.status}`, 'retry', error.message);
  }
  if (numeric === RESTJSONErrorCodes.InvalidFormBodyOrContentType) {
    return fail('discord_invalid_form_body', 'drop', `Discord rejected the message: ${error.message}`);
  }
  // The card was deleted by someone in the channel: respect that, do not repost it.
  if (numeric === RESTJSONErrorCodes.UnknownMessage) return fail('discord_unknown_message', 'drop', 'the alert message was deleted');
  if (error.status === 403) return fail(`discord_forbidden_${error.code}`, 'disable_subscription', error.message);
  return fail(`discord_rejected_${error.code}`, 'drop', error.message);
}

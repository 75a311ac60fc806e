import type { RESTOptions } from 'discord.js';

export interface DiscordRestSettings {
  /** DISCORD_API_URL, e.g. https://discord.com/api (requests go to `<api>/v10/...`). */
  apiUrl: string;
  timeoutMs: number;
  /**
   * Rate limits up to this long are waited out inside @discordjs/rest; a longer one
   * throws RateLimitError, which the outbox turns into a retry after Retry-After,
   * so one limited channel cannot stall every other delivery.
   */
  maxRateLimitWaitMs: number;
}

/**
 * How the bot's REST client behaves. `retries: 0` hands 5xx and network failures to
 * the outbox, which retries with backoff and the same nonce (so never twice).
 * @see https://discord.js.org/docs/packages/rest/main/RESTOptions:Interface
 */
export function discordRestOptions(settings: DiscordRestSettings): Partial<RESTOptions> {
  return {
    api: settings.apiUrl,
    retries: 0,
    timeout: settings.timeoutMs,
    rejectOnRateLimit: (limit) => limit.retryAfter > settings.maxRateLimitWaitMs,
  };
}

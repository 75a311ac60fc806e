import { webApi, type Logger as SlackLogger } from '@slack/bolt';

export type WebClient = InstanceType<typeof webApi.WebClient>;
export type WebClientOptions = NonNullable<ConstructorParameters<typeof webApi.WebClient>[1]>;

/** Three clients for three jobs, each with the retry policy that job can afford. */
export interface SlackClients {
  /** chat.postMessage: no retries inside the client (a retried post could make a second card; the outbox retries instead). */
  posts: WebClient;
  /** Idempotent calls (chat.update, conversations.*, auth.test): a short bounded retry on 5xx and network errors. */
  calls: WebClient;
  /** users.info while a slash command waits: one quick try, so the 3-second ack is never missed. */
  quick: WebClient;
}

export interface SlackClientsOptions {
  botToken: string;
  apiUrl: string;
  logger: SlackLogger;
  /** Per-request timeout of `posts` and `calls`; a hung Slack must not stall the outbox. */
  timeoutMs?: number;
}

/**
 * Options shared by every client, Bolt's and Socket Mode's included. A 429 is never
 * slept on inside a client (`rejectRateLimitedCalls`): it surfaces as an error so the
 * outbox reschedules that one row after Retry-After and other channels keep flowing.
 * @see https://docs.slack.dev/tools/node-slack-sdk/web-api#rate-limits
 */
export function baseClientOptions(apiUrl: string, logger: SlackLogger, timeoutMs = 10_000): WebClientOptions {
  return {
    slackApiUrl: apiUrl,
    logger,
    timeout: timeoutMs,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000, maxRetryTime: 10_000 },
  };
}

export function createSlackClients(options: SlackClientsOptions): SlackClients {
  const base = baseClientOptions(options.apiUrl, options.logger, options.timeoutMs);
  const { WebClient } = webApi;
  return {
    posts: new WebClient(options.botToken, { ...base, retryConfig: { retries: 0 } }),
    calls: new WebClient(options.botToken, base),
    quick: new WebClient(options.botToken, { ...base, timeout: 2_000, retryConfig: { retries: 0 } }),
  };
}

import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
// bottleneck is the limiter both Octokit plugins are built on (their dependency, same version).
import Bottleneck from 'bottleneck';
import type { Logger } from '../shared/logger.js';

/** How the GitHub client spaces, throttles and retries. Defaults suit the real API. */
export interface GithubClientOptions {
  /** GITHUB_API_URL, e.g. https://api.github.com */
  baseUrl: string;
  /** GITHUB_TOKEN; null searches anonymously (10 searches a minute instead of 30). */
  token: string | null;
  userAgent: string;
  logger: Logger;
  /** Gap between two searches; default 60 s / the search limit (6 s anonymous, 2 s with a token). */
  searchSpacingMs?: number;
  /** Longest rate-limit wait taken inside one poll; a longer one fails the poll and the watcher pauses. */
  maxRateLimitWaitSeconds?: number;
  /** Milliseconds per second of `retry-after` / backoff: 1000 in production, small in tests. */
  retryAfterBaseMs?: number;
  /** 403/429 secondary limits without retry-after wait this many seconds (the plugin's default is 60). */
  fallbackSecondaryRetryAfterSeconds?: number;
  /** Retries of 5xx and network errors, with the retry plugin's quadratic backoff. */
  retries?: number;
}

/** Octokit with the throttling and retry plugins. The type of the client the search source uses. */
export const GithubOctokit = Octokit.plugin(throttling, retry);
export type GithubClient = InstanceType<typeof GithubOctokit>;

/**
 * A GitHub client that stays within the search rate limit: searches are spaced by our
 * own limiter (the plugin's shared one assumes a token), 403/429 limits are retried once
 * after `retry-after` or `x-ratelimit-reset` when that is short, and 5xx a bounded number
 * of times. Rate limits are ours to handle (403, 422 and 429 are never blindly retried).
 * @see https://github.com/octokit/plugin-throttling.js
 * @see https://docs.github.com/en/rest/search/search#rate-limit
 */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const { logger, token } = options;
  const spacing = options.searchSpacingMs ?? (token ? 2_000 : 6_000);
  const maxWait = options.maxRateLimitWaitSeconds ?? 60;
  const base = options.retryAfterBaseMs ?? 1_000;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const retrying = retryCount < 1 && retryAfter <= maxWait;
      logger.warn({ kind, retryAfter, retrying, route: `${request.method} ${request.url.split('?')[0] ?? ''}` }, `GitHub ${kind} rate limit hit`);
      return retrying;
    };
  return new GithubOctokit({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: options.userAgent,
    ...(token ? { auth: token } : {}),
    // Octokit's own messages (deprecations) go to our logger; it never logs headers.
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => logger.warn({ source: 'github' }, message),
      error: (message: string) => logger.error({ source: 'github' }, message),
    },
    throttle: {
      search: new Bottleneck.Group({ maxConcurrent: 1, minTime: spacing }),
      retryAfterBaseValue: base,
      fallbackSecondaryRateRetryAfter: options.fallbackSecondaryRetryAfterSeconds ?? 60,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
    retry: {
      retries: options.retries ?? 2,
      retryAfterBaseValue: base,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
  });
}

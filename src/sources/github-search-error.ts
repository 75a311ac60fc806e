import { AppError } from '../shared/errors.js';

/** Stable codes for a failed GitHub search; stored in poll state as `github_<code>`. */
export type GithubSearchErrorCode =
  | 'rate_limited' // 403/429 over the search limit, after the bounded retries
  | 'query_rejected' // 422: the query is invalid (bad GITHUB_REPO, too many OR terms)
  | 'unauthorized' // 401: GITHUB_TOKEN rejected
  | 'http_status' // any other 4xx/5xx
  | 'network' // refused, reset, DNS, timeout
  | 'unparsable'; // an answer without the fields a search result has

/** One failed search, as data: the watcher stores it and backs off. */
export class GithubSearchError extends AppError {
  declare readonly code: GithubSearchErrorCode;
  readonly statusCode: number | null;
  /** How long GitHub asked us to wait (retry-after or x-ratelimit-reset), when it said. */
  readonly retryAfterMs: number | null;

  constructor(code: GithubSearchErrorCode, message: string, options: { statusCode?: number | null; retryAfterMs?: number | null; cause?: unknown } = {}) {
    super(code, message, { cause: options.cause });
    this.statusCode = options.statusCode ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/** The parts of an @octokit/request-error RequestError we read (duck-typed: no extra import). */
interface RequestErrorLike {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

const isRequestError = (error: unknown): error is RequestErrorLike =>
  typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';

/** Milliseconds GitHub asked us to wait: `retry-after` (seconds), else until `x-ratelimit-reset` (epoch seconds). */
export function waitFromHeaders(headers: Record<string, string | number | undefined>, nowMs: number): number | null {
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter * 1000;
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] !== undefined && Number(headers['x-ratelimit-remaining']) === 0 && Number.isFinite(reset)) {
    return Math.max(0, reset * 1000 - nowMs);
  }
  return null;
}

/** Maps whatever Octokit threw to a typed error whose message says what to do next. */
export function toGithubSearchError(error: unknown, context: { repo: string; hasToken: boolean; nowMs: number }): GithubSearchError {
  if (error instanceof GithubSearchError) return error;
  if (!isRequestError(error) || (error.status === 500 && !error.response)) {
    const message = error instanceof Error ? error.message : String(error);
    return new GithubSearchError('network', `GitHub search could not be reached: ${message}. Check GITHUB_API_URL and the network.`, { cause: error });
  }
  const status = error.status;
  const headers = error.response?.headers ?? {};
  if (status === 422) {
    return new GithubSearchError(
      'query_rejected',
      `GitHub rejected the search query (422: ${error.message}). Check GITHUB_REPO (owner/name of a repository the bot can read) and the search terms.`,
      { statusCode: status, cause: error },
    );
  }
  if (status === 401) {
    return new GithubSearchError('unauthorized', 'GitHub rejected GITHUB_TOKEN (401): create a new token, or unset it to search without one.', { statusCode: status, cause: error });
  }
  const retryAfterMs = waitFromHeaders(headers, context.nowMs);
  if (status === 429 || (status === 403 && (retryAfterMs !== null || /rate limit/i.test(error.message)))) {
    const tip = context.hasToken ? '' : ' Set GITHUB_TOKEN to raise the search limit from 10 to 30 requests a minute.';
    const wait = retryAfterMs === null ? '' : ` for ${Math.ceil(retryAfterMs / 1000)} s`;
    return new GithubSearchError('rate_limited', `GitHub search rate limit reached; pausing${wait}.${tip}`, { statusCode: status, retryAfterMs, cause: error });
  }
  return new GithubSearchError('http_status', `GitHub search answered ${status}: ${error.message}`, { statusCode: status, retryAfterMs, cause: error });
}

import { BodyTooLargeError, isHtmlBody, parseRetryAfterMs, readCappedBody } from './http-body.js';
import { SourceError } from './source-error.js';

/** Options for the one HTTP layer every source uses. */
export interface HttpFetcherOptions {
  /** Budget for the whole request, body included. */
  timeoutMs: number;
  /** Bodies past this many bytes are abandoned mid-stream (`too_large`). */
  maxBytes: number;
  userAgent: string;
  /** Injectable for tests; defaults to Node's global fetch (undici). */
  fetch?: typeof fetch;
  /** Clock for HTTP-date Retry-After values. */
  now?: () => number;
}

/** Per-request options. */
export interface HttpGetOptions {
  /** Sent as If-None-Match. */
  etag?: string | null;
  accept?: string;
  signal?: AbortSignal;
}

/** A usable answer: a full body, or "not modified" for a conditional request. */
export type HttpResult =
  | { status: 200; body: string; etag: string | null; headers: Record<string, string> }
  | { status: 304; headers: Record<string, string> };

/** GETs a URL and either returns a body or throws a {@link SourceError}. */
export interface HttpFetcher {
  get(url: string, options?: HttpGetOptions): Promise<HttpResult>;
}

/** Error bodies are read only far enough to tell an HTML page from anything else. */
const ERROR_PEEK_BYTES = 64 * 1024;

export function createHttpFetcher(options: HttpFetcherOptions): HttpFetcher {
  const { timeoutMs, maxBytes, userAgent } = options;
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;

  return {
    async get(url, { etag, accept, signal } = {}) {
      // A timer cleared once the body is read, not AbortSignal.timeout: that one fires after
      // every request, finished or not, and undici's abort handling then costs ~4 ms a poll.
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(new DOMException('request timed out', 'TimeoutError')), timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
      const headers: Record<string, string> = { 'user-agent': userAgent, accept: accept ?? '*/*' };
      if (etag) headers['if-none-match'] = etag;
      try {
        const response = await fetchImpl(url, { headers, signal: combined, redirect: 'follow' });
        return await readResponse(url, response, combined);
      } catch (error) {
        if (error instanceof SourceError) throw error;
        if (error instanceof BodyTooLargeError) {
          throw new SourceError('too_large', `${url}: body larger than the ${maxBytes}-byte cap`, { url });
        }
        if (timeout.signal.aborted) {
          throw new SourceError('timeout', `${url}: no complete answer within ${timeoutMs} ms`, { url, cause: error });
        }
        if (signal?.aborted) throw new SourceError('timeout', `${url}: request aborted`, { url, cause: error });
        throw new SourceError('network', `${url}: ${describeNetworkError(error)}`, { url, cause: error });
      } finally {
        clearTimeout(timer);
      }
    },
  };

  async function readResponse(url: string, response: Response, signal: AbortSignal): Promise<HttpResult> {
    const headers = Object.fromEntries(response.headers.entries());
    const statusCode = response.status;
    if (statusCode === 304) {
      await response.body?.cancel().catch(() => undefined);
      return { status: 304, headers };
    }
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    if (isRateLimited(response)) {
      await response.body?.cancel().catch(() => undefined);
      const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), now());
      const wait = retryAfterMs === null ? '' : ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)`;
      throw new SourceError('rate_limited', `${url}: rate limited, HTTP ${statusCode}${wait}`, { url, statusCode, retryAfterMs });
    }
    const contentType = response.headers.get('content-type');
    if (!response.ok) {
      const peek = await readCappedBody(response, ERROR_PEEK_BYTES, signal).catch(() => '');
      // 404 and 5xx are real errors even when the error page is HTML; other statuses
      // (403, 405, 202 from a CDN or WAF) with HTML are a challenge in front of the page.
      const plainError = statusCode === 404 || statusCode === 410 || statusCode >= 500;
      if (!plainError && isHtmlBody(contentType, peek)) throw challenge(url, statusCode);
      throw new SourceError('http_status', `${url}: HTTP ${statusCode}`, { url, statusCode });
    }
    const body = await readCappedBody(response, maxBytes, signal);
    if (isHtmlBody(contentType, body)) throw challenge(url, statusCode);
    return { status: 200, body, etag: response.headers.get('etag'), headers };
  }
}

function challenge(url: string, statusCode: number): SourceError {
  return new SourceError(
    'challenge_page',
    `${url}: blocked by a challenge page (HTTP ${statusCode} with HTML where JSON or XML was expected)`,
    { url, statusCode },
  );
}

/** 429, or a 403 that says the rate-limit budget is spent. */
function isRateLimited(response: Response): boolean {
  if (response.status === 429) return true;
  return response.status === 403 && response.headers.get('x-ratelimit-remaining') === '0';
}

/** undici hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code} (${cause.message})` : cause.message;
  }
  return error.message;
}

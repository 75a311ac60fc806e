import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createHttpFetcher, type HttpFetcherOptions } from '../../../src/sources/http-fetch.js';
import { SourceError, toSourceFailure } from '../../../src/sources/source-error.js';

const URL_ = 'https://status.example.com/api/v2/summary.json';

/** A fetcher whose "network" answers with the given Response (Node's real Response class). */
const answering = (response: () => Response, extra: Partial<HttpFetcherOptions> = {}) =>
  createHttpFetcher({ timeoutMs: 1_000, maxBytes: 1_000, userAgent: 'test', fetch: async () => response(), ...extra });

async function failureOf(promise: Promise<unknown>) {
  const error: unknown = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SourceError);
  return toSourceFailure(error);
}

describe('createHttpFetcher', () => {
  it('returns the body and ETag of a 200, and sends If-None-Match and the user agent', async () => {
    let sent: Headers | null = null;
    const http = createHttpFetcher({
      timeoutMs: 1_000, maxBytes: 1_000, userAgent: 'claude-outage-bot/1',
      fetch: async (_url, init) => {
        sent = new Headers(init?.headers);
        return new Response('{"ok":true}', { headers: { etag: 'W/"abc"', 'content-type': 'application/json' } });
      },
    });
    const result = await http.get(URL_, { etag: 'W/"old"', accept: 'application/json' });
    expect(result).toMatchObject({ status: 200, body: '{"ok":true}', etag: 'W/"abc"' });
    expect(sent!.get('if-none-match')).toBe('W/"old"');
    expect(sent!.get('user-agent')).toBe('claude-outage-bot/1');
  });

  it('spots a challenge page on a 200 by sniffing, whatever the content type says', async () => {
    const http = answering(() => new Response('\n  <!DOCTYPE html><html><title>Just a moment...</title></html>', { headers: { 'content-type': 'application/json' } }));
    const failure = await failureOf(http.get(URL_));
    expect(failure).toMatchObject({ code: 'challenge_page', statusCode: 200, url: URL_ });
    expect(failure.message).toContain('blocked by a challenge page');
  });

  it('keeps a data body even when it is mislabelled text/html', async () => {
    const http = answering(() => new Response('{"page":{}}', { headers: { 'content-type': 'text/html' } }));
    expect(await http.get(URL_)).toMatchObject({ status: 200, body: '{"page":{}}' });
  });

  it('rejects a declared Content-Length over the cap before reading', async () => {
    const http = answering(() => new Response('x'.repeat(2_000), { headers: { 'content-length': '2000' } }));
    expect((await failureOf(http.get(URL_))).code).toBe('too_large');
  });

  it('parses Retry-After as an HTTP date, and a spent 403 budget as rate_limited', async () => {
    const now = Date.parse('2026-10-07T12:00:00Z');
    const dated = answering(() => new Response('', { status: 429, headers: { 'retry-after': 'Wed, 07 Oct 2026 12:00:30 GMT' } }), { now: () => now });
    expect(await failureOf(dated.get(URL_))).toMatchObject({ code: 'rate_limited', retryAfterMs: 30_000 });
    const spent = answering(() => new Response('', { status: 403, headers: { 'x-ratelimit-remaining': '0' } }));
    expect(await failureOf(spent.get(URL_))).toMatchObject({ code: 'rate_limited', retryAfterMs: null, statusCode: 403 });
  });

  it('reports a refused connection as network, with the reason', async () => {
    // Reserve a port, then close it so nothing listens there.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const http = createHttpFetcher({ timeoutMs: 2_000, maxBytes: 1_000, userAgent: 'test' });
    const failure = await failureOf(http.get(`http://127.0.0.1:${port}/api/v2/summary.json`));
    expect(failure.code).toBe('network');
    expect(failure.message).toContain('ECONNREFUSED');
  });

  it('times out when the headers arrive but the body stalls (real server)', async () => {
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"page":');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const http = createHttpFetcher({ timeoutMs: 150, maxBytes: 1_000, userAgent: 'test' });
      expect((await failureOf(http.get(`http://127.0.0.1:${port}/api/v2/summary.json`))).code).toBe('timeout');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('times out a stalled body even when the fetch implementation ignores its signal', async () => {
    const stalled = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('{"a":')) });
    const http = answering(() => new Response(stalled), { timeoutMs: 100 });
    expect((await failureOf(http.get(URL_))).code).toBe('timeout');
  });

  it('turns foreign errors into unparsable failures', () => {
    expect(toSourceFailure(new TypeError('boom'), URL_)).toEqual({ url: URL_, code: 'unparsable', message: 'boom', statusCode: null, retryAfterMs: null });
  });
});

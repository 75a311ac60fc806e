import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderAtom, renderJson, renderRss } from './statuspage-render.js';
import type { StatuspageState } from './statuspage-state.js';

/**
 * A fake Atlassian Statuspage on 127.0.0.1, for the tests and the offline `demo` verb.
 * It serves documents generated from a plain Statuspage-shaped state, answers
 * If-None-Match with 304, and can fail the ways the real page does.
 * @see https://developer.statuspage.io/
 */

export const FAILURE_MODES = [
  'challenge', // 405 + an AWS WAF / CloudFront-like HTML page
  '500',
  '404',
  'truncated', // 200, the document cut in half
  'invalid_xml', // 200, a broken XML document (on every path)
  'oversize', // 200, an endless chunked body
  'hang', // accepts, never answers
  'empty_feed', // feeds: valid, no entries; JSON: an empty 200 body
  'rate_limit', // 429 + Retry-After
] as const;
export type FailureMode = (typeof FAILURE_MODES)[number];

/** One request the fake saw. */
export interface FakeRequest {
  path: string;
  ifNoneMatch: string | null;
}

/** A running fake page. */
export interface FakeStatuspage {
  /** http://127.0.0.1:<port>, no trailing slash. */
  readonly url: string;
  setState(state: StatuspageState): void;
  /**
   * Serves this exact body at a path (a real payload from test/fixtures, an incident.io feed...),
   * with an ETag like the rest; null goes back to the generated document. Failures still apply.
   */
  setBody(path: string, body: string | null, type?: string): void;
  /** Fails the given paths (all paths when omitted); null clears them. */
  setFailure(mode: FailureMode | null, paths?: string | string[]): void;
  readonly requests: FakeRequest[];
  close(): Promise<void>;
}

export interface FakeStatuspageOptions {
  state?: StatuspageState;
  /** Retry-After seconds sent with rate_limit. */
  retryAfterSeconds?: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const ROUTES: Record<string, { type: string; feed: 'atom' | 'rss' | null }> = {
  '/api/v2/summary.json': { type: JSON_TYPE, feed: null },
  '/api/v2/incidents.json': { type: JSON_TYPE, feed: null },
  '/api/v2/status.json': { type: JSON_TYPE, feed: null },
  '/api/v2/components.json': { type: JSON_TYPE, feed: null },
  '/api/v2/scheduled-maintenances.json': { type: JSON_TYPE, feed: null },
  '/api/v2/scheduled-maintenances/upcoming.json': { type: JSON_TYPE, feed: null },
  '/api/v2/scheduled-maintenances/active.json': { type: JSON_TYPE, feed: null },
  '/history.atom': { type: 'application/atom+xml; charset=utf-8', feed: 'atom' },
  '/history.rss': { type: 'application/rss+xml; charset=utf-8', feed: 'rss' },
};

const EMPTY_STATE: StatuspageState = {
  page: { id: 'fakepage0001', name: 'Fake', updated_at: '2026-01-01T00:00:00Z' },
  components: [],
  incidents: [],
};

/** Modelled on an AWS WAF CAPTCHA answer from CloudFront (which status.claude.com sits behind). */
const CHALLENGE_HTML = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Human Verification</title>
<script>window.awsWafCookieDomainList = [];window.gokuProps = {"key":"fake"};</script></head>
<body><div id="captcha-container"></div><noscript>JavaScript is required</noscript></body></html>`;

export async function createFakeStatuspage(options: FakeStatuspageOptions = {}): Promise<FakeStatuspage> {
  let state = options.state ?? EMPTY_STATE;
  const failures = new Map<string, FailureMode>();
  const bodies = new Map<string, { body: string; type: string }>();
  let failAll: FailureMode | null = null;
  const requests: FakeRequest[] = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', url).pathname;
    const ifNoneMatch = req.headers['if-none-match'] ?? null;
    requests.push({ path, ifNoneMatch });
    const fixed = bodies.get(path);
    const route = fixed ? { type: fixed.type, feed: path.endsWith('.atom') || path.endsWith('.rss') ? ('atom' as const) : null } : ROUTES[path];
    const mode = failures.get(path) ?? failAll;
    if (mode === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (!route || mode === '404') return send(res, 404, 'text/html', '<!DOCTYPE html><html><body><h1>404 - Page not found</h1></body></html>');
    if (mode === '500') return send(res, 500, 'text/plain', 'Internal Server Error');
    if (mode === 'challenge') {
      return send(res, 405, 'text/html', CHALLENGE_HTML, { server: 'CloudFront', 'x-cache': 'Error from cloudfront' });
    }
    if (mode === 'rate_limit') {
      return send(res, 429, 'text/plain', 'Too Many Requests', { 'retry-after': String(options.retryAfterSeconds ?? 120) });
    }
    if (mode === 'oversize') return sendEndless(res, route.type);
    if (mode === 'invalid_xml') return send(res, 200, route.type, '<?xml version="1.0"?><feed><entry><title>broken</entry></feed');
    const body = fixed ? fixed.body : render(path, route.feed, mode === 'empty_feed');
    if (mode === 'truncated') return send(res, 200, route.type, body.slice(0, Math.floor(body.length / 2)));
    // Like the real page: weak ETags on the feeds, strong ones on the API.
    const hash = createHash('sha1').update(body).digest('hex').slice(0, 32);
    const etag = route.feed ? `W/"${hash}"` : `"${hash}"`;
    if (ifNoneMatch && matches(ifNoneMatch, hash)) return send(res, 304, null, '', { etag });
    return send(res, 200, route.type, body, { etag, 'cache-control': 'max-age=10, public' });
  }

  function render(path: string, feed: 'atom' | 'rss' | null, empty: boolean): string {
    const publicUrl = (state.page.url ?? url).replace(/\/+$/, '');
    if (feed === 'atom') return renderAtom(state, publicUrl, !empty);
    if (feed === 'rss') return renderRss(state, publicUrl, !empty);
    return empty ? '' : (renderJson(path, state, publicUrl) ?? '');
  }

  return {
    url,
    requests,
    setState(next) {
      state = structuredClone(next);
    },
    setBody(path, body, type) {
      if (body === null) bodies.delete(path);
      else bodies.set(path, { body, type: type ?? (path.endsWith('.json') ? JSON_TYPE : 'application/atom+xml; charset=utf-8') });
    },
    setFailure(mode, paths) {
      if (paths === undefined) {
        failAll = mode;
        if (mode === null) failures.clear();
        return;
      }
      for (const path of Array.isArray(paths) ? paths : [paths]) {
        if (mode === null) failures.delete(path);
        else failures.set(path, mode);
      }
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Weak comparison, as If-None-Match requires; `*` matches anything. */
function matches(header: string, hash: string): boolean {
  return header.split(',').some((tag) => {
    const value = tag.trim();
    return value === '*' || value.replace(/^W\//, '') === `"${hash}"`;
  });
}

function send(res: ServerResponse, status: number, type: string | null, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...(type ? { 'content-type': type } : {}), ...headers });
  res.end(status === 304 ? undefined : body);
}

/** Writes 64 KiB chunks (up to 1 GiB) until the client goes away. */
function sendEndless(res: ServerResponse, type: string): void {
  res.writeHead(200, { 'content-type': type });
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let left = 16_384;
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      left -= 1;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => {
    left = 0;
  });
  pump();
}

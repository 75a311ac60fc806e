import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake GitHub REST API on 127.0.0.1 serving `GET /search/issues` the way GitHub does:
 * the `q` qualifiers (repo, is:issue, created:>=) and OR'ed terms (loosely), sort/order,
 * per_page/page with `Link` headers, search rate-limit headers, and its failures on demand.
 * @see https://docs.github.com/en/rest/search/search#search-issues-and-pull-requests
 */

export interface FakeIssue {
  number: number;
  title: string;
  body?: string | null;
  /** ISO, Z. */
  created_at: string;
  repo?: string;
  pullRequest?: boolean;
}

/** What the next request (one per entry, in order) answers instead of results. */
export type FakeFailure =
  | { kind: 'secondary'; retryAfter?: number } // 403 "secondary rate limit", with retry-after when given
  | { kind: 'primary'; resetInSeconds: number } // 403, x-ratelimit-remaining: 0
  | { kind: '429'; retryAfter: number }
  | { kind: '422' }
  | { kind: '500' }
  | { kind: 'incomplete' }; // 200 with incomplete_results: true

export interface FakeGithubRequest {
  q: string;
  page: number;
  perPage: number;
  sort: string | null;
  order: string | null;
  /** Whether an Authorization header came (its value is never kept). */
  authorized: boolean;
  status: number;
}

export interface FakeGithub {
  readonly url: string;
  readonly requests: FakeGithubRequest[];
  issues: FakeIssue[];
  failNext(...failures: FakeFailure[]): void;
  /** x-ratelimit-remaining sent with the next successful answers (null: counts down from the limit). */
  setRemaining(remaining: number | null, resetInSeconds?: number): void;
  close(): Promise<void>;
}

const DEFAULT_REPO = 'anthropics/claude-code';

function parseQuery(q: string): { repo: string | null; isIssue: boolean; since: number | null; terms: string[] } {
  const repo = /(?:^|\s)repo:(\S+)/.exec(q)?.[1] ?? null;
  const since = /(?:^|\s)created:>=(\S+)/.exec(q)?.[1];
  const rest = q.replace(/(?:^|\s)(?:repo|is|created):\S+/g, ' ');
  const terms = [...rest.matchAll(/"([^"]+)"|(\S+)/g)].map((m) => (m[1] ?? m[2] ?? '').toLowerCase()).filter((t) => t !== '' && t !== 'or');
  return { repo, isIssue: /(?:^|\s)is:issue\b/.test(q), since: since ? Date.parse(since) : null, terms };
}

export interface FakeGithubOptions {
  repo?: string;
  /** When set, an Authorization header with another token answers 401 Bad credentials (as GitHub does). */
  token?: string;
}

export async function createFakeGithub(options: FakeGithubOptions = {}): Promise<FakeGithub> {
  const requests: FakeGithubRequest[] = [];
  const failures: FakeFailure[] = [];
  let remainingOverride: { remaining: number; resetIn: number } | null = null;
  let used = 0;
  const state = { issues: [] as FakeIssue[] };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  function handle(req: IncomingMessage, res: ServerResponse, base: string): void {
    const url = new URL(req.url ?? '/', base);
    const auth = req.headers.authorization;
    if (options.token && auth !== undefined && auth !== `Bearer ${options.token}` && auth !== `token ${options.token}`) {
      return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    }
    if (req.method === 'GET' && url.pathname === '/rate_limit') return send(res, 200, rateLimit(auth !== undefined));
    if (req.method !== 'GET' || url.pathname !== '/search/issues') return send(res, 404, { message: 'Not Found' });
    const q = url.searchParams.get('q') ?? '';
    const page = Number(url.searchParams.get('page') ?? '1');
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? '30'));
    const authorized = typeof req.headers.authorization === 'string';
    const limit = authorized ? 30 : 10;
    const nowS = Math.floor(Date.now() / 1000);
    used += 1;
    const remaining = remainingOverride?.remaining ?? Math.max(0, limit - used);
    const rate = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(nowS + (remainingOverride?.resetIn ?? 60)),
      'x-ratelimit-used': String(used),
      'x-ratelimit-resource': 'search',
    };
    const record = (status: number) => requests.push({ q, page, perPage, sort: url.searchParams.get('sort'), order: url.searchParams.get('order'), authorized, status });
    const failure = failures.shift();
    if (failure && failure.kind !== 'incomplete') {
      const docs = 'https://docs.github.com/rest/search/search';
      switch (failure.kind) {
        case 'secondary':
          record(403);
          return send(res, 403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: docs }, {
            ...rate,
            ...(failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {}),
          });
        case 'primary':
          record(403);
          return send(res, 403, { message: 'API rate limit exceeded for 127.0.0.1.', documentation_url: docs }, {
            ...rate,
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(nowS + failure.resetInSeconds),
          });
        case '429':
          record(429);
          return send(res, 429, { message: 'Too Many Requests' }, { 'retry-after': String(failure.retryAfter) });
        case '422':
          record(422);
          return send(res, 422, {
            message: 'Validation Failed',
            errors: [{ message: 'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.', resource: 'Search', field: 'q', code: 'invalid' }],
            documentation_url: docs,
          });
        case '500':
          record(500);
          return send(res, 500, { message: 'Server Error' });
      }
    }

    const query = parseQuery(q);
    if (!query.isIssue) {
      record(422);
      return send(res, 422, { message: 'Validation Failed', errors: [{ message: 'Query must include is:issue or is:pull-request', code: 'invalid' }] });
    }
    const repo = query.repo ?? '';
    const matches = state.issues
      .filter((i) => (i.repo ?? options.repo ?? DEFAULT_REPO).toLowerCase() === repo.toLowerCase() && !i.pullRequest)
      .filter((i) => query.since === null || Date.parse(i.created_at) >= query.since)
      .filter((i) => query.terms.length === 0 || query.terms.some((t) => `${i.title}\n${i.body ?? ''}`.toLowerCase().includes(t)))
      .sort((a, b) => (url.searchParams.get('order') === 'asc' ? 1 : -1) * a.created_at.localeCompare(b.created_at));
    const lastPage = Math.max(1, Math.ceil(matches.length / perPage));
    const items = matches.slice((page - 1) * perPage, page * perPage).map((i) => ({
      url: `${base}/repos/${repo}/issues/${i.number}`,
      repository_url: `${base}/repos/${i.repo ?? options.repo ?? DEFAULT_REPO}`,
      html_url: `https://github.com/${i.repo ?? options.repo ?? DEFAULT_REPO}/issues/${i.number}`,
      number: i.number,
      title: i.title,
      body: i.body ?? null,
      state: 'open',
      created_at: i.created_at,
      updated_at: i.created_at,
    }));
    const link = (p: number) => {
      const next = new URL(url);
      next.searchParams.set('page', String(p));
      return next.toString();
    };
    const links = [
      ...(page < lastPage ? [`<${link(page + 1)}>; rel="next"`, `<${link(lastPage)}>; rel="last"`] : []),
      ...(page > 1 ? [`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`] : []),
    ];
    record(200);
    send(res, 200, { total_count: matches.length, incomplete_results: failure?.kind === 'incomplete', items }, {
      ...rate,
      ...(links.length > 0 ? { link: links.join(', ') } : {}),
    });
  }

  /** GET /rate_limit: free, and the search bucket reflects what the searches used. */
  function rateLimit(authorized: boolean) {
    const limit = authorized ? 30 : 10;
    const reset = Math.floor(Date.now() / 1000) + (remainingOverride?.resetIn ?? 60);
    const search = { limit, used, remaining: remainingOverride?.remaining ?? Math.max(0, limit - used), reset, resource: 'search' };
    const core = { limit: authorized ? 5000 : 60, used: 0, remaining: authorized ? 5000 : 60, reset, resource: 'core' };
    return { resources: { core, search }, rate: core };
  }

  const server = createServer((req, res) => handle(req, res, `http://${req.headers.host ?? '127.0.0.1'}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get issues() {
      return state.issues;
    },
    set issues(value) {
      state.issues = value;
    },
    failNext: (...f) => void failures.push(...f),
    setRemaining(remaining, resetInSeconds = 60) {
      remainingOverride = remaining === null ? null : { remaining, resetIn: resetInSeconds };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

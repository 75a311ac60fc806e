import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/shared/logger.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createGithubClient } from '../../../src/sources/github-octokit.js';
import { buildSearchQuery, createGithubSearchSource, DEFAULT_GITHUB_TERMS, type GithubSearchOutcome } from '../../../src/sources/github-search-source.js';
import { createFakeGithub, type FakeGithub, type FakeIssue } from '../../fakes/fake-github.js';

const NOW = new Date('2026-11-25T10:30:00Z');
const clock = { now: () => NOW };
const TOKEN = 'ghp_testtoken_0123456789abcdef';
const SINCE = '2026-11-25T10:00:00.000Z';

let fake: FakeGithub;
beforeEach(async () => {
  fake = await createFakeGithub();
});
afterEach(() => fake.close());

function source(options: { token?: string | null; maxPages?: number; logger?: Logger; terms?: string[] } = {}) {
  const token = options.token ?? null;
  const client = createGithubClient({
    baseUrl: fake.url,
    token,
    userAgent: 'claude-outage-bot-test',
    logger: options.logger ?? createSilentLogger(),
    // Real waits scaled down: one "second" of retry-after is 5 ms here.
    searchSpacingMs: 0,
    retryAfterBaseMs: 5,
    fallbackSecondaryRetryAfterSeconds: 1,
    retries: 1,
  });
  return createGithubSearchSource({ client, repo: 'anthropics/claude-code', hasToken: token !== null, clock, maxPages: options.maxPages, terms: options.terms });
}

const issue = (number: number, minute: number, title = `API Error: 529 overloaded #${number}`, extra: Partial<FakeIssue> = {}): FakeIssue => ({
  number,
  title,
  created_at: new Date(Date.UTC(2026, 10, 25, 10, minute)).toISOString(),
  ...extra,
});

function ok(outcome: GithubSearchOutcome) {
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome;
}

describe('GitHub search source against a fake GitHub', () => {
  it('asks for recent issues of the repo with the error terms, newest first, 100 a page', async () => {
    fake.issues = [
      issue(1, 5),
      issue(2, 20, 'Status page says everything is ok, which is not', { body: 'API Error: 529 all day' }),
      issue(3, 25, 'Feature request: dark mode'),
      issue(4, 26, 'API Error: 500', { pullRequest: true }),
      issue(5, 27, 'API Error: 500', { repo: 'someone/else' }),
      issue(6, 28, 'API Error: 500'),
      issue(7, 0, 'API Error: 500 before the cursor', { created_at: '2026-11-25T09:59:00.000Z' }),
      issue(8, 29, 'Repeated 429 rate_limit_error'),
    ];
    const outcome = ok(await source().search(SINCE));
    expect(outcome.issues.map((i) => i.number)).toEqual([8, 6, 2, 1]);
    expect(outcome.issues[2]).toMatchObject({ body: 'API Error: 529 all day', url: 'https://github.com/anthropics/claude-code/issues/2', createdAt: '2026-11-25T10:20:00.000Z' });
    expect(outcome).toMatchObject({ incomplete: false, truncated: false, pages: 1, notBefore: null });
    const [request] = fake.requests;
    expect(request).toMatchObject({ page: 1, perPage: 100, sort: 'created', order: 'desc', authorized: false });
    expect(request?.q).toBe(buildSearchQuery('anthropics/claude-code', SINCE, DEFAULT_GITHUB_TERMS));
    expect(request?.q).toMatch(/^repo:anthropics\/claude-code is:issue created:>=2026-11-25T10:00:00Z "API Error" OR overloaded OR /);
  });

  it('follows Link rel="next" across pages, up to the page cap', async () => {
    fake.issues = Array.from({ length: 250 }, (_, i) => issue(i + 1, 1 + (i % 28)));
    const all = ok(await source().search(SINCE));
    expect(all.issues).toHaveLength(250);
    expect(new Set(all.issues.map((i) => i.number)).size).toBe(250);
    expect(fake.requests.map((r) => r.page)).toEqual([1, 2, 3]);
    const capped = ok(await source({ maxPages: 2 }).search(SINCE));
    expect(capped).toMatchObject({ truncated: true, pages: 2 });
    expect(capped.issues).toHaveLength(200);
  });

  it('stops paging when x-ratelimit-remaining reaches 0 and says when to search again', async () => {
    fake.issues = Array.from({ length: 150 }, (_, i) => issue(i + 1, 1 + (i % 28)));
    fake.setRemaining(0, 120);
    const outcome = ok(await source().search(SINCE));
    expect(fake.requests).toHaveLength(1);
    expect(outcome.incomplete).toBe(true);
    // x-ratelimit-reset is an epoch second from the fake's real clock: about two minutes after the request.
    const waitMs = Date.parse(outcome.notBefore ?? '') - NOW.getTime();
    expect(waitMs).toBeGreaterThan(60_000);
  });

  it('waits out a 403 secondary rate limit for its retry-after, then succeeds', async () => {
    fake.issues = [issue(1, 5)];
    fake.failNext({ kind: 'secondary', retryAfter: 1 });
    const outcome = ok(await source().search(SINCE));
    expect(outcome.issues.map((i) => i.number)).toEqual([1]);
    expect(fake.requests.map((r) => r.status)).toEqual([403, 200]);
  });

  it('retries a rate limit once only, then fails as rate_limited with the wait GitHub asked for', async () => {
    fake.failNext({ kind: 'secondary', retryAfter: 1 }, { kind: 'secondary', retryAfter: 1 });
    const outcome = await source().search(SINCE);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'rate_limited', statusCode: 403, retryAfterMs: 1000 } });
    expect(fake.requests).toHaveLength(2);
  });

  it('does not wait inside a poll for a long primary reset: fails with the time to the reset', async () => {
    fake.failNext({ kind: 'primary', resetInSeconds: 3600 });
    const outcome = await source().search(SINCE);
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.error.code).toBe('rate_limited');
    expect(outcome.error.retryAfterMs).toBeGreaterThan(3_000_000);
    expect(outcome.error.message).toMatch(/GITHUB_TOKEN/);
    expect(fake.requests).toHaveLength(1);
  });

  it('honours retry-after on a 429 without retrying blindly', async () => {
    fake.failNext({ kind: '429', retryAfter: 30 });
    const outcome = await source({ token: TOKEN }).search(SINCE);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'rate_limited', statusCode: 429, retryAfterMs: 30_000 } });
    expect(fake.requests).toHaveLength(1);
  });

  it('turns a 422 into a typed query_rejected error that names the fix, without retrying', async () => {
    fake.failNext({ kind: '422' });
    const outcome = await source().search(SINCE);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'query_rejected', statusCode: 422 } });
    if (outcome.kind === 'failed') expect(outcome.error.message).toMatch(/GITHUB_REPO/);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a 500 a bounded number of times', async () => {
    fake.issues = [issue(1, 5)];
    fake.failNext({ kind: '500' });
    expect(ok(await source().search(SINCE)).issues).toHaveLength(1);
    fake.failNext({ kind: '500' }, { kind: '500' });
    expect(await source().search(SINCE)).toMatchObject({ kind: 'failed', error: { code: 'http_status', statusCode: 500 } });
  });

  it('reports incomplete_results so the caller searches the range again', async () => {
    fake.issues = [issue(1, 5)];
    fake.failNext({ kind: 'incomplete' });
    expect(ok(await source().search(SINCE))).toMatchObject({ incomplete: true });
  });

  it('fails as network when GitHub cannot be reached', async () => {
    await fake.close();
    const outcome = await source().search(SINCE);
    expect(outcome).toMatchObject({ kind: 'failed', error: { code: 'network' } });
    fake = await createFakeGithub();
  });

  it('sends the token as Authorization and never writes it to the logs', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) }));
    fake.issues = [issue(1, 5)];
    fake.failNext({ kind: 'secondary', retryAfter: 1 }, { kind: '422' });
    const s = source({ token: TOKEN, logger });
    await s.search(SINCE);
    await s.search(SINCE);
    expect(fake.requests.every((r) => r.authorized)).toBe(true);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('refuses more terms than GitHub accepts in one query', () => {
    expect(() => source({ terms: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })).toThrow(/at most five OR/);
  });
});

import { z } from 'zod';
import type { Clock } from '../shared/clock.js';
import type { GithubClient } from './github-octokit.js';
import { GithubSearchError, toGithubSearchError, waitFromHeaders } from './github-search-error.js';

/**
 * Default search terms: what Claude Code prints for the errors that mean trouble on
 * Anthropic's side. GitHub allows at most five OR operators, so six terms at most.
 */
export const DEFAULT_GITHUB_TERMS = ['"API Error"', 'overloaded', 'overloaded_error', 'api_error', 'rate_limit_error', '529'];
const MAX_TERMS = 6;

/** One issue the search found (pull requests are left out). */
export interface GithubIssue {
  number: number;
  title: string;
  body: string | null;
  createdAt: string;
  url: string;
}

export type GithubSearchOutcome =
  | {
      kind: 'ok';
      issues: GithubIssue[];
      /** GitHub said `incomplete_results`, or we stopped paging at the rate limit: search this range again. */
      incomplete: boolean;
      /** More pages than `maxPages`: the oldest results were skipped. */
      truncated: boolean;
      pages: number;
      /** Items left out because they did not have the shape of an issue (logged by the caller). */
      malformed: number;
      /** When the search rate limit is spent: don't search before this time (ISO). */
      notBefore: string | null;
    }
  | { kind: 'failed'; error: GithubSearchError };

/** Dependencies and settings of the GitHub issue search source. */
export interface GithubSearchSourceOptions {
  client: GithubClient;
  /** owner/name (GITHUB_REPO). */
  repo: string;
  terms?: string[];
  hasToken: boolean;
  clock: Clock;
  /** Pages of 100 per poll (GitHub serves at most 1,000 results). */
  maxPages?: number;
  /** Per page, including the plugins' rate-limit waits and retries (so longer than one request). */
  timeoutMs?: number;
}

export interface GithubSearchSource {
  readonly id: 'github';
  /** Issues created at or after `since`, newest first. Never throws: failures are data. */
  search(since: string, signal?: AbortSignal): Promise<GithubSearchOutcome>;
}

const item = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullish(),
  created_at: z.string(),
  html_url: z.string(),
  repository_url: z.string().optional(),
  pull_request: z.unknown().optional(),
});
// Items are checked one by one: one malformed issue must not cost the whole page.
const page = z.object({ incomplete_results: z.boolean().default(false), items: z.array(z.unknown()) });

/** `repo:o/n is:issue created:>=2026-11-25T10:00:00Z "API Error" OR overloaded ...` */
export function buildSearchQuery(repo: string, since: string, terms: string[]): string {
  const at = new Date(since).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [`repo:${repo}`, 'is:issue', `created:>=${at}`, terms.join(' OR ')].filter((p) => p !== '').join(' ');
}

const hasNext = (link: string | undefined): boolean => /<[^<>]+>;\s*rel="next"/.test(link ?? '');

/**
 * GitHub issue search through Octokit: sort=created, order=desc, 100 per page,
 * following `Link: rel="next"` up to `maxPages`.
 * @see https://docs.github.com/en/rest/search/search#search-issues-and-pull-requests
 */
export function createGithubSearchSource(options: GithubSearchSourceOptions): GithubSearchSource {
  const { client, repo, clock, hasToken } = options;
  const terms = options.terms ?? DEFAULT_GITHUB_TERMS;
  if (terms.length === 0 || terms.length > MAX_TERMS) {
    throw new Error(`GitHub search takes 1 to ${MAX_TERMS} terms (at most five OR operators); got ${terms.length}.`);
  }
  const maxPages = Math.min(options.maxPages ?? 5, 10);
  const timeoutMs = options.timeoutMs ?? 90_000;
  const repoSuffix = `/repos/${repo}`.toLowerCase();

  async function search(since: string, signal?: AbortSignal): Promise<GithubSearchOutcome> {
    const q = buildSearchQuery(repo, since, terms);
    // GitHub's created:>= has second precision; compare in milliseconds, not strings.
    const sinceMs = Math.floor(Date.parse(since) / 1000) * 1000;
    const issues: GithubIssue[] = [];
    let incomplete = false;
    let notBefore: string | null = null;
    let pages = 0;
    let malformed = 0;
    try {
      for (;;) {
        const limit = AbortSignal.timeout(timeoutMs);
        const response = await client.request('GET /search/issues', {
          q,
          sort: 'created',
          order: 'desc',
          per_page: 100,
          page: pages + 1,
          request: { signal: signal ? AbortSignal.any([signal, limit]) : limit },
        });
        pages += 1;
        const parsed = page.safeParse(response.data);
        if (!parsed.success) throw new GithubSearchError('unparsable', `GitHub search answered without items: ${parsed.error.issues[0]?.message ?? 'wrong shape'}`);
        incomplete ||= parsed.data.incomplete_results;
        for (const raw of parsed.data.items) {
          const one = item.safeParse(raw);
          if (!one.success) {
            malformed += 1;
            continue;
          }
          const i = one.data;
          // The query already says so; checked again because a loose OR must never let other repos in.
          const createdMs = Date.parse(i.created_at);
          if (i.pull_request !== undefined || !(createdMs >= sinceMs)) continue;
          if (i.repository_url && !i.repository_url.toLowerCase().endsWith(repoSuffix)) continue;
          issues.push({ number: i.number, title: i.title, body: i.body ?? null, createdAt: new Date(createdMs).toISOString(), url: i.html_url });
        }
        const headers = response.headers as Record<string, string | number | undefined>;
        const more = hasNext(String(headers.link ?? ''));
        const wait = waitFromHeaders(headers, clock.now().getTime());
        if (wait !== null) notBefore = new Date(clock.now().getTime() + wait).toISOString();
        if (!more) return { kind: 'ok', issues, incomplete, truncated: false, pages, malformed, notBefore };
        // Spent: stop here and search the same range after the reset (duplicates are ignored by number).
        if (wait !== null) return { kind: 'ok', issues, incomplete: true, truncated: false, pages, malformed, notBefore };
        if (pages >= maxPages) return { kind: 'ok', issues, incomplete, truncated: true, pages, malformed, notBefore };
      }
    } catch (error) {
      return { kind: 'failed', error: toGithubSearchError(error, { repo, hasToken, nowMs: clock.now().getTime() }) };
    }
  }

  return { id: 'github', search };
}

import type { Config } from '../config/load-config.js';
import { describeFetchError, fail, ok, readJson, timedFetch, warn, type DoctorContext, type DoctorResult } from '../shared/doctor-result.js';

const NAME = 'github';
const TOKEN_FIX =
  'Create a fine-grained token with no permissions (public repositories only) at https://github.com/settings/personal-access-tokens, ' +
  'set GITHUB_TOKEN to it, or leave GITHUB_TOKEN empty (search then allows 10 requests a minute).';

interface RateLimitBody {
  resources?: { search?: { limit?: number; remaining?: number; reset?: number } };
  message?: string;
}

/**
 * `GET /rate_limit` (free: it does not count against the limit): is the token accepted,
 * and how much search budget is there.
 * @see https://docs.github.com/en/rest/rate-limit/rate-limit
 */
export async function checkGithub(config: Config['github'], ctx: DoctorContext, userAgent: string): Promise<DoctorResult> {
  const url = `${config.apiUrl.replace(/\/+$/, '')}/rate_limit`;
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', 'user-agent': userAgent, 'x-github-api-version': '2022-11-28' };
  if (config.token) headers.authorization = `Bearer ${config.token}`;
  let status: number;
  let body: RateLimitBody | null;
  let ms: number;
  try {
    const answer = await timedFetch(ctx, url, { headers });
    status = answer.response.status;
    ms = answer.ms;
    body = (await readJson(answer.response)) as RateLimitBody | null;
  } catch (error) {
    return fail(NAME, `${url}: ${describeFetchError(error, ctx.timeoutMs)}`, 'Check GITHUB_API_URL and the network from this host (DNS, proxy, firewall).');
  }
  if (status === 401) return fail(NAME, `GitHub refused GITHUB_TOKEN (401 ${body?.message ?? 'Bad credentials'})`, TOKEN_FIX);
  const search = body?.resources?.search;
  if (status !== 200 || typeof search?.limit !== 'number' || typeof search.remaining !== 'number') {
    return fail(NAME, `${url}: HTTP ${status}${body?.message ? ` (${body.message})` : ', not the GitHub API'}`, 'Check that GITHUB_API_URL is a GitHub REST API base such as https://api.github.com.');
  }
  const who = config.token ? 'token accepted' : 'no GITHUB_TOKEN';
  const detail = `${who}; search limit ${search.limit}/min, ${search.remaining} remaining (${ms} ms)`;
  if (search.remaining === 0) {
    const reset = typeof search.reset === 'number' ? new Date(search.reset * 1000).toISOString().slice(11, 16) : 'soon';
    return warn(NAME, `${detail}; budget spent until ${reset} UTC`, 'Something else on this address or token is searching too: give the bot its own GITHUB_TOKEN or raise GITHUB_POLL_INTERVAL_SECONDS.');
  }
  return ok(NAME, detail);
}

import type { Config } from '../config/load-config.js';
import { fail, ok, warn, type DoctorContext, type DoctorResult } from '../shared/doctor-result.js';
import { createHttpFetcher } from '../sources/http-fetch.js';
import { SourceError } from '../sources/source-error.js';
import { parseSummaryJson } from '../sources/statuspage-json.js';

const FIXES: Record<string, string> = {
  challenge_page: 'A CDN or WAF answered with a challenge page instead of JSON: set STATUSPAGE_FALLBACK_URLS (e.g. https://anthropic.statuspage.io), or run the bot from another network.',
  network: 'Check the URL and the network from this host (DNS, proxy, firewall).',
  timeout: 'The page did not answer in time: check the network, proxy and firewall from this host.',
  rate_limited: 'The page is rate limiting this address: raise POLL_INTERVAL_SECONDS.',
  http_status: 'Check that the URL is the base of an Atlassian Statuspage (it must serve /api/v2/summary.json).',
};
const DEFAULT_FIX = 'Check that the URL is the base of an Atlassian Statuspage (it must serve /api/v2/summary.json as JSON).';

interface Probe {
  url: string;
  good: boolean;
  detail: string;
  fix: string;
}

async function probe(base: string, ctx: DoctorContext, userAgent: string): Promise<Probe> {
  const url = `${base.replace(/\/+$/, '')}/api/v2/summary.json`;
  const http = createHttpFetcher({ timeoutMs: ctx.timeoutMs, maxBytes: 5 * 1024 * 1024, userAgent, fetch: ctx.fetch });
  const started = performance.now();
  try {
    const result = await http.get(url, { accept: 'application/json' });
    const ms = Math.round(performance.now() - started);
    if (result.status !== 200) return { url, good: true, detail: `${url}: not modified in ${ms} ms`, fix: '' };
    const summary = parseSummaryJson(result.body, { url, baseUrl: base });
    const page = summary.page ? `"${summary.page.description}"` : 'no page status';
    return { url, good: true, detail: `${url}: JSON in ${ms} ms, ${page}, ${summary.components.length} components`, fix: '' };
  } catch (error) {
    const code = error instanceof SourceError ? error.code : 'unparsable';
    return { url, good: false, detail: error instanceof Error ? error.message : String(error), fix: FIXES[code] ?? DEFAULT_FIX };
  }
}

/**
 * The status page and each fallback: summary.json reachable, JSON (not a challenge
 * page), and how long it took. The main page failing is a warning while a fallback works.
 */
export async function checkStatuspage(config: Config['statuspage'], ctx: DoctorContext, userAgent: string): Promise<DoctorResult[]> {
  const main = await probe(config.url, ctx, userAgent);
  const fallbacks = await Promise.all(config.fallbackUrls.map((url) => probe(url, ctx, userAgent)));
  const anyFallback = fallbacks.some((f) => f.good);
  const results: DoctorResult[] = [];
  if (main.good) results.push(ok('statuspage', main.detail));
  else if (anyFallback) results.push(warn('statuspage', main.detail, `${main.fix} (A fallback works, so alerts keep flowing.)`));
  else results.push(fail('statuspage', main.detail, config.fallbackUrls.length > 0 ? main.fix : `${main.fix} STATUSPAGE_URL is ${config.url}.`));
  for (const f of fallbacks) results.push(f.good ? ok('fallback', f.detail) : warn('fallback', f.detail, `${f.fix} Or remove it from STATUSPAGE_FALLBACK_URLS.`));
  return results;
}

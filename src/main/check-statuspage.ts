import type { StatusPageConfig } from '../config/parse-status-pages.js';
import { LEGACY_PAGE_ID } from '../incidents/page-scope.js';
import { fail, ok, warn, type DoctorContext, type DoctorResult } from '../shared/doctor-result.js';
import { createHttpFetcher } from '../sources/http-fetch.js';
import { SourceError } from '../sources/source-error.js';
import { parseSummaryJson } from '../sources/statuspage-json.js';

const FIXES: Record<string, string> = {
  challenge_page: 'A CDN or WAF answered with a challenge page instead of JSON: FALLBACK, or run the bot from another network.',
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

/** How to add a fallback host, said for the page's own setting. */
const fallbackHint = (page: StatusPageConfig): string =>
  page.id === LEGACY_PAGE_ID
    ? 'set STATUSPAGE_FALLBACK_URLS (e.g. https://anthropic.statuspage.io)'
    : `add a fallback host to its STATUS_PAGES entry (${page.id}=${page.url}|https://fallback.example.com)`;

async function probe(base: string, page: StatusPageConfig, ctx: DoctorContext, userAgent: string): Promise<Probe> {
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
    const fix = (FIXES[code] ?? DEFAULT_FIX).replace('FALLBACK', fallbackHint(page));
    return { url, good: false, detail: error instanceof Error ? error.message : String(error), fix };
  }
}

/**
 * Each watched page and its fallbacks: summary.json reachable, JSON (not a challenge
 * page), and how long it took. A main page failing is a warning while a fallback works.
 * The Claude page is settled by STATUSPAGE_URL / STATUSPAGE_FALLBACK_URLS, others by STATUS_PAGES.
 */
export async function checkStatuspage(pages: readonly StatusPageConfig[], ctx: DoctorContext, userAgent: string): Promise<DoctorResult[]> {
  const checked = await Promise.all(pages.map((page) => checkPage(page, pages.length > 1, ctx, userAgent)));
  return checked.flat();
}

async function checkPage(page: StatusPageConfig, several: boolean, ctx: DoctorContext, userAgent: string): Promise<DoctorResult[]> {
  const [main, ...fallbacks] = await Promise.all([page.url, ...page.fallbackUrls].map((url) => probe(url, page, ctx, userAgent)));
  if (!main) return [];
  const legacy = page.id === LEGACY_PAGE_ID;
  const name = several ? `statuspage:${page.id}` : 'statuspage';
  const where = legacy ? `STATUSPAGE_URL is ${page.url}.` : `STATUS_PAGES lists ${page.id}=${page.url}.`;
  const removeFallback = legacy ? 'Or remove it from STATUSPAGE_FALLBACK_URLS.' : `Or remove it from the ${page.id} entry of STATUS_PAGES.`;
  const results: DoctorResult[] = [];
  if (main.good) results.push(ok(name, main.detail));
  else if (fallbacks.some((f) => f.good)) results.push(warn(name, main.detail, `${main.fix} (A fallback works, so alerts keep flowing.)`));
  else results.push(fail(name, main.detail, page.fallbackUrls.length > 0 ? main.fix : `${main.fix} ${where}`));
  for (const f of fallbacks) results.push(f.good ? ok('fallback', f.detail) : warn('fallback', f.detail, `${f.fix} ${removeFallback}`));
  return results;
}

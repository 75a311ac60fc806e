import type { PollFailureSummary, SourceFailure } from './source.js';

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/** "https://host/api/v2/summary.json: ECONNREFUSED (connect ...)" → "ECONNREFUSED". */
function shortReason(failure: SourceFailure): string {
  const withoutUrl = failure.message.startsWith(`${failure.url}: `) ? failure.message.slice(failure.url.length + 2) : failure.message;
  return withoutUrl.replace(/\s*\(.*$/s, '') || failure.code;
}

const HEADLINES: Record<SourceFailure['code'], string> = {
  network: 'status page unreachable',
  timeout: 'status page unreachable',
  challenge_page: 'status page blocked the bot',
  rate_limited: 'status page rate-limited the bot',
  http_status: 'status page answered with an error',
  unparsable: 'status page answered with something unreadable',
  too_large: 'status page answered with something unreadable',
  empty: 'status page answered with something unreadable',
};

function fixFor(failure: SourceFailure, hasFallbacks: boolean): string {
  const fallbacks = hasFallbacks ? 'check STATUSPAGE_FALLBACK_URLS' : 'set STATUSPAGE_FALLBACK_URLS';
  switch (failure.code) {
    case 'network':
    case 'timeout':
      return `check the network, or ${fallbacks}`;
    case 'challenge_page':
      return hasFallbacks ? 'check STATUSPAGE_FALLBACK_URLS' : 'set STATUSPAGE_FALLBACK_URLS=https://anthropic.statuspage.io';
    case 'rate_limited':
      return 'raise POLL_INTERVAL_SECONDS; the bot backs off on its own meanwhile';
    case 'http_status':
      if (failure.statusCode === 404 || failure.statusCode === 410) return 'check STATUSPAGE_URL (the base URL of the page, e.g. https://status.claude.com)';
      return `the bot retries with back-off; if it lasts, ${fallbacks}`;
    default:
      return 'check that STATUSPAGE_URL is an Atlassian Statuspage (e.g. https://status.claude.com)';
  }
}

/**
 * Folds every failed attempt of one poll into one line that says what broke and what to
 * do: the main host's first failure, then how the feeds and fallback hosts fared.
 */
export function describePollFailure(failures: SourceFailure[], mainBase: string, fallbackBases: string[]): PollFailureSummary {
  const main = trimSlash(mainBase);
  const onMain = failures.filter((f) => f.url.startsWith(`${main}/`));
  const headline = onMain[0] ?? failures[0];
  if (!headline) return { code: 'network', message: `status page not read (no attempt was made): check STATUSPAGE_URL` };
  const failedFallbacks = fallbackBases.map(trimSlash).filter((base) => failures.some((f) => f.url.startsWith(`${base}/`))).length;
  const details = [`${headline.code}: ${shortReason(headline)} on ${onMain[0] ? main : headline.url}`];
  if (failedFallbacks > 0) details.push(`${failedFallbacks} fallback${failedFallbacks === 1 ? '' : 's'} failed too`);
  const message = `${HEADLINES[headline.code]} (${details.join(', ')}): ${fixFor(headline, fallbackBases.length > 0)}`;
  return { code: headline.code, message };
}

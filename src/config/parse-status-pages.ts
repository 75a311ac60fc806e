import { LEGACY_PAGE_ID, RESERVED_PAGE_IDS } from '../incidents/page-scope.js';

/** One watched status page. */
export interface StatusPageConfig {
  /** Short id used in keys, commands and webhook paths: `claude`, `openai`. */
  id: string;
  url: string;
  /** Tried in order when `url` fails or answers with a challenge page. */
  fallbackUrls: string[];
}

const ID = /^[a-z][a-z0-9-]{0,30}$/;
const isHttpUrl = (value: string): boolean => /^https?:\/\/[^\s|]+$/i.test(value) && URL.canParse(value);

/**
 * Parses `STATUS_PAGES`: `id=url[|fallback…]`, comma-separated, e.g.
 * `claude,openai=https://status.openai.com|https://openai.statuspage.io`. The claude page
 * takes STATUSPAGE_URL and STATUSPAGE_FALLBACK_URLS (its settings since before pages
 * existed): list it as plain `claude`. Empty means Claude alone.
 * @returns the pages, or the problems (each names the entry and the fix).
 */
export function parseStatusPages(
  raw: string,
  claude: { url: string; fallbackUrls: string[]; urlSet: boolean },
): { ok: true; pages: StatusPageConfig[] } | { ok: false; problems: string[] } {
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) return { ok: true, pages: [{ id: LEGACY_PAGE_ID, url: claude.url, fallbackUrls: claude.fallbackUrls }] };
  const problems: string[] = [];
  const pages: StatusPageConfig[] = [];
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const id = (eq < 0 ? entry : entry.slice(0, eq)).trim().toLowerCase();
    const urls = eq < 0 ? [] : entry.slice(eq + 1).split('|').map((u) => u.trim()).filter(Boolean);
    const where = `STATUS_PAGES: "${entry}"`;
    if (!ID.test(id) || RESERVED_PAGE_IDS.includes(id)) {
      problems.push(`${where}: the page id must be lower-case letters, digits or "-" (not ${RESERVED_PAGE_IDS.join(', ')}), e.g. openai=https://status.openai.com`);
      continue;
    }
    if (pages.some((p) => p.id === id)) {
      problems.push(`${where}: page "${id}" is listed twice; list each page once`);
      continue;
    }
    const bad = urls.find((u) => !isHttpUrl(u));
    if (bad !== undefined) {
      problems.push(`${where}: "${bad}" is not an http(s) URL; write id=https://status.example.com|https://fallback.example.com`);
      continue;
    }
    if (id === LEGACY_PAGE_ID) {
      // Two places for one URL would disagree sooner or later.
      if (urls.length > 0 && claude.urlSet) {
        problems.push(`${where}: the claude page's URL is STATUSPAGE_URL; list it as plain "claude" or unset STATUSPAGE_URL`);
        continue;
      }
      const [url, ...fallbacks] = urls;
      pages.push({ id, url: url ?? claude.url, fallbackUrls: url === undefined ? claude.fallbackUrls : [...fallbacks, ...claude.fallbackUrls] });
      continue;
    }
    const [url, ...fallbackUrls] = urls;
    if (url === undefined) {
      problems.push(`${where}: page "${id}" needs a URL, e.g. ${id}=https://status.${id}.com`);
      continue;
    }
    pages.push({ id, url, fallbackUrls });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, pages };
}

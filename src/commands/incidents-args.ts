import { HISTORY_PERIODS, type HistoryPeriod } from '../incidents/history-model.js';

export type IncidentsArgs =
  | { ok: true; days: HistoryPeriod; component: string | null; share: boolean; /** The page id `page:` chose (several pages). */ page?: string }
  | { ok: false; problem: string };

const PERIOD = /^(\d+)\s*(d|days?)?$/i;
const SHARE = /^(share|--share)$/i;
const PAGE = /^page[:=](.+)$/i;

/**
 * Parses `[7d|30d|90d] [component] [page:<host>] [share]`. The component is whatever words
 * are left, matched against the known names: the full name, or a part only one name
 * contains. `page:` names a watched page by id (`page:openai`), host, or a word of the host;
 * `pageIds` are the ids of `pageHosts`, in the same order.
 */
export function parseIncidentsArgs(text: string, componentNames: readonly string[], pageHosts: readonly string[] = [], pageIds: readonly string[] = []): IncidentsArgs {
  let days: HistoryPeriod = 90;
  let share = false;
  let page: string | undefined;
  const rest: string[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const period = PERIOD.exec(word);
    if (period) {
      const n = Number(period[1]);
      if (!(HISTORY_PERIODS as readonly number[]).includes(n)) return { ok: false, problem: `"${word}" is not a period I keep: use 7d, 30d or 90d.` };
      days = n as HistoryPeriod;
    } else if (PAGE.test(word)) {
      const wanted = PAGE.exec(word)![1]!.toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
      const index = pageIds.indexOf(wanted) >= 0 ? pageIds.indexOf(wanted) : pageHosts.findIndex((host) => host === wanted || host.split('.').includes(wanted));
      if (index < 0) {
        return { ok: false, problem: `"${wanted}" is not a page I watch: I read ${pageHosts.join(', ') || 'no page yet'}.` };
      }
      page = pageIds[index];
    } else if (SHARE.test(word)) share = true;
    else rest.push(word);
  }
  if (rest.length === 0) return { ok: true, days, component: null, share, page };
  const wanted = rest.join(' ').replace(/^["']|["']$/g, '').toLowerCase();
  const exact = componentNames.find((n) => n.toLowerCase() === wanted);
  if (exact) return { ok: true, days, component: exact, share, page };
  const partial = componentNames.filter((n) => n.toLowerCase().includes(wanted));
  if (partial.length === 1) return { ok: true, days, component: partial[0]!, share, page };
  if (partial.length > 1) return { ok: false, problem: `"${rest.join(' ')}" matches several components: ${partial.join(', ')}.` };
  return { ok: false, problem: `"${rest.join(' ')}" is not a period (7d, 30d, 90d) or a component I have seen.` };
}

import { buildHistoryBars, type HistoryBars } from '../incidents/history-bars.js';
import { periodStart, type PastIncident } from '../incidents/history-model.js';
import { computeHistoryStats } from '../incidents/history-stats.js';
import type { Clock } from '../shared/clock.js';
import { parseIncidentsArgs } from './incidents-args.js';
import { buildIncidentsReply } from './incidents-reply.js';
import { renderTextChart } from './incidents-text-chart.js';
import type { CommandHandler, Reply } from './reply.js';
import { pageOfKey } from '../incidents/page-scope.js';

export interface IncidentsCommandOptions {
  /** Incidents that started in [since, until] (a read-only store query). */
  readHistory: (since: string, until: string) => PastIncident[];
  /** Live component names in page order (rows of the chart, even when nothing broke). */
  componentNames: () => string[];
  /** Draws the chart; absent = no picture (the bot passes one; the CLI only with --png). */
  renderChart?: (bars: HistoryBars, title: string) => Promise<Uint8Array>;
  clock: Clock;
  statusPageUrl: string;
  /** Several watched pages (id and URL): `page:<id>` or `page:<host>` picks one's incidents. */
  pages?: ReadonlyArray<{ id: string; url: string }>;
}

/** The watched page's host, as `page:` names it. */
const pageHost = (url: string): string => {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
};

/** Chart rows: live components first (page order), then others named in the period. */
const MAX_ROWS = 10;

/** `/claude-incidents [7d|30d|90d] [component] [page:<host>] [share]`: how often, and for how long, from the bot's own store. */
export function createIncidentsCommand(options: IncidentsCommandOptions): CommandHandler {
  return (request): Reply => {
    const now = options.clock.now();
    const live = options.componentNames();
    const wide = options.readHistory(periodStart(now, 90).toISOString(), now.toISOString());
    const known = [...new Set([...live, ...wide.flatMap((i) => i.components)])];
    const pages = options.pages ?? [];
    const hosts = pages.length > 0 ? pages.map((p) => pageHost(p.url)) : [pageHost(options.statusPageUrl)];
    const args = parseIncidentsArgs(request.text, known, hosts, pages.map((p) => p.id));
    if (!args.ok) return usage(args.problem, known);
    const since = periodStart(now, args.days);
    // One page named among several: only its incidents (keys say whose they are).
    const onPage = args.page !== undefined && pages.length > 1 ? wide.filter((i) => pageOfKey(i.key) === args.page) : wide;
    const all = onPage.filter((i) => i.createdAt >= since.toISOString());
    const picked = args.component === null ? all : all.filter((i) => i.components.includes(args.component!));
    const stats = computeHistoryStats(picked, since, now);
    const rows = args.component !== null ? [args.component] : [...new Set([...live, ...stats.components.map((c) => c.name)])].slice(0, MAX_ROWS);
    const reply = buildIncidentsReply({
      stats,
      days: args.days,
      component: args.component,
      share: args.share,
      platform: request.platform,
      unstated: args.component === null ? 0 : all.filter((i) => i.components.length === 0).length,
      statusPageUrl: pages.find((p) => p.id === args.page)?.url ?? options.statusPageUrl,
    });
    const bars = buildHistoryBars(picked, rows, since, args.days, now);
    // The terminal gets the chart as text; the picture comes whenever a renderer is given (the CLI's --png too).
    if (request.platform === 'console') reply.blocks.splice(1, 0, { type: 'code', text: renderTextChart(bars) });
    const renderChart = options.renderChart;
    if (renderChart) {
      const title = `Claude incidents, last ${args.days} days${args.component ? ` · ${args.component}` : ''}`;
      reply.image = {
        render: () => renderChart(bars, title),
        filename: `claude-incidents-${args.days}d.png`,
        title,
        altText: `${title}: one bar a day per component, coloured by that day's worst impact, and incidents per week. ${reply.summary}`.slice(0, 1000),
      };
    }
    return reply;
  };
}

function usage(problem: string, names: string[]): Reply {
  return {
    blocks: [
      { type: 'notice', level: 'warning', text: problem },
      { type: 'text', text: 'Usage: `/claude-incidents [7d|30d|90d] [component] [page:<host>] [share]`, e.g. `/claude-incidents 30d Claude Code`' },
      { type: 'text', text: names.length > 0 ? `Components: ${names.map((n) => `\`${n}\``).join(', ')}` : 'No components are known yet (the status page has not been read).' },
    ],
    visibility: 'ephemeral',
    summary: 'Invalid /claude-incidents arguments.',
  };
}

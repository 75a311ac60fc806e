import { writeFileSync } from 'node:fs';
import { renderHistoryChart } from '../charts/render-history-chart.js';
import { createIncidentsCommand } from '../commands/incidents.js';
import type { Config } from '../config/load-config.js';
import { renderReplyForConsole } from '../platforms/console/render-reply.js';
import { createHttpFetcher } from '../sources/http-fetch.js';
import { createStore } from '../store/create-store.js';
import { migrate } from '../store/migrate.js';
import { openStoreDatabase } from '../store/open-store-database.js';
import { createHistoryReader } from '../store/read-history.js';
import { systemClock, type Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { backfillPages } from './backfill-history.js';

export interface RunIncidentsOptions {
  config: Config;
  logger: Logger;
  /** The words after `incidents`: `[7d|30d|90d] [component] [--backfill] [--png <file>]`. */
  args: string[];
  clock?: Clock;
  userAgent?: string;
}

/** Splits the CLI flags from the command's own words. */
export function parseIncidentsCli(args: string[]): { backfill: boolean; png: string | null; text: string } | { problem: string } {
  let backfill = false;
  let png: string | null = null;
  const words: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === '--backfill') backfill = true;
    else if (arg === '--png' || arg.startsWith('--png=')) {
      png = arg === '--png' ? (args[++i] ?? '') : arg.slice('--png='.length);
      if (png === '' || png.startsWith('--')) return { problem: '--png needs a file name, e.g. `incidents --png incidents.png`.' };
    } else if (arg.startsWith('--')) return { problem: `Unknown option "${arg}": incidents takes [7d|30d|90d] [component] [--backfill] [--png <file>].` };
    else words.push(arg);
  }
  return { backfill, png, text: words.join(' ') };
}

/**
 * `claude-outage-bot incidents`: the /claude-incidents answer, printed. Reads the history
 * first when asked (`--backfill`) or when none is stored yet; that read never alerts.
 */
export async function runIncidentsOnce(options: RunIncidentsOptions): Promise<{ code: number; output: string }> {
  const parsed = parseIncidentsCli(options.args);
  if ('problem' in parsed) return { code: 2, output: parsed.problem };
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const db = openStoreDatabase(config);
  try {
    migrate(db);
    const store = createStore(db);
    const history = createHistoryReader(db);
    const lines: string[] = [];
    const http = createHttpFetcher({ timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, userAgent: options.userAgent ?? 'claude-outage-bot/0.1' });
    const read = await backfillPages(config.statusPages, { http, db, logger, clock, onlyMissing: !parsed.backfill, storedFor: history.backfilledCount });
    for (const result of read) {
      const failed = result.errors.map((e) => `${e.code} at ${e.url}`).join('; ');
      const page = config.statusPages.length > 1 ? ` (${result.page})` : '';
      lines.push(`History read${page}: ${result.stored} past incident(s) from ${result.via.join(' and ') || 'nowhere'}${failed ? ` (failed: ${failed})` : ''}. No alerts were sent.`);
    }
    if (read.length > 0) lines.push('');
    const command = createIncidentsCommand({
      readHistory: history.read,
      componentNames: () => [...store.components.all().values()].filter((c) => !c.group).map((c) => c.name),
      renderChart: async (bars, title) => (await renderHistoryChart(bars, title)).png,
      clock,
      statusPageUrl: config.statuspage.url,
      pages: config.statusPages,
    });
    const reply = await command({ command: 'incidents', text: parsed.text, platform: 'console', userId: 'cli', channelId: 'cli', isAdmin: true });
    lines.push(renderReplyForConsole(reply));
    if (parsed.png !== null && reply.image) {
      try {
        writeFileSync(parsed.png, await reply.image.render());
        lines.push(`Chart saved to ${parsed.png}.`);
      } catch (error) {
        lines.push(`Could not save the chart to ${parsed.png}: ${error instanceof Error ? error.message : String(error)}. Check the folder exists and is writable.`);
        return { code: 1, output: lines.join('\n') };
      }
    }
    return { code: reply.summary.startsWith('Invalid') ? 2 : 0, output: lines.join('\n') };
  } finally {
    db.close();
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderHistoryChart } from '../src/charts/render-history-chart.js';
import { createIncidentsCommand } from '../src/commands/incidents.js';
import type { CommandRequest } from '../src/commands/reply.js';
import type { Impact, Incident } from '../src/incidents/model.js';
import { createIncidentHistoryTable } from '../src/store/incident-history-table.js';
import { migrate } from '../src/store/migrate.js';
import { openDatabase } from '../src/store/open-database.js';
import { createHistoryReader } from '../src/store/read-history.js';
import { fmt, mib, time, type Timing } from './measure.js';

/**
 * A 90-day /claude-incidents answer over 2,000 stored incidents (1,000 in `incidents`,
 * 1,000 backfilled), from SQLite on a temp file to the reply, without and with the PNG.
 * Floors: under 50 ms without the image, under 500 ms with it.
 * Run alone: node --expose-gc --import tsx bench/history.bench.ts
 */

const COMPONENTS = ['claude.ai', 'Claude Console (platform.claude.com)', 'Claude API (api.anthropic.com)', 'Claude Code', 'Claude Cowork', 'Claude for Government'];
const IMPACTS: Impact[] = ['minor', 'minor', 'major', 'critical', 'none'];
const NOW = new Date('2026-12-01T00:00:00Z');
const SPAN_MS = 120 * 86_400_000;

function incident(n: number): Incident {
  const created = NOW.getTime() - SPAN_MS + Math.floor((n * SPAN_MS) / 2_000);
  const resolved = created + (10 + ((n * 37) % 300)) * 60_000;
  return {
    key: `statuspage:bench${n}`,
    source: 'statuspage',
    name: `Elevated errors on ${COMPONENTS[n % 6]} (${n})`,
    status: 'resolved',
    impact: IMPACTS[n % IMPACTS.length]!,
    url: `https://status.claude.com/incidents/bench${n}`,
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(resolved).toISOString(),
    resolvedAt: new Date(resolved).toISOString(),
    components: [{ id: null, name: COMPONENTS[n % 6]! }, ...(n % 3 === 0 ? [{ id: null, name: COMPONENTS[(n + 1) % 6]! }] : [])],
    updates: [],
  };
}

export async function runHistoryBench(): Promise<Timing[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cob-bench-history-'));
  const db = openDatabase(join(dir, 'bench.db'));
  try {
    migrate(db);
    const all = Array.from({ length: 2_000 }, (_, n) => incident(n));
    const insert = db.prepare(`INSERT INTO incidents (key, source, name, status, impact, url, created_at, updated_at, resolved_at, components, first_seen_at)
      VALUES (@key, @source, @name, @status, @impact, @url, @createdAt, @updatedAt, @resolvedAt, @components, @createdAt)`);
    db.transaction(() => all.filter((_, n) => n % 2 === 0).forEach((i) => insert.run({ ...i, components: JSON.stringify(i.components) })))();
    createIncidentHistoryTable(db).saveResolved(all.filter((_, n) => n % 2 === 1), 'incidents.json+history.atom', NOW.toISOString());
    const reader = createHistoryReader(db);
    const base = { readHistory: reader.read, componentNames: () => COMPONENTS, clock: { now: () => NOW }, statusPageUrl: 'https://status.claude.com' };
    const words = createIncidentsCommand(base);
    const withChart = createIncidentsCommand({ ...base, renderChart: async (bars, title) => (await renderHistoryChart(bars, title)).png });
    const request: CommandRequest = { command: 'incidents', text: '90d', platform: 'slack', userId: 'U', channelId: 'C', isAdmin: false };
    const answered = await words(request);
    console.log(`  stored: 2,000 incidents; the 90-day answer counts ${answered.summary}`);
    const timings = [
      await time('90-day answer, no image (2,000 stored)', 60, () => words(request)),
      await time('90-day answer with the PNG chart', 20, async () => (await withChart(request)).image?.render()),
    ];
    const png = (await (await withChart(request)).image?.render())?.length ?? 0;
    console.log(`  chart: ${(png / 1024).toFixed(0)} KiB PNG; heap after: ${mib(process.memoryUsage().heapUsed)}`);
    return timings;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const timings = await runHistoryBench();
  for (const t of timings) console.log(`  ${t.name}: p50 ${fmt(t.p50Ms)}, p99 ${fmt(t.p99Ms)}, mean ${fmt(t.meanMs)} (${t.runs} runs)`);
}

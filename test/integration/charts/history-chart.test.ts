import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { LEVEL_COLOURS } from '../../../src/charts/history-chart-layout.js';
import { renderHistoryChart } from '../../../src/charts/render-history-chart.js';
import { buildHistoryBars } from '../../../src/incidents/history-bars.js';
import { periodStart, type PastIncident } from '../../../src/incidents/history-model.js';

const now = new Date('2026-10-08T03:00:00Z');
const since = periodStart(now, 90);
const incident = (key: string, impact: PastIncident['impact'], createdAt: string, resolvedAt: string | null, components: string[]): PastIncident => ({
  key,
  name: key,
  impact,
  url: null,
  createdAt,
  resolvedAt,
  components,
});
const history: PastIncident[] = [
  incident('a', 'major', '2026-10-07T01:00:00Z', '2026-10-07T02:00:00Z', ['Claude API']),
  incident('b', 'minor', '2026-09-01T01:00:00Z', '2026-09-02T02:00:00Z', ['claude.ai', 'Claude API']),
  incident('c', 'critical', '2026-08-01T01:00:00Z', '2026-08-01T05:00:00Z', ['Claude API']),
];

const hex = (colour: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
const PALETTE = Object.entries(LEVEL_COLOURS).map(([level, colour]) => ({ level, rgb: hex(colour) }));

/** The palette colour of a pixel (anti-aliased edges excepted), or null. */
function levelAt(png: PNG, x: number, y: number): string | null {
  const i = (png.width * y + x) * 4;
  const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
  const hit = PALETTE.find(({ rgb }) => Math.abs(rgb[0] - r) + Math.abs(rgb[1] - g) + Math.abs(rgb[2] - b) < 12);
  return hit?.level ?? null;
}

/** Runs of palette-coloured pixels along one row of the image: one run per bar. */
function barsAlong(png: PNG, y: number, fromX: number): Array<{ level: string; x: number }> {
  const runs: Array<{ level: string; x: number }> = [];
  let previous: string | null = null;
  for (let x = fromX; x < png.width; x += 1) {
    const level = levelAt(png, x, y);
    if (level !== null && level !== previous) runs.push({ level, x });
    previous = level;
  }
  return runs;
}

describe('the history chart (ECharts SVG → resvg PNG)', () => {
  it('is a PNG of the laid-out size with one bar per day per component, coloured by the day', async () => {
    const bars = buildHistoryBars(history, ['claude.ai', 'Claude API', 'Claude Code'], since, 90, now);
    const { png, layout } = await renderHistoryChart(bars, 'Claude incidents, last 90 days');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const image = PNG.sync.read(Buffer.from(png));
    expect([image.width, image.height]).toEqual([layout.width, layout.height]);
    expect(layout.rowCentres).toHaveLength(3);

    const rows = layout.rowCentres.map((y) => barsAlong(image, Math.round(y), layout.left - 2));
    expect(rows.map((r) => r.length)).toEqual([90, 90, 90]);
    const coloured = rows.map((r) => r.flatMap((bar, day) => (bar.level === 'clear' ? [] : [`${day}:${bar.level}`])));
    const dayOf = (iso: string) => bars.days.indexOf(iso);
    expect(coloured[0]).toEqual([`${dayOf('2026-09-01')}:minor`, `${dayOf('2026-09-02')}:minor`]);
    expect(coloured[1]).toEqual([`${dayOf('2026-08-01')}:critical`, `${dayOf('2026-09-01')}:minor`, `${dayOf('2026-09-02')}:minor`, `${dayOf('2026-10-07')}:major`]);
    expect(coloured[2]).toEqual([]);
    // Nothing drawn between the last row and the weekly chart.
    expect(barsAlong(image, layout.rowsTop + 3 * layout.rowHeight + 30, layout.left)).toEqual([]);
  });

  it('draws incidents per week as bars coloured by impact', async () => {
    const bars = buildHistoryBars(history, ['Claude API'], since, 90, now);
    const { png, layout } = await renderHistoryChart(bars, 'weeks');
    const image = PNG.sync.read(Buffer.from(png));
    const base = barsAlong(image, layout.weeksTop + layout.weeksHeight - 3, layout.left);
    // Three weeks had one incident each: critical, minor, major (left to right).
    expect(base.map((b) => b.level)).toEqual(['critical', 'minor', 'major']);
    expect(bars.weeks).toHaveLength(13);
  });

  it('fits 7 and 30 days too', async () => {
    for (const days of [7, 30]) {
      const bars = buildHistoryBars(history, ['Claude API'], periodStart(now, days), days, now);
      const { png, layout } = await renderHistoryChart(bars, `last ${days} days`);
      const image = PNG.sync.read(Buffer.from(png));
      expect(barsAlong(image, Math.round(layout.rowCentres[0]!), layout.left - 2)).toHaveLength(days);
    }
  });
});

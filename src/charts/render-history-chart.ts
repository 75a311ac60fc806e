import { createRequire } from 'node:module';
import type { HistoryBars } from '../incidents/history-bars.js';
import { IMPACT_LEVELS } from '../incidents/history-model.js';
import { chartLayout, LEVEL_COLOURS, LEVEL_NAMES, type ChartLayout } from './history-chart-layout.js';

/** A rendered chart and where its bars are. */
export interface RenderedChart {
  png: Uint8Array;
  layout: ChartLayout;
}

// Shipped with the package, so the chart has its text on a server with no fonts (the Docker image).
const FONT = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const TEXT = { fontFamily: 'DejaVu Sans', color: '#333333' };

/** The uptime rows: one rectangle per day per component, drawn by a custom series. */
function dayBarSeries(bars: HistoryBars, layout: ChartLayout) {
  const data = bars.rows.flatMap((row, r) => row.days.map((level, d) => [d, r, level ?? 'clear']));
  const cell = (layout.width - layout.left - layout.right) / Math.max(1, bars.days.length);
  const gap = Math.max(1, Math.min(3, Math.round(cell * 0.25)));
  return {
    type: 'custom',
    xAxisIndex: 0,
    yAxisIndex: 0,
    silent: true,
    data,
    renderItem: (_params: unknown, api: { value(i: number): number | string }) => {
      const day = Number(api.value(0));
      const row = Number(api.value(1));
      const level = String(api.value(2)) as keyof typeof LEVEL_COLOURS;
      const top = layout.rowsTop + row * layout.rowHeight + (layout.rowHeight - layout.barHeight) / 2;
      return {
        type: 'rect',
        shape: { x: Math.round(layout.left + day * cell), y: top, width: Math.max(1, Math.round(cell) - gap), height: layout.barHeight },
        style: { fill: LEVEL_COLOURS[level] },
      };
    },
  };
}

/** The echarts option: uptime bars on top, incidents per week (stacked by impact) below. */
function buildOption(bars: HistoryBars, title: string, layout: ChartLayout): Record<string, unknown> {
  const plotWidth = layout.width - layout.left - layout.right;
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: TEXT,
    title: [
      { text: title, left: 16, top: 14, textStyle: { ...TEXT, fontSize: 17 } },
      { text: 'Incidents per week', left: 16, top: layout.weeksTop - 42, textStyle: { ...TEXT, fontSize: 14 } },
    ],
    legend: { top: layout.height - 34, left: layout.left, textStyle: TEXT, itemWidth: 14, itemHeight: 10, itemGap: 18, data: IMPACT_LEVELS.map((l) => LEVEL_NAMES[l]) },
    grid: [
      { left: layout.left, top: layout.rowsTop, width: plotWidth, height: bars.rows.length * layout.rowHeight },
      { left: layout.left, top: layout.weeksTop, width: plotWidth, height: layout.weeksHeight },
    ],
    xAxis: [
      { gridIndex: 0, type: 'value', min: 0, max: bars.days.length, show: false },
      {
        gridIndex: 1,
        type: 'category',
        data: bars.weeks.map((w) => w.start.slice(5)),
        axisLabel: { ...TEXT, fontSize: 10, interval: Math.max(0, Math.ceil(bars.weeks.length / 13) - 1) },
      },
    ],
    yAxis: [
      {
        gridIndex: 0,
        type: 'category',
        inverse: true,
        data: bars.rows.map((r) => (r.component.length > 26 ? `${r.component.slice(0, 25)}…` : r.component)),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { ...TEXT, fontSize: 11 },
      },
      { gridIndex: 1, type: 'value', minInterval: 1, axisLabel: { ...TEXT, fontSize: 10 } },
    ],
    graphic: [
      {
        type: 'text',
        left: layout.left,
        top: layout.rowsTop + bars.rows.length * layout.rowHeight + 6,
        style: {
          text: `${bars.days[0] ?? ''}  …  ${bars.days.at(-1) ?? ''} (UTC, one bar a day; green: no incident)`,
          fill: '#666666',
          fontSize: 10,
          fontFamily: 'DejaVu Sans',
        },
      },
    ],
    series: [
      dayBarSeries(bars, layout),
      ...IMPACT_LEVELS.map((level) => ({
        type: 'bar',
        name: LEVEL_NAMES[level],
        stack: 'week',
        xAxisIndex: 1,
        yAxisIndex: 1,
        itemStyle: { color: LEVEL_COLOURS[level] },
        data: bars.weeks.map((w) => w.byImpact[level]),
      })),
    ],
  };
}

// Loaded on first use (about a second): the other commands and verbs never pay for them.
const libraries = () => Promise.all([import('echarts'), import('@resvg/resvg-js')]);

/**
 * Renders the history chart to PNG: Apache ECharts draws it as SVG (server-side, no DOM),
 * resvg rasterises the SVG. Both run in-process; the fonts ship with the package.
 * @see https://echarts.apache.org/handbook/en/how-to/cross-platform/server/
 */
export async function renderHistoryChart(bars: HistoryBars, title: string): Promise<RenderedChart> {
  const [echarts, { Resvg }] = await libraries();
  const layout = chartLayout(bars.rows.length);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: layout.width, height: layout.height });
  let svg: string;
  try {
    chart.setOption(buildOption(bars, title, layout));
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const png = new Resvg(svg, { font: { fontFiles: [FONT], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' }).render().asPng();
  return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), layout };
}

import type { ImpactLevel } from '../incidents/history-model.js';

/** Colours of the chart (hex): the status page's uptime-bar palette. */
export const LEVEL_COLOURS: Record<ImpactLevel | 'clear', string> = {
  clear: '#2ecc71',
  none: '#3498db',
  minor: '#f1c40f',
  major: '#e67e22',
  critical: '#e74c3c',
  unknown: '#7f8c8d',
};

export const LEVEL_NAMES: Record<ImpactLevel, string> = {
  critical: 'Critical',
  major: 'Major',
  minor: 'Minor',
  none: 'No impact',
  unknown: 'Impact not stated',
};

/** Pixel geometry of the chart, fixed so that a reader (or a test) knows where each bar is. */
export interface ChartLayout {
  width: number;
  height: number;
  left: number;
  right: number;
  /** Top of the first row of day bars. */
  rowsTop: number;
  rowHeight: number;
  /** Height of a bar inside its row. */
  barHeight: number;
  /** Top and height of the weekly chart. */
  weeksTop: number;
  weeksHeight: number;
  /** Vertical centre of each row of day bars. */
  rowCentres: number[];
}

const WIDTH = 960;
const LEFT = 190;
const RIGHT = 30;
const ROWS_TOP = 64;
const ROW_HEIGHT = 26;
const WEEKS_HEIGHT = 150;

export function chartLayout(rowCount: number): ChartLayout {
  const rowsBottom = ROWS_TOP + rowCount * ROW_HEIGHT;
  const weeksTop = rowsBottom + 80;
  return {
    width: WIDTH,
    height: weeksTop + WEEKS_HEIGHT + 60,
    left: LEFT,
    right: RIGHT,
    rowsTop: ROWS_TOP,
    rowHeight: ROW_HEIGHT,
    barHeight: 18,
    weeksTop,
    weeksHeight: WEEKS_HEIGHT,
    rowCentres: Array.from({ length: rowCount }, (_, i) => ROWS_TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2),
  };
}

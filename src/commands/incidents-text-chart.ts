import type { HistoryBars } from '../incidents/history-bars.js';
import type { ImpactLevel } from '../incidents/history-model.js';

const MARKS: Record<ImpactLevel, string> = { critical: 'C', major: 'M', minor: 'm', none: 'i', unknown: '?' };
const LABEL = 24;

/**
 * The chart as terminal text: one character a day per component (`·` no incident,
 * m minor, M major, C critical, i no impact, ? not stated), then incidents per week.
 */
export function renderTextChart(bars: HistoryBars): string {
  const label = (name: string): string => (name.length > LABEL ? `${name.slice(0, LABEL - 1)}…` : name.padEnd(LABEL));
  const lines = bars.rows.map((row) => `${label(row.component)} ${row.days.map((d) => (d === null ? '·' : MARKS[d])).join('')}`);
  lines.push(`${' '.repeat(LABEL)} ${bars.days[0] ?? ''} → ${bars.days.at(-1) ?? ''} (UTC; · no incident, m minor, M major, C critical, i no impact, ? not stated)`);
  const perWeek = bars.weeks.map((w) => Object.values(w.byImpact).reduce((a, b) => a + b, 0));
  lines.push(`${label('Incidents per week')} ${perWeek.join(' ')}`);
  return lines.join('\n');
}

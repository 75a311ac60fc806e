import type { HistoryPeriod } from '../incidents/history-model.js';
import { durationMs, type HistoryStats } from '../incidents/history-stats.js';
import { formatDuration, formatUtc } from '../shared/clock.js';
import { cut } from './describe.js';
import type { CommandRequest, Reply, ReplyBlock } from './reply.js';

export interface IncidentsReplyInput {
  stats: HistoryStats;
  days: HistoryPeriod;
  component: string | null;
  share: boolean;
  platform: CommandRequest['platform'];
  /** With a component filter: incidents in the period that name no component (left out). */
  unstated: number;
  statusPageUrl: string;
}

const IMPACT_WORDS = [
  ['critical', 'critical'],
  ['major', 'major'],
  ['minor', 'minor'],
  ['none', 'no impact'],
  ['unknown', 'impact not stated'],
] as const;

/** "12 (3 critical, 4 major, 5 minor)". */
function impactLine(stats: HistoryStats): string {
  const parts = IMPACT_WORDS.filter(([level]) => stats.byImpact[level] > 0).map(([level, word]) => `${stats.byImpact[level]} ${word}`);
  return parts.length > 0 ? `${stats.total} (${parts.join(', ')})` : String(stats.total);
}

function recentLinks(stats: HistoryStats): ReplyBlock | null {
  const links = stats.recent.flatMap((incident) => {
    const ms = durationMs(incident);
    const how = incident.resolvedAt === null ? 'ongoing' : ms === null ? 'posted resolved' : formatDuration(ms);
    const label = `${formatUtc(incident.createdAt)} · ${cut(incident.name, 90)} (${incident.impact ?? 'impact not stated'}, ${how})`;
    return incident.url ? [{ label, url: incident.url }] : [];
  });
  return links.length > 0 ? { type: 'links', links } : null;
}

/** The history answer in the neutral reply model. */
export function buildIncidentsReply(input: IncidentsReplyInput): Reply {
  const { stats, days } = input;
  const scope = input.component ? ` · ${input.component}` : '';
  const blocks: ReplyBlock[] = [{ type: 'header', text: `Claude incidents, last ${days} days${scope}` }];
  if (stats.total === 0) {
    blocks.push({ type: 'notice', level: 'ok', text: `No incidents in the last ${days} days${input.component ? ` naming ${input.component}` : ''} in the bot's records.` });
  } else {
    blocks.push({
      type: 'fields',
      fields: [
        { label: 'Incidents', value: impactLine(stats) },
        { label: 'Median duration', value: stats.medianMs === null ? 'not measurable yet' : `${formatDuration(stats.medianMs)} (of ${stats.timed} timed)` },
        { label: 'Longest', value: stats.longest ? `${formatDuration(stats.longest.ms)}: ${cut(stats.longest.incident.name, 80)}` : '—' },
        { label: 'Open now', value: String(stats.open) },
      ],
    });
    const components = stats.components.slice(0, 8).map((c) => `${c.name}: ${formatDuration(c.degradedMs)} in ${c.incidents} incident${c.incidents === 1 ? '' : 's'}`);
    blocks.push({ type: 'text', text: '**Time in an incident, by component**' }, { type: 'bullets', items: components });
    const recent = recentLinks(stats);
    if (recent) blocks.push({ type: 'text', text: '**Latest incidents**' }, recent);
  }
  if (input.unstated > 0) {
    blocks.push({ type: 'text', text: `${input.unstated} incident(s) in the period name no component and are not counted here.` });
  }
  const notes = [`From the bot's own records of ${input.statusPageUrl}; durations count resolved incidents only.`];
  if (input.platform !== 'console' && !input.share) notes.push('Add `share` to post this for the whole channel.');
  blocks.push({ type: 'text', text: notes.join(' ') });
  const median = stats.medianMs === null ? '' : `; median ${formatDuration(stats.medianMs)}`;
  return {
    blocks,
    visibility: input.share ? 'in_channel' : 'ephemeral',
    summary: cut(`${stats.total} incident(s) in the last ${days} days${scope}${median}`, 200),
  };
}

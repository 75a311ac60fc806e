import type { LiveStatusView } from '../incidents/live-status.js';
import type { ReplyBlock } from './reply.js';

/** The community signal beside the official status, and a plain word when they disagree. */
export function describeCommunity(view: LiveStatusView): ReplyBlock[] {
  const community = view.community;
  if (!community) return [];
  const classes = Object.entries(community.byClass).sort((a, b) => b[1] - a[1]);
  const blocks: ReplyBlock[] = [];
  // Zero reports from a search that never ran is not "none": say we do not know.
  const neverRead = community.lastReadAt === null && community.total === 0;
  const summary = neverRead
    ? 'GitHub reports: unknown (GitHub search has not been read).'
    : community.total === 0
      ? `GitHub reports (last ${community.windowMinutes} min): none.`
      : `GitHub reports (last ${community.windowMinutes} min): ${community.total} — ${classes.map(([c, n]) => `${n} × ${c}`).join(', ')}.`;
  blocks.push({ type: 'text', text: summary });
  const officialGreen = view.openIncidents.length === 0;
  if (community.activeWarning && officialGreen) {
    blocks.push({
      type: 'notice',
      level: 'warning',
      text: `They disagree: users report ${community.activeWarning.errorClass} errors (${community.activeWarning.reportCount} reports) but the status page shows no incident yet.`,
    });
  } else if (!officialGreen && community.total === 0 && !neverRead) {
    blocks.push({ type: 'notice', level: 'info', text: 'The status page shows an incident; no matching GitHub reports yet.' });
  }
  return blocks;
}

import type { Card, ThreadReply } from '../card.js';
import { formatUtc } from '../../shared/clock.js';
import { oneLine } from '../../shared/text.js';

const IMPACT_TAGS: Record<string, string> = {
  critical: 'CRITICAL',
  major: 'MAJOR',
  minor: 'MINOR',
  none: 'INFO',
  maintenance: 'MAINTENANCE',
};

/** Terminal control characters from untrusted text could rewrite the operator's screen. */
export const plain = (text: string): string =>
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');

const line = (text: string, max: number): string => oneLine(plain(text), max);

const componentLine = (card: Card): string =>
  card.components.map((c) => (c.status ? `${c.name} (${c.status.replace(/_/g, ' ')})` : c.name)).join(', ');

/** A card as the console shows it, a box of a few lines. */
export function renderCardText(card: Card, ref: string, edited: boolean): string {
  const tag = card.resolved ? 'RESOLVED' : card.kind === 'early_warning' ? 'EARLY WARNING' : (IMPACT_TAGS[card.impact ?? ''] ?? 'INCIDENT');
  const lines = [`┌─ [${tag}] ${line(card.title, 200)}  ‹${ref}›${edited ? ' (updated card)' : ''}`];
  const status = card.resolved && card.durationText ? `${card.statusLabel} after ${card.durationText}` : card.statusLabel;
  lines.push(`│ Status: ${status} · since ${formatUtc(card.startedAt)}${card.impact ? ` · impact ${card.impact}` : ''}`);
  if (card.components.length > 0) lines.push(`│ Affected: ${line(componentLine(card), 300)}`);
  if (card.latestUpdate) {
    lines.push(`│ Latest (${card.latestUpdate.statusLabel}, ${formatUtc(card.latestUpdate.at)}): ${line(card.latestUpdate.body, 600)}`);
  }
  for (const note of card.notes) lines.push(`│ ${line(note, 300)}`);
  for (const link of card.links) lines.push(`│ ${link.label}: ${link.url}`);
  lines.push('└─');
  return lines.join('\n');
}

export function renderReplyText(reply: ThreadReply, ref: string): string {
  const mark = reply.closing ? '✔' : '↳';
  return `  ${mark} ‹${ref}› ${line(reply.heading, 120)}: ${line(reply.body, 800)}`;
}

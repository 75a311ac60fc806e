import type { LiveStatusReader, LiveStatusView } from '../incidents/live-status.js';
import type { Clock } from '../shared/clock.js';
import { formatUtc } from '../shared/clock.js';
import { ago, componentWords, cut, INCIDENT_WORDS } from './describe.js';
import type { CommandHandler, Reply, ReplyBlock } from './reply.js';
import { describeCommunity } from './status-community.js';
import { buildPagesStatusReply } from './status-pages.js';
import { describeMaintenances } from './status-maintenances.js';

export interface StatusCommandOptions {
  getLiveStatus: LiveStatusReader;
  clock: Clock;
  statusPageUrl: string;
}

/** `/claude-status`: what is broken right now, from the store only. */
export function createStatusCommand({ getLiveStatus, clock, statusPageUrl }: StatusCommandOptions): CommandHandler {
  return () => buildStatusReply(getLiveStatus(), clock.now(), statusPageUrl);
}

export function buildStatusReply(view: LiveStatusView, now: Date, statusPageUrl: string): Reply {
  // Several pages: one section each; one page keeps today's reply.
  if (view.pages && view.pages.length > 1) return buildPagesStatusReply(view, view.pages, now);
  const blocks: ReplyBlock[] = [{ type: 'header', text: 'Claude status' }];
  if (view.lastSuccessAt === null) {
    blocks.push({
      type: 'notice',
      level: 'warning',
      text: `No successful read of the status page yet${view.lastError ? ` (last error: ${describeError(view.lastError)})` : ''}. Check ${statusPageUrl} directly.`,
    });
  } else if (view.stale) {
    blocks.push({
      type: 'notice',
      level: 'warning',
      text: `Stale: the status page was last read ${ago(view.lastSuccessAt, now)}${view.lastError ? ` (since then: ${describeError(view.lastError)})` : ''}. What follows is the last known state.`,
    });
  }
  const open = view.openIncidents;
  const headline = pageHeadline(view);
  // Never read: there is nothing to call green.
  if (view.lastSuccessAt !== null) blocks.push({ type: 'notice', level: headline.level, text: headline.text });

  for (const incident of open) {
    const latest = incident.updates.at(-1);
    const impact = incident.impact ? `, impact ${incident.impact}` : '';
    blocks.push({ type: 'text', text: `**${incident.name}** · ${INCIDENT_WORDS[incident.status]}${impact} · since ${formatUtc(incident.createdAt)}` });
    if (latest) blocks.push({ type: 'text', text: `${INCIDENT_WORDS[latest.status]} (${formatUtc(latest.at)}): ${cut(latest.body, 280)}` });
    if (incident.url) blocks.push({ type: 'links', links: [{ label: 'Incident page', url: incident.url }] });
  }
  blocks.push(...describeMaintenances(view.maintenances ?? []));
  if (view.components.length > 0) {
    blocks.push({
      type: 'bullets',
      items: view.components.map((c) => `${componentWords(c.status).mark} ${c.name}: ${componentWords(c.status).label}`),
    });
  }
  blocks.push(...describeCommunity(view));
  if (view.lastSuccessAt !== null) blocks.push({ type: 'text', text: `Last checked ${ago(view.lastSuccessAt, now)} · ${statusPageUrl}` });
  const summary =
    open.length > 0
      ? `${open.length} open incident(s): ${open.map((i) => i.name).join('; ')}`
      : view.lastSuccessAt === null
        ? 'The status page has not been read yet.'
        : headline.text;
  return { blocks, visibility: 'ephemeral', summary: cut(summary, 300) };
}

function pageHeadline(view: LiveStatusView): { level: 'ok' | 'warning' | 'danger'; text: string } {
  // A component under maintenance is planned work, not an outage.
  const broken = view.components.filter((c) => c.status !== 'operational' && c.status !== 'under_maintenance');
  if (view.openIncidents.length === 0 && broken.length === 0) {
    return { level: 'ok', text: view.page?.description ?? 'No open incidents on the status page.' };
  }
  const severe = view.page?.indicator === 'major' || view.page?.indicator === 'critical' || broken.some((c) => c.status === 'major_outage');
  const text = view.page?.description ?? `${view.openIncidents.length} open incident(s)`;
  return { level: severe ? 'danger' : 'warning', text };
}

function describeError(error: { code: string; message: string }): string {
  // The stored message starts with the last URL tried (often the last fallback): the cause is what helps.
  return error.code === 'challenge_page' ? 'blocked by a challenge page' : cut(error.message.replace(/^https?:\/\/\S+:\s+/, ''), 160);
}

import type { LiveStatusView, PageLiveStatus } from '../incidents/live-status.js';
import { formatUtc } from '../shared/clock.js';
import { ago, componentWords, cut, INCIDENT_WORDS } from './describe.js';
import type { Reply, ReplyBlock } from './reply.js';
import { describeCommunity } from './status-community.js';

/** A page as people name it: the name it gives itself, else its id. */
export const pageTitle = (page: PageLiveStatus): string => page.page?.name || page.id;

/**
 * `/claude-status` with several pages: one section per page, in configured order. A page
 * never read says "unknown" (with why), a stale one says since when; the others read as normal.
 */
export function buildPagesStatusReply(view: LiveStatusView, pages: PageLiveStatus[], now: Date): Reply {
  const blocks: ReplyBlock[] = [{ type: 'header', text: 'Status pages' }];
  for (const page of pages) {
    blocks.push({ type: 'divider' }, ...describePage(page, now));
  }
  blocks.push(...describeCommunity(view));
  const lines = pages.map((p) => `${pageTitle(p)}: ${p.lastSuccessAt === null ? 'unknown' : p.openIncidents.length > 0 ? `${p.openIncidents.length} open incident(s)` : (p.page?.description ?? 'no open incidents')}`);
  return { blocks, visibility: 'ephemeral', summary: cut(lines.join(' · '), 300) };
}

function describePage(page: PageLiveStatus, now: Date): ReplyBlock[] {
  const title = `**${pageTitle(page)}** (${page.id}) · ${page.url}`;
  if (page.lastSuccessAt === null) {
    const why = page.lastError ? `: ${describeError(page.lastError)}` : ': not read yet';
    return [{ type: 'text', text: title }, { type: 'notice', level: 'warning', text: `Unknown: this page has not been read${why}. Check ${page.url} directly.` }];
  }
  const blocks: ReplyBlock[] = [{ type: 'text', text: title }];
  if (page.stale) {
    const since = page.lastError ? ` (since then: ${describeError(page.lastError)})` : '';
    blocks.push({ type: 'notice', level: 'warning', text: `Stale: last read ${ago(page.lastSuccessAt, now)}${since}. What follows is the last known state.` });
  }
  const broken = page.components.filter((c) => c.status !== 'operational');
  const calm = page.openIncidents.length === 0 && broken.length === 0;
  const severe = page.page?.indicator === 'major' || page.page?.indicator === 'critical' || broken.some((c) => c.status === 'major_outage');
  const text = page.page?.description ?? (calm ? 'No open incidents on the status page.' : `${page.openIncidents.length} open incident(s)`);
  blocks.push({ type: 'notice', level: calm ? 'ok' : severe ? 'danger' : 'warning', text });
  for (const incident of page.openIncidents) {
    const latest = incident.updates.at(-1);
    const impact = incident.impact ? `, impact ${incident.impact}` : '';
    blocks.push({ type: 'text', text: `**${incident.name}** · ${INCIDENT_WORDS[incident.status]}${impact} · since ${formatUtc(incident.createdAt)}` });
    if (latest) blocks.push({ type: 'text', text: `${INCIDENT_WORDS[latest.status]} (${formatUtc(latest.at)}): ${cut(latest.body, 280)}` });
    if (incident.url) blocks.push({ type: 'links', links: [{ label: 'Incident page', url: incident.url }] });
  }
  // A long list of green components says nothing the headline did not: only broken ones then.
  const shown = page.components.length <= 12 ? page.components : broken;
  if (shown.length > 0) blocks.push({ type: 'bullets', items: shown.map((c) => `${componentWords(c.status).mark} ${c.name}: ${componentWords(c.status).label}`) });
  blocks.push({ type: 'text', text: `Last checked ${ago(page.lastSuccessAt, now)}` });
  return blocks;
}

function describeError(error: { code: string; message: string }): string {
  return error.code === 'challenge_page' ? 'blocked by a challenge page' : cut(error.message.replace(/^https?:\/\/\S+:\s+/, ''), 160);
}

import { isOpen, pageStatusOf, type StatuspageIncident, type StatuspageState } from './statuspage-state.js';

/**
 * Renders a {@link StatuspageState} into the documents a real Atlassian Statuspage serves:
 * the /api/v2 JSON and the Atom/RSS history feeds, the latter in the exact markup of
 * status.claude.com/history.atom (see test/fixtures/claude-status-history.head4.atom).
 * @see https://developer.statuspage.io/
 */

const pageJson = (state: StatuspageState, publicUrl: string): object => ({
  id: state.page.id,
  name: state.page.name,
  url: publicUrl,
  time_zone: state.page.time_zone ?? 'Etc/UTC',
  updated_at: state.page.updated_at,
});

const byCreatedDesc = (a: StatuspageIncident, b: StatuspageIncident): number => Date.parse(b.created_at) - Date.parse(a.created_at);

/** Every JSON document the fake serves, by path. */
export function renderJson(path: string, state: StatuspageState, publicUrl: string): string | null {
  const page = pageJson(state, publicUrl);
  const status = pageStatusOf(state);
  const withPage = (incident: StatuspageIncident): object => ({ ...incident, page_id: state.page.id, shortlink: incident.shortlink ?? `https://stspg.io/${incident.id}` });
  const maintenances = state.scheduled_maintenances ?? [];
  switch (path) {
    case '/api/v2/summary.json':
      return JSON.stringify({
        page,
        components: state.components,
        incidents: state.incidents.filter(isOpen).sort(byCreatedDesc).map(withPage),
        scheduled_maintenances: maintenances.filter(isOpen).map(withPage),
        status,
      });
    case '/api/v2/incidents.json':
      // Like the real page: maintenances are not incidents; they have their own documents.
      return JSON.stringify({ page, incidents: [...state.incidents].sort(byCreatedDesc).slice(0, 50).map(withPage) });
    case '/api/v2/scheduled-maintenances.json':
      return JSON.stringify({ page, scheduled_maintenances: [...maintenances].sort(byCreatedDesc).slice(0, 50).map(withPage) });
    case '/api/v2/scheduled-maintenances/upcoming.json':
      return JSON.stringify({ page, scheduled_maintenances: maintenances.filter((m) => m.status === 'scheduled').map(withPage) });
    case '/api/v2/scheduled-maintenances/active.json':
      return JSON.stringify({ page, scheduled_maintenances: maintenances.filter((m) => m.status === 'in_progress' || m.status === 'verifying').map(withPage) });
    case '/api/v2/status.json':
      return JSON.stringify({ page, status });
    case '/api/v2/components.json':
      return JSON.stringify({ page, components: state.components });
    default:
      return null;
  }
}

/** Text content is escaped the way the real feed does it: only &, < and > (quotes stay literal). */
export const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LABELS: Record<string, string> = { in_progress: 'In progress' };
const label = (status: string): string => LABELS[status] ?? status.charAt(0).toUpperCase() + status.slice(1);

/** The HTML of one entry: every update, newest first; an unchanged status reads "Update". */
export function updatesHtml(incident: StatuspageIncident): string {
  const oldestFirst = [...incident.incident_updates].sort((a, b) => Date.parse(a.display_at) - Date.parse(b.display_at));
  const lines = oldestFirst.map((update, i) => {
    const d = new Date(update.display_at);
    const day = String(d.getUTCDate()).padStart(2, ' ');
    const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    const word = i > 0 && oldestFirst[i - 1]?.status === update.status ? 'Update' : label(update.status);
    return `<p> <small>${MONTHS[d.getUTCMonth()]} <var data-var='date'>${day}</var>, <var data-var='time'>${time}</var> UTC</small><br> <strong>${word}</strong> - ${escapeXml(update.body)} </p>`;
  });
  return lines.reverse().join(' ');
}

/** Feeds list incidents and maintenances that have at least one update, newest first. */
const feedEntries = (state: StatuspageState): StatuspageIncident[] =>
  [...state.incidents, ...(state.scheduled_maintenances ?? [])]
    .filter((incident) => incident.incident_updates.length > 0)
    .sort(byCreatedDesc)
    .slice(0, 25);

/** Statuspage's Atom entry ids are numeric; derive a stable one from the incident id. */
const entryNumber = (id: string): number => 30_000_000 + ([...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 9_000_000);
const isoSeconds = (iso: string): string => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function renderAtom(state: StatuspageState, publicUrl: string, withEntries = true): string {
  const host = new URL(publicUrl).host;
  const entries = (withEntries ? feedEntries(state) : []).map((incident) => `  <entry>
    <id>tag:${host},2005:Incident/${entryNumber(incident.id)}</id>
    <published>${isoSeconds(incident.updated_at)}</published>
    <updated>${isoSeconds(incident.updated_at)}</updated>
    <link rel="alternate" type="text/html" href="${publicUrl}/incidents/${incident.id}"/>
    <title>${escapeXml(incident.name)}</title>
    <content type="html">${escapeXml(updatesHtml(incident))}</content>
  </entry>
`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">
  <id>tag:${host},2005:/history</id>
  <link rel="alternate" type="text/html" href="${publicUrl}"/>
  <link rel="self" type="application/atom+xml" href="${publicUrl}/history.atom"/>
  <title>${escapeXml(state.page.name)} Status - Incident History</title>
  <updated>${isoSeconds(state.page.updated_at)}</updated>
  <author>
    <name>${escapeXml(state.page.name)}</name>
  </author>
${entries.join('')}</feed>
`;
}

const rfc822 = (iso: string): string => new Date(iso).toUTCString().replace('GMT', '+0000');

export function renderRss(state: StatuspageState, publicUrl: string, withEntries = true): string {
  const items = (withEntries ? feedEntries(state) : []).map((incident) => `    <item>
      <title>${escapeXml(incident.name)}</title>
      <description>${escapeXml(updatesHtml(incident))}</description>
      <pubDate>${rfc822(incident.updated_at)}</pubDate>
      <link>${publicUrl}/incidents/${incident.id}</link>
      <guid>${publicUrl}/incidents/${incident.id}</guid>
    </item>
`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${escapeXml(state.page.name)} Status - Incident History</title>
    <link>${publicUrl}</link>
    <description>Statuspage</description>
    <pubDate>${rfc822(state.page.updated_at)}</pubDate>
${items.join('')}  </channel>
</rss>
`;
}

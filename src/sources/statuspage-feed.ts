import type Parser from 'rss-parser';
import type { Incident, IncidentStatus } from '../incidents/model.js';
import { isResolvedStatus } from '../incidents/model.js';
import { parseUpdateLines, type FeedUpdateLine } from './feed-update-lines.js';
import { parseIncidentioEntry } from './incidentio-feed-entry.js';
import { SourceError } from './source-error.js';
import { keyUpdates, type UnkeyedUpdate } from './update-keys.js';
import { toIncidentStatus } from './statuspage-vocabulary.js';

/**
 * Parses a Statuspage `/history.atom` or `/history.rss` into incidents. The feed never
 * says impact or components, so those are null and []. incident.io feeds (one entry per
 * incident, latest update only, no time lines) are read too, entry by entry, by their shape.
 * @see https://support.atlassian.com/statuspage/docs/view-and-subscribe-to-rss-and-atom-feeds/
 */

/** Where the feed came from. */
export interface StatuspageFeedOptions {
  /** The URL fetched, for error messages. */
  url: string;
  /** The base URL fetched, used for incident URLs when the feed has no link of its own. */
  baseUrl?: string | null;
  /** Anchor for the year when an entry has no dates at all. */
  now?: () => Date;
}

interface FeedItem {
  link?: string;
  guid?: string;
  id?: string;
  title?: string;
  content?: string;
  summary?: string;
  pubDate?: string;
  isoDate?: string;
  updated?: string;
}

const DAY_MS = 86_400_000;
const MAINTENANCE_STATUSES = new Set<IncidentStatus>(['scheduled', 'in_progress', 'verifying', 'completed']);
// Loaded on first use: a bot reading the JSON API never needs rss-parser and xml2js (~10 MiB).
let parserClass: Promise<typeof Parser> | null = null;
const INCIDENT_CODE = /\/incidents\/+([A-Za-z0-9_-]+)/;

export async function parseStatuspageFeed(xml: string, options: StatuspageFeedOptions): Promise<Incident[]> {
  const { url } = options;
  if (xml.trim() === '') throw new SourceError('empty', `${url}: empty body`, { url });
  let feed: Parser.Output<FeedItem>;
  parserClass ??= import('rss-parser').then((module) => module.default);
  const FeedParser = await parserClass;
  try {
    // A fresh parser each time: xml2js parsers can stay broken after an error.
    feed = await new FeedParser<Record<string, unknown>, FeedItem>({ customFields: { item: ['updated'] } }).parseString(xml);
  } catch (error) {
    throw new SourceError('unparsable', `${url}: invalid feed XML (${(error as Error).message})`, { url, cause: error });
  }
  if (feed.items.length === 0) throw new SourceError('empty', `${url}: the feed has no entries`, { url });
  const base = (feed.link || options.baseUrl || '').replace(/\/+$/, '') || null;
  const now = options.now ?? (() => new Date());
  const parsed = feed.items.map((item) => toIncident(item, base, now));
  if (parsed.every((incident) => incident === null)) {
    throw new SourceError('unparsable', `${url}: no entry with an incident link and readable update lines`, { url });
  }
  // Maintenances not yet started are plans, not incidents (as in statuspage-json).
  return parsed.filter((incident): incident is Incident => incident !== null && incident.status !== 'scheduled');
}

function toIncident(item: FeedItem, base: string | null, now: () => Date): Incident | null {
  const link = [item.link, item.guid, item.id].find((value) => value && INCIDENT_CODE.test(value));
  const code = link ? INCIDENT_CODE.exec(link)?.[1] : undefined;
  const html = item.content ?? item.summary ?? '';
  const lines = parseUpdateLines(html);
  if (!code || !link) return null;
  if (lines.length === 0) return toIncidentioIncident(item, code, link, base, html);
  const key = `statuspage:${code}`;
  const published = dateMs(item.isoDate ?? item.pubDate);
  const updated = dateMs(item.updated);
  const anchor = Math.max(updated ?? Number.NEGATIVE_INFINITY, published ?? Number.NEGATIVE_INFINITY);
  const anchorMs = Number.isFinite(anchor) ? anchor : now().getTime();

  // Lines are newest first; statuses carry forward, so walk them oldest first.
  let previous: IncidentStatus = 'investigating';
  const unkeyed: UnkeyedUpdate[] = [...lines].reverse().map((line) => {
    // "Update" (or a word we don't know) maps to null: the previous status carries on.
    previous = toIncidentStatus(line.label) ?? previous;
    return { status: previous, body: line.body, at: new Date(lineMs(line, anchorMs)).toISOString(), affectedComponents: [] };
  });
  const updates = keyUpdates(key, unkeyed);
  const newest = updates.at(-1);
  const status = newest?.status ?? 'investigating';
  const resolvedUpdate = [...updates].reverse().find((u) => u.status === 'resolved' || u.status === 'completed');
  const createdAt = updates[0]?.at ?? new Date(anchorMs).toISOString();
  const updatedMs = Math.max(updated ?? published ?? 0, newest ? Date.parse(newest.at) : 0);
  return {
    key,
    source: 'statuspage',
    name: item.title?.trim() || '(untitled incident)',
    status,
    // The feed rates nothing, but maintenance words say what it is: never an outage.
    impact: updates.some((u) => MAINTENANCE_STATUSES.has(u.status)) ? 'maintenance' : null,
    url: base ? `${base}/incidents/${code}` : link.replace(/([^:/])\/{2,}/g, '$1/'),
    createdAt,
    updatedAt: new Date(updatedMs || anchorMs).toISOString(),
    resolvedAt: isResolvedStatus(status) ? (resolvedUpdate?.at ?? newest?.at ?? null) : null,
    components: [],
    updates,
  };
}

/** An incident.io entry: its one update is dated by the entry's <updated>. */
function toIncidentioIncident(item: FeedItem, code: string, link: string, base: string | null, html: string): Incident | null {
  const entry = parseIncidentioEntry(html);
  const atMs = dateMs(item.updated) ?? dateMs(item.isoDate ?? item.pubDate);
  if (!entry || atMs === null) return null;
  const key = `statuspage:${code}`;
  const at = new Date(atMs).toISOString();
  const updates = keyUpdates(key, [{ status: entry.status, body: entry.body, at, affectedComponents: entry.affectedComponents }]);
  return {
    key,
    source: 'statuspage',
    name: item.title?.trim() || '(untitled incident)',
    status: entry.status,
    impact: entry.maintenance ? 'maintenance' : null,
    url: base ? `${base}/incidents/${code}` : link.replace(/([^:/])\/{2,}/g, '$1/'),
    // The feed shows no earlier update: the first one we see is the earliest we know.
    createdAt: at,
    updatedAt: at,
    resolvedAt: isResolvedStatus(entry.status) ? at : null,
    components: entry.affectedComponents.map((name) => ({ id: null, name })),
    updates,
  };
}

function dateMs(value: string | undefined): number | null {
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The line has no year: take the latest year that does not put the update more than a
 * day after the entry's newest date (an update in Dec under an entry dated Jan is the
 * previous year).
 */
function lineMs(line: FeedUpdateLine, anchorMs: number): number {
  const at = (year: number): number =>
    Date.UTC(year, line.month, line.day, line.hour, line.minute) - line.offsetMinutes * 60_000;
  if (line.year !== null) return at(line.year);
  const anchorYear = new Date(anchorMs).getUTCFullYear();
  for (let year = anchorYear + 1; year >= anchorYear - 1; year -= 1) {
    if (at(year) <= anchorMs + DAY_MS) return at(year);
  }
  return at(anchorYear - 1);
}

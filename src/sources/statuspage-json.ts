import type { ComponentState, Incident, IncidentStatus, PageStatus } from '../incidents/model.js';
import { isResolvedStatus } from '../incidents/model.js';
import { htmlToText } from './html-text.js';
import { SourceError } from './source-error.js';
import { keyUpdates, type UnkeyedUpdate } from './update-keys.js';
import { toComponentStatus, toImpact, toIncidentStatus } from './statuspage-vocabulary.js';
import {
  parseEach,
  wireComponentSchema,
  wireDocumentSchema,
  wireIncidentSchema,
  type WireDocument,
  type WireIncident,
} from './statuspage-wire.js';

/**
 * Parsers for the Statuspage API v2 JSON documents.
 * @see https://developer.statuspage.io/
 * @see https://metastatuspage.com/api#summary
 */

/** Where the document came from, for incident URLs and error messages. */
export interface StatuspageJsonOptions {
  /** The base URL fetched, used for incident URLs when the document has no page.url. */
  baseUrl?: string | null;
  /** The URL fetched, for error messages. */
  url: string;
}

/** What summary.json (or components.json, a subset) says. */
export interface ParsedSummary {
  page: PageStatus | null;
  components: ComponentState[];
  /** Open incidents plus maintenances not yet completed (announced, in progress, verifying). */
  incidents: Incident[];
  /** The document has each list, so something open it leaves out is no longer open on the page. */
  listsIncidents: boolean;
  listsMaintenances: boolean;
}

/** Parses `/api/v2/summary.json`; incident.io pages omit `incidents`, which is fine. */
export function parseSummaryJson(body: string, options: StatuspageJsonOptions): ParsedSummary {
  const doc = parseDocument(body, options.url);
  const base = baseOf(doc, options);
  const incidents = parseEach(wireIncidentSchema, doc.incidents).map((wire) => toIncident(wire, base, false));
  // summary.json lists upcoming and active maintenances: each is announced once, with its window.
  const maintenances = parseEach(wireIncidentSchema, doc.scheduled_maintenances).map((wire) => toIncident(wire, base, true));
  return {
    page: toPage(doc, base),
    components: parseComponents(doc),
    incidents: [...incidents, ...maintenances].filter((incident) => incident.createdAt !== ''),
    listsIncidents: Array.isArray(doc.incidents),
    listsMaintenances: Array.isArray(doc.scheduled_maintenances),
  };
}

/**
 * Parses `/api/v2/scheduled-maintenances.json`: the 50 most recent maintenances in every
 * state (scheduled, in progress, verifying, completed). The only place a completion shows:
 * completed maintenances leave summary.json and are not in incidents.json.
 * @see https://developer.statuspage.io/#tag/scheduled-maintenances
 */
export function parseMaintenancesJson(body: string, options: StatuspageJsonOptions): Incident[] {
  const doc = parseDocument(body, options.url);
  if (!doc.scheduled_maintenances) throw new SourceError('unparsable', `${options.url}: no "scheduled_maintenances" list`, { url: options.url });
  const base = baseOf(doc, options);
  return parseEach(wireIncidentSchema, doc.scheduled_maintenances)
    .map((wire) => toIncident(wire, base, true))
    .filter((incident) => incident.createdAt !== '');
}

/** Parses `/api/v2/incidents.json`: the 50 most recent incidents, resolved ones included. */
export function parseIncidentsJson(body: string, options: StatuspageJsonOptions): Incident[] {
  const doc = parseDocument(body, options.url);
  if (!doc.incidents) throw new SourceError('unparsable', `${options.url}: no "incidents" list`, { url: options.url });
  const base = baseOf(doc, options);
  // A maintenance listed here (some pages do) is read like one from scheduled-maintenances.json.
  return parseEach(wireIncidentSchema, doc.incidents)
    .map((wire) => toIncident(wire, base, wire.impact === 'maintenance' || Boolean(wire.scheduled_for)))
    .filter((incident) => incident.createdAt !== '');
}

function parseDocument(body: string, url: string): WireDocument {
  if (body.trim() === '') throw new SourceError('empty', `${url}: empty body`, { url });
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new SourceError('unparsable', `${url}: invalid JSON (${(error as Error).message})`, { url, cause: error });
  }
  const result = wireDocumentSchema.safeParse(json);
  if (!result.success) {
    throw new SourceError('unparsable', `${url}: not a Statuspage document (${result.error.issues[0]?.message ?? 'wrong shape'})`, { url });
  }
  return result.data;
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

function baseOf(doc: WireDocument, options: StatuspageJsonOptions): string | null {
  // The page's own URL first: a fallback host (anthropic.statuspage.io) still links to the canonical one.
  const base = doc.page?.url || options.baseUrl || null;
  return base ? trimSlash(base) : null;
}

function toPage(doc: WireDocument, base: string | null): PageStatus | null {
  if (!doc.page) return null;
  return {
    name: doc.page.name ?? '',
    url: doc.page.url ?? base ?? '',
    indicator: doc.status?.indicator?.trim().toLowerCase() || 'none',
    description: doc.status?.description ?? '',
  };
}

function parseComponents(doc: WireDocument): ComponentState[] {
  return parseEach(wireComponentSchema, doc.components).map((wire, index) => ({
    id: wire.id,
    name: wire.name,
    status: toComponentStatus(wire.status),
    group: wire.group === true,
    position: wire.position ?? index + 1,
  }));
}

/** The first of these that is a valid date, as ISO 8601 UTC; '' when none is. */
function firstDate(...values: Array<string | null | undefined>): string {
  for (const value of values) {
    const ms = value ? Date.parse(value) : Number.NaN;
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  }
  return '';
}

function toIncident(wire: WireIncident, base: string | null, maintenance: boolean): Incident {
  const key = `statuspage:${wire.id}`;
  const resolvedAt = firstDate(wire.resolved_at) || null;
  const fallbackStatus = resolvedAt ? 'resolved' : 'investigating';
  const status = toIncidentStatus(wire.status) ?? fallbackStatus;
  // The API lists updates newest first; reversed, same-instant ties stay oldest first.
  const oldestFirst = [...(wire.incident_updates ?? [])].reverse();
  let previous: IncidentStatus = 'investigating';
  const unkeyed: UnkeyedUpdate[] = [];
  for (const update of oldestFirst) {
    const at = firstDate(update.display_at, update.created_at);
    if (at === '') continue;
    // An unknown update status carries the previous one, as the feed's "Update" does.
    previous = toIncidentStatus(update.status) ?? previous;
    const affected = (update.affected_components ?? []).flatMap((c) => (c.name ? [c.name] : []));
    unkeyed.push({ status: previous, body: htmlToText(update.body ?? ''), at, affectedComponents: affected });
  }
  const updates = keyUpdates(key, unkeyed);
  const createdAt = firstDate(wire.created_at, wire.started_at, updates[0]?.at, wire.updated_at);
  const resolvedUpdate = [...updates].reverse().find((update) => isResolvedStatus(update.status));
  return {
    key,
    source: 'statuspage',
    name: wire.name ?? '(untitled incident)',
    status,
    impact: maintenance ? 'maintenance' : toImpact(wire.impact),
    url: base ? `${base}/incidents/${wire.id}` : (wire.shortlink ?? null),
    createdAt,
    updatedAt: firstDate(wire.updated_at, updates.at(-1)?.at) || createdAt,
    resolvedAt: isResolvedStatus(status) ? (resolvedAt ?? resolvedUpdate?.at ?? null) : null,
    components: (wire.components ?? []).flatMap((c) => (c.name ? [{ id: c.id ?? null, name: c.name }] : [])),
    updates,
    ...(maintenance ? { scheduledFor: firstDate(wire.scheduled_for) || null, scheduledUntil: firstDate(wire.scheduled_until) || null } : {}),
  };
}

import type { IncidentEvent } from './events.js';

/**
 * Which status page a stored thing belongs to. Every page has an id (`claude`, `openai`);
 * its incidents are keyed `<id>:<code>`, its updates `<id>:<code>@<minute>#<n>`, its
 * components `<id>:<component id>`. The `claude` page keeps the keys it had before pages
 * existed (`statuspage:<code>`, bare component ids, source `statuspage`), so an existing
 * database upgrades without a second card for an open incident.
 * @see docs/decisions/004-page-identity.md
 */
export interface PageScope {
  /** e.g. `openai`. */
  id: string;
  /** Poll state and page status row: `statuspage` for claude, `statuspage:<id>` for others. */
  sourceId: string;
  /** What replaces the parsers' `statuspage:` in incident and update keys. */
  keyPrefix: string;
  /** Put before a component id ('' for claude). */
  componentPrefix: string;
}

/** The page whose keys are the ones stored before several pages existed. */
export const LEGACY_PAGE_ID = 'claude';
const LEGACY_PREFIX = 'statuspage:';
/** Ids a page may not take: they already start other keys (`github:`, `component:`, `statuspage:`). */
export const RESERVED_PAGE_IDS: readonly string[] = ['statuspage', 'github', 'component', 'open', 'update', 'status', 'impact', 'resolved'];

export function scopeForPage(id: string): PageScope {
  if (id === LEGACY_PAGE_ID) return { id, sourceId: 'statuspage', keyPrefix: LEGACY_PREFIX, componentPrefix: '' };
  return { id, sourceId: `statuspage:${id}`, keyPrefix: `${id}:`, componentPrefix: `${id}:` };
}

/** The page of an incident or update key; null for GitHub early warnings. */
export function pageOfKey(key: string): string | null {
  if (key.startsWith(LEGACY_PREFIX)) return LEGACY_PAGE_ID;
  const colon = key.indexOf(':');
  if (colon <= 0) return null;
  const prefix = key.slice(0, colon);
  return prefix === 'github' ? null : prefix;
}

/** The page of a (scoped) component id: bare ids are the claude page's. */
export function pageOfComponentId(id: string): string {
  const colon = id.indexOf(':');
  return colon <= 0 ? LEGACY_PAGE_ID : id.slice(0, colon);
}

/** The page an event is about; null when it is about no page (early warnings, digests). */
export function pageOfEvent(event: IncidentEvent): string | null {
  if (event.kind === 'component_changed') return pageOfComponentId(event.componentId);
  return event.incidentKey === null ? null : pageOfKey(event.incidentKey);
}

/** The page of a source id (`statuspage` → claude, `statuspage:<id>` → id). */
export const pageOfSourceId = (sourceId: string): string => (sourceId === 'statuspage' ? LEGACY_PAGE_ID : sourceId.replace(/^statuspage:/, ''));

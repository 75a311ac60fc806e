import { COMPONENT_STATUSES, IMPACTS, INCIDENT_STATUSES, type ComponentState, type Incident, type IncidentUpdate, type Snapshot } from './model.js';

/** Why an item of a poll was left out or merged; stable codes for logs and the dropped-items metric. */
export type DropReason = 'duplicate' | 'bad_date' | 'out_of_range' | 'bad_value' | 'missing_field' | 'store_rejected';

export interface DroppedItem {
  kind: 'component' | 'incident' | 'update';
  /** The item's id or key as the source gave it (never trusted text beyond this). */
  id: string;
  reason: DropReason;
  detail: string;
}

export interface SanitizedSnapshot {
  snapshot: Snapshot;
  dropped: DroppedItem[];
}

/** Dates this far ahead of the fetch are a broken clock or a typo, not news. */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;
/** Statuspage launched long after this; older dates are garbage. */
const EARLIEST = Date.parse('2005-01-01T00:00:00Z');
const MAX_NAME = 1_000;
const MAX_BODY = 20_000;

/**
 * Makes one poll safe to apply item by item: duplicated components and incidents are
 * merged (first one wins), and items with unreadable or impossible values are dropped,
 * each reported. Pure: one bad item never stands in the way of the rest of the poll.
 */
export function sanitizeSnapshot(snapshot: Snapshot, now: Date): SanitizedSnapshot {
  const dropped: DroppedItem[] = [];
  // Against the later of the fetch and now: a snapshot may be applied after it was read.
  const latest = Math.max(Date.parse(snapshot.fetchedAt) || 0, now.getTime()) + FUTURE_SLACK_MS;
  const dateProblem = (iso: string | null): DropReason | null => {
    if (iso === null) return null;
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) return 'bad_date';
    return ms < EARLIEST || ms > latest ? 'out_of_range' : null;
  };

  const components = snapshot.components === null ? null : sanitizeComponents(snapshot.components, dropped);
  const seen = new Set<string>();
  const incidents: Incident[] = [];
  for (const incident of snapshot.incidents) {
    const problem = incidentProblem(incident, dateProblem);
    if (problem) {
      dropped.push({ kind: 'incident', id: incident.key, ...problem });
      continue;
    }
    if (seen.has(incident.key)) {
      dropped.push({ kind: 'incident', id: incident.key, reason: 'duplicate', detail: 'listed twice; the first copy is kept' });
      continue;
    }
    seen.add(incident.key);
    incidents.push({ ...incident, name: incident.name.slice(0, MAX_NAME), updates: sanitizeUpdates(incident.updates, dateProblem, dropped) });
  }
  return { snapshot: { ...snapshot, components, incidents }, dropped };
}

function sanitizeComponents(components: ComponentState[], dropped: DroppedItem[]): ComponentState[] {
  const byId = new Map<string, ComponentState>();
  for (const c of components) {
    if (c.id.trim() === '') {
      dropped.push({ kind: 'component', id: c.name, reason: 'missing_field', detail: 'component without an id' });
    } else if (!(COMPONENT_STATUSES as readonly string[]).includes(c.status)) {
      dropped.push({ kind: 'component', id: c.id, reason: 'bad_value', detail: `unknown status ${JSON.stringify(c.status).slice(0, 40)}` });
    } else if (byId.has(c.id)) {
      dropped.push({ kind: 'component', id: c.id, reason: 'duplicate', detail: 'listed twice; the first copy is kept' });
    } else {
      byId.set(c.id, { ...c, name: c.name.slice(0, MAX_NAME) });
    }
  }
  return [...byId.values()];
}

function incidentProblem(incident: Incident, dateProblem: (iso: string | null) => DropReason | null): Omit<DroppedItem, 'kind' | 'id'> | null {
  if (incident.key.trim() === '' || incident.name.trim() === '') return { reason: 'missing_field', detail: 'incident without a key or a name' };
  if (!(INCIDENT_STATUSES as readonly string[]).includes(incident.status)) return { reason: 'bad_value', detail: 'unknown status' };
  if (incident.impact !== null && !(IMPACTS as readonly string[]).includes(incident.impact)) return { reason: 'bad_value', detail: 'unknown impact' };
  for (const [field, value] of [['created_at', incident.createdAt], ['updated_at', incident.updatedAt], ['resolved_at', incident.resolvedAt]] as const) {
    const reason = dateProblem(value);
    if (reason) return { reason, detail: `${field} ${JSON.stringify(value).slice(0, 40)} is not a plausible time` };
  }
  return null;
}

function sanitizeUpdates(updates: IncidentUpdate[], dateProblem: (iso: string | null) => DropReason | null, dropped: DroppedItem[]): IncidentUpdate[] {
  const keys = new Set<string>();
  const kept: IncidentUpdate[] = [];
  for (const update of updates) {
    const reason = dateProblem(update.at) ?? (keys.has(update.key) ? 'duplicate' : null);
    if (reason) {
      dropped.push({ kind: 'update', id: update.key, reason, detail: reason === 'duplicate' ? 'listed twice' : `time ${JSON.stringify(update.at).slice(0, 40)}` });
      continue;
    }
    keys.add(update.key);
    kept.push(update.body.length > MAX_BODY ? { ...update, body: `${update.body.slice(0, MAX_BODY)}…` } : update);
  }
  return kept;
}

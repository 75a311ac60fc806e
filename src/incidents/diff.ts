import type { IncidentEvent } from './events.js';
import { durationOf } from './maintenance.js';
import { isResolvedStatus, type ComponentState, type Incident, type IncidentUpdate, type Snapshot } from './model.js';

export interface DiffInput {
  /** Stored state of the incidents the snapshot mentions (by key). */
  stored: ReadonlyMap<string, Incident>;
  /** Stored component states; empty before the first poll that saw components. */
  storedComponents: ReadonlyMap<string, ComponentState>;
  snapshot: Snapshot;
  /**
   * Resolved incidents first seen now are news only if they moved after this time
   * (the last successful poll, capped); null on the first run: history stays silent.
   */
  newsSince: string | null;
}

export interface DiffResult {
  events: IncidentEvent[];
  /** Merged incidents (stored + seen), every one the snapshot mentions. */
  incidents: Incident[];
  /** The subset that is new or differs from what is stored: all that needs writing. */
  changed: Incident[];
}

/** Stored state plus what a source saw → events. Pure: no I/O, no clock. */
export function diffSnapshot({ stored, storedComponents, snapshot, newsSince }: DiffInput): DiffResult {
  const events: IncidentEvent[] = [];
  const incidents: Incident[] = [];
  const changed: Incident[] = [];
  for (const seen of snapshot.incidents) {
    const prev = stored.get(seen.key);
    const merged = prev ? mergeIncident(prev, seen) : seen;
    incidents.push(merged);
    if (!prev || JSON.stringify(prev) !== JSON.stringify(merged)) changed.push(merged);
    events.push(...(prev ? incidentChanges(prev, merged) : firstSight(merged, newsSince)));
  }
  if (snapshot.components !== null && storedComponents.size > 0) {
    events.push(...componentChanges(storedComponents, snapshot.components, snapshot.fetchedAt));
  }
  return { events, incidents, changed };
}

const byTime = (a: IncidentUpdate, b: IncidentUpdate): number => a.at.localeCompare(b.at) || a.key.localeCompare(b.key);
const newestAt = (incident: Incident): string => incident.updates.at(-1)?.at ?? incident.updatedAt;

/** Union of what is known: a feed knows no impact or components, the JSON API does. */
export function mergeIncident(prev: Incident, seen: Incident): Incident {
  const updates = new Map(prev.updates.map((u) => [u.key, u]));
  for (const u of seen.updates) updates.set(u.key, updates.get(u.key) ?? u);
  const merged = [...updates.values()].sort(byTime);
  // A stale copy (a cached feed behind the JSON API) must not move the status backwards.
  const seenIsStale = newestAt(seen) < newestAt(prev);
  const status = seenIsStale ? prev.status : seen.status;
  const resolved = isResolvedStatus(status);
  return {
    ...seen,
    status,
    impact: seen.impact ?? prev.impact,
    url: seen.url ?? prev.url,
    createdAt: prev.createdAt < seen.createdAt ? prev.createdAt : seen.createdAt,
    updatedAt: seen.updatedAt > prev.updatedAt ? seen.updatedAt : prev.updatedAt,
    resolvedAt: resolved ? (seen.resolvedAt ?? prev.resolvedAt ?? merged.at(-1)?.at ?? seen.updatedAt) : null,
    components: seen.components.length > 0 ? seen.components : prev.components,
    updates: merged,
    // Only maintenances carry a window; a feed copy (no window) keeps the stored one.
    ...(seen.scheduledFor || prev.scheduledFor ? { scheduledFor: seen.scheduledFor ?? prev.scheduledFor ?? null } : {}),
    ...(seen.scheduledUntil || prev.scheduledUntil ? { scheduledUntil: seen.scheduledUntil ?? prev.scheduledUntil ?? null } : {}),
  };
}

function firstSight(incident: Incident, newsSince: string | null): IncidentEvent[] {
  const opened: IncidentEvent = { kind: 'opened', dedupKey: `open:${incident.key}`, incidentKey: incident.key, at: incident.createdAt };
  if (!isResolvedStatus(incident.status)) return [opened];
  // Resolved before we ever saw it: old history stays silent; what happened while we were down is told once.
  const movedAt = incident.resolvedAt ?? incident.updatedAt;
  if (newsSince === null || movedAt <= newsSince) return [];
  return [opened, resolvedEvent(incident)];
}

function resolvedEvent(incident: Incident): IncidentEvent {
  const last = incident.updates.at(-1);
  const at = incident.resolvedAt ?? incident.updatedAt;
  return {
    kind: 'resolved',
    dedupKey: `resolved:${incident.key}@${at}`,
    incidentKey: incident.key,
    at,
    body: last && isResolvedStatus(last.status) ? last.body : null,
    durationMs: durationOf(incident) ?? 0,
  };
}

function incidentChanges(prev: Incident, next: Incident): IncidentEvent[] {
  const events: IncidentEvent[] = [];
  const known = new Set(prev.updates.map((u) => u.key));
  const fresh = next.updates.filter((u) => !known.has(u.key));
  const resolvesNow = isResolvedStatus(next.status) && !isResolvedStatus(prev.status);
  const closing = resolvesNow ? fresh.filter((u) => isResolvedStatus(u.status)).at(-1) : undefined;
  for (const u of fresh) {
    if (u === closing) continue; // told by the `resolved` event instead
    events.push({ kind: 'updated', dedupKey: `update:${u.key}`, incidentKey: next.key, at: u.at, updateKey: u.key, status: u.status, body: u.body });
  }
  if (resolvesNow) {
    events.push(resolvedEvent(next));
  } else if (next.status !== prev.status && !fresh.some((u) => u.status === next.status)) {
    events.push({
      kind: 'status_changed',
      dedupKey: `status:${next.key}:${next.status}@${next.updatedAt}`,
      incidentKey: next.key,
      at: next.updatedAt,
      from: prev.status,
      to: next.status,
    });
  }
  if (prev.impact !== null && next.impact !== null && prev.impact !== next.impact) {
    events.push({
      kind: 'impact_changed',
      dedupKey: `impact:${next.key}:${next.impact}@${next.updatedAt}`,
      incidentKey: next.key,
      at: next.updatedAt,
      from: prev.impact,
      to: next.impact,
    });
  }
  return events;
}

function componentChanges(stored: ReadonlyMap<string, ComponentState>, seen: ComponentState[], at: string): IncidentEvent[] {
  return seen
    .filter((c) => !c.group)
    .flatMap((c): IncidentEvent[] => {
      const before = stored.get(c.id);
      if (before?.status === c.status) return [];
      // A component added to the page while we watch is news only if it is not fine.
      if (!before && c.status === 'operational') return [];
      return [
        {
          kind: 'component_changed',
          dedupKey: `component:${c.id}:${c.status}@${at}`,
          incidentKey: null,
          at,
          componentId: c.id,
          componentName: c.name,
          from: before?.status ?? null,
          to: c.status,
        },
      ];
    });
}

import { statusLabel } from '../incidents/labels.js';
import { describeWindow, durationOf } from '../incidents/maintenance.js';
import type { ComponentState, Incident } from '../incidents/model.js';
import { isResolvedStatus } from '../incidents/model.js';
import type { Card, ThreadReply } from '../platforms/card.js';
import { formatDuration, formatUtc } from '../shared/clock.js';

export interface CardExtras {
  /** Current component states, to show each affected component's status. */
  components: ReadonlyMap<string, ComponentState>;
  notes?: string[];
}

/** The card for an incident as it stands now. */
export function buildIncidentCard(incident: Incident, extras: CardExtras): Card {
  const latest = incident.updates.at(-1) ?? null;
  const resolved = isResolvedStatus(incident.status);
  const byName = new Map([...extras.components.values()].map((c) => [c.name, c]));
  // A maintenance lasts from its real start, not from its announcement; a cancelled one has no duration.
  const durationMs = resolved ? durationOf(incident) : null;
  const window = describeWindow(incident);
  return {
    kind: incident.source === 'github' ? 'early_warning' : 'incident',
    key: incident.key,
    title: incident.name,
    url: incident.url,
    impact: incident.impact,
    status: incident.status,
    statusLabel: statusLabel(incident.status),
    resolved,
    components: incident.components.map((c) => {
      const current = (c.id !== null ? extras.components.get(c.id) : undefined) ?? byName.get(c.name);
      return { name: c.name, status: resolved ? null : (current?.status ?? null) };
    }),
    latestUpdate: latest ? { statusLabel: statusLabel(latest.status), body: latest.body, at: latest.at } : null,
    startedAt: incident.createdAt,
    resolvedAt: resolved ? (incident.resolvedAt ?? incident.updatedAt) : null,
    durationText: durationMs === null ? null : formatDuration(durationMs),
    notes: [...(window ? [window] : []), ...(extras.notes ?? [])],
    links: incident.url ? [{ label: incident.source === 'github' ? 'Open on GitHub' : 'Open status page', url: incident.url }] : [],
  };
}

export function buildReply(statusText: string, body: string, at: string, closing: boolean): ThreadReply {
  return { heading: `${statusText} · ${formatUtc(at)}`, body, at, closing };
}

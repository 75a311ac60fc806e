import type { Incident, IncidentStatus, IncidentUpdate, Snapshot, ComponentState } from '../../src/incidents/model.js';

/** Builds model incidents for tests; updates are [status, ISO time, body]. */
export function incident(code: string, updates: Array<[IncidentStatus, string, string?]>, overrides: Partial<Incident> = {}): Incident {
  const key = `statuspage:${code}`;
  const list: IncidentUpdate[] = updates.map(([status, at, body], i) => ({
    key: `${key}@${at.slice(0, 16)}#0`,
    status,
    body: body ?? `${status} update ${i}`,
    at,
    affectedComponents: [],
  }));
  const last = list.at(-1);
  const status = last?.status ?? 'investigating';
  const resolved = status === 'resolved' || status === 'postmortem';
  return {
    key,
    source: 'statuspage',
    name: `Incident ${code}`,
    status,
    impact: 'major',
    url: `https://status.example.com/incidents/${code}`,
    createdAt: list[0]?.at ?? '2026-11-01T00:00:00.000Z',
    updatedAt: last?.at ?? '2026-11-01T00:00:00.000Z',
    resolvedAt: resolved ? (last?.at ?? null) : null,
    components: [{ id: 'k8w3r06qmzrp', name: 'Claude API (api.anthropic.com)' }],
    updates: list,
    ...overrides,
  };
}

export function component(id: string, name: string, status: ComponentState['status'] = 'operational', position = 1): ComponentState {
  return { id, name, status, group: false, position };
}

export function snapshot(incidents: Incident[], components: ComponentState[] | null = null, fetchedAt = '2026-11-25T12:00:00.000Z'): Snapshot {
  return { sourceId: 'statuspage', fetchedAt, page: null, components, incidents };
}

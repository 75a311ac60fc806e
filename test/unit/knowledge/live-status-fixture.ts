import type { LiveStatusView } from '../../../src/incidents/live-status.js';
import type { Incident } from '../../../src/incidents/model.js';

export const NOW = new Date('2026-11-04T15:30:00Z');

export function greenStatus(overrides: Partial<LiveStatusView> = {}): LiveStatusView {
  return {
    page: { name: 'Claude', url: 'https://status.claude.com', indicator: 'none', description: 'All Systems Operational' },
    components: [],
    openIncidents: [],
    lastSuccessAt: '2026-11-04T15:29:30Z',
    lastError: null,
    stale: false,
    community: null,
    ...overrides,
  };
}

export function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    key: 'statuspage:vmys9qn874h4',
    source: 'statuspage',
    name: 'Elevated errors on Claude Opus',
    status: 'investigating',
    impact: 'major',
    url: 'https://status.claude.com/incidents/vmys9qn874h4',
    createdAt: '2026-11-04T14:45:00Z',
    updatedAt: '2026-11-04T15:10:00Z',
    resolvedAt: null,
    components: [{ id: 'k8w3r06qmzrp', name: 'Claude API (api.anthropic.com)' }],
    updates: [],
    ...overrides,
  };
}

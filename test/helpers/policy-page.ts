import type { StatuspageIncident, StatuspageState } from '../../src/demo/statuspage-state.js';

/** The page state for the alert policy tests: four Claude components and the given incidents. */
export const CODE_ID = 'yyzkbfz2thpt';

export function policyPageState(codeStatus: string, incidents: StatuspageIncident[] = []): StatuspageState {
  return {
    page: { id: 'tymt9n04zgry', name: 'Claude', updated_at: '2026-11-25T00:00:00Z' },
    components: [
      { id: 'rwppv331jlwc', name: 'claude.ai', status: 'operational', position: 1 },
      { id: 'k8w3r06qmzrp', name: 'Claude API (api.anthropic.com)', status: 'operational', position: 2 },
      { id: CODE_ID, name: 'Claude Code', status: codeStatus, position: 3 },
    ],
    incidents,
  };
}

/** An incident as Statuspage publishes it; updates are [status, ISO time, body], oldest first. */
export function pageIncident(id: string, name: string, impact: string, updates: Array<[string, string, string]>): StatuspageIncident {
  const last = updates.at(-1)!;
  const resolved = last[0] === 'resolved';
  return {
    id,
    name,
    status: last[0],
    impact,
    created_at: updates[0]![1],
    updated_at: last[1],
    resolved_at: resolved ? last[1] : null,
    shortlink: `https://stspg.io/${id}`,
    incident_updates: updates
      .map(([status, at, body], i) => ({ id: `${id}u${i}`, status, body, created_at: at, display_at: at, updated_at: at }))
      .reverse(),
    components: [{ id: 'k8w3r06qmzrp', name: 'Claude API (api.anthropic.com)', status: resolved ? 'operational' : 'partial_outage', position: 2 }],
  };
}

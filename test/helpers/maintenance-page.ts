import type { StatuspageIncident, StatuspageState } from '../../src/demo/statuspage-state.js';
import { CODE_ID, policyPageState } from './policy-page.js';

/**
 * A scheduled maintenance as Statuspage publishes it (scheduled_for / scheduled_until, impact
 * `maintenance`, its own incident_updates; the bodies are Statuspage's default texts), and the
 * page states of its life: announced, started, an update, completed. Served by the fake in
 * summary.json (while not completed) and scheduled-maintenances.json (always), never in
 * incidents.json, as the real page does.
 */

export const MAINTENANCE_ID = 'mnt0db0upgr1';
export const WINDOW = { from: '2026-12-03T10:00:00Z', until: '2026-12-03T12:00:00Z' };

type Step = [status: string, at: string, body: string];
const ANNOUNCED: Step = ['scheduled', '2026-12-01T09:00:00Z', 'We will be undergoing scheduled maintenance of the Claude Code backend during this time.'];
const STARTED: Step = ['in_progress', '2026-12-03T10:00:00Z', 'Scheduled maintenance is currently in progress. We will provide updates as necessary.'];
const VERIFYING: Step = ['verifying', '2026-12-03T11:10:00Z', 'Verification is currently underway for the maintenance items.'];
const COMPLETED: Step = ['completed', '2026-12-03T11:25:00Z', 'The scheduled maintenance has been completed.'];

export function pageMaintenance(id: string, name: string, steps: Step[], window = WINDOW): StatuspageIncident {
  const last = steps.at(-1)!;
  const running = last[0] === 'in_progress' || last[0] === 'verifying';
  return {
    id,
    name,
    status: last[0],
    impact: 'maintenance',
    created_at: steps[0]![1],
    updated_at: last[1],
    started_at: steps[0]![1],
    resolved_at: last[0] === 'completed' ? last[1] : null,
    scheduled_for: window.from,
    scheduled_until: window.until,
    shortlink: `https://stspg.io/${id}`,
    incident_updates: steps.map(([status, at, body], i) => ({ id: `${id}u${i}`, status, body, created_at: at, display_at: at, updated_at: at })).reverse(),
    components: [{ id: CODE_ID, name: 'Claude Code', status: running ? 'under_maintenance' : 'operational', position: 3 }],
  };
}

const withMaintenances = (codeStatus: string, maintenances: StatuspageIncident[]): StatuspageState => ({
  ...policyPageState(codeStatus),
  scheduled_maintenances: maintenances,
});

const NAME = 'Claude Code backend database upgrade';

/** quiet, announced, started, verifying, completed. */
export function maintenanceSteps(): StatuspageState[] {
  return [
    policyPageState('operational'),
    withMaintenances('operational', [pageMaintenance(MAINTENANCE_ID, NAME, [ANNOUNCED])]),
    withMaintenances('under_maintenance', [pageMaintenance(MAINTENANCE_ID, NAME, [ANNOUNCED, STARTED])]),
    withMaintenances('under_maintenance', [pageMaintenance(MAINTENANCE_ID, NAME, [ANNOUNCED, STARTED, VERIFYING])]),
    withMaintenances('operational', [pageMaintenance(MAINTENANCE_ID, NAME, [ANNOUNCED, STARTED, VERIFYING, COMPLETED])]),
  ];
}

/** The same page with the maintenance removed (deleted, or a page that drops finished ones). */
export const withoutMaintenances = (): StatuspageState => withMaintenances('operational', []);

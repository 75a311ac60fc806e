import type { StatuspageComponent, StatuspageIncident, StatuspageState } from '../../src/demo/statuspage-state.js';
import { seededRandom } from '../fakes/fault-plan.js';

/**
 * A seeded script for the fake status page: incidents that move through their
 * updates (investigating → identified → monitoring → resolved) and components that
 * degrade with no incident and recover. Every title and body carries a token
 * (`ZQi03Z`, `ZQi03u2Z`, `ZQc01Z`) so the check can tell, from what the fake
 * platforms stored, which incident and which update each message is about.
 */

export interface ScenarioOptions {
  seed: number;
  incidents: number;
  components: number;
  /** Prefix that keeps the ids of several rounds apart (one bot, one database). */
  round?: number;
}

export interface UpdatePlan {
  status: 'investigating' | 'identified' | 'monitoring' | 'resolved';
  token: string;
  body: string;
  at: string;
}

export interface IncidentPlan {
  id: string;
  token: string;
  name: string;
  updates: UpdatePlan[];
}

export interface ComponentPlan {
  id: string;
  token: string;
  name: string;
}

/** One change to the page: incident `index` now shows `updates` updates, or a component moves. */
export type ScenarioStep =
  | { kind: 'incident'; index: number; updates: number }
  | { kind: 'component'; index: number; status: 'partial_outage' | 'operational' };

export interface Scenario {
  incidents: IncidentPlan[];
  components: ComponentPlan[];
  steps: ScenarioStep[];
}

const pad = (n: number): string => String(n).padStart(2, '0');
const BASE_MS = Date.parse('2026-11-02T08:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A stable component every incident lists (its page status stays operational, so only incidents speak for it). */
const INCIDENT_COMPONENT: Omit<StatuspageComponent, 'status'> = { id: 'chaosapi0001', name: 'Chaos API', position: 1 };

export function buildScenario({ seed, incidents: incidentCount, components: componentCount, round = 0 }: ScenarioOptions): Scenario {
  const random = seededRandom(seed ^ 0x5ce7a10);
  const r = pad(round);
  const incidents: IncidentPlan[] = [];
  for (let i = 0; i < incidentCount; i += 1) {
    const token = `ZQi${r}${pad(i)}Z`;
    const middle = (['investigating', 'identified', 'monitoring'] as const).filter(() => random() < 0.7);
    const statuses: UpdatePlan['status'][] = ['investigating', ...middle, 'resolved'];
    const start = BASE_MS + round * 86_400_000 + i * 3_600_000;
    incidents.push({
      id: `chaos${r}${pad(i)}inc`,
      token,
      name: `Chaos incident ${i} ${token}`,
      updates: statuses.map((status, u) => ({
        status,
        token: `ZQi${r}${pad(i)}u${u}Z`,
        body: `Update ${u} of incident ${i} (${status}) ZQi${r}${pad(i)}u${u}Z.`,
        at: iso(start + u * 600_000),
      })),
    });
  }
  const components = Array.from({ length: componentCount }, (_, c): ComponentPlan => {
    const token = `ZQc${r}${pad(c)}Z`;
    return { id: `chaoscmp${r}${pad(c)}`, token, name: `Chaos component ${token}` };
  });
  return { incidents, components, steps: interleave(incidents, components, random) };
}

/** Each entity's own steps stay in order; entities are interleaved at random. The first step opens incident 0. */
function interleave(incidents: IncidentPlan[], components: ComponentPlan[], random: () => number): ScenarioStep[] {
  const queues: ScenarioStep[][] = [
    ...incidents.map((inc, index) => inc.updates.map((_, u): ScenarioStep => ({ kind: 'incident', index, updates: u + 1 }))),
    ...components.map((_, index): ScenarioStep[] => [
      { kind: 'component', index, status: 'partial_outage' },
      { kind: 'component', index, status: 'operational' },
    ]),
  ];
  const steps: ScenarioStep[] = [queues[0]!.shift()!];
  // A small window of live entities, so several incidents overlap but not all at once.
  const live: ScenarioStep[][] = [queues.shift()!];
  while (queues.length > 0 || live.some((q) => q.length > 0)) {
    while (live.filter((q) => q.length > 0).length < 3 && queues.length > 0) live.push(queues.splice(Math.floor(random() * queues.length), 1)[0]!);
    const open = live.filter((q) => q.length > 0);
    steps.push(open[Math.floor(random() * open.length)]!.shift()!);
  }
  return steps;
}

/** What the page shows once `progress` (updates shown per incident) and `componentStatus` hold. */
export function pageState(scenario: Scenario, progress: number[], componentStatus: string[]): StatuspageState {
  const at = iso(Date.now());
  const shown = scenario.incidents.map((inc, i) => (progress[i]! > 0 ? incidentState(inc, progress[i]!) : null)).filter((x): x is StatuspageIncident => x !== null);
  return {
    page: { id: 'chaospage001', name: 'Chaos', url: 'https://status.chaos.invalid', updated_at: at },
    components: [
      { ...INCIDENT_COMPONENT, status: 'operational', updated_at: at },
      ...scenario.components.map((c, i) => ({ id: c.id, name: c.name, position: i + 2, status: componentStatus[i] ?? 'operational', updated_at: at })),
    ],
    incidents: shown,
  };
}

function incidentState(plan: IncidentPlan, count: number): StatuspageIncident {
  const seen = plan.updates.slice(0, count);
  const last = seen.at(-1)!;
  const resolved = last.status === 'resolved';
  return {
    id: plan.id,
    name: plan.name,
    status: last.status,
    impact: 'major',
    created_at: seen[0]!.at,
    started_at: seen[0]!.at,
    updated_at: last.at,
    monitoring_at: seen.find((u) => u.status === 'monitoring')?.at ?? null,
    resolved_at: resolved ? last.at : null,
    shortlink: `https://stspg.io/${plan.id}`,
    incident_updates: seen
      .map((u, i) => ({
        id: `${plan.id}u${i}`,
        status: u.status,
        body: u.body,
        created_at: u.at,
        display_at: u.at,
        updated_at: u.at,
        affected_components: [{ code: INCIDENT_COMPONENT.id, name: INCIDENT_COMPONENT.name, old_status: 'operational', new_status: 'operational' }],
      }))
      .reverse(),
    components: [{ ...INCIDENT_COMPONENT, status: 'operational', updated_at: last.at }],
  };
}

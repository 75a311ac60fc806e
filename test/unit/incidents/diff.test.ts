import { describe, expect, it } from 'vitest';
import { diffSnapshot, mergeIncident } from '../../../src/incidents/diff.js';
import type { Incident } from '../../../src/incidents/model.js';
import { component, incident, snapshot } from '../../helpers/incident-builders.js';

const T0 = '2026-11-25T10:00:00.000Z';
const T1 = '2026-11-25T10:20:00.000Z';
const T2 = '2026-11-25T10:45:00.000Z';
const T3 = '2026-11-25T11:30:00.000Z';

const stored = (...list: Incident[]) => new Map(list.map((i) => [i.key, i]));
const kinds = (events: Array<{ kind: string }>) => events.map((e) => e.kind);

describe('diffSnapshot', () => {
  it('opens an incident seen for the first time, even on the first run', () => {
    const seen = incident('a1', [['investigating', T0]]);
    const { events } = diffSnapshot({ stored: new Map(), storedComponents: new Map(), snapshot: snapshot([seen]), newsSince: null });
    expect(events).toEqual([{ kind: 'opened', dedupKey: 'open:statuspage:a1', incidentKey: 'statuspage:a1', at: T0 }]);
  });

  it('keeps resolved history silent on the first run', () => {
    const old = incident('a1', [['investigating', T0], ['resolved', T1]]);
    const { events, incidents } = diffSnapshot({ stored: new Map(), storedComponents: new Map(), snapshot: snapshot([old]), newsSince: null });
    expect(events).toEqual([]);
    expect(incidents).toHaveLength(1);
  });

  it('tells once about an incident that opened and resolved while the bot was down', () => {
    const missed = incident('a1', [['investigating', T1], ['resolved', T2]]);
    const { events } = diffSnapshot({ stored: new Map(), storedComponents: new Map(), snapshot: snapshot([missed]), newsSince: T0 });
    expect(kinds(events)).toEqual(['opened', 'resolved']);
    // but not one that was already over before the last successful poll
    const ancient = diffSnapshot({ stored: new Map(), storedComponents: new Map(), snapshot: snapshot([missed]), newsSince: T3 });
    expect(ancient.events).toEqual([]);
  });

  it('emits one update event per new update and folds the status change into it', () => {
    const before = incident('a1', [['investigating', T0]]);
    const after = incident('a1', [['investigating', T0], ['identified', T1], ['monitoring', T2]]);
    const { events } = diffSnapshot({ stored: stored(before), storedComponents: new Map(), snapshot: snapshot([after]), newsSince: T0 });
    expect(kinds(events)).toEqual(['updated', 'updated']);
    expect(events.map((e) => (e.kind === 'updated' ? e.status : null))).toEqual(['identified', 'monitoring']);
  });

  it('resolves with the closing update as the resolution text and the duration', () => {
    const before = incident('a1', [['investigating', T0], ['identified', T1]]);
    const after = incident('a1', [['investigating', T0], ['identified', T1], ['resolved', T3, 'All good now.']]);
    const { events } = diffSnapshot({ stored: stored(before), storedComponents: new Map(), snapshot: snapshot([after]), newsSince: T1 });
    expect(events).toEqual([
      { kind: 'resolved', dedupKey: `resolved:statuspage:a1@${T3}`, incidentKey: 'statuspage:a1', at: T3, body: 'All good now.', durationMs: 90 * 60_000 },
    ]);
  });

  it('yields nothing when the same state is seen again (re-fetched or re-ordered feed)', () => {
    const state = incident('a1', [['investigating', T0], ['identified', T1]]);
    const reordered = { ...state, updates: [...state.updates].reverse() };
    const { events } = diffSnapshot({ stored: stored(state), storedComponents: new Map(), snapshot: snapshot([reordered]), newsSince: T1 });
    expect(events).toEqual([]);
  });

  it('reports an impact change only between two known impacts', () => {
    const before = incident('a1', [['investigating', T0]], { impact: 'minor' });
    const after = incident('a1', [['investigating', T0]], { impact: 'critical', updatedAt: T1 });
    const { events } = diffSnapshot({ stored: stored(before), storedComponents: new Map(), snapshot: snapshot([after]), newsSince: T0 });
    expect(events).toMatchObject([{ kind: 'impact_changed', from: 'minor', to: 'critical' }]);
    const fromFeed = diffSnapshot({ stored: stored(after), storedComponents: new Map(), snapshot: snapshot([{ ...after, impact: null }]), newsSince: T0 });
    expect(fromFeed.events).toEqual([]);
  });

  it('does not let a stale feed move the status backwards', () => {
    const json = incident('a1', [['investigating', T0], ['monitoring', T2]]);
    const staleFeed = incident('a1', [['investigating', T0]], { impact: null });
    const merged = mergeIncident(json, staleFeed);
    expect(merged.status).toBe('monitoring');
    expect(merged.impact).toBe('major');
    expect(merged.updates).toHaveLength(2);
  });

  it('reports component changes, but not on the first sight of the components', () => {
    const api = component('k8w3r06qmzrp', 'Claude API');
    const first = diffSnapshot({ stored: new Map(), storedComponents: new Map(), snapshot: snapshot([], [api]), newsSince: null });
    expect(first.events).toEqual([]);
    const degraded = { ...api, status: 'partial_outage' as const };
    const next = diffSnapshot({ stored: new Map(), storedComponents: new Map([[api.id, api]]), snapshot: snapshot([], [degraded]), newsSince: T0 });
    expect(next.events).toMatchObject([{ kind: 'component_changed', componentName: 'Claude API', from: 'operational', to: 'partial_outage' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { pageOfComponentId, pageOfEvent, pageOfKey, pageOfSourceId, scopeForPage } from '../../../src/incidents/page-scope.js';
import { scopeSnapshot, scopeSourceToPage } from '../../../src/sources/scope-to-page.js';
import type { PollOutcome, Source } from '../../../src/sources/source.js';
import { component, incident, snapshot } from '../../helpers/incident-builders.js';

const T0 = '2026-11-25T10:00:00.000Z';
const seen = snapshot([incident('x1', [['investigating', T0]])], [component('k8w3r06qmzrp', 'API', 'partial_outage')]);

describe('page scope', () => {
  it('keeps the claude page exactly as stored before pages existed', () => {
    const scoped = scopeSnapshot(seen, scopeForPage('claude'));
    expect(scoped).toEqual(seen);
    expect(scoped.sourceId).toBe('statuspage');
  });

  it('gives another page its own keys, update keys, component ids and source id', () => {
    const scoped = scopeSnapshot(seen, scopeForPage('openai'));
    expect(scoped.sourceId).toBe('statuspage:openai');
    expect(scoped.incidents[0]?.key).toBe('openai:x1');
    expect(scoped.incidents[0]?.updates.map((u) => u.key)).toEqual(['openai:x1@2026-11-25T10:00#0']);
    expect(scoped.incidents[0]?.components).toEqual([{ id: 'openai:k8w3r06qmzrp', name: 'Claude API (api.anthropic.com)' }]);
    expect(scoped.components?.map((c) => c.id)).toEqual(['openai:k8w3r06qmzrp']);
    // the source's own snapshot is left alone
    expect(seen.incidents[0]?.key).toBe('statuspage:x1');
  });

  it('reads the page back from any key, component id, event and source id', () => {
    expect(pageOfKey('statuspage:x1')).toBe('claude');
    expect(pageOfKey('openai:x1@2026-11-25T10:00#0')).toBe('openai');
    expect(pageOfKey('github:rate_limit:2026')).toBeNull();
    expect(pageOfComponentId('k8w3r06qmzrp')).toBe('claude');
    expect(pageOfComponentId('openai:k8w3r06qmzrp')).toBe('openai');
    expect(pageOfSourceId('statuspage')).toBe('claude');
    expect(pageOfSourceId('statuspage:openai')).toBe('openai');
    expect(pageOfEvent({ kind: 'component_changed', dedupKey: 'd', incidentKey: null, at: T0, componentId: 'openai:c1', componentName: 'API', from: null, to: 'major_outage' })).toBe('openai');
    expect(pageOfEvent({ kind: 'opened', dedupKey: 'd', incidentKey: 'statuspage:x1', at: T0 })).toBe('claude');
    expect(pageOfEvent({ kind: 'digest', dedupKey: 'd', incidentKey: null, at: T0, subscriptionId: 1, since: T0, lines: [] })).toBeNull();
  });

  it('scopes what a wrapped source reports and passes failures through unchanged', async () => {
    const failed: PollOutcome = { kind: 'failed', state: { etags: {} }, errors: [], summary: { code: 'challenge_page', message: 'blocked' } };
    let next: PollOutcome = { kind: 'snapshot', snapshot: seen, state: { etags: { a: '1' } }, via: 'x', errors: [] };
    const inner: Source = { id: 'statuspage', poll: () => Promise.resolve(next) };
    const source = scopeSourceToPage(inner, scopeForPage('openai'));
    expect(source.id).toBe('statuspage:openai');
    const outcome = await source.poll({ etags: {} });
    expect(outcome.kind === 'snapshot' && outcome.snapshot.incidents[0]?.key).toBe('openai:x1');
    expect(outcome.state).toEqual({ etags: { a: '1' } });
    next = failed;
    expect(await source.poll({ etags: {} })).toBe(failed);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStatusReply } from '../../../src/commands/status.js';
import { scopeForPage } from '../../../src/incidents/page-scope.js';
import { renderReplyForConsole } from '../../../src/platforms/console/render-reply.js';
import type { Clock } from '../../../src/shared/clock.js';
import { scopeSnapshot } from '../../../src/sources/scope-to-page.js';
import { applyPoll } from '../../../src/store/apply-poll.js';
import type { Store } from '../../../src/store/create-store.js';
import { createLiveStatusReader } from '../../../src/store/read-live-status.js';
import { component, incident, snapshot } from '../../helpers/incident-builders.js';
import { createTempStore, describeEachEngine } from '../../helpers/temp-store.js';

describeEachEngine('page-components', (engine) => {
  const T0 = '2026-11-25T10:00:00.000Z';
  const NOW = new Date('2026-11-25T12:00:00.000Z');
  const claude = scopeForPage('claude');
  const openai = scopeForPage('openai');
  let store: Store;
  let cleanup: () => void;

  const poll = (scope: typeof claude, ...args: Parameters<typeof snapshot>) => applyPoll(store, scopeSnapshot(snapshot(...args), scope), { etags: {} }, NOW);

  beforeEach(() => {
    ({ store, cleanup } = createTempStore(engine));
    store.subscriptions.ensure('console', 'stdout', T0);
  });
  afterEach(() => cleanup());

  describe('two pages in one store', () => {
    it('keeps each page\'s components: a poll of one neither forgets nor reports the other\'s', () => {
      poll(claude, [], [component('c1', 'API'), component('c2', 'Console')]);
      // openai's first read: a degraded component on first sight is its state, not news
      expect(poll(openai, [], [component('c1', 'API', 'major_outage')]).events).toEqual([]);
      expect([...store.components.all('statuspage').keys()]).toEqual(['c1', 'c2']);
      expect([...store.components.all('statuspage:openai').keys()]).toEqual(['openai:c1']);

      const changed = poll(claude, [], [component('c1', 'API', 'partial_outage'), component('c2', 'Console')]).events;
      expect(changed).toMatchObject([{ kind: 'component_changed', componentId: 'c1', componentName: 'API', to: 'partial_outage' }]);
      expect(store.components.all('statuspage:openai').get('openai:c1')?.status).toBe('major_outage');
      // both pages' "API" recover: two events, two identities
      const back = [...poll(claude, [], [component('c1', 'API'), component('c2', 'Console')]).events, ...poll(openai, [], [component('c1', 'API')]).events];
      expect(back.map((e) => (e.kind === 'component_changed' ? e.componentId : ''))).toEqual(['c1', 'openai:c1']);
      expect(new Set(back.map((e) => e.dedupKey)).size).toBe(2);
    });

    it('the same incident code on two pages is two incidents, two cards\' worth of events', () => {
      const a = poll(claude, [incident('same1', [['investigating', T0]])]).events;
      const b = poll(openai, [incident('same1', [['investigating', T0]])]).events;
      expect(a.map((e) => e.incidentKey)).toEqual(['statuspage:same1']);
      expect(b.map((e) => e.incidentKey)).toEqual(['openai:same1']);
      expect(store.incidents.listOpen('statuspage').map((i) => i.key).sort()).toEqual(['openai:same1', 'statuspage:same1']);
    });

    it('/claude-status lists each page; one never read shows unknown while the others read as normal', () => {
      poll(claude, [incident('a1', [['investigating', T0, 'Errors on the API']])], [component('c1', 'API', 'partial_outage')]);
      store.pollState.recordFailure('statuspage:openai', { etags: {} }, 'challenge_page', 'http://x/api/v2/summary.json: blocked by a challenge page', NOW.toISOString());
      const read = createLiveStatusReader({ store, clock: { now: () => NOW } satisfies Clock, pollIntervalSeconds: 30, pages: [{ id: 'claude', url: 'https://status.claude.com' }, { id: 'openai', url: 'https://status.openai.com' }] });
      const view = read();
      expect(view.pages?.map((p) => [p.id, p.openIncidents.length, p.lastSuccessAt !== null])).toEqual([['claude', 1, true], ['openai', 0, false]]);
      const text = renderReplyForConsole(buildStatusReply(view, NOW, 'https://status.claude.com'));
      expect(text).toContain('Incident a1');
      expect(text).toContain('Partial outage');
      expect(text).toMatch(/openai[^\n]*https:\/\/status\.openai\.com/);
      expect(text).toContain('Unknown: this page has not been read: blocked by a challenge page');
      expect(buildStatusReply(view, NOW, '').summary).toBe('claude: 1 open incident(s) · openai: unknown');
    });

    it('stores a channel\'s pages (migration 0008) and keeps them when a change does not name pages', () => {
      const sub = store.subscriptions.upsert('slack', 'C1', { components: null, minImpact: 'none', earlyWarnings: true, pages: ['openai'] }, T0);
      expect(sub.pages).toEqual(['openai']);
      expect(store.subscriptions.upsert('slack', 'C1', { components: ['API'], minImpact: 'major', earlyWarnings: true }, T0).pages).toEqual(['openai']);
      expect(store.subscriptions.upsert('slack', 'C1', { components: null, minImpact: 'major', earlyWarnings: true, pages: null }, T0).pages).toBeNull();
    });
  });
});

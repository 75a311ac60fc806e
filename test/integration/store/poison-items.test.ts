import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPoll } from '../../../src/store/apply-poll.js';
import type { Store } from '../../../src/store/create-store.js';
import { component, incident, snapshot } from '../../helpers/incident-builders.js';
import { createTempStore, describeEachEngine } from '../../helpers/temp-store.js';

describeEachEngine('poison-items', (engine) => {
  const T = (m: number) => new Date(Date.UTC(2026, 10, 25, 10, m)).toISOString();
  let temp: ReturnType<typeof createTempStore>;
  let store: Store;

  beforeEach(() => {
    temp = createTempStore(engine);
    store = temp.store;
    store.subscriptions.ensure('console', 'stdout', T(0));
    applyPoll(store, snapshot([], [component('api', 'Claude API')], T(0)), {}, new Date(T(0)));
  });
  afterEach(() => temp.cleanup());

  const openedKeys = () => (store.db.prepare("SELECT incident_key FROM events WHERE kind = 'opened'").all() as Array<{ incident_key: string }>).map((r) => r.incident_key);

  describe('one bad item never blocks a poll', () => {
    it('a components list with the same id twice still stores the poll and alerts its incident', () => {
      const components = [component('api', 'Claude API', 'major_outage'), component('api', 'Claude API (again)', 'operational')];
      const result = applyPoll(store, snapshot([incident('good', [['investigating', T(5)]])], components, T(5)), {}, new Date(T(5)));
      expect(openedKeys()).toEqual(['statuspage:good']);
      expect(result.dropped).toEqual([expect.objectContaining({ kind: 'component', id: 'api', reason: 'duplicate' })]);
      // the first copy wins, and the change from operational is news
      expect(store.components.all().get('api')?.status).toBe('major_outage');
      expect(result.events.map((e) => e.kind)).toContain('component_changed');
    });

    it('an incident with an unreadable date is dropped; the one beside it is alerted', () => {
      const broken = incident('broken', [['investigating', T(5)]], { createdAt: 'not a date' });
      const result = applyPoll(store, snapshot([broken, incident('good', [['investigating', T(6)]])], null, T(6)), {}, new Date(T(6)));
      expect(openedKeys()).toEqual(['statuspage:good']);
      expect(result.dropped).toEqual([expect.objectContaining({ kind: 'incident', id: 'statuspage:broken', reason: 'bad_date' })]);
      expect(store.incidents.get('statuspage:broken')).toBeNull();
    });

    it('an incident dated years ahead (out of range) is dropped, not alerted', () => {
      const future = incident('future', [['investigating', '2031-01-01T00:00:00.000Z']]);
      const result = applyPoll(store, snapshot([future, incident('good', [['investigating', T(6)]])], null, T(6)), {}, new Date(T(6)));
      expect(openedKeys()).toEqual(['statuspage:good']);
      expect(result.dropped[0]).toMatchObject({ id: 'statuspage:future', reason: 'out_of_range' });
    });

    it('the same incident listed twice is merged into one card', () => {
      const once = incident('twice', [['investigating', T(5)]]);
      const result = applyPoll(store, snapshot([once, { ...once, name: 'copy' }], null, T(5)), {}, new Date(T(5)));
      expect(openedKeys()).toEqual(['statuspage:twice']);
      expect(store.incidents.get('statuspage:twice')?.name).toBe('Incident twice');
      expect(result.dropped[0]).toMatchObject({ kind: 'incident', reason: 'duplicate' });
    });

    it('an update with a garbage time is dropped; the incident and its other updates are kept', () => {
      const inc = incident('upd', [['investigating', T(5)], ['identified', T(7)]]);
      inc.updates.push({ key: 'statuspage:upd@bad#0', status: 'monitoring', body: 'x', at: 'yesterday', affectedComponents: [] });
      const result = applyPoll(store, snapshot([inc], null, T(8)), {}, new Date(T(8)));
      expect(store.incidents.get('statuspage:upd')?.updates.map((u) => u.status)).toEqual(['investigating', 'identified']);
      expect(result.dropped).toEqual([expect.objectContaining({ kind: 'update', reason: 'bad_date' })]);
    });

    it('an incident the database refuses (constraint) is dropped alone', () => {
      // A CHECK constraint stands in for any row-level refusal: the source column only takes known sources.
      const odd = incident('odd', [['investigating', T(5)]], { source: 'elsewhere' as never });
      const result = applyPoll(store, snapshot([odd, incident('good', [['investigating', T(5)]])], null, T(5)), {}, new Date(T(5)));
      expect(openedKeys()).toEqual(['statuspage:good']);
      expect(result.dropped[0]).toMatchObject({ id: 'statuspage:odd', reason: 'store_rejected' });
    });

    // query_only is SQLite's switch; the Postgres form of a refusing database is below.
    it.skipIf(engine === 'postgres')('a failing database still rolls the whole poll back (the next poll redoes it)', () => {
      store.db.pragma('query_only = ON');
      expect(() => applyPoll(store, snapshot([incident('good', [['investigating', T(5)]])], null, T(5)), {}, new Date(T(5)))).toThrow();
      store.db.pragma('query_only = OFF');
      expect(openedKeys()).toEqual([]);
    });
  });
});

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeTimeline } from '../../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../../src/demo/statuspage-server.js';
import { createMetrics } from '../../../src/http/metrics.js';
import { backfillHistory, backfillPages } from '../../../src/main/backfill-history.js';
import { createStatuspagePoll } from '../../../src/main/poll-statuspage.js';
import { createHttpFetcher } from '../../../src/sources/http-fetch.js';
import { createStatuspageSource } from '../../../src/sources/statuspage-source.js';
import { createHistoryReader } from '../../../src/store/read-history.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createTempStore, describeEachEngine } from '../../helpers/temp-store.js';

describeEachEngine('backfill-history', (engine) => {
  const logger = createSilentLogger();
  const clock = { now: () => new Date('2026-10-08T03:00:00Z') };
  const http = createHttpFetcher({ timeoutMs: 3_000, maxBytes: 1_000_000, userAgent: 'claude-outage-bot-test' });
  const steps = claudeTimeline();

  let temp: ReturnType<typeof createTempStore>;
  let fake: FakeStatuspage;
  const servers: Server[] = [];

  beforeEach(async () => {
    temp = createTempStore(engine);
    // Channels are subscribed before the backfill: anything that enqueued would show here.
    temp.store.subscriptions.ensure('console', 'stdout', '2026-10-01T00:00:00Z');
    temp.store.subscriptions.ensure('slack', 'C0ALERTS', '2026-10-01T00:00:00Z');
    fake = await createFakeStatuspage({ state: steps.at(-1)!.state });
  });
  afterEach(async () => {
    temp.cleanup();
    await fake.close();
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  const count = (table: string): number => (temp.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const backfill = (baseUrl: string, fallbackUrls: string[] = []) => backfillHistory({ baseUrl, fallbackUrls, http, db: temp.store.db, logger, clock });
  const poll = (baseUrl: string) => {
    const source = createStatuspageSource({ baseUrl, http, logger, clock, retry: { baseMs: 5, maxMs: 10 } });
    return createStatuspagePoll({ source, store: temp.store, clock, logger, metrics: createMetrics(), onEvents: () => undefined })();
  };

  /** Serves the real Claude feed (test/fixtures/SOURCES.md) and answers everything else with `other`. */
  async function serveRealFeed(other: { status: number; type: string; body: string }): Promise<string> {
    const atom = readFileSync('test/fixtures/claude-status-history.head4.atom', 'utf8');
    const server = createServer((req, res) => {
      if (req.url === '/history.atom') return void res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom);
      res.writeHead(other.status, { 'content-type': other.type }).end(other.body);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  describe('history backfill', () => {
    it('stores past incidents from incidents.json and the feed, and never alerts: no event, no outbox row, no incident', async () => {
      const result = await backfill(fake.url);
      expect(result).toMatchObject({ stored: 1, errors: [], via: [`${fake.url}/api/v2/incidents.json`, `${fake.url}/history.atom`] });
      expect([count('events'), count('outbox'), count('incidents')]).toEqual([0, 0, 0]);
      // The poller's first run is still its first: history stays silent, as without a backfill.
      expect(temp.store.pollState.get('statuspage').lastSuccessAt).toBeNull();
      const [past] = createHistoryReader(temp.store.db).read('2026-09-01T00:00:00Z', '2026-10-08T03:00:00Z');
      // incidents.json gave impact and components; the feed alone never says them.
      expect(past).toMatchObject({ key: 'statuspage:978mjkgw6mh7', impact: 'minor', components: ['Claude Console (platform.claude.com)'] });
      expect(past?.resolvedAt).not.toBeNull();

      // Run again (e.g. `incidents --backfill`): refreshed, not doubled, still silent.
      await backfill(fake.url);
      expect([count('incident_history'), count('events'), count('outbox')]).toEqual([1, 0, 0]);
    });

    it('leaves an open incident to the poller, which still alerts it', async () => {
      // In the real feed 978mjkgw6mh7 is still "Monitoring"; the other three are resolved.
      const base = await serveRealFeed({ status: 404, type: 'text/plain', body: 'not here' });
      const result = await backfill(base);
      expect(result.stored).toBe(3);
      expect(result.errors.map((e) => [e.code, e.statusCode])).toEqual([['http_status', 404]]);
      expect([count('events'), count('outbox')]).toEqual([0, 0]);

      fake.setState(steps[2]!.state); // the page with 978mjkgw6mh7 open
      expect(await poll(fake.url)).toBe(true);
      const kinds = temp.store.db.prepare('SELECT kind, incident_key FROM events').all();
      expect(kinds).toEqual([{ kind: 'opened', incident_key: 'statuspage:978mjkgw6mh7' }]);
      expect(count('outbox')).toBe(2);
      // Read back once, the poller's copy (with impact) winning over nothing stored for it.
      const keys = createHistoryReader(temp.store.db).read('2026-10-01T00:00:00Z', '2026-10-08T03:00:00Z').map((i) => i.key);
      expect(keys.sort()).toEqual(['statuspage:978mjkgw6mh7', 'statuspage:ch27pb90bn85', 'statuspage:vmys9qn874h4', 'statuspage:wf2v8ms031sx']);
    });

    it('a later poll of incidents the backfill stored makes no event either', async () => {
      await backfill(fake.url);
      await poll(fake.url); // first run: the resolved incident is history
      fake.setState(steps.at(-1)!.state);
      await poll(fake.url);
      expect([count('events'), count('outbox')]).toEqual([0, 0]);
      expect(createHistoryReader(temp.store.db).read('2026-09-01T00:00:00Z', '2026-10-08T03:00:00Z')).toHaveLength(1);
    });

    it('a challenge page on the primary falls back; nothing anywhere stores nothing and says why', async () => {
      const challenged = await serveRealFeed({ status: 405, type: 'text/html', body: '<html><body>Request blocked</body></html>' });
      const viaFallback = await backfill(challenged, [fake.url]);
      expect(viaFallback.errors.map((e) => e.code)).toEqual(['challenge_page']);
      expect(viaFallback.via).toEqual([`${fake.url}/api/v2/incidents.json`, `${challenged}/history.atom`]);

      fake.setFailure('500');
      const nowhere = await backfill(fake.url);
      expect(nowhere).toMatchObject({ stored: 0, via: [] });
      expect(nowhere.errors.map((e) => [e.code, e.statusCode])).toEqual([['http_status', 500], ['http_status', 500]]);
    });

    it('backfills every watched page under its own keys, and later only a page that has none yet', async () => {
      const other = await createFakeStatuspage({ state: steps.at(-1)!.state });
      try {
        const history = createHistoryReader(temp.store.db);
        const pages = [{ id: 'claude', url: fake.url, fallbackUrls: [] }, { id: 'openai', url: other.url, fallbackUrls: [] }];
        const run = (onlyMissing: boolean) => backfillPages(pages, { http, db: temp.store.db, logger, clock, onlyMissing, storedFor: history.backfilledCount });
        expect((await run(true)).map((r) => [r.page, r.stored])).toEqual([['claude', 1], ['openai', 1]]);
        const keys = temp.store.db.prepare('SELECT key FROM incident_history ORDER BY key').pluck().all() as string[];
        // The same incident code on two pages is two past incidents.
        expect(keys).toHaveLength(2);
        expect(keys[0]).toMatch(/^openai:/);
        expect(keys[1]).toMatch(/^statuspage:/);
        expect(keys[0]!.slice('openai:'.length)).toBe(keys[1]!.slice('statuspage:'.length));
        expect(await run(true)).toEqual([]);
        temp.store.db.prepare("DELETE FROM incident_history WHERE key LIKE 'openai:%'").run();
        expect((await run(true)).map((r) => r.page)).toEqual(['openai']);
        expect(count('events') + count('outbox')).toBe(0);
      } finally {
        await other.close();
      }
    });
  });
});

import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeTimeline } from '../../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../../src/demo/statuspage-server.js';
import { createMetrics } from '../../../src/http/metrics.js';
import { createStatuspagePoll } from '../../../src/main/poll-statuspage.js';
import type { Clock } from '../../../src/shared/clock.js';
import { createHttpFetcher } from '../../../src/sources/http-fetch.js';
import { createStatuspageSource } from '../../../src/sources/statuspage-source.js';
import type { Store } from '../../../src/store/create-store.js';
import { createLiveStatusReader } from '../../../src/store/read-live-status.js';
import { MAINTENANCE_ID, maintenanceSteps, withoutMaintenances } from '../../helpers/maintenance-page.js';
import { createTempStore, describeEachEngine } from '../../helpers/temp-store.js';

describeEachEngine('poll-statuspage', (engine) => {
  /** The poll writes SQLite only when something moved, or often enough for another process's `status`. */
  const INTERVAL_S = 30;
  const T0 = Date.parse('2026-10-07T17:30:00Z');
  let nowMs = T0;
  const clock: Clock = { now: () => new Date(nowMs) };
  let fake: FakeStatuspage;
  let temp: ReturnType<typeof createTempStore>;
  let other: Store;
  let logLines: Array<{ level: number; msg: string }>;

  beforeEach(async () => {
    nowMs = T0;
    fake = await createFakeStatuspage({ state: claudeTimeline()[2]!.state });
    temp = createTempStore(engine);
    // A second connection to the same file stands for `claude-outage-bot status` in another process.
    other = temp.reopen();
    logLines = [];
  });
  afterEach(async () => {
    other.db.close();
    temp.cleanup();
    await fake.close();
  });

  function makePoll(): () => Promise<boolean> {
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(JSON.parse(line) as { level: number; msg: string }) });
    const http = createHttpFetcher({ timeoutMs: 2_000, maxBytes: 1_000_000, userAgent: 'test' });
    const source = createStatuspageSource({ baseUrl: fake.url, http, logger, clock, retry: { baseMs: 5, maxMs: 10 } });
    return createStatuspagePoll({ source, store: temp.store, clock, logger, metrics: createMetrics(), onEvents: () => undefined, pollIntervalSeconds: INTERVAL_S });
  }

  const writes = (): number => (temp.store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const at = (ms: number): string => new Date(ms).toISOString();
  const otherView = (atMs: number) => createLiveStatusReader({ store: other, clock: { now: () => new Date(atMs) }, pollIntervalSeconds: INTERVAL_S })();

  describe('poll-statuspage: writes', () => {
    // Counted with SQLite's total_changes(); the statements (and so the skipped writes) are the same on Postgres.
    it.skipIf(engine === 'postgres')('does not write an unchanged poll, but persists one within 1.5 intervals', async () => {
      const poll = makePoll();
      expect(await poll()).toBe(true);
      const afterFirst = writes();
      nowMs += 30_000;
      expect(await poll()).toBe(true);
      expect(writes()).toBe(afterFirst);
      // This process sees the read just made; another sees the last one written.
      expect(temp.store.pollState.get('statuspage').lastSuccessAt).toBe(at(T0 + 30_000));
      expect(other.pollState.get('statuspage').lastSuccessAt).toBe(at(T0));
      nowMs += 30_000;
      expect(await poll()).toBe(true);
      expect(writes()).toBe(afterFirst + 1);
      expect(other.pollState.get('statuspage').lastSuccessAt).toBe(at(T0 + 60_000));
    });

    it('never lets another process see a stale read while polls succeed, and still sees a real stall', async () => {
      const poll = makePoll();
      const staleSeen: number[] = [];
      for (let i = 0; i < 20; i++) {
        expect(await poll()).toBe(true);
        // Just before the next poll is the oldest the stored read gets.
        if (otherView(nowMs + INTERVAL_S * 1000 - 1).stale) staleSeen.push(i);
        nowMs += INTERVAL_S * 1000;
      }
      expect(staleSeen).toEqual([]);
      expect(otherView(nowMs + 3 * INTERVAL_S * 1000).stale).toBe(true);
    });

    it('writes the last good read with a failure, and logs one warning with the fix', async () => {
      const poll = makePoll();
      await poll();
      nowMs += 30_000;
      await poll();
      fake.setFailure('500');
      nowMs += 30_000;
      const before = logLines.length;
      expect(await poll()).toBe(false);
      const row = other.pollState.get('statuspage');
      expect(row).toMatchObject({ lastSuccessAt: at(T0 + 30_000), lastErrorCode: 'http_status', consecutiveFailures: 1 });
      expect(row.lastError).toContain('the bot retries with back-off');
      const lines = logLines.slice(before);
      expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([
        `status page answered with an error (http_status: HTTP 500 on ${fake.url}): the bot retries with back-off; if it lasts, set STATUSPAGE_FALLBACK_URLS`,
      ]);
      // Each attempt (summary.json twice, Atom, RSS) is there at debug level.
      expect(lines.filter((l) => l.level === 20 && l.msg.includes('HTTP 500'))).toHaveLength(4);
      // The first good poll after a failure is written at once.
      fake.setFailure(null);
      nowMs += 1_000;
      expect(await poll()).toBe(true);
      expect(other.pollState.get('statuspage')).toMatchObject({ lastSuccessAt: at(nowMs), consecutiveFailures: 0 });
    });
  });

  describe('poll-statuspage: what the page stopped listing, across a restart', () => {
    it('closes a maintenance that left the page while the bot was down (listed-open state persisted)', async () => {
      fake.setState(maintenanceSteps()[2]!);
      nowMs = Date.parse('2026-12-03T10:05:00Z');
      expect(await makePoll()()).toBe(true);
      expect(temp.store.incidents.get(`statuspage:${MAINTENANCE_ID}`)?.status).toBe('in_progress');
      // Restart (a new source and poll, same database); meanwhile the page dropped the maintenance.
      fake.setState(withoutMaintenances());
      nowMs = Date.parse('2026-12-03T13:00:00Z');
      expect(await makePoll()()).toBe(true);
      expect(temp.store.incidents.get(`statuspage:${MAINTENANCE_ID}`)).toMatchObject({ status: 'completed', resolvedAt: '2026-12-03T12:00:00.000Z' });
      expect(temp.store.incidents.listOpen()).toEqual([]);
    });
  });
});

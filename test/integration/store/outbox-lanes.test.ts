import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../../src/delivery/outbox-worker.js';
import { DeliveryError, type ChatPlatform } from '../../../src/platforms/platform.js';
import { createRecordingPlatform, type RecordingPlatform } from '../../../src/platforms/recording-platform.js';
import { applyPoll } from '../../../src/store/apply-poll.js';
import type { Store } from '../../../src/store/create-store.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { incident, snapshot } from '../../helpers/incident-builders.js';
import { createTempStore, describeEachEngine } from '../../helpers/temp-store.js';

describeEachEngine('outbox-lanes', (engine) => {
  /** Lanes: one row per channel at a time, in order; many channels at once; stop waits. */

  const T = (m: number) => new Date(Date.UTC(2026, 10, 25, 10, m)).toISOString();
  let temp: ReturnType<typeof createTempStore>;
  let store: Store;
  let recording: RecordingPlatform;
  let inFlight = 0;
  let maxInFlight = 0;

  /** The recording double, with a 20 ms round trip on every call. */
  const slow = (inner: RecordingPlatform): ChatPlatform => {
    const wrap =
      <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight -= 1;
        return fn(...args);
      };
    return { name: 'slack', postCard: wrap(inner.postCard), updateCard: wrap(inner.updateCard), postReply: wrap(inner.postReply) };
  };

  const poll = (states: Parameters<typeof snapshot>[0], minute: number) => applyPoll(store, snapshot(states), { etags: {} }, new Date(T(minute)));
  const clock = { now: () => new Date(T(90)) };

  beforeEach(() => {
    temp = createTempStore(engine);
    store = temp.store;
    recording = createRecordingPlatform('slack');
    inFlight = 0;
    maxInFlight = 0;
    poll([], 0);
  });
  afterEach(() => temp.cleanup());

  describe('outbox lanes', () => {
    it('claims one head row per channel, whatever the backlog behind it', () => {
      for (let c = 0; c < 5; c++) store.subscriptions.ensure('slack', `C${c}`, T(0));
      for (let m = 1; m <= 40; m++) poll([incident(`inc${m}`, [['investigating', T(m)]])], m);
      expect(store.outbox.counts().pending).toBe(200);
      const claimed = store.outbox.claimDue(T(90), 20, []);
      expect(claimed).toHaveLength(5);
      expect(new Set(claimed.map((r) => r.subscriptionId)).size).toBe(5);
      // Each is the oldest row of its channel.
      for (const row of claimed) {
        const oldest = store.db.prepare('SELECT MIN(id) FROM outbox WHERE subscription_id = ?').pluck().get(row.subscriptionId);
        expect(row.id).toBe(oldest);
      }
      expect(store.outbox.claimDue(T(90), 20, [])).toHaveLength(0);
    });

    it('delivers across channels concurrently (bounded) and in order within each channel', async () => {
      for (let c = 0; c < 12; c++) store.subscriptions.ensure('slack', `C${c}`, T(0));
      poll([incident('inc1', [['investigating', T(1)]])], 1);
      poll([incident('inc1', [['investigating', T(1)], ['identified', T(2)]])], 2);
      poll([incident('inc1', [['investigating', T(1)], ['identified', T(2)], ['resolved', T(3)]])], 3);
      const worker = createOutboxWorker({ store, platforms: [slow(recording)], logger: createSilentLogger(), clock, concurrency: 8 });
      await worker.runOnce();
      expect(store.outbox.counts()).toMatchObject({ done: 36, pending: 0 });
      expect(maxInFlight).toBeGreaterThan(1);
      expect(maxInFlight).toBeLessThanOrEqual(8);
      for (let c = 0; c < 12; c++) {
        const ops = recording.calls
          .filter((call) => (call.op === 'post' ? call.channelId : call.ref.channelId) === `C${c}`)
          .map((call) => (call.op === 'reply' ? call.reply.heading.split(' · ')[0] : call.op));
        expect(ops.slice(0, 3)).toEqual(['post', 'update', 'Identified']);
        expect(ops[3]).toBe('update');
        expect(ops[4]).toMatch(/^Resolved/);
        expect(ops).toHaveLength(5);
      }
    });

    it('stop() waits for deliveries in flight and claims nothing new', async () => {
      for (let c = 0; c < 3; c++) store.subscriptions.ensure('slack', `C${c}`, T(0));
      poll([incident('inc1', [['investigating', T(1)]])], 1);
      const worker = createOutboxWorker({ store, platforms: [slow(recording)], logger: createSilentLogger(), clock, concurrency: 2 });
      const run = worker.runOnce();
      await new Promise((r) => setTimeout(r, 5));
      await worker.stop();
      expect(store.outbox.counts().in_flight).toBe(0);
      expect(store.outbox.counts()).toMatchObject({ done: 2, pending: 1 });
      await run;
    });

    it('keeps component notices in order: a retried "degraded" never lands after "operational"', async () => {
      store.subscriptions.ensure('slack', 'C1', T(0));
      const component = (status: string) => ({ id: 'api', name: 'Claude API', status, group: false, position: 1 });
      const pollComponents = (status: string, minute: number) =>
        applyPoll(store, { ...snapshot([]), components: [component(status)] } as never, { etags: {} }, new Date(T(minute)));
      pollComponents('operational', 1);
      pollComponents('major_outage', 2);
      recording.failNext(new DeliveryError('slack_internal_error', 'retry', 'x'));
      // A clock that stands still until the recovery was polled: on a loaded machine a real one
      // let the 1 ms retry go out within the first run, before the component recovered.
      const stopped = { at: Date.now(), now: () => new Date(stopped.at) };
      const worker = createOutboxWorker({ store, platforms: [recording], logger: createSilentLogger(), clock: stopped, retryBaseMs: 1, retryMaxMs: 1 });
      await worker.runOnce();
      pollComponents('operational', 3);
      stopped.at += 5_000;
      for (let i = 0; i < 3; i++) await worker.runOnce();
      // The stale degraded row skipped (the component recovered before it went out): no orphan notice.
      const posts = recording.calls.filter((c) => c.op === 'post');
      const replies = recording.calls.filter((c) => c.op === 'reply');
      expect(posts).toHaveLength(0);
      expect(replies).toHaveLength(0);
      expect(store.outbox.counts()).toMatchObject({ pending: 0, in_flight: 0 });
    });
  });
});

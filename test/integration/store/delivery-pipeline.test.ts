import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../../src/delivery/outbox-worker.js';
import { diffSnapshot } from '../../../src/incidents/diff.js';
import { createRecordingPlatform, DeliveryError, type RecordingPlatform } from '../../../src/platforms/recording-platform.js';
import { applyPoll } from '../../../src/store/apply-poll.js';
import type { Store } from '../../../src/store/create-store.js';
import { IN_FLIGHT_GRACE_MS } from '../../../src/store/outbox-table.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { incident, snapshot } from '../../helpers/incident-builders.js';
import { createTempStore, describeEachEngine } from '../../helpers/temp-store.js';

describeEachEngine('delivery-pipeline', (engine) => {
  const T = (m: number) => new Date(Date.UTC(2026, 10, 25, 10, m)).toISOString();
  const clockAt = (iso: string) => {
    const clock = { current: new Date(iso), now: () => clock.current };
    return clock;
  };

  let temp: ReturnType<typeof createTempStore>;
  let store: Store;
  let slack: RecordingPlatform;
  let clock: ReturnType<typeof clockAt>;

  const worker = () => createOutboxWorker({ store, platforms: [slack], logger: createSilentLogger(), clock, retryBaseMs: 1000, retryMaxMs: 1000 });

  /** The incident at successive moments: opened, two updates, resolved. */
  const timeline = [
    incident('inc1', [['investigating', T(0)]]),
    incident('inc1', [['investigating', T(0)], ['identified', T(10)]]),
    incident('inc1', [['investigating', T(0)], ['identified', T(10)], ['monitoring', T(30)]]),
    incident('inc1', [['investigating', T(0)], ['identified', T(10)], ['monitoring', T(30)], ['resolved', T(79), 'Fixed.']]),
  ];

  const poll = (i: number, minute: number) => {
    clock.current = new Date(T(minute));
    return applyPoll(store, snapshot([timeline[i]!]), { etags: {} }, clock.current);
  };

  beforeEach(() => {
    temp = createTempStore(engine);
    store = temp.store;
    slack = createRecordingPlatform('slack');
    clock = clockAt(T(0));
    // a first, quiet poll so the timeline below is live news
    applyPoll(store, snapshot([]), { etags: {} }, new Date(T(0)));
  });
  afterEach(() => temp.cleanup());

  describe('poll → outbox → platform', () => {
    it('gives each subscribed channel one card, one thread reply per update, and a resolved card', async () => {
      store.subscriptions.ensure('slack', 'C1', T(0));
      store.subscriptions.ensure('slack', 'C2', T(0));
      const w = worker();
      for (const [i, minute] of [[0, 1], [1, 11], [2, 31], [3, 80]] as const) {
        poll(i, minute);
        await w.runOnce();
      }
      for (const channel of ['C1', 'C2']) {
        const posts = slack.calls.filter((c) => c.op === 'post' && c.channelId === channel);
        expect(posts).toHaveLength(1);
        const replies = slack.calls.filter((c) => c.op === 'reply' && c.ref.channelId === channel);
        expect(replies.map((r) => (r.op === 'reply' ? r.reply.heading.split(' · ')[0] : ''))).toEqual(['Identified', 'Monitoring', 'Resolved after 1 h 19 min']);
        const lastUpdate = slack.calls.filter((c) => c.op === 'update' && c.ref.channelId === channel).at(-1);
        expect(lastUpdate?.op === 'update' && lastUpdate.card.resolved).toBe(true);
        expect(lastUpdate?.op === 'update' && lastUpdate.card.durationText).toBe('1 h 19 min');
      }
      expect(slack.calls.filter((c) => c.op === 'close')).toHaveLength(2);
    });

    it('posts nothing twice when the same state is applied again after a restart', async () => {
      store.subscriptions.ensure('slack', 'C1', T(0));
      poll(1, 11);
      await worker().runOnce();
      const reopened = temp.reopen();
      const again = applyPoll(reopened, snapshot([timeline[1]!]), { etags: {} }, new Date(T(12)));
      expect(again.events).toEqual([]);
      expect(reopened.outbox.counts().pending).toBe(0);
      reopened.db.close();
    });

    it('finds nothing to write when a poll repeats what the store holds', () => {
      poll(2, 31);
      const again = diffSnapshot({ stored: store.incidents.getMany(['statuspage:inc1']), storedComponents: store.components.all(), snapshot: snapshot([timeline[2]!]), newsSince: T(31) });
      expect(again.changed).toEqual([]);
      expect(again.events).toEqual([]);
    });

    it('filters by minimum impact and components, but keeps following a card once posted', async () => {
      store.subscriptions.upsert('slack', 'MAJOR', { components: null, minImpact: 'critical', earlyWarnings: true }, T(0));
      store.subscriptions.upsert('slack', 'CODE', { components: ['Claude Code'], minImpact: 'none', earlyWarnings: true }, T(0));
      store.subscriptions.upsert('slack', 'API', { components: ['claude api (api.anthropic.com)'], minImpact: 'none', earlyWarnings: true }, T(0));
      poll(0, 1);
      await worker().runOnce();
      expect(slack.calls.filter((c) => c.op === 'post').map((c) => (c.op === 'post' ? c.channelId : ''))).toEqual(['API']);
    });

    it('reschedules a rate-limited delivery after Retry-After without holding up other channels', async () => {
      store.subscriptions.ensure('slack', 'C1', T(0));
      store.subscriptions.ensure('slack', 'C2', T(0));
      slack.failNext(new DeliveryError('slack_rate_limited', 'retry', 'ratelimited', 30_000));
      poll(0, 1);
      const w = worker();
      await w.runOnce();
      expect(slack.calls.filter((c) => c.op === 'post')).toHaveLength(1);
      const waiting = store.db.prepare("SELECT last_error_code, next_attempt_at FROM outbox WHERE state = 'pending'").get() as { last_error_code: string; next_attempt_at: string };
      expect(waiting.last_error_code).toBe('slack_rate_limited');
      expect(Date.parse(waiting.next_attempt_at) - clock.current.getTime()).toBe(30_000);
      clock.current = new Date(clock.current.getTime() + 30_000);
      await w.runOnce();
      expect(slack.calls.filter((c) => c.op === 'post')).toHaveLength(2);
    });

    it('never fails a row for transient errors: it retries with capped backoff until it goes through', async () => {
      store.subscriptions.ensure('slack', 'C1', T(0));
      const boom = () => new DeliveryError('slack_http_503', 'retry', 'service unavailable');
      slack.failNext(...Array.from({ length: 12 }, boom));
      poll(0, 1);
      const w = worker();
      for (let i = 0; i < 12; i++) {
        await w.runOnce();
        expect(store.outbox.counts()).toMatchObject({ failed: 0, pending: 1 });
        clock.current = new Date(clock.current.getTime() + 60_000);
      }
      expect(store.db.prepare('SELECT attempts FROM outbox').pluck().get()).toBe(12);
      await w.runOnce();
      expect(store.outbox.counts()).toMatchObject({ failed: 0, pending: 0, done: 1 });
    });

    it('marks a row failed at once for a permanent refusal, and the next update posts the card once', async () => {
      store.subscriptions.ensure('slack', 'C1', T(0));
      slack.failNext(new DeliveryError('slack_invalid_blocks', 'drop', 'invalid_blocks'));
      poll(0, 1);
      await worker().runOnce();
      expect(store.outbox.counts()).toMatchObject({ failed: 1, pending: 0 });
      poll(1, 11);
      poll(2, 31);
      await worker().runOnce();
      expect(slack.calls.filter((c) => c.op === 'post')).toHaveLength(1);
      expect(slack.calls.filter((c) => c.op === 'reply')).toHaveLength(1);
    });

    it('waits exactly Retry-After on a 429 and does not count it as an attempt, however long the storm', async () => {
      store.subscriptions.ensure('slack', 'C1', T(0));
      slack.failNext(...Array.from({ length: 20 }, () => new DeliveryError('slack_rate_limited', 'retry', 'ratelimited', 7_000)));
      poll(0, 1);
      const w = worker();
      for (let i = 0; i < 20; i++) {
        await w.runOnce();
        const row = store.db.prepare('SELECT attempts, next_attempt_at, state FROM outbox').get() as { attempts: number; next_attempt_at: string; state: string };
        expect(row).toMatchObject({ attempts: 0, state: 'pending' });
        expect(Date.parse(row.next_attempt_at) - clock.current.getTime()).toBe(7_000);
        clock.current = new Date(clock.current.getTime() + 7_000);
      }
      await w.runOnce();
      expect(store.outbox.counts()).toMatchObject({ done: 1, failed: 0 });
    });

    it('counts no attempt for rows a kill stopped before they were tried, and looks each up before it posts', async () => {
      for (const c of ['C1', 'C2', 'C3']) store.subscriptions.ensure('slack', c, T(0));
      poll(0, 1);
      for (let kill = 0; kill < 10; kill++) {
        // Claimed, then the process dies before any platform call.
        expect(store.outbox.claimDue(clock.current.toISOString(), 20, [])).toHaveLength(3);
        store.outbox.recoverInFlight(clock.current.toISOString());
        clock.current = new Date(clock.current.getTime() + IN_FLIGHT_GRACE_MS);
      }
      expect(store.db.prepare('SELECT MAX(attempts) FROM outbox').pluck().get()).toBe(0);
      // Any row in flight at a kill may have been mid-post: it is looked up first.
      expect(store.db.prepare('SELECT SUM(outcome_unknown) FROM outbox').pluck().get()).toBe(3);
      await worker().runOnce();
      expect(slack.calls.filter((c) => c.op === 'post')).toHaveLength(3);
      expect(store.outbox.counts()).toMatchObject({ done: 3, failed: 0 });
    });

    it('looks a row up at once after a crash when it was claimed longer ago than a post can take to land', async () => {
      store.subscriptions.ensure('slack', 'C1', T(0));
      poll(0, 1);
      expect(store.outbox.claimDue(clock.current.toISOString(), 1, [])).toHaveLength(1);
      clock.current = new Date(clock.current.getTime() + IN_FLIGHT_GRACE_MS + 1_000);
      store.outbox.recoverInFlight(clock.current.toISOString());
      await worker().runOnce();
      expect(slack.calls.filter((c) => c.op === 'post')).toHaveLength(1);
    });

    it('disables a channel that disappeared and skips what was queued for it', async () => {
      store.subscriptions.ensure('slack', 'GONE', T(0));
      slack.failNext(new DeliveryError('channel_not_found', 'disable_subscription', 'channel_not_found'));
      poll(0, 1);
      poll(1, 11);
      await worker().runOnce();
      const sub = store.subscriptions.find('slack', 'GONE');
      expect(sub).toMatchObject({ enabled: false, disabledReason: 'channel_not_found' });
      expect(store.outbox.counts()).toMatchObject({ failed: 1, skipped: 1, pending: 0 });
    });

    it('stops a platform with bad credentials and keeps its rows for later', async () => {
      store.subscriptions.ensure('slack', 'C1', T(0));
      slack.failNext(new DeliveryError('invalid_auth', 'halt_platform', 'SLACK_BOT_TOKEN was rejected (invalid_auth)'));
      poll(0, 1);
      const w = worker();
      await w.runOnce();
      expect(w.halted().get('slack')).toMatch(/invalid_auth/);
      expect(store.outbox.counts()).toMatchObject({ pending: 1, failed: 0 });
      await w.runOnce();
      expect(slack.calls).toHaveLength(0);
    });

    it('adopts the card an interrupted attempt posted instead of posting a second one', async () => {
      store.subscriptions.ensure('slack', 'C1', T(0));
      poll(0, 1);
      // The process "dies" after the platform accepted the post but before the row was recorded.
      const [row] = store.outbox.claimDue(clock.current.toISOString(), 1, []);
      await slack.postCard('C1', { title: 'x' } as never, `cob-${row!.id}`);
      const w = worker();
      w.start();
      await w.stop();
      // A post sent just before the crash may still be landing: the lookup waits out the grace.
      await w.runOnce();
      expect(store.outbox.counts()).toMatchObject({ pending: 1, done: 0 });
      clock.current = new Date(clock.current.getTime() + IN_FLIGHT_GRACE_MS);
      await w.runOnce();
      expect(slack.calls.filter((c) => c.op === 'post')).toHaveLength(1);
      expect(store.cards.get('statuspage:inc1', store.subscriptions.find('slack', 'C1')!.id)).toMatchObject({ messageId: 'm1' });
      expect(store.outbox.counts()).toMatchObject({ done: 1, pending: 0, in_flight: 0 });
    });

    it('deletes finished deliveries past retention, keeping rows of open incidents and everything undelivered', async () => {
      store.subscriptions.ensure('slack', 'C1', T(0));
      store.subscriptions.ensure('discord', 'D1', T(0)); // no Discord configured: its rows stay pending
      const w = worker();
      for (const [i, minute] of [[0, 1], [3, 80]] as const) {
        poll(i, minute);
        await w.runOnce();
      }
      const open = incident('inc2', [['investigating', T(90)]]);
      clock.current = new Date(T(90));
      applyPoll(store, snapshot([timeline[3]!, open]), { etags: {} }, clock.current);
      await w.runOnce();
      const rows = (state: string) => store.db.prepare('SELECT id, incident_key FROM outbox WHERE state = ? ORDER BY id').all(state) as Array<{ id: number; incident_key: string }>;
      const doneBefore = rows('done');
      const pendingBefore = rows('pending');
      expect(new Set(doneBefore.map((r) => r.incident_key))).toEqual(new Set(['statuspage:inc1', 'statuspage:inc2']));
      expect(pendingBefore.length).toBeGreaterThan(0);

      clock.current = new Date(Date.parse(T(90)) + 31 * 86_400_000);
      await w.runOnce();
      const doneAfter = rows('done');
      expect(doneAfter.filter((r) => r.incident_key === 'statuspage:inc1')).toEqual([]);
      expect(doneAfter).toEqual(expect.arrayContaining(doneBefore.filter((r) => r.incident_key === 'statuspage:inc2')));
      expect(rows('pending')).toEqual(expect.arrayContaining(pendingBefore));
      // The open incident's card still follows its updates.
      applyPoll(store, snapshot([timeline[3]!, incident('inc2', [['investigating', T(90)], ['identified', clock.current.toISOString()]])]), { etags: {} }, clock.current);
      await w.runOnce();
      expect(slack.calls.filter((c) => c.op === 'post')).toHaveLength(2);
      expect(slack.calls.at(-1)).toMatchObject({ op: 'reply', reply: { heading: expect.stringMatching(/^Identified/) } });
    });

    it('a post the database failed to record is looked up, never posted again', async () => {
      store.subscriptions.ensure('slack', 'C1', T(0));
      poll(0, 1);
      poll(1, 11);
      const w = worker();
      const markDone = store.outbox.markDone;
      let refusals = 2; // the group commit retries a failed write alone once: refuse both
      // The reply row's settlement is refused once (SQLITE_BUSY, a full disk...), after Slack took the reply.
      store.outbox.markDone = (...args) => {
        if (slack.calls.some((c) => c.op === 'reply') && refusals-- > 0) throw new Error('SQLITE_BUSY: database is locked');
        return markDone(...args);
      };
      await w.runOnce();
      clock.current = new Date(clock.current.getTime() + 60_000);
      await w.runOnce();
      expect(slack.calls.filter((c) => c.op === 'reply')).toHaveLength(1);
      expect(store.outbox.counts()).toMatchObject({ done: 2, pending: 0, in_flight: 0 });
    });

    // SQLite's page cap stands in for a full disk; Postgres has no per-database cap to hit.
    it.skipIf(engine === 'postgres')('loses nothing when the disk is full: the poll rolls back and applies whole later', async () => {
      store.subscriptions.ensure('slack', 'C1', T(0));
      const pages = store.db.pragma('page_count', { simple: true }) as number;
      store.db.pragma(`max_page_count = ${pages}`);
      // A long update body needs new pages, which the capped file cannot give: SQLITE_FULL.
      const big = incident('inc1', [['investigating', T(0), 'x'.repeat(200_000)]]);
      const apply = (minute: number) => applyPoll(store, snapshot([big]), { etags: {} }, new Date(T(minute)));
      expect(() => apply(1)).toThrow(/full/i);
      expect(store.incidents.get('statuspage:inc1')).toBeNull();
      expect(store.outbox.counts().pending).toBe(0);
      store.db.pragma('max_page_count = 1073741823');
      expect(apply(2).events.map((e) => e.kind)).toEqual(['opened']);
      clock.current = new Date(T(2));
      await worker().runOnce();
      expect(slack.calls.filter((c) => c.op === 'post')).toHaveLength(1);
    });
  });
});

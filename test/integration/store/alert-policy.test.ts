import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../../src/delivery/outbox-worker.js';
import type { PolicyAction } from '../../../src/delivery/delivery-context.js';
import { DEFAULT_POLICY } from '../../../src/incidents/channel-policy.js';
import type { Card, ThreadReply } from '../../../src/platforms/card.js';
import type { ChatPlatform, MessageRef } from '../../../src/platforms/platform.js';
import { createRecordingPlatform, DeliveryError, type RecordedCall, type RecordingPlatform } from '../../../src/platforms/recording-platform.js';
import { applyPoll } from '../../../src/store/apply-poll.js';
import type { Store } from '../../../src/store/create-store.js';
import { firePolicyTimers } from '../../../src/store/fire-policy-timers.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { component, incident, snapshot } from '../../helpers/incident-builders.js';
import { createTempStore, describeEachEngine } from '../../helpers/temp-store.js';

describeEachEngine('alert-policy', (engine) => {
  const T = (m: number) => new Date(Date.UTC(2026, 10, 25, 10, m)).toISOString();
  let temp: ReturnType<typeof createTempStore>;
  let store: Store;
  let slack: RecordingPlatform;
  const clock = { current: new Date(T(0)), now: () => clock.current };
  let actions: PolicyAction[];

  const worker = () => createOutboxWorker({ store, platforms: [slack], logger: createSilentLogger(), clock, onPolicy: (a) => actions.push(a) });
  const pollAt = (minute: number, incidents: ReturnType<typeof incident>[], code: 'operational' | 'degraded_performance' = 'operational') => {
    clock.current = new Date(T(minute));
    return applyPoll(store, snapshot(incidents, [component('c1', 'Claude Code', code)], T(minute)), { etags: {} }, clock.current);
  };
  const replies = () => slack.calls.flatMap((c) => (c.op === 'reply' ? [c.reply.heading.split(' · ')[0]] : []));
  const posts = () => slack.calls.filter((c) => c.op === 'post');

  beforeEach(() => {
    temp = createTempStore(engine);
    store = temp.store;
    slack = createRecordingPlatform('slack');
    actions = [];
    store.subscriptions.ensure('slack', 'C1', T(0));
    pollAt(0, []);
  });
  afterEach(() => temp.cleanup());

  describe('reminders are outbox rows', () => {
    it('fire once per due time, even when the process stops between firing and delivering', async () => {
      pollAt(1, [incident('inc1', [['investigating', T(1)]])]);
      await worker().runOnce();
      clock.current = new Date(T(125));
      expect(firePolicyTimers(store, clock.current)).toMatchObject({ reminders: 1 });
      // The process stops here: the reminder row is stored, the timer already moved on.
      temp.store.db.close();
      store = temp.reopen();
      expect(firePolicyTimers(store, clock.current)).toMatchObject({ reminders: 0 });
      const restarted = worker();
      restarted.start();
      await restarted.runOnce();
      await restarted.stop();
      expect(replies()).toEqual(['Reminder']);
      const keys = slack.calls.flatMap((c) => (c.op === 'reply' ? [c.key] : []));
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(/^cob-\d+$/);
      expect(actions).toEqual(['reminded']);
    });

    it('stop when the incident resolves, and never become a root where the card never arrived', async () => {
      store.policies.save(1, { ...DEFAULT_POLICY, remindMinutes: 30 }, T(0));
      pollAt(1, [incident('inc1', [['investigating', T(1)]])]);
      await worker().runOnce();
      pollAt(20, [incident('inc1', [['investigating', T(1)], ['resolved', T(20), 'Fixed.']])]);
      await worker().runOnce();
      clock.current = new Date(T(200));
      expect(firePolicyTimers(store, clock.current).reminders).toBe(0);
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM policy_timers').get()).toEqual({ n: 0 });
      expect(posts()).toHaveLength(1);
    });
  });

  describe('minimum duration of a component-only degradation', () => {
    beforeEach(() => store.policies.save(1, { ...DEFAULT_POLICY, minDegradedMinutes: 5 }, T(0)));

    it('never posts one that was over sooner, and counts it as suppressed', async () => {
      pollAt(1, [], 'degraded_performance');
      await worker().runOnce();
      pollAt(3, [], 'operational');
      clock.current = new Date(T(7));
      await worker().runOnce();
      expect(slack.calls).toEqual([]);
      expect(actions).toEqual(['suppressed']);
    });

    it('posts one that lasted, once the minimum has passed and not before', async () => {
      pollAt(1, [], 'degraded_performance');
      clock.current = new Date(T(5));
      await worker().runOnce();
      expect(posts()).toHaveLength(0);
      clock.current = new Date(T(6));
      await worker().runOnce();
      expect(posts().map((c) => (c.op === 'post' ? c.card.title : ''))).toEqual(['Claude Code: Degraded performance']);
    });
  });

  describe('quiet hours', () => {
    beforeEach(() => store.policies.save(1, { ...DEFAULT_POLICY, quiet: { start: '09:00', end: '12:00' } }, T(0)));

    it('let an incident that turns major while held through at once, and leave it out of the digest', async () => {
      const minor = incident('inc1', [['investigating', T(1)]], { impact: 'minor' });
      pollAt(1, [minor]);
      await worker().runOnce();
      expect(slack.calls).toEqual([]);
      pollAt(10, [{ ...minor, impact: 'major', updatedAt: T(10) }]);
      await worker().runOnce();
      expect(posts()).toHaveLength(1);
      clock.current = new Date(T(121)); // 12:01 UTC
      await worker().runOnce();
      expect(posts()).toHaveLength(1);
      expect(store.timers.heldCount()).toBe(0);
    });
  });

  describe('a component notice whose post reached the platform before a failure', () => {
    /** Discord-like: no lookup, posts deduplicated by nonce; the chosen call is stored, then answered 500. */
    const storedThen500 = (op: 'post' | 'update') => {
      const inner = createRecordingPlatform('discord');
      let failOnce = true;
      const fail = () => {
        if (!failOnce) return;
        failOnce = false;
        throw new DeliveryError('discord_http_500', 'retry', 'Discord answered 500 Internal Server Error');
      };
      return {
        name: 'discord' as const,
        calls: inner.calls,
        async postCard(channelId: string, card: Card, key: string) {
          const earlier = inner.calls.find((c) => c.op === 'post' && c.key === key);
          if (earlier?.op === 'post') return earlier.ref;
          const ref = await inner.postCard(channelId, card, key);
          if (op === 'post') fail();
          return ref;
        },
        async updateCard(ref: MessageRef, card: Card) {
          await inner.updateCard(ref, card);
          if (op === 'update' && card.status !== 'operational') fail();
        },
        postReply: (ref: MessageRef, reply: ThreadReply, key: string) => inner.postReply(ref, reply, key),
      };
    };
    const run = async (platform: ChatPlatform) => {
      await createOutboxWorker({ store, platforms: [platform], logger: createSilentLogger(), clock, retryBaseMs: 1, retryMaxMs: 1 }).runOnce();
    };
    const lastCard = (p: { calls: RecordedCall[] }) => p.calls.filter((c) => c.op === 'post' || c.op === 'update').at(-1);

    beforeEach(() => {
      store.subscriptions.remove('slack', 'C1');
      store.subscriptions.ensure('discord', 'D1', T(0));
    });

    it('is adopted and closed when the component recovered before the retry, never left open', async () => {
      const discord = storedThen500('post');
      pollAt(1, [], 'degraded_performance');
      await run(discord);
      pollAt(2, [], 'operational');
      clock.current = new Date(T(3));
      await run(discord);
      expect(discord.calls.filter((c) => c.op === 'post')).toHaveLength(1);
      expect(discord.calls.flatMap((c) => (c.op === 'reply' ? [c.reply.heading.split(' · ')[0]] : []))).toEqual(['Recovered']);
      expect(lastCard(discord)).toMatchObject({ card: { status: 'operational' } });
    });

    it('is edited back to operational when a reopen was shown and the component recovered before the retry', async () => {
      const discord = storedThen500('update');
      pollAt(1, [], 'degraded_performance');
      await run(discord);
      pollAt(2, [], 'operational');
      await run(discord);
      pollAt(3, [], 'degraded_performance'); // the reopen: its edit is stored, then answered 500
      await run(discord);
      pollAt(4, [], 'operational');
      clock.current = new Date(T(5));
      await run(discord);
      expect(discord.calls.filter((c) => c.op === 'post')).toHaveLength(1);
      expect(lastCard(discord)).toMatchObject({ op: 'update', card: { status: 'operational' } });
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxWorker, type OutboxWorker } from '../../../src/delivery/outbox-worker.js';
import { createSlackClients } from '../../../src/platforms/slack/slack-clients.js';
import { createSlackLogger } from '../../../src/platforms/slack/slack-logger.js';
import { createSlackPlatform } from '../../../src/platforms/slack/slack-platform.js';
import type { Store } from '../../../src/store/create-store.js';
import { UNKNOWN_OUTCOME } from '../../../src/store/outbox-table.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { allStrings, createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';
import { createDeliveryHarness } from '../../helpers/delivery-harness.js';
import { createTempStore } from '../../helpers/temp-store.js';

/**
 * The real Slack platform (real @slack/web-api clients) and the real outbox worker and
 * store, against the fake Slack: delivery, Slack's failure modes and recovery.
 */

// One fixed start for the whole file: update keys include their minute, so times must not drift between calls.
const START = Math.floor(Date.now() / 60_000) * 60_000 - 60 * 60_000;
const T = (m: number) => new Date(START + m * 60_000).toISOString();
const logger = createSilentLogger();

let temp: ReturnType<typeof createTempStore>;
let store: Store;
let slack: FakeSlack;
let worker: OutboxWorker;

const { timeline, poll, drained: allDone, deliverUntil, playTimeline } = createDeliveryHarness(() => store, () => worker, T);

beforeEach(async () => {
  temp = createTempStore();
  store = temp.store;
  slack = await createFakeSlack();
  const clients = createSlackClients({ botToken: slack.botToken, apiUrl: slack.apiUrl, logger: createSlackLogger(logger), timeoutMs: 1_000 });
  const platform = createSlackPlatform({ clients, logger, postSpacingMs: 50 });
  worker = createOutboxWorker({ store, platforms: [platform], logger, clock: { now: () => new Date() }, retryBaseMs: 40, retryMaxMs: 200 });
  store.subscriptions.ensure('slack', 'C1', T(0));
  store.subscriptions.ensure('slack', 'C2', T(0));
  poll([]);
});

afterEach(async () => {
  await worker.stop();
  await slack.close();
  temp.cleanup();
});

function expectOneCardPerChannel(channels = ['C1', 'C2']): void {
  for (const channel of channels) {
    const roots = slack.roots(channel);
    expect(roots, `roots in ${channel}`).toHaveLength(1);
    const root = roots[0]!;
    expect(root.metadata?.event_type).toBe('claude_outage_bot_card');
    const replies = slack.replies(channel, root.ts);
    expect(replies.map((r) => r.text.split(' · ')[0])).toEqual(['Identified', 'Resolved after 40 min']);
    expect(replies.every((r) => r.metadata?.event_type === 'claude_outage_bot_reply')).toBe(true);
    expect(root.text).toContain('Resolved after 40 min');
    expect(root.attachments?.[0]).toMatchObject({ color: '#2ecc71' });
  }
}

describe('Slack delivery through the outbox', () => {
  it('posts one card per channel, edits it and threads each update', async () => {
    await playTimeline();
    expectOneCardPerChannel();
    expect(slack.callsOf('chat.update').length).toBeGreaterThanOrEqual(4);
    expect(slack.calls.every((c) => c.token === slack.botToken)).toBe(true);
  });

  it('reschedules a rate-limited row after Retry-After without holding up the other channel', async () => {
    slack.failNext('chat.postMessage', { kind: 'rate_limit', retryAfterSeconds: 1 }, 3, 'C1');
    poll([timeline()[0]!]);
    await worker.runOnce();
    expect(slack.roots('C2')).toHaveLength(1);
    expect(slack.roots('C1')).toHaveLength(0);
    const c1 = store.subscriptions.find('slack', 'C1')!;
    const row = store.db.prepare('SELECT last_error_code, next_attempt_at FROM outbox WHERE subscription_id = ?').get(c1.id) as {
      last_error_code: string;
      next_attempt_at: string;
    };
    expect(row.last_error_code).toBe('slack_rate_limited');
    expect(Date.parse(row.next_attempt_at) - Date.now()).toBeGreaterThan(500);
    await deliverUntil(() => slack.roots('C1').length === 1, 'C1 to get its card after the storm');
    await playTimeline();
    expectOneCardPerChannel();
    expect(slack.callsOf('chat.postMessage').filter((c) => c.outcome === 'http_429')).toHaveLength(3);
  });

  it('retries 5xx answers and checks before re-posting, so no card is doubled', async () => {
    slack.failNext('chat.postMessage', { kind: 'http', status: 500 }, 2, 'C1');
    slack.failNext('chat.update', { kind: 'http', status: 503 }, 1);
    await playTimeline();
    expectOneCardPerChannel();
    // A failed post has an unknown outcome: the next attempt looked for it by metadata first.
    expect(slack.callsOf('conversations.history').length).toBeGreaterThanOrEqual(1);
    expect(slack.callsOf('conversations.history')[0]!.params.include_all_metadata).toBe('true');
  });

  it('adopts a card Slack accepted when the answer was lost', async () => {
    slack.failNext('chat.postMessage', { kind: 'hang_after_record' }, 1, 'C1');
    poll([timeline()[0]!]);
    await worker.runOnce();
    const c1 = store.subscriptions.find('slack', 'C1')!;
    const row = store.db.prepare('SELECT last_error_code FROM outbox WHERE subscription_id = ?').get(c1.id) as { last_error_code: string };
    expect(row.last_error_code).toBe(UNKNOWN_OUTCOME);
    expect(slack.roots('C1')).toHaveLength(1);
    await deliverUntil(allDone, 'the outbox to drain');
    expect(slack.roots('C1')).toHaveLength(1);
    expect(store.cards.get('statuspage:inc1', c1.id)?.messageId).toBe(slack.roots('C1')[0]!.ts);
  });

  it('adopts a thread reply Slack accepted when the answer was lost', async () => {
    poll([timeline()[0]!]);
    await deliverUntil(allDone, 'the first card');
    slack.failNext('chat.postMessage', { kind: 'hang_after_record' }, 1, 'C1');
    await playTimeline();
    expectOneCardPerChannel();
    expect(slack.callsOf('conversations.replies').length).toBeGreaterThanOrEqual(1);
  });

  it('keeps "may have posted" sticky through a 429 on the lookup and on the edit: the reply is never doubled', async () => {
    poll([timeline()[0]!]);
    await deliverUntil(allDone, 'the first cards');
    // The reply is stored but its answer is lost; then the lookup and the edit are throttled.
    slack.failNext('chat.postMessage', { kind: 'hang_after_record' }, 1, 'C1');
    slack.failNext('conversations.replies', { kind: 'rate_limit', retryAfterSeconds: 1 }, 1, 'C1');
    slack.failNext('chat.update', { kind: 'rate_limit', retryAfterSeconds: 1 }, 1, 'C1');
    poll([timeline()[1]!]);
    await deliverUntil(allDone, 'the update after the storm', 15_000);
    const c1 = slack.roots('C1')[0]!;
    expect(slack.replies('C1', c1.ts).map((r) => r.text.split(' · ')[0])).toEqual(['Identified']);
    const row = store.db.prepare("SELECT attempts, outcome_unknown FROM outbox WHERE state = 'done' ORDER BY id DESC LIMIT 1").get();
    expect(row).toMatchObject({ outcome_unknown: 0 });
    // Lookup before the edit, every time the outcome was unknown: two lookups (one throttled).
    expect(slack.callsOf('conversations.replies').filter((c) => c.params.channel === 'C1')).toHaveLength(2);
  });

  it('a reply the lookup found stays "may have posted" when the edit after it fails: the next try looks again instead of posting', async () => {
    poll([timeline()[0]!]);
    await deliverUntil(allDone, 'the first cards');
    slack.failNext('chat.postMessage', { kind: 'hang_after_record' }, 1, 'C1');
    poll([timeline()[1]!]);
    const run = worker.runOnce();
    const stored = () => slack.calls.some((c) => c.method === 'chat.postMessage' && c.params.channel === 'C1' && c.params.thread_ts);
    await deliverUntil(stored, 'the reply to be stored with its answer held');
    // Only now: the next attempt's lookup finds the reply, then its edit fails.
    slack.failNext('chat.update', { kind: 'error', error: 'internal_error' }, 1, 'C1');
    await run;
    await deliverUntil(allDone, 'the update after the failed edit', 15_000);
    const c1 = slack.roots('C1')[0]!;
    expect(slack.replies('C1', c1.ts).map((r) => r.text.split(' · ')[0])).toEqual(['Identified']);
    expect(slack.callsOf('conversations.replies').filter((c) => c.params.channel === 'C1').length).toBeGreaterThanOrEqual(2);
  });

  it('treats internal_error on a post as "may have posted" and looks before posting again', async () => {
    slack.failNext('chat.postMessage', { kind: 'error', error: 'internal_error' }, 1, 'C1');
    poll([timeline()[0]!]);
    await deliverUntil(allDone, 'the first cards');
    expect(slack.callsOf('conversations.history').filter((c) => c.params.channel === 'C1')).toHaveLength(1);
    expect(slack.roots('C1')).toHaveLength(1);
  });

  it('disables the subscription of a channel that disappears, with the reason', async () => {
    poll([timeline()[0]!]);
    await deliverUntil(allDone, 'the first cards');
    slack.setChannelError('C1', 'channel_not_found');
    poll([timeline()[1]!]);
    await deliverUntil(allDone, 'the update');
    const c1 = store.subscriptions.find('slack', 'C1')!;
    expect(c1.enabled).toBe(false);
    expect(c1.disabledReason).toBe('slack_channel_not_found');
    expect(slack.replies('C2', slack.roots('C2')[0]!.ts)).toHaveLength(1);
    poll([timeline()[2]!]);
    await deliverUntil(allDone, 'the resolution');
    const c1Calls = slack.calls.filter((c) => c.params.channel === 'C1' && c.outcome === 'ok');
    expect(c1Calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  it('stops Slack deliveries with a clear error when the token is revoked', async () => {
    slack.failNext('*', { kind: 'error', error: 'token_revoked' }, 5);
    poll([timeline()[0]!]);
    await worker.runOnce();
    expect(worker.halted().get('slack')).toMatch(/token_revoked.*SLACK_BOT_TOKEN/);
    expect(store.outbox.counts().pending).toBe(2);
  });

  it('never lets status page text ping anyone', async () => {
    const evil = '<!channel> <!here> <!everyone> <@U0ADMIN> <!subteam^S1|@oncall> @channel &lt;!here&gt; look';
    await playTimeline(evil);
    const pings = /<[!@#]|(^|[^\u200b])@(channel|here|everyone)\b/i;
    for (const call of slack.calls.filter((c) => c.method.startsWith('chat.'))) {
      for (const text of allStrings(call.params)) expect(text).not.toMatch(pings);
    }
  });
});

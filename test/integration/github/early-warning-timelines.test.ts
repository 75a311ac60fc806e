import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStatusReply } from '../../../src/commands/status.js';
import type { Config } from '../../../src/config/load-config.js';
import { createOutboxWorker, type OutboxWorker } from '../../../src/delivery/outbox-worker.js';
import type { Incident } from '../../../src/incidents/model.js';
import { createGithubWatcher, type GithubWatcher } from '../../../src/main/poll-github.js';
import type { Card } from '../../../src/platforms/card.js';
import { createRecordingPlatform, type RecordedCall, type RecordingPlatform } from '../../../src/platforms/recording-platform.js';
import { applyPoll } from '../../../src/store/apply-poll.js';
import type { Store } from '../../../src/store/create-store.js';
import { createLiveStatusReader } from '../../../src/store/read-live-status.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createPoller } from '../../../src/sources/create-poller.js';
import { createFakeGithub, type FakeGithub } from '../../fakes/fake-github.js';
import { incident, snapshot } from '../../helpers/incident-builders.js';
import { createTempStore } from '../../helpers/temp-store.js';

const T = (m: number) => new Date(Date.UTC(2026, 10, 25, 10, m)).toISOString();
const OVERLOADED = 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}';
const WARNING = 'github:overloaded@2026-11-25T10:01';

let temp: ReturnType<typeof createTempStore>;
let store: Store;
let fake: FakeGithub;
let slack: RecordingPlatform;
let watcher: GithubWatcher;
let worker: OutboxWorker;
const clock = { current: new Date(T(0)), now: () => clock.current };

const config = (url: string): Config['github'] => ({
  apiUrl: url,
  token: null,
  repo: 'anthropics/claude-code',
  pollIntervalSeconds: 120,
  searchTerms: [],
  spikeThreshold: 3,
  spikeWindowMinutes: 30,
});
const makeWatcher = () =>
  createGithubWatcher({ config: config(fake.url), store, logger: createSilentLogger(), clock, onEvents: () => undefined, client: { searchSpacingMs: 0, retryAfterBaseMs: 5 } });

beforeEach(async () => {
  temp = createTempStore();
  store = temp.store;
  fake = await createFakeGithub();
  fake.setRemaining(25);
  slack = createRecordingPlatform('slack');
  clock.current = new Date(T(0));
  store.subscriptions.ensure('slack', 'C1', T(0));
  // A first, quiet status page poll, so what follows is live news.
  applyPoll(store, snapshot([]), { etags: {} }, new Date(T(0)));
  watcher = makeWatcher();
  worker = createOutboxWorker({ store, platforms: [slack], logger: createSilentLogger(), clock, cardNotes: watcher.cardNotes });
});
afterEach(async () => {
  await fake.close();
  temp.cleanup();
});

const report = (number: number, minute: number, title = OVERLOADED) => fake.issues.push({ number, title, created_at: T(minute) });
/** Moves the clock, polls GitHub, delivers. */
async function githubAt(minute: number): Promise<void> {
  clock.current = new Date(T(minute));
  expect(await watcher.poll()).toBe(true);
  await worker.runOnce();
}
/** Moves the clock, applies a status page snapshot, delivers. */
async function statuspageAt(minute: number, incidents: Incident[]): Promise<void> {
  clock.current = new Date(T(minute));
  applyPoll(store, snapshot(incidents, null, T(minute)), { etags: {} }, clock.current);
  await worker.runOnce();
}
const posts = () => slack.calls.filter((c): c is Extract<RecordedCall, { op: 'post' }> => c.op === 'post');
const lastCard = (key: string): Card | undefined =>
  slack.calls.flatMap((c) => (c.op === 'post' || c.op === 'update' ? [c.card] : [])).filter((c) => c.key === key).at(-1);
const replies = () => slack.calls.flatMap((c) => (c.op === 'reply' ? [c.reply] : []));

describe('GitHub early warning timelines', () => {
  it('a spike with no incident: exactly one warning card, which cools down quietly', async () => {
    report(1, 1);
    await githubAt(2);
    report(2, 5);
    await githubAt(6);
    expect(posts()).toHaveLength(0);
    report(3, 9);
    await githubAt(10);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]?.card).toMatchObject({ kind: 'early_warning', key: WARNING, title: 'Early warning: users report 529 overloaded errors', resolved: false });
    expect(posts()[0]?.card.latestUpdate?.body).toMatch(/^3 GitHub issues in 30 min report 529 overloaded errors; the status page shows no incident yet/);

    const view = createLiveStatusReader({ store, clock, pollIntervalSeconds: 30, readCommunity: watcher.readCommunity })();
    expect(view.community).toMatchObject({ windowMinutes: 30, total: 3, byClass: { '529 overloaded': 3 }, activeWarning: { errorClass: '529 overloaded', reportCount: 3, since: T(1) } });
    const text = JSON.stringify(buildStatusReply(view, clock.current, 'https://status.claude.com').blocks);
    expect(text).toContain('They disagree: users report 529 overloaded errors (3 reports)');

    report(4, 12);
    await githubAt(14);
    await githubAt(30);
    expect(posts()).toHaveLength(1);
    await githubAt(43); // last report at :12, window 30 min
    expect(posts()).toHaveLength(1);
    expect(lastCard(WARNING)).toMatchObject({ resolved: true, notes: ['4 GitHub reports in total'] });
    expect(replies().at(-1)?.body).toBe('Reports stopped: no new GitHub report of 529 overloaded errors for 30 min (4 in total).');
    expect(watcher.readCommunity().activeWarning).toBeNull();
  });

  it('a spike followed by an official incident: linked both ways, no second warning', async () => {
    report(1, 1);
    report(2, 5);
    report(3, 9);
    await githubAt(10);
    const official = incident('inc1', [['investigating', T(14), 'We are seeing elevated errors on Claude Opus.']]);
    await statuspageAt(15, [official]);

    expect(store.incidents.linkedWarning('statuspage:inc1')).toBe(WARNING);
    expect(posts().map((p) => p.card.key)).toEqual([WARNING, 'statuspage:inc1']);
    expect(lastCard('statuspage:inc1')?.notes).toEqual(['Early warning raised Nov 25, 10:10 UTC (GitHub reports of 529 overloaded errors)', '3 GitHub reports so far']);
    const warningCard = lastCard(WARNING);
    expect(warningCard).toMatchObject({ resolved: true });
    expect(warningCard?.notes).toContain('Official incident opened: Incident inc1 https://status.example.com/incidents/inc1');
    expect(replies().at(-1)?.body).toMatch(/^Superseded by the official incident: Incident inc1/);

    // More reports while it is open count for the official incident, and raise nothing.
    report(4, 16);
    report(5, 17);
    report(6, 18);
    await githubAt(19);
    await statuspageAt(25, [incident('inc1', [['investigating', T(14)], ['identified', T(24), 'Fix in progress.']])]);
    expect(posts()).toHaveLength(2);
    expect(lastCard('statuspage:inc1')?.notes).toContain('6 GitHub reports so far');
    expect(watcher.readCommunity().activeWarning).toBeNull();
  });

  it('an official incident shortly after a warning cooled still links to it', async () => {
    for (const [n, m] of [[1, 1], [2, 2], [3, 3]] as const) report(n, m);
    await githubAt(4);
    await githubAt(40); // cooled: nothing since :03
    expect(lastCard(WARNING)).toMatchObject({ resolved: true });
    await statuspageAt(50, [incident('late', [['investigating', T(49)]])]);
    expect(store.incidents.linkedWarning('statuspage:late')).toBe(WARNING);
    expect(replies().at(-1)?.body).toBe('Official incident opened: Incident late https://status.example.com/incidents/late');
    expect(lastCard(WARNING)?.notes).toContain('Official incident opened: Incident late https://status.example.com/incidents/late');
    expect(posts()).toHaveLength(2);
  });

  it('reports during an open incident are counted on its card, and raise no warning', async () => {
    await statuspageAt(1, [incident('inc2', [['investigating', T(1)]])]);
    expect(posts()).toHaveLength(1);
    for (const [n, m] of [[10, 2], [11, 3], [12, 4], [13, 5]] as const) report(n, m);
    report(14, 6, 'API Error: 500 Internal server error');
    await githubAt(7);
    expect(posts()).toHaveLength(1);
    expect(watcher.cardNotes(store.incidents.get('statuspage:inc2')!)).toEqual(['5 GitHub reports so far']);
    // The card is edited right away to show the count, without a thread reply.
    const repliesBefore = replies().length;
    expect(lastCard('statuspage:inc2')?.notes).toEqual(['5 GitHub reports so far']);
    expect(replies()).toHaveLength(repliesBefore);
    report(15, 8);
    await githubAt(9);
    expect(lastCard('statuspage:inc2')?.notes).toEqual(['6 GitHub reports so far']);
    expect(replies()).toHaveLength(repliesBefore);
    await statuspageAt(20, [incident('inc2', [['investigating', T(1)], ['identified', T(19)]])]);
    expect(lastCard('statuspage:inc2')?.notes).toEqual(['6 GitHub reports so far']);
    // After it resolves the same reports do not turn into a warning.
    await statuspageAt(30, [incident('inc2', [['investigating', T(1)], ['identified', T(19)], ['resolved', T(29)]])]);
    await githubAt(31);
    expect(posts()).toHaveLength(1);
    expect(lastCard('statuspage:inc2')?.notes).toEqual(['6 GitHub reports during this incident']);
  });

  it('a slow trickle below the threshold raises nothing', async () => {
    for (const minute of [0, 20, 40, 60, 80, 100]) {
      report(minute + 1, minute);
      await githubAt(minute + 5);
    }
    expect(posts()).toHaveLength(0);
    expect(watcher.readCommunity()).toMatchObject({ total: 2, activeWarning: null });
  });

  it('edits and restarts never re-alert', async () => {
    for (const [n, m] of [[1, 1], [2, 2], [3, 3]] as const) report(n, m);
    await githubAt(4);
    expect(posts()).toHaveLength(1);
    const first = fake.issues[0]!;
    first.title = 'API Error: 500 (edited: actually a 500)';
    await githubAt(6);
    watcher = makeWatcher(); // a restart: same database, a new process
    await githubAt(8);
    expect(posts()).toHaveLength(1);
    expect(store.githubReports.get([1])[0]?.errorClass).toBe('overloaded');
    expect(store.events.recent(50).filter((e) => e.event.kind === 'early_warning')).toHaveLength(1);
  });

  it('a failed search backs off: a 422 is recorded, a rate limit pauses polling until the reset', async () => {
    fake.failNext({ kind: '422' });
    clock.current = new Date(T(1));
    expect(await watcher.poll()).toBe(false);
    expect(store.pollState.get('github')).toMatchObject({ lastErrorCode: 'github_query_rejected', consecutiveFailures: 1 });
    fake.failNext({ kind: '429', retryAfter: 600 });
    expect(await watcher.poll()).toBe(false);
    const requests = fake.requests.length;
    clock.current = new Date(T(5));
    expect(await watcher.poll()).toBe(true); // paused: no request
    expect(fake.requests).toHaveLength(requests);
    clock.current = new Date(T(12));
    expect(await watcher.poll()).toBe(true);
    expect(fake.requests).toHaveLength(requests + 1);
    expect(store.pollState.get('github')).toMatchObject({ consecutiveFailures: 0, lastErrorCode: 'github_rate_limited' });
  });

  it('incomplete results keep the cursor, so the same range is searched again', async () => {
    clock.current = new Date(T(40));
    fake.failNext({ kind: 'incomplete' });
    await watcher.poll();
    const since = /created:>=(\S+)/.exec(fake.requests[0]!.q)?.[1];
    clock.current = new Date(T(42));
    await watcher.poll();
    expect(/created:>=(\S+)/.exec(fake.requests[1]!.q)?.[1]).toBe(since);
    clock.current = new Date(T(44));
    await watcher.poll();
    // After a complete answer: the poll's start minus the index-lag overlap.
    expect(/created:>=(\S+)/.exec(fake.requests[2]!.q)?.[1]).toBe('2026-11-25T10:37:00Z');
  });

  it('runs under a Poller and wakes the worker, as index.ts wires it', async () => {
    let kicks = 0;
    const wired = createGithubWatcher({ config: config(fake.url), store, logger: createSilentLogger(), clock, onEvents: () => void kicks++, client: { searchSpacingMs: 0 } });
    const poller = createPoller({ name: 'github', intervalSeconds: 120, run: wired.poll, logger: createSilentLogger(), clock });
    for (const [n, m] of [[1, 1], [2, 2], [3, 3]] as const) report(n, m);
    clock.current = new Date(T(4));
    await poller.pollNow();
    expect(kicks).toBe(1);
    await worker.runOnce();
    expect(posts().map((p) => p.card.kind)).toEqual(['early_warning']);
  });
});

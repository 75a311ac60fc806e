import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeTimeline } from '../../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../../src/demo/statuspage-server.js';
import type { Clock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createHttpFetcher } from '../../../src/sources/http-fetch.js';
import type { PollOutcome, PollState, Source } from '../../../src/sources/source.js';
import { createStatuspageSource } from '../../../src/sources/statuspage-source.js';

/** How few requests the source makes: one per unchanged poll, none to a host known to be challenged. */
const steps = claudeTimeline();
const stateAt = (i: number) => steps[i]!.state;
let nowMs = Date.parse('2026-10-07T17:30:00Z');
const clock: Clock = { now: () => new Date(nowMs) };
const pages: FakeStatuspage[] = [];
const page = async (state = stateAt(2)): Promise<FakeStatuspage> => {
  const fake = await createFakeStatuspage({ state });
  pages.push(fake);
  return fake;
};

beforeEach(() => {
  nowMs = Date.parse('2026-10-07T17:30:00Z');
});
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
});

function makeSource(baseUrl: string, fallbackUrls: string[] = []): Source {
  const http = createHttpFetcher({ timeoutMs: 3_000, maxBytes: 1_000_000, userAgent: 'claude-outage-bot-test' });
  return createStatuspageSource({ baseUrl, fallbackUrls, http, logger: createSilentLogger(), clock, retry: { baseMs: 5, maxMs: 10 } });
}

/** Polls like the bot does: each poll starts from the state the previous one returned. */
function poller(source: Source): (advanceMs?: number) => Promise<PollOutcome> {
  let state: PollState = { etags: {} };
  return async (advanceMs = 1_000) => {
    nowMs += advanceMs;
    const outcome = await source.poll(state);
    if (outcome.kind !== 'failed') state = outcome.state;
    return outcome;
  };
}

const paths = (fake: FakeStatuspage, from = 0): string[] => fake.requests.slice(from).map((r) => r.path);
const statusOf = (outcome: PollOutcome): string | undefined =>
  outcome.kind === 'snapshot' ? outcome.snapshot.incidents.find((i) => i.key === 'statuspage:978mjkgw6mh7')?.status : outcome.kind;

describe('statuspage source: one request per unchanged poll', () => {
  it('still sees the resolution, because resolving changes summary.json', async () => {
    const fake = await page(stateAt(4));
    const poll = poller(makeSource(fake.url));
    expect(statusOf(await poll())).toBe('monitoring');
    const before = fake.requests.length;
    for (let i = 0; i < 10; i++) expect((await poll()).kind).toBe('not_modified');
    expect(paths(fake, before)).toEqual(Array(10).fill('/api/v2/summary.json'));

    fake.setState(stateAt(5));
    const atResolution = fake.requests.length;
    expect(statusOf(await poll())).toBe('resolved');
    expect(paths(fake, atResolution)).toEqual(['/api/v2/summary.json', '/api/v2/incidents.json', '/api/v2/scheduled-maintenances.json']);
    // Back to one request per poll afterwards.
    expect((await poll()).kind).toBe('not_modified');
    expect(paths(fake, atResolution + 3)).toEqual(['/api/v2/summary.json']);
  });

  it('uses summary.json alone when the page has no incidents.json (404)', async () => {
    const fake = await page(stateAt(3));
    fake.setFailure('404', '/api/v2/incidents.json');
    const poll = poller(makeSource(fake.url));
    const outcome = await poll();
    expect(outcome).toMatchObject({ kind: 'snapshot', via: `${fake.url}/api/v2/summary.json`, errors: [] });
    expect(statusOf(outcome)).toBe('identified');
    expect(outcome.kind === 'snapshot' && outcome.snapshot.components?.length).toBe(4);
    // Without incidents.json the feed is read for the incidents (and their resolutions).
    expect(paths(fake)).toEqual(['/api/v2/summary.json', '/api/v2/incidents.json', '/api/v2/scheduled-maintenances.json', '/history.atom']);
    // Unchanged: one request, no retry of the missing document until the 5-minute safety net.
    expect((await poll()).kind).toBe('not_modified');
    expect(paths(fake, 4)).toEqual(['/api/v2/summary.json']);
  });

  it('fails the JSON path (and falls back to the feed) when incidents.json fails with a 500', async () => {
    const fake = await page(stateAt(3));
    fake.setFailure('500', '/api/v2/incidents.json');
    const outcome = await poller(makeSource(fake.url))();
    expect(outcome).toMatchObject({ kind: 'snapshot', via: `${fake.url}/history.atom` });
    expect(outcome.errors.map((e) => [e.code, e.statusCode, e.url])).toEqual(Array(2).fill(['http_status', 500, `${fake.url}/api/v2/incidents.json`]));
  });
});

describe('statuspage source: a challenged main host', () => {
  it('is skipped while a fallback works, and tried again every 10 minutes', async () => {
    const main = await page();
    const mirror = await page(stateAt(3));
    main.setFailure('challenge');
    const poll = poller(makeSource(main.url, [mirror.url]));
    expect(await poll()).toMatchObject({ kind: 'snapshot', via: `${mirror.url}/api/v2/summary.json` });
    expect(paths(main)).toEqual(['/api/v2/summary.json', '/history.atom', '/history.rss']);

    for (let i = 0; i < 5; i++) expect(await poll(60_000)).toMatchObject({ kind: 'not_modified', errors: [] });
    expect(main.requests).toHaveLength(3);

    // 10 minutes after the switch: the main host is probed again (still challenged).
    expect(await poll(300_000)).toMatchObject({ kind: 'not_modified', via: `${mirror.url}/api/v2/summary.json` });
    expect(main.requests).toHaveLength(6);
    expect(await poll(60_000)).toMatchObject({ kind: 'not_modified', errors: [] });
    expect(main.requests).toHaveLength(6);

    // Once the challenge is gone, the next probe switches back to the main host.
    main.setFailure(null);
    main.setState(stateAt(3));
    expect(await poll(600_000)).toMatchObject({ kind: 'snapshot', via: `${main.url}/api/v2/summary.json`, errors: [] });
    const mirrorCount = mirror.requests.length;
    expect(await poll()).toMatchObject({ kind: 'not_modified', via: `${main.url}/api/v2/summary.json` });
    expect(mirror.requests).toHaveLength(mirrorCount);
  });

  it('turns every failed attempt into one summary with the fix', async () => {
    const main = await page();
    const mirror = await page();
    const gone = await page();
    const closed = gone.url;
    await gone.close();
    pages.splice(pages.indexOf(gone), 1);
    main.setFailure('challenge');
    mirror.setFailure('challenge');
    const challenged = await poller(makeSource(main.url, [mirror.url]))();
    expect(challenged.kind === 'failed' && challenged.summary).toEqual({
      code: 'challenge_page',
      message: `status page blocked the bot (challenge_page: blocked by a challenge page on ${main.url}, 1 fallback failed too): check STATUSPAGE_FALLBACK_URLS`,
    });
    const unreachable = await poller(makeSource(closed))();
    expect(unreachable.kind === 'failed' && unreachable.summary.message).toBe(
      `status page unreachable (network: ECONNREFUSED on ${closed}): check the network, or set STATUSPAGE_FALLBACK_URLS`,
    );
    expect(unreachable.errors).toHaveLength(4);
  });
});

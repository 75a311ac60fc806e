import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeTimeline } from '../../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../../src/demo/statuspage-server.js';
import type { Clock } from '../../../src/shared/clock.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createHttpFetcher } from '../../../src/sources/http-fetch.js';
import type { PollOutcome, Source } from '../../../src/sources/source.js';
import { createStatuspageSource } from '../../../src/sources/statuspage-source.js';

const steps = claudeTimeline();
const stateAt = (i: number) => steps[i]!.state;
const START_MS = Date.parse('2026-10-07T17:30:00Z');
let nowMs = START_MS;
const clock: Clock = { now: () => new Date(nowMs) };
const JSON_PATHS = ['/api/v2/summary.json', '/api/v2/incidents.json', '/api/v2/scheduled-maintenances.json'];
const FEED_PATHS = ['/history.atom', '/history.rss'];
const INCIDENT = 'statuspage:978mjkgw6mh7';

let fake: FakeStatuspage;
const extra: FakeStatuspage[] = [];

beforeEach(async () => {
  nowMs = START_MS;
  fake = await createFakeStatuspage({ state: stateAt(2) });
});
afterEach(async () => {
  await Promise.all([fake, ...extra.splice(0)].map((f) => f.close()));
});

function makeSource(options: { baseUrl?: string; fallbackUrls?: string[]; timeoutMs?: number; maxBytes?: number } = {}): Source {
  const http = createHttpFetcher({ timeoutMs: options.timeoutMs ?? 3_000, maxBytes: options.maxBytes ?? 1_000_000, userAgent: 'claude-outage-bot-test' });
  return createStatuspageSource({
    baseUrl: options.baseUrl ?? fake.url,
    fallbackUrls: options.fallbackUrls ?? [],
    http,
    logger: createSilentLogger(),
    clock,
    retry: { baseMs: 5, maxMs: 10 },
  });
}

const poll = (source: Source, etags: Record<string, string> = {}): Promise<PollOutcome> => source.poll({ etags });
const codes = (outcome: PollOutcome): string[] => outcome.errors.map((e) => e.code);
function snapshotOf(outcome: PollOutcome) {
  if (outcome.kind !== 'snapshot') throw new Error(`expected a snapshot, got ${outcome.kind}: ${JSON.stringify(outcome.errors)}`);
  return outcome.snapshot;
}

describe('statuspage source: the JSON API', () => {
  it('makes a snapshot from summary.json + incidents.json + scheduled-maintenances.json', async () => {
    const outcome = await poll(makeSource());
    expect(outcome).toMatchObject({ kind: 'snapshot', via: `${fake.url}/api/v2/summary.json`, errors: [] });
    const snapshot = snapshotOf(outcome);
    expect(snapshot).toMatchObject({ sourceId: 'statuspage', fetchedAt: '2026-10-07T17:30:00.000Z' });
    expect(snapshot.page).toMatchObject({ name: 'Claude', indicator: 'minor' });
    expect(snapshot.components?.find((c) => c.id === '0qbwn08sd68x')?.status).toBe('degraded_performance');
    expect(snapshot.incidents.map((i) => [i.key, i.status, i.impact, i.updates.length])).toEqual([[INCIDENT, 'investigating', 'minor', 2]]);
    expect(snapshot.incidents[0]?.url).toBe('https://status.claude.com/incidents/978mjkgw6mh7');
    expect(Object.keys(outcome.state.etags).sort()).toEqual(JSON_PATHS.map((p) => fake.url + p).sort());
  });

  it('sends If-None-Match on the second poll, asks only for summary.json, and reports not_modified on 304', async () => {
    const source = makeSource();
    const first = await poll(source);
    const second = await poll(source, first.state.etags);
    expect(second).toMatchObject({ kind: 'not_modified', via: `${fake.url}/api/v2/summary.json`, errors: [] });
    const conditional = fake.requests.slice(3);
    expect(conditional).toEqual([{ path: '/api/v2/summary.json', ifNoneMatch: first.state.etags[`${fake.url}/api/v2/summary.json`] }]);
  });

  it('fetches unconditionally after a restart (ETags persisted, parses lost)', async () => {
    const first = await poll(makeSource());
    const afterRestart = await poll(makeSource(), first.state.etags);
    expect(afterRestart.kind).toBe('snapshot');
    expect(fake.requests.slice(3).map((r) => r.ifNoneMatch)).toEqual([null, null, null]);
  });

  it('reads incidents.json and scheduled-maintenances.json every 5 minutes even when summary.json is unchanged, reusing the cached summary', async () => {
    const source = makeSource();
    const first = await poll(source);
    // A resolved incident appears only in incidents.json; summary.json stays byte-identical.
    const state = structuredClone(stateAt(2));
    const old = structuredClone(stateAt(5).incidents[0]!);
    state.incidents.push({ ...old, id: 'oldresolved1', name: 'Older incident', created_at: '2026-10-01T00:00:00Z', updated_at: '2026-10-01T01:00:00Z' });
    fake.setState(state);
    nowMs += 299_000;
    expect((await poll(source, first.state.etags)).kind).toBe('not_modified');
    nowMs += 1_000;
    const snapshot = snapshotOf(await poll(source, first.state.etags));
    expect(fake.requests.slice(3).map((r) => [r.path, r.ifNoneMatch !== null])).toEqual([
      ['/api/v2/summary.json', true],
      ['/api/v2/summary.json', true],
      ['/api/v2/incidents.json', true],
      ['/api/v2/scheduled-maintenances.json', true],
    ]);
    expect(snapshot.components).toHaveLength(4);
    expect(snapshot.incidents.map((i) => [i.key, i.status])).toEqual([
      [INCIDENT, 'investigating'],
      ['statuspage:oldresolved1', 'resolved'],
    ]);
  });

  it('follows the real incident through the timeline to resolved', async () => {
    const source = makeSource();
    let etags: Record<string, string> = {};
    const seen: string[] = [];
    for (const step of steps) {
      fake.setState(step.state);
      const outcome = await poll(source, etags);
      etags = outcome.state.etags;
      seen.push(snapshotOf(outcome).incidents[0]?.status ?? 'none');
    }
    expect(seen).toEqual(['none', 'investigating', 'investigating', 'identified', 'monitoring', 'resolved']);
  });
});

describe('statuspage source: each failure mode', () => {
  it('reports an HTML challenge page (405) as challenge_page, "blocked by a challenge page"', async () => {
    fake.setFailure('challenge');
    const outcome = await poll(makeSource());
    expect(outcome.kind).toBe('failed');
    expect(new Set(codes(outcome))).toEqual(new Set(['challenge_page']));
    expect(outcome.errors[0]).toMatchObject({ statusCode: 405, url: `${fake.url}/api/v2/summary.json` });
    expect(outcome.errors[0]?.message).toContain('blocked by a challenge page');
  });

  it('reports 500 as http_status and retries the primary JSON once', async () => {
    fake.setFailure('500');
    const outcome = await poll(makeSource());
    expect(outcome.kind).toBe('failed');
    expect(outcome.errors.every((e) => e.code === 'http_status' && e.statusCode === 500)).toBe(true);
    expect(fake.requests.filter((r) => r.path === '/api/v2/summary.json')).toHaveLength(2);
    expect(fake.requests.filter((r) => r.path === '/history.atom')).toHaveLength(1);
  });

  it('reports 404 as http_status (even with an HTML error page), without a retry', async () => {
    fake.setFailure('404');
    const outcome = await poll(makeSource());
    expect(outcome.errors.map((e) => [e.code, e.statusCode])).toEqual(Array(3).fill(['http_status', 404]));
    expect(fake.requests.map((r) => r.path)).toEqual(['/api/v2/summary.json', ...FEED_PATHS]);
    expect(outcome.kind === 'failed' && outcome.summary.message).toContain('check STATUSPAGE_URL');
  });

  it('reports truncated JSON as unparsable and falls back to the feed', async () => {
    fake.setFailure('truncated', JSON_PATHS);
    const outcome = await poll(makeSource());
    expect(outcome).toMatchObject({ kind: 'snapshot', via: `${fake.url}/history.atom` });
    expect(codes(outcome)).toEqual(['unparsable']);
  });

  it('reports invalid XML as unparsable and tries RSS after Atom', async () => {
    fake.setFailure('500', JSON_PATHS);
    fake.setFailure('invalid_xml', '/history.atom');
    const outcome = await poll(makeSource());
    expect(outcome).toMatchObject({ kind: 'snapshot', via: `${fake.url}/history.rss` });
    expect(outcome.errors.at(-1)).toMatchObject({ code: 'unparsable', url: `${fake.url}/history.atom` });
    fake.setFailure('invalid_xml', '/history.rss');
    expect(codes(await poll(makeSource())).slice(-2)).toEqual(['unparsable', 'unparsable']);
  });

  it('stops reading a body over the cap (too_large)', async () => {
    fake.setFailure('oversize');
    const outcome = await poll(makeSource({ maxBytes: 256 * 1024 }));
    expect(outcome.kind).toBe('failed');
    expect(new Set(codes(outcome))).toEqual(new Set(['too_large']));
  });

  it('times out on a server that never answers', async () => {
    fake.setFailure('hang');
    const outcome = await poll(makeSource({ timeoutMs: 200 }));
    expect(outcome.kind).toBe('failed');
    expect(new Set(codes(outcome))).toEqual(new Set(['timeout']));
    expect(outcome.errors[0]?.message).toContain('200 ms');
  });

  it('reports an empty feed as empty', async () => {
    fake.setFailure('500', JSON_PATHS);
    fake.setFailure('empty_feed', FEED_PATHS);
    const outcome = await poll(makeSource());
    expect(outcome.kind).toBe('failed');
    expect(codes(outcome).slice(-2)).toEqual(['empty', 'empty']);
  });

  it('reports 429 as rate_limited with Retry-After, without a retry', async () => {
    fake.setFailure('rate_limit', JSON_PATHS);
    const outcome = await poll(makeSource());
    expect(outcome.kind).toBe('snapshot');
    expect(outcome.errors[0]).toMatchObject({ code: 'rate_limited', statusCode: 429, retryAfterMs: 120_000 });
    expect(fake.requests.filter((r) => r.path === '/api/v2/summary.json')).toHaveLength(1);
  });
});

describe('statuspage source: fallbacks and recovery', () => {
  it('uses the feed when the JSON API is down, with the same incident and update keys', async () => {
    const fromJson = snapshotOf(await poll(makeSource()));
    fake.setFailure('500', JSON_PATHS);
    const outcome = await poll(makeSource());
    expect(outcome).toMatchObject({ kind: 'snapshot', via: `${fake.url}/history.atom` });
    const fromFeed = snapshotOf(outcome);
    expect(fromFeed.page).toBeNull();
    expect(fromFeed.components).toBeNull();
    expect(fromFeed.incidents[0]).toMatchObject({ key: INCIDENT, status: 'investigating', impact: null });
    expect(fromFeed.incidents[0]?.updates.map((u) => u.key)).toEqual(fromJson.incidents[0]?.updates.map((u) => u.key));
  });

  it('uses a fallback base URL when the primary is down', async () => {
    const mirror = await createFakeStatuspage({ state: stateAt(3) });
    extra.push(mirror);
    fake.setFailure('challenge');
    const outcome = await poll(makeSource({ fallbackUrls: [`${mirror.url}/`] }));
    expect(outcome).toMatchObject({ kind: 'snapshot', via: `${mirror.url}/api/v2/summary.json` });
    expect(codes(outcome)).toEqual(['challenge_page', 'challenge_page', 'challenge_page']);
    expect(snapshotOf(outcome).incidents[0]?.status).toBe('identified');
  });

  it('fails with every error when everything is down, then recovers when the page does', async () => {
    const mirror = await createFakeStatuspage({ state: stateAt(3) });
    extra.push(mirror);
    fake.setFailure('500');
    mirror.setFailure('404');
    const source = makeSource({ fallbackUrls: [mirror.url] });
    const down = await poll(source);
    expect(down.kind).toBe('failed');
    // Primary: summary.json twice, Atom, RSS; mirror: summary.json, Atom, RSS.
    expect(down.errors.map((e) => e.statusCode)).toEqual([500, 500, 500, 500, 404, 404, 404]);
    fake.setFailure(null);
    const up = await poll(source, down.state.etags);
    expect(up).toMatchObject({ kind: 'snapshot', via: `${fake.url}/api/v2/summary.json`, errors: [] });
  });
});

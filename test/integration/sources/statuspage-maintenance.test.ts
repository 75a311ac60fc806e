import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeStatuspage, type FakeStatuspage } from '../../../src/demo/statuspage-server.js';
import type { Incident } from '../../../src/incidents/model.js';
import type { Clock } from '../../../src/shared/clock.js';
import { createHttpFetcher, type HttpFetcher } from '../../../src/sources/http-fetch.js';
import type { PollOutcome, PollState, Source } from '../../../src/sources/source.js';
import { createStatuspageSource } from '../../../src/sources/statuspage-source.js';
import { MAINTENANCE_ID, WINDOW, maintenanceSteps, withoutMaintenances } from '../../helpers/maintenance-page.js';
import { pageIncident, policyPageState } from '../../helpers/policy-page.js';

/** Maintenances, summary-only pages and incident.io pages, read by the real source from the fake page. */

const KEY = `statuspage:${MAINTENANCE_ID}`;
let nowMs = Date.parse('2026-12-01T09:30:00Z');
const clock: Clock = { now: () => new Date(nowMs) };
let fake: FakeStatuspage;
let logs: Array<{ level: number; msg: string; url?: string }>;

beforeEach(async () => {
  nowMs = Date.parse('2026-12-01T09:30:00Z');
  fake = await createFakeStatuspage({ state: maintenanceSteps()[0] });
  logs = [];
});
afterEach(() => fake.close());

function makeSource(options: { baseUrl?: string; http?: HttpFetcher } = {}): Source {
  const http = options.http ?? createHttpFetcher({ timeoutMs: 3_000, maxBytes: 1_000_000, userAgent: 'claude-outage-bot-test' });
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as (typeof logs)[number]) });
  return createStatuspageSource({ baseUrl: options.baseUrl ?? fake.url, http, logger, clock, retry: { baseMs: 5, maxMs: 10 } });
}

/** Polls like the bot: each poll starts from the state the previous one returned. */
function poller(source: Source): (atIso?: string) => Promise<PollOutcome> {
  let state: PollState = { etags: {} };
  return async (atIso) => {
    if (atIso) nowMs = Date.parse(atIso);
    const outcome = await source.poll(state);
    if (outcome.kind !== 'failed') state = outcome.state;
    return outcome;
  };
}

function find(outcome: PollOutcome, key = KEY): Incident | undefined {
  if (outcome.kind !== 'snapshot') throw new Error(`expected a snapshot, got ${outcome.kind}: ${JSON.stringify(outcome.errors)}`);
  return outcome.snapshot.incidents.find((i) => i.key === key);
}

describe('statuspage source: scheduled maintenances', () => {
  it('announces a maintenance with its window, then sees it start, update and complete', async () => {
    const steps = maintenanceSteps();
    const poll = poller(makeSource());
    expect(find(await poll())).toBeUndefined();
    fake.setState(steps[1]!);
    // Announced days ahead: listed with its window, impact maintenance (main dropped "scheduled" ones).
    expect(find(await poll())).toMatchObject({ status: 'scheduled', impact: 'maintenance', scheduledFor: '2026-12-03T10:00:00.000Z', scheduledUntil: '2026-12-03T12:00:00.000Z', resolvedAt: null });
    fake.setState(steps[2]!);
    expect(find(await poll('2026-12-03T10:01:00Z'))?.status).toBe('in_progress');
    fake.setState(steps[3]!);
    expect(find(await poll('2026-12-03T11:11:00Z'))?.status).toBe('verifying');
    fake.setState(steps[4]!);
    // Completed: gone from summary.json, not in incidents.json; only scheduled-maintenances.json says so.
    const completed = find(await poll('2026-12-03T11:26:00Z'));
    expect(completed).toMatchObject({ status: 'completed', resolvedAt: '2026-12-03T11:25:00.000Z' });
    expect(completed?.updates.map((u) => u.status)).toEqual(['scheduled', 'in_progress', 'verifying', 'completed']);
    expect(fake.requests.filter((r) => r.path === '/api/v2/scheduled-maintenances.json').length).toBeGreaterThanOrEqual(5);
  });

  it('closes a running maintenance the page stops listing once its window is over, at the window end', async () => {
    const poll = poller(makeSource());
    fake.setState(maintenanceSteps()[2]!);
    expect(find(await poll('2026-12-03T10:05:00Z'))?.status).toBe('in_progress');
    fake.setState(withoutMaintenances());
    const closed = find(await poll('2026-12-03T12:30:00Z'));
    expect(closed).toMatchObject({ status: 'completed', resolvedAt: new Date(WINDOW.until).toISOString() });
    expect(closed?.updates.at(-1)?.body).toContain('no longer lists this maintenance and its window ended');
    expect(logs.some((l) => l.msg.includes('no longer listed by the page; closed'))).toBe(true);
    // Told once: the next read does not close it again.
    fake.setState({ ...withoutMaintenances(), page: { ...withoutMaintenances().page, updated_at: '2026-12-03T12:31:00Z' } });
    const again = await poll('2026-12-03T12:40:00Z');
    expect(again.kind === 'snapshot' ? again.snapshot.incidents.map((i) => i.key) : []).not.toContain(KEY);
  });

  it('calls a maintenance removed before it started cancelled', async () => {
    const poll = poller(makeSource());
    fake.setState(maintenanceSteps()[1]!);
    expect(find(await poll())?.status).toBe('scheduled');
    fake.setState(withoutMaintenances());
    const cancelled = find(await poll('2026-12-02T08:00:00Z'));
    expect(cancelled).toMatchObject({ status: 'cancelled', resolvedAt: '2026-12-02T08:00:00.000Z' });
    expect(cancelled?.updates.at(-1)?.body).toContain('never started: treated as cancelled');
  });

  it('remembers what was open across a restart through the poll state', async () => {
    fake.setState(maintenanceSteps()[2]!);
    const first = await makeSource().poll({ etags: {} });
    expect(first.state.listedOpen?.map((i) => i.key)).toEqual([KEY]);
    fake.setState(withoutMaintenances());
    nowMs = Date.parse('2026-12-03T13:00:00Z');
    const afterRestart = await makeSource().poll({ etags: {}, listedOpen: first.state.listedOpen });
    expect(find(afterRestart)?.status).toBe('completed');
  });
});

describe('statuspage source: summary.json without the other documents', () => {
  const open = pageIncident('inc0summary1', 'Elevated errors on the API', 'major', [['investigating', '2026-12-01T09:00:00Z', 'We are investigating.']]);
  const resolvedOpen = pageIncident('inc0summary1', 'Elevated errors on the API', 'major', [
    ['investigating', '2026-12-01T09:00:00Z', 'We are investigating.'],
    ['resolved', '2026-12-01T10:00:00Z', 'This incident has been resolved.'],
  ]);

  it('uses summary.json and the feed when incidents.json answers a challenge page: the resolution in the page\'s words', async () => {
    fake.setState(policyPageState('partial_outage', [open]));
    fake.setFailure('challenge', ['/api/v2/incidents.json']);
    const poll = poller(makeSource());
    expect(find(await poll(), 'statuspage:inc0summary1')?.status).toBe('investigating');
    fake.setState(policyPageState('operational', [resolvedOpen]));
    const second = await poll('2026-12-01T10:01:00Z');
    expect(second).toMatchObject({ kind: 'snapshot', via: `${fake.url}/api/v2/summary.json`, errors: [] });
    expect(find(second, 'statuspage:inc0summary1')).toMatchObject({ status: 'resolved', resolvedAt: '2026-12-01T10:00:00.000Z' });
    expect(find(second, 'statuspage:inc0summary1')?.updates.at(-1)?.body).toBe('This incident has been resolved.');
  });

  it('uses summary.json alone when incidents.json and the feed are both hidden, warns once, and closes an incident that leaves it', async () => {
    fake.setState(policyPageState('partial_outage', [open]));
    fake.setFailure('challenge', ['/api/v2/incidents.json', '/api/v2/scheduled-maintenances.json', '/history.atom']);
    const poll = poller(makeSource());
    const first = await poll();
    expect(first).toMatchObject({ kind: 'snapshot', via: `${fake.url}/api/v2/summary.json`, errors: [] });
    expect(find(first, 'statuspage:inc0summary1')?.status).toBe('investigating');
    // Resolved: it drops out of summary.json, and incidents.json (which would say so) is still hidden.
    fake.setState(policyPageState('operational', [resolvedOpen]));
    const second = await poll('2026-12-01T10:01:00Z');
    expect(find(second, 'statuspage:inc0summary1')).toMatchObject({ status: 'resolved', resolvedAt: '2026-12-01T10:01:00.000Z' });
    const warnings = logs.filter((l) => l.level === 40 && l.msg.includes('does not serve this document'));
    expect(warnings.map((w) => w.url)).toEqual([`${fake.url}/api/v2/incidents.json`, `${fake.url}/api/v2/scheduled-maintenances.json`, `${fake.url}/history.atom`]);
  });

  it('reads the incidents from the feed when summary.json lists none and incidents.json is missing', async () => {
    fake.setState(policyPageState('operational', [open]));
    // An incident.io-style summary: the same v2 shape without an `incidents` key.
    const summary = JSON.parse(await (await fetch(`${fake.url}/api/v2/summary.json`)).text()) as Record<string, unknown>;
    delete summary.incidents;
    fake.setBody('/api/v2/summary.json', JSON.stringify(summary));
    fake.setFailure('404', ['/api/v2/incidents.json', '/api/v2/scheduled-maintenances.json']);
    const outcome = await poller(makeSource())();
    expect(outcome).toMatchObject({ kind: 'snapshot', via: `${fake.url}/api/v2/summary.json` });
    expect(outcome.kind === 'snapshot' && outcome.snapshot.components?.length).toBe(3);
    expect(find(outcome, 'statuspage:inc0summary1')?.status).toBe('investigating');
  });
});

describe('statuspage source: an incident.io page (status.openai.com)', () => {
  const feed = readFileSync(join(import.meta.dirname, '../../fixtures/openai-status-incidentio-history.head3.atom'), 'utf8');

  it('reads the real incident.io feed when the JSON API is not there, from baseUrl https://status.openai.com alone', async () => {
    fake.setBody('/history.atom', feed);
    fake.setFailure('404', ['/api/v2/summary.json']);
    // The page's own address, as a user would configure it; the requests go to the fake on 127.0.0.1.
    const real = createHttpFetcher({ timeoutMs: 3_000, maxBytes: 1_000_000, userAgent: 'claude-outage-bot-test' });
    const http: HttpFetcher = { get: (url, options) => real.get(url.replace('https://status.openai.com', fake.url), options) };
    const outcome = await poller(makeSource({ baseUrl: 'https://status.openai.com', http }))();
    expect(outcome).toMatchObject({ kind: 'snapshot', via: 'https://status.openai.com/history.atom' });
    const incidents = outcome.kind === 'snapshot' ? outcome.snapshot.incidents : [];
    expect(incidents.map((i) => [i.key, i.status, i.updates.length])).toEqual([
      ['statuspage:01M2EWYR55J47M2BPG9WC76VEG', 'resolved', 1],
      ['statuspage:01M2DV6788RRSDZ5K98S5HN0A8', 'resolved', 1],
      ['statuspage:01M27VK1VN54RQJGJEHB5JTQJJ', 'resolved', 1],
    ]);
    // Links with "//" are made whole; components come from the "Affected components" list.
    expect(incidents[1]).toMatchObject({ url: 'https://status.openai.com/incidents/01M2DV6788RRSDZ5K98S5HN0A8', components: [{ id: null, name: 'Conversations' }] });
    expect(incidents[2]?.updates[0]).toMatchObject({ body: 'All impacted services have now fully recovered.', at: '2026-09-11T11:21:43.949Z', affectedComponents: ['Chat Completions', 'Responses'] });
  });
});

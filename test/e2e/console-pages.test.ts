import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { claudeTimeline } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import type { StatuspageState } from '../../src/demo/statuspage-state.js';
import { startBot, type Bot } from '../../src/index.js';
import { createSilentLogger } from '../../src/shared/logger.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { maintenanceSteps, withoutMaintenances } from '../helpers/maintenance-page.js';
import { pageIncident, policyPageState } from '../helpers/policy-page.js';
import { waitUntil } from '../helpers/wait-until.js';

/**
 * The whole bot on the console (no chat tokens), in-process, against pages that are not a full
 * Statuspage: maintenances, a page with summary.json only, the RSS feed alone, and an incident.io
 * page (its real feed). Each prints its card and its closing line, once.
 */

const FEED = readFileSync(join(import.meta.dirname, '../fixtures/openai-status-incidentio-history.head3.atom'), 'utf8');
let page: FakeStatuspage;
let dir: string;
let bot: Bot | null;
let out: string;
let nowMs: number;

beforeEach(async () => {
  page = await createFakeStatuspage({ state: policyPageState('operational') });
  dir = mkdtempSync(join(tmpdir(), 'cob-console-pages-'));
  bot = null;
  out = '';
  nowMs = Date.parse('2026-12-01T09:30:00Z');
});
afterEach(async () => {
  await bot?.stop();
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<Bot> {
  const config = loadConfig({ ...localBotEnv(page.url, dir), POLL_INTERVAL_SECONDS: '3600' });
  bot = await startBot({ config, logger: createSilentLogger(), clock: { now: () => new Date(nowMs) }, write: (text) => void (out += text), backfillHistory: false, watchGithub: false });
  const started = bot;
  await waitUntil(() => started.store.pollState.get('statuspage').lastSuccessAt !== null, 'the first poll');
  return started;
}

/** Serves a state at a time, polls now, and waits until the outbox printed it. */
async function show(state: StatuspageState | null, atIso: string): Promise<void> {
  if (state) page.setState(state);
  nowMs = Date.parse(atIso);
  await bot!.poller.pollNow();
  await waitUntil(() => bot!.store.outbox.counts().pending === 0 && bot!.store.outbox.counts().in_flight === 0, `delivery at ${atIso}`);
}
const count = (needle: string): number => out.split(needle).length - 1;

describe('the console bot and maintenances', { timeout: 30_000 }, () => {
  it('prints the announcement with its window, each step, and "Completed after" once', async () => {
    const steps = maintenanceSteps();
    await start();
    await show(steps[1]!, '2026-12-01T09:31:00Z');
    await show(steps[2]!, '2026-12-03T10:01:00Z');
    await show(steps[3]!, '2026-12-03T11:11:00Z');
    await show(steps[4]!, '2026-12-03T11:26:00Z');
    await show(null, '2026-12-03T11:40:00Z');
    expect(count('┌─ [MAINTENANCE] Claude Code backend database upgrade')).toBe(1);
    expect(out).toContain('Window: Dec 3, 10:00 UTC – Dec 3, 12:00 UTC');
    expect(count('↳ ‹mnt0db0upgr1› In progress · Dec 3, 10:00 UTC')).toBe(1);
    expect(count('↳ ‹mnt0db0upgr1› Verifying · Dec 3, 11:10 UTC')).toBe(1);
    expect(count('✔ ‹mnt0db0upgr1› Completed after 1 h 25 min')).toBe(1);
  });

  it('prints both maintenances of the Statuspage API docs example, each with its window, from scheduled-maintenances.json', async () => {
    page.setBody('/api/v2/scheduled-maintenances.json', readFileSync(join(import.meta.dirname, '../fixtures/statuspage-scheduled-maintenances.metastatuspage-docs.json'), 'utf8'));
    nowMs = Date.parse('2014-05-14T20:40:00Z');
    await start();
    await show(null, '2014-05-14T20:41:00Z');
    expect(count('┌─ [MAINTENANCE] Web Tier Recycle')).toBe(1);
    expect(out).toContain('Window: May 14, 20:30 UTC – May 14, 22:30 UTC');
    expect(count('┌─ [MAINTENANCE] Network Maintenance (No Interruption Expected)')).toBe(1);
    expect(out).toContain('Window: May 18, 04:00 UTC – May 18, 05:30 UTC');
  });

  it('prints "Cancelled" for an announced maintenance the page removed before it started', async () => {
    await start();
    await show(maintenanceSteps()[1]!, '2026-12-01T09:31:00Z');
    await show(withoutMaintenances(), '2026-12-02T08:00:00Z');
    expect(count('✔ ‹mnt0db0upgr1› Cancelled')).toBe(1);
    expect(bot!.store.incidents.listOpen()).toEqual([]);
  });
});

describe('the console bot on pages that serve less', { timeout: 30_000 }, () => {
  const open = pageIncident('inc0summary1', 'Elevated errors on the API', 'major', [['investigating', '2026-12-01T09:35:00Z', 'We are investigating.']]);
  const resolved = pageIncident('inc0summary1', 'Elevated errors on the API', 'major', [
    ['investigating', '2026-12-01T09:35:00Z', 'We are investigating.'],
    ['resolved', '2026-12-01T10:20:00Z', 'This incident has been resolved.'],
  ]);

  it('summary.json alone (incidents.json and scheduled-maintenances.json 404): opens and closes the incident', async () => {
    page.setFailure('404', ['/api/v2/incidents.json', '/api/v2/scheduled-maintenances.json']);
    await start();
    await show(policyPageState('partial_outage', [open]), '2026-12-01T09:36:00Z');
    await show(policyPageState('operational', [resolved]), '2026-12-01T10:21:00Z');
    expect(count('┌─ [MAJOR] Elevated errors on the API')).toBe(1);
    expect(count('✔ ‹inc0summary1› Resolved after')).toBe(1);
  });

  it('the RSS feed alone (JSON challenged, Atom failing): the real Claude incident, opened and resolved', async () => {
    const steps = claudeTimeline();
    page.setState(steps[1]!.state);
    page.setFailure('challenge', ['/api/v2/summary.json']);
    page.setFailure('500', ['/history.atom']);
    nowMs = Date.parse('2026-10-07T13:26:00Z');
    await start();
    await show(steps[5]!.state, '2026-10-08T07:01:00Z');
    expect(count('┌─ [INCIDENT] Elevated errors on platform.claude.com'), out).toBe(1);
    expect(count('✔ ‹978mjkgw6mh7› Resolved after 17 h 35 min')).toBe(1);
  });

  it('an incident.io page: its summary.json (no incidents key) for components, its real feed for incidents', async () => {
    // The real entry, a minute before it was resolved (same markup, earlier status line), then the real feed.
    const before = FEED.replaceAll('<b>Status: Resolved</b><br/><br/>All impacted services have now fully recovered.]]>', '<b>Status: Investigating</b><br/><br/>We are investigating elevated error rates.]]>')
      .replace('<updated>2026-09-14T03:57:19.771Z</updated>', '<updated>2026-09-14T03:10:00.000Z</updated>');
    const summary = { page: { id: '01H537TKYPX5W42WRCKR1AGPFT', name: 'OpenAI', url: page.url }, status: { indicator: 'minor', description: 'Partially Degraded Service' }, components: [{ id: '01JMXBRMFE6N2NNT7DG6XZQ6PW', name: 'Codex', status: 'degraded_performance', position: 1 }], scheduled_maintenances: [] };
    page.setBody('/api/v2/summary.json', JSON.stringify(summary));
    page.setFailure('404', ['/api/v2/incidents.json', '/api/v2/scheduled-maintenances.json']);
    page.setBody('/history.atom', FEED.replace(/<entry>[\s\S]*?<\/entry>\s*/, ''));
    nowMs = Date.parse('2026-09-14T03:00:00Z');
    await start();
    page.setBody('/history.atom', before);
    await show(null, '2026-09-14T03:11:00Z');
    page.setBody('/api/v2/summary.json', JSON.stringify({ ...summary, status: { indicator: 'none', description: 'All Systems Operational' }, components: [{ ...summary.components[0], status: 'operational' }] }));
    page.setBody('/history.atom', FEED);
    await show(null, '2026-09-14T03:58:00Z');
    expect(count('┌─ [INCIDENT] Elevated error rates for Codex and ChatGPT Work'), out).toBe(1);
    expect(count('✔ ‹01M2EWYR55J47M2BPG9WC76VEG› Resolved after 47 min · Sep 14, 03:57 UTC: All impacted services have now fully recovered.')).toBe(1);
    expect(out).not.toContain('Elevated errors for ChatGPT users in Europe'); // old history stays silent
  });
});

describe('the console bot with a challenged main host and a working fallback', { timeout: 30_000 }, () => {
  it('asks the main host nothing while the fallback works, and probes it again after 10 minutes', async () => {
    const mirror = await createFakeStatuspage({ state: policyPageState('operational') });
    try {
      page.setFailure('challenge');
      const config = loadConfig({ ...localBotEnv(page.url, dir), POLL_INTERVAL_SECONDS: '3600', STATUSPAGE_FALLBACK_URLS: mirror.url });
      bot = await startBot({ config, logger: createSilentLogger(), clock: { now: () => new Date(nowMs) }, write: (text) => void (out += text), backfillHistory: false, watchGithub: false });
      const started = bot;
      await waitUntil(() => started.store.pollState.get('statuspage').lastSuccessAt !== null, 'the first poll');
      // The first poll learns the main host is challenged: its JSON, Atom and RSS once each.
      expect(page.requests.map((r) => r.path)).toEqual(['/api/v2/summary.json', '/history.atom', '/history.rss']);
      for (let minute = 1; minute <= 9; minute += 1) {
        nowMs += 60_000;
        await started.poller.pollNow();
      }
      expect(page.requests).toHaveLength(3);
      expect(mirror.requests.filter((r) => r.path === '/api/v2/summary.json').length).toBeGreaterThanOrEqual(10);
      nowMs += 60_000;
      await started.poller.pollNow();
      expect(page.requests).toHaveLength(6);
      nowMs += 60_000;
      await started.poller.pollNow();
      expect(page.requests).toHaveLength(6);
      expect(started.store.pollState.get('statuspage').consecutiveFailures).toBe(0);
    } finally {
      await mirror.close();
    }
  });
});

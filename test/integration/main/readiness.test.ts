import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../../src/config/load-config.js';
import { claudeTimeline } from '../../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../../src/demo/statuspage-server.js';
import type { ReadinessReport } from '../../../src/http/readiness.js';
import { startBot, type Bot } from '../../../src/index.js';
import { createSlackAdapterFactory } from '../../../src/platforms/slack/create-slack-adapter.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { createFakeSlack, type FakeSlack } from '../../fakes/fake-slack.js';
import { localBotEnv } from '../../helpers/local-bot-env.js';
import { waitUntil } from '../../helpers/wait-until.js';

/**
 * /readyz against the real bot: each failure that stops alerts turns it 503, naming
 * the check and its fix, within one poll interval (1 s here) of becoming true.
 */
let page: FakeStatuspage;
let dir: string;
let config: Config;
let bot: Bot | null = null;
let slack: FakeSlack | null = null;

const readyz = async (): Promise<{ status: number; report: ReadinessReport }> => {
  const res = await fetch(`http://127.0.0.1:${bot!.http!.port}/readyz`);
  return { status: res.status, report: (await res.json()) as ReadinessReport };
};
const failing = (report: ReadinessReport) => report.checks.filter((c) => !c.ok).map((c) => c.name);
const start = async (extra: Record<string, string> = {}, adapters = false) => {
  config = loadConfig({ ...localBotEnv(page.url, dir), ...extra });
  bot = await startBot({
    config,
    logger: createSilentLogger(),
    write: () => undefined,
    watchGithub: false,
    probeEveryMs: 0,
    adapters: adapters ? [createSlackAdapterFactory(config.slack)] : [],
  });
};

beforeEach(async () => {
  page = await createFakeStatuspage({ state: claudeTimeline()[2]!.state });
  dir = mkdtempSync(join(tmpdir(), 'cob-ready-'));
});
afterEach(async () => {
  await bot?.stop();
  bot = null;
  await slack?.close();
  slack = null;
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('/readyz', () => {
  it('is 200 with every check passing on a healthy bot, and /metrics says ready', async () => {
    await start();
    await waitUntil(async () => (await readyz()).status === 200, 'ready');
    const { report } = await readyz();
    expect(report.checks.map((c) => c.name)).toEqual(['database', 'statuspage', 'poll_stored', 'outbox']);
    const metrics = await (await fetch(`http://127.0.0.1:${bot!.http!.port}/metrics`)).text();
    expect(metrics).toMatch(/^claude_outage_bot_ready 1$/m);
    expect(metrics).toMatch(/^claude_outage_bot_ready_check\{check="statuspage"\} 1$/m);
    expect(metrics).toMatch(/^claude_outage_bot_last_success_age_seconds\{source="statuspage"\} \d/m);
    expect(metrics).toMatch(/^claude_outage_bot_outbox_oldest_pending_age_seconds 0$/m);
    expect(metrics).toMatch(/^# TYPE claude_outage_bot_command_duration_seconds histogram$/m);
    expect(metrics).toMatch(/^# TYPE claude_outage_bot_store_failures_total counter$/m);
    expect(metrics).toMatch(/^# TYPE claude_outage_bot_items_dropped_total counter$/m);
  });

  it('turns 503 naming the status page and its fix once the page has been unreachable for three polls', async () => {
    await start();
    await waitUntil(async () => (await readyz()).status === 200, 'ready');
    page.setFailure('500');
    // stale after 3 intervals; /readyz must say so within one more
    await waitUntil(async () => (await readyz()).status === 503, 'not ready', 6_000);
    const { report } = await readyz();
    expect(failing(report)).toEqual(['statuspage']);
    const check = report.checks.find((c) => c.name === 'statuspage')!;
    expect(check.detail).toMatch(/last good read .* ago/);
    expect(check.fix).toContain('STATUSPAGE_FALLBACK_URLS');
    // /healthz is liveness: the process still answers
    expect((await fetch(`http://127.0.0.1:${bot!.http!.port}/healthz`)).status).toBe(200);
  });

  it('turns 503 when the database stops taking writes (poll not stored, database not writable)', async () => {
    await start();
    await waitUntil(async () => (await readyz()).status === 200, 'ready');
    bot!.store.db.pragma('query_only = ON');
    page.setState(claudeTimeline()[3]!.state); // a change the poll must store
    await waitUntil(async () => failing((await readyz()).report).includes('poll_stored'), 'store failure seen', 4_000);
    const { status, report } = await readyz();
    expect(status).toBe(503);
    expect(failing(report)).toEqual(expect.arrayContaining(['database', 'poll_stored']));
    expect(report.checks.find((c) => c.name === 'poll_stored')!.fix).toContain('DATABASE_PATH');
    const metrics = await (await fetch(`http://127.0.0.1:${bot!.http!.port}/metrics`)).text();
    expect(metrics).toMatch(/^claude_outage_bot_store_failures_total\{source="statuspage"\} [1-9]/m);
    bot!.store.db.pragma('query_only = OFF');
    await waitUntil(async () => (await readyz()).status === 200, 'ready again', 6_000);
  });

  it('turns 503 on a full disk (a real SQLITE_FULL), counts it, and recovers when there is room', async () => {
    await start();
    await waitUntil(async () => (await readyz()).status === 200, 'ready');
    // The file may not grow by one page and its pages are filled: SQLite answers SQLITE_FULL, as on a full disk.
    const db = bot!.store.db;
    db.exec('CREATE TABLE disk_filler (x BLOB)');
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const fill = db.prepare('INSERT INTO disk_filler (x) VALUES (zeroblob(?))');
    for (const size of [4096, 512, 64, 1]) {
      try {
        for (;;) fill.run(size);
      } catch (error) {
        expect((error as { code?: string }).code).toBe('SQLITE_FULL');
      }
    }
    // A new incident with long updates: storing it needs pages the file cannot have.
    const state = claudeTimeline()[2]!.state;
    const template = state.incidents[0]!;
    const now = new Date().toISOString();
    const updates = Array.from({ length: 20 }, (_, i) => ({ ...template.incident_updates[0]!, id: `u${i}`, body: `Update ${i}: ${'x'.repeat(3000)}`, created_at: now, display_at: now }));
    page.setState({ ...state, incidents: [{ ...template, id: 'fulldisk01', name: 'Writes needing room', created_at: now, updated_at: now, incident_updates: updates }, ...state.incidents] });
    await waitUntil(async () => failing((await readyz()).report).includes('poll_stored'), 'poll_stored fails', 10_000);
    const { status, report } = await readyz();
    expect(status).toBe(503);
    expect(report.checks.find((c) => c.name === 'poll_stored')!.detail).toMatch(/database or disk is full/);
    const metrics = await (await fetch(`http://127.0.0.1:${bot!.http!.port}/metrics`)).text();
    expect(metrics).toMatch(/^claude_outage_bot_store_failures_total\{source="statuspage"\} [1-9]/m);
    db.pragma('max_page_count = 1073741823');
    await waitUntil(async () => (await readyz()).status === 200, 'ready again once the disk has room', 10_000);
    expect(bot!.store.incidents.get('statuspage:fulldisk01')?.updates).toHaveLength(20); // nothing it missed is lost
  });

  it('turns 503 naming Slack while its Socket Mode connection is down, and recovers', async () => {
    slack = await createFakeSlack({});
    await start({ SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.apiUrl }, true);
    await waitUntil(async () => (await readyz()).status === 200, 'ready');
    expect((await readyz()).report.checks.find((c) => c.name === 'slack')?.detail).toContain('connected');
    slack.socket.setOutage(true);
    await waitUntil(async () => failing((await readyz()).report).includes('slack'), 'slack down', 4_000);
    expect((await readyz()).status).toBe(503);
    slack.socket.setOutage(false);
    await waitUntil(async () => (await readyz()).status === 200, 'slack back', 15_000);
  });
});

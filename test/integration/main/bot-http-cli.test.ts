import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../../src/config/load-config.js';
import { claudeTimeline } from '../../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../../src/demo/statuspage-server.js';
import { startBot, type Bot } from '../../../src/index.js';
import { runFixOnce, runStatusOnce } from '../../../src/main/run-once.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { migrate } from '../../../src/store/migrate.js';
import { openDatabase } from '../../../src/store/open-database.js';

let page: FakeStatuspage;
let dir: string;
let config: Config;
let bot: Bot | null = null;
const printed: string[] = [];

const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

beforeEach(async () => {
  const steps = claudeTimeline();
  page = await createFakeStatuspage({ state: steps[2]!.state });
  dir = mkdtempSync(join(tmpdir(), 'cob-main-'));
  config = loadConfig({ GITHUB_API_URL: 'http://127.0.0.1:9', STATUSPAGE_URL: page.url, POLL_INTERVAL_SECONDS: '1', DATABASE_PATH: join(dir, 'bot.db'), HTTP_PORT: '0' });
  printed.length = 0;
});
afterEach(async () => {
  await bot?.stop();
  bot = null;
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the running bot', () => {
  it('serves health and Prometheus metrics', async () => {
    bot = await startBot({ config, logger: createSilentLogger(), write: (t) => void printed.push(t) });
    await until(() => printed.join('').includes('┌─'), 'the open incident card');
    const health = await fetch(`http://127.0.0.1:${bot.http!.port}/healthz`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as { ok: boolean; stale: boolean; lastSuccessAt: string | null };
    expect(body).toMatchObject({ ok: true, stale: false });
    expect(body.lastSuccessAt).not.toBeNull();
    const metrics = await (await fetch(`http://127.0.0.1:${bot.http!.port}/metrics`)).text();
    expect(metrics).toMatch(/claude_outage_bot_polls_total\{source="statuspage",outcome="snapshot"\} \d+/);
    expect(metrics).toMatch(/claude_outage_bot_events_total\{kind="opened"\} 1/);
    expect(metrics).toMatch(/claude_outage_bot_outbox_rows\{state="done"\} 1/);
    expect((await fetch(`http://127.0.0.1:${bot.http!.port}/nope`)).status).toBe(404);
  });

  it('answers the CLI status and fix verbs from the same database', async () => {
    const db = openDatabase(config.databasePath); // the bot's database, as `start` leaves it
    migrate(db);
    db.close();
    const { text: status, pageRead } = await runStatusOnce({ config, logger: createSilentLogger(), refresh: false });
    expect(pageRead).toBe(true);
    expect(status).toContain('Elevated errors on platform.claude.com');
    expect(status).toContain('Claude Console (platform.claude.com): Degraded performance');
    expect(status).toMatch(/Last checked just now/);
    const { text: fix } = await runFixOnce({ config, text: '529 overloaded' });
    expect(fix).toContain('API overloaded (529)');
    page.setFailure('500');
    const stale = await runStatusOnce({ config, logger: createSilentLogger(), refresh: true });
    expect(stale.text).toContain('Elevated errors on platform.claude.com'); // the last good state is kept
    expect(stale.pageRead).toBe(false);
    expect(stale.notes).toEqual([expect.stringMatching(new RegExp(`^Could not read the status page ${page.url} \\(HTTP 500`))]);
  });

  it('answers from a throw-away store, and creates no file, when the database does not exist yet', async () => {
    const status = await runStatusOnce({ config, logger: createSilentLogger(), refresh: false });
    expect(status.text).toContain('Elevated errors on platform.claude.com'); // the page was read for this answer
    expect(status.pageRead).toBe(true);
    expect(status.notes).toEqual([expect.stringContaining(`No bot database at ${config.databasePath} (DATABASE_PATH)`)]);
    const fix = await runFixOnce({ config, text: '529 overloaded' });
    expect(fix.notes).toEqual([expect.stringContaining('(DATABASE_PATH)')]);
    expect(readdirSync(dir)).toEqual([]);
  });
});

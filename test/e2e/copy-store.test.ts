import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { claudeTimeline, type TimelineStep } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { openPostgres } from '../../src/store/postgres/open-postgres.js';
import { botPort } from '../helpers/bot-port.js';
import { countInBotDb } from '../helpers/read-bot-db.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { runCli } from '../helpers/run-cli.js';
import { occurrences, spawnBot, type BotProcess } from '../helpers/spawn-bot.js';
import { createTempPostgresDatabase } from '../helpers/temp-store.js';

/**
 * Moving a running deployment from its SQLite file to Postgres in the middle of an incident:
 * the bot alerts on SQLite and stops; `copy-store` copies the file into an empty Postgres
 * database; the bot started on Postgres threads the incident's next update under the card
 * it already posted (no second card), and new rows get ids after the copied ones.
 */
const hasPostgres = inject('postgresUrl') !== '';
const CARD = '┌─ [MINOR] Elevated errors on platform.claude.com';
const REPLY = '↳ ‹978mjkgw6mh7›';

let page: FakeStatuspage;
let steps: TimelineStep[];
let dir: string;
let env: Record<string, string>;
let database: { url: string; drop: () => void };
let bot: BotProcess | null = null;

const pgCount = (sql: string): number => {
  const db = openPostgres(database.url);
  try {
    return Number(db.prepare(sql).pluck().get());
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  if (!hasPostgres) return;
  steps = claudeTimeline();
  page = await createFakeStatuspage({ state: steps[0]!.state });
  dir = mkdtempSync(join(tmpdir(), 'cob-copy-'));
  env = localBotEnv(page.url, dir);
  database = createTempPostgresDatabase();
});

afterAll(async () => {
  await bot?.kill('SIGKILL');
  await page?.close();
  database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(hasPostgres)('copy-store: from one SQLite bot to Postgres, mid-incident', { timeout: 90_000 }, () => {
  it('refuses without DATABASE_URL, and a SQLite file that does not exist (creating none)', async () => {
    const noUrl = await runCli(['copy-store'], { env });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('set DATABASE_URL');
    const missing = join(dir, 'nowhere.db');
    const noFile = await runCli(['copy-store', '--from', missing], { env: { ...env, DATABASE_URL: database.url } });
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toContain(`no SQLite database at ${missing}`);
    expect(existsSync(missing)).toBe(false);
  });

  it('copies the store of a bot that alerted, and the bot on Postgres threads the next update under the same card', async () => {
    bot = spawnBot(env);
    page.setState(steps[1]!.state);
    await bot.waitFor((out) => out.includes(CARD), 'the first card, on SQLite');
    await bot.kill('SIGTERM');
    bot = null;
    const sqliteRows = (table: string) => countInBotDb(env.DATABASE_PATH!, `SELECT COUNT(*) FROM ${table}`);
    const expected = { incidents: sqliteRows('incidents'), events: sqliteRows('events'), outbox: sqliteRows('outbox'), cards: sqliteRows('cards'), subscriptions: sqliteRows('subscriptions') };
    expect(expected.cards).toBe(1);

    // Setting DATABASE_URL alone would leave the subscribed channels behind: the bot says so at start.
    const empty = createTempPostgresDatabase();
    try {
      const forgetful = spawnBot({ ...env, DATABASE_URL: empty.url });
      await forgetful.waitFor((_, err) => err.includes('subscribed channels that Postgres does not'), 'the warning about the SQLite file left behind');
      expect(forgetful.stderr()).toContain('run \\"claude-outage-bot copy-store\\"');
      // /readyz and /metrics show it too, as advisory: the bot still alerts the channels Postgres has.
      const base = `http://127.0.0.1:${await botPort(forgetful)}`;
      const body = (await (await fetch(`${base}/readyz`)).json()) as { checks: Array<{ name: string; ok: boolean; advisory?: boolean; detail: string }> };
      expect(body.checks.find((c) => c.name === 'database:sqlite_left_behind')).toMatchObject({ ok: false, advisory: true, detail: expect.stringContaining('holds 1 subscribed channels') });
      expect(await (await fetch(`${base}/metrics`)).text()).toContain('claude_outage_bot_ready_check{check="database:sqlite_left_behind"} 0');
      await forgetful.kill('SIGTERM');
    } finally {
      empty.drop();
    }

    const copy = await runCli(['copy-store'], { env: { ...env, DATABASE_URL: database.url } });
    expect(copy.stderr).toBe('');
    expect(copy.code).toBe(0);
    expect(copy.stdout).toMatch(/Copied \d+ rows from .*bot\.db to postgres:\/\//);
    expect(copy.stdout).toMatch(/cards\s+1\n/);
    for (const [table, rows] of Object.entries(expected)) expect(pgCount(`SELECT COUNT(*) FROM ${table}`)).toBe(rows);
    const lastEvent = pgCount('SELECT MAX(id) FROM events');
    // Each identity sequence goes on after the copied ids (a new row must not collide with one).
    for (const table of ['events', 'outbox', 'subscriptions']) {
      expect(pgCount(`SELECT nextval(pg_get_serial_sequence('${table}', 'id'))`)).toBeGreaterThan(pgCount(`SELECT MAX(id) FROM ${table}`));
    }

    bot = spawnBot({ ...env, DATABASE_URL: database.url });
    page.setState(steps[2]!.state);
    await bot.waitFor((out) => occurrences(out, REPLY) === 1, 'the next update, under the card posted on SQLite');
    expect(bot.stdout()).not.toContain('┌─');
    expect(pgCount('SELECT COUNT(*) FROM cards')).toBe(1);
    expect(pgCount(`SELECT COUNT(*) FROM events WHERE id > ${lastEvent}`)).toBeGreaterThan(0);
    expect(bot.stderr()).not.toMatch(/duplicate key|"level":50/);
    await bot.kill('SIGTERM');
    bot = null;
  });

  it('refuses to copy into a database that holds data, and names what it found', async () => {
    const again = await runCli(['copy-store'], { env: { ...env, DATABASE_URL: database.url } });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/copy_target_not_empty: The Postgres database already holds data \(.*incidents: 1/);
    expect(pgCount('SELECT COUNT(*) FROM cards')).toBe(1);
  });
});

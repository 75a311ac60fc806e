import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeTimeline, type TimelineStep } from '../../src/demo/claude-timeline.js';
import { renderJson } from '../../src/demo/statuspage-render.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { parseIncidentsJson } from '../../src/sources/statuspage-json.js';
import { createCardsTable } from '../../src/store/cards-table.js';
import { createEventsTable } from '../../src/store/events-table.js';
import { createIncidentsTable } from '../../src/store/incidents-table.js';
import { defaultMigrationsDir, migrate } from '../../src/store/migrate.js';
import { openDatabase } from '../../src/store/open-database.js';
import { createPollStateTable } from '../../src/store/poll-state-table.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { occurrences, spawnBot, type BotProcess } from '../helpers/spawn-bot.js';
import { countInBotDb } from '../helpers/read-bot-db.js';

const REPLY = '↳ ‹978mjkgw6mh7›';
const AT = '2026-10-07T13:26:00.000Z';

let claude: FakeStatuspage;
let openai: FakeStatuspage;
let dir: string;
let steps: TimelineStep[];
let bot: BotProcess | null = null;

/**
 * A database as the bot before several pages left it: schema up to 0007 (maintenances), an open incident
 * it had alerted (its card posted on the console), the page's components and poll state.
 * Written with the table code that did not change (the outbox row by hand), and the incident as the parser mints it.
 */
function seedOldDatabase(path: string, pageUrl: string): void {
  const oldMigrations = join(dir, 'migrations-0007');
  mkdirSync(oldMigrations);
  for (const file of readdirSync(defaultMigrationsDir()).filter((f) => /^000[1-7]_/.test(f))) copyFileSync(join(defaultMigrationsDir(), file), join(oldMigrations, file));
  const db = openDatabase(path);
  expect(migrate(db, oldMigrations)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  const state = steps[1]!.state;
  const [seen] = parseIncidentsJson(renderJson('/api/v2/incidents.json', state, pageUrl)!, { url: pageUrl, baseUrl: pageUrl });
  expect(seen?.key).toBe('statuspage:978mjkgw6mh7');
  createIncidentsTable(db).save(seen!, AT);
  const eventId = createEventsTable(db).insert({ kind: 'opened', dedupKey: `open:${seen!.key}`, incidentKey: seen!.key, at: seen!.createdAt }, AT)!;
  const subscriptionId = Number(db.prepare("INSERT INTO subscriptions (platform, channel_id, created_at, updated_at) VALUES ('console', 'stdout', ?, ?)").run(AT, AT).lastInsertRowid);
  const ref = { channelId: 'stdout', messageId: '978mjkgw6mh7', threadId: null };
  // The delivery as it was stored then: done, with the card it posted (the outbox table code has changed since).
  db.prepare(`INSERT INTO outbox (event_id, subscription_id, incident_key, state, attempts, next_attempt_at, message_ref, created_at, updated_at)
      VALUES (?, ?, ?, 'done', 1, ?, ?, ?, ?)`).run(eventId, subscriptionId, seen!.key, AT, JSON.stringify(ref), AT, AT);
  createCardsTable(db).save(seen!.key, subscriptionId, ref, AT);
  const insertComponent = db.prepare('INSERT INTO component_states (id, name, status, is_group, position, updated_at) VALUES (?, ?, ?, 0, ?, ?)');
  for (const c of state.components) insertComponent.run(c.id, c.name, c.status, c.position, AT);
  createPollStateTable(db).recordSuccess('statuspage', { etags: {} }, AT);
  db.close();
}

const count = countInBotDb;

beforeEach(async () => {
  steps = claudeTimeline();
  [claude, openai] = await Promise.all([createFakeStatuspage({ state: steps[1]!.state }), createFakeStatuspage({ state: steps[0]!.state })]);
  dir = mkdtempSync(join(tmpdir(), 'cob-upgrade-'));
});
afterEach(async () => {
  await bot?.kill('SIGKILL');
  bot = null;
  await Promise.all([claude.close(), openai.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('upgrading a single-page database to several pages', { timeout: 60_000 }, () => {
  it('keeps the open incident\'s card: no second card, and its next update threads under the old one', async () => {
    const env = localBotEnv(claude.url, dir);
    seedOldDatabase(env.DATABASE_PATH!, claude.url);
    bot = spawnBot({ ...env, STATUS_PAGES: `claude,openai=${openai.url}` });
    await bot.waitFor((_, err) => err.includes('database migrated'), 'the upgrade');
    const summaries = () => claude.requests.filter((r) => r.path === '/api/v2/summary.json').length;
    await bot.waitFor(() => summaries() >= 2, 'two polls of the claude page');
    claude.setState(steps[2]!.state);
    await bot.waitFor((out) => occurrences(out, REPLY) === 1, 'the next update, under the old card');
    const polled = summaries();
    await bot.waitFor(() => summaries() >= polled + 2, 'two more polls');

    expect(bot.stdout()).not.toContain('┌─');
    expect(occurrences(bot.stdout(), REPLY)).toBe(1);
    expect(count(env.DATABASE_PATH!, 'SELECT COUNT(*) FROM cards')).toBe(1);
    expect(count(env.DATABASE_PATH!, "SELECT COUNT(*) FROM events WHERE kind = 'opened'")).toBe(1);
    expect(count(env.DATABASE_PATH!, "SELECT COUNT(*) FROM incidents WHERE key NOT LIKE 'statuspage:%'")).toBe(0);
    expect(count(env.DATABASE_PATH!, 'SELECT MAX(version) FROM schema_migrations')).toBeGreaterThanOrEqual(9);
    // the old components are the claude page's, and the second page's sit beside them
    expect(count(env.DATABASE_PATH!, "SELECT COUNT(*) FROM component_states WHERE source_id = 'statuspage' AND id NOT LIKE '%:%'")).toBe(4);
    expect(count(env.DATABASE_PATH!, "SELECT COUNT(*) FROM component_states WHERE source_id = 'statuspage:openai' AND id LIKE 'openai:%'")).toBe(4);
  });
});

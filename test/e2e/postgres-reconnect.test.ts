import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { openPostgres } from '../../src/store/postgres/open-postgres.js';
import { buildScenario, pageState } from '../chaos/chaos-scenario.js';
import { botPort } from '../helpers/bot-port.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { spawnBot, type BotProcess } from '../helpers/spawn-bot.js';
import { createTempPostgresDatabase } from '../helpers/temp-store.js';

/**
 * "If this fails at 3 a.m.": the database server drops every session of a running bot (a
 * Postgres restart or failover). The bot must say so, reconnect by itself, take its leader and
 * presence locks again, and alert the next incident; /readyz must end up ready again.
 */
const hasPostgres = inject('postgresUrl') !== '';
let bot: BotProcess | null = null;
let page: FakeStatuspage | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await bot?.kill('SIGTERM');
  await page?.close();
  for (const c of cleanups.splice(0)) c();
});

describe.runIf(hasPostgres)('a bot on Postgres when the server drops its sessions', () => {
  it('reconnects, leads again and alerts the next incident; /readyz is ready again', async () => {
    const database = createTempPostgresDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'cob-pg-e2e-'));
    cleanups.push(database.drop, () => rmSync(dir, { recursive: true, force: true }));
    const scenario = buildScenario({ seed: 7, incidents: 2, components: 0 });
    const progress = [0, 0];
    page = await createFakeStatuspage({ state: pageState(scenario, progress, []) });
    bot = spawnBot({ ...localBotEnv(page.url, dir), DATABASE_URL: database.url });
    await bot.waitFor((_, err) => err.includes('this replica leads'), 'the bot to lead', 60_000);
    const port = await botPort(bot);

    progress[0] = 1;
    page.setState(pageState(scenario, progress, []));
    await bot.waitFor((out) => out.includes(scenario.incidents[0]!.token), 'the first card');

    // Every session of the bot's database ends, as in a server restart.
    const admin = openPostgres(inject('postgresUrl'));
    const name = new URL(database.url).pathname.slice(1);
    const ended = admin.prepare('SELECT COUNT(*) AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?) t').pluck().get(name);
    admin.close();
    expect(ended).toBeGreaterThan(0);

    progress[1] = 1;
    page.setState(pageState(scenario, progress, []));
    await bot.waitFor((out) => out.includes(scenario.incidents[1]!.token), 'the card of the incident after the drop', 30_000);
    // It led again after the reconnect (its lock went with the old session).
    // It said it stopped leading when its session went, and led again on a new one.
    await bot.waitFor((_, err) => err.split('this replica leads').length - 1 >= 2, 'the bot to lead again');
    expect(bot.stderr()).toContain('this replica no longer leads');
    expect(bot.stderr()).not.toContain(new URL(database.url).password || '\u0000never');

    let ready = 0;
    for (let i = 0; i < 100 && ready !== 200; i++) {
      ready = (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(200);
  }, 90_000);
});

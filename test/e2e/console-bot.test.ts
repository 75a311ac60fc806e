import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeTimeline, type TimelineStep } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { occurrences, spawnBot, type BotProcess } from '../helpers/spawn-bot.js';
import { waitUntil } from '../helpers/wait-until.js';
import { countInBotDb } from '../helpers/read-bot-db.js';

const CARD = '┌─ [MINOR] Elevated errors on platform.claude.com';
const REPLY = '↳ ‹978mjkgw6mh7›';
const CLOSED = '✔ ‹978mjkgw6mh7› Resolved after';

let page: FakeStatuspage;
let dir: string;
let steps: TimelineStep[];
const bots: BotProcess[] = [];

const start = (extra: Record<string, string> = {}) => {
  const bot = spawnBot({ ...localBotEnv(page.url, dir), ...extra });
  bots.push(bot);
  return bot;
};
const show = (i: number) => page.setState(steps[i]!.state);

/** True when no delivery is pending or in flight (read through a second SQLite connection). */
const outboxSettled = (path: string): boolean => countInBotDb(path, "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'in_flight')") === 0;

beforeEach(async () => {
  steps = claudeTimeline();
  page = await createFakeStatuspage({ state: steps[0]!.state });
  dir = mkdtempSync(join(tmpdir(), 'cob-e2e-'));
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.kill('SIGKILL')));
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the bot on the console, with no chat tokens', { timeout: 60_000 }, () => {
  it('prints the card, each update under it in order, and the resolution; a restart repeats nothing and misses nothing', async () => {
    const first = start();
    await first.waitFor((_, err) => err.includes('first read of the status page stored'), 'first poll');
    show(1);
    await first.waitFor((out) => out.includes(CARD), 'the card');
    show(2);
    await first.waitFor((out) => occurrences(out, REPLY) === 1, 'first update');
    show(3);
    await first.waitFor((out) => out.includes('Identified · Oct 7, 17:28 UTC'), 'identified update');
    // Kill between steps of the incident, once the outbox has recorded what it printed.
    // (A kill inside one print-and-record step can repeat that line on stdout, which
    // cannot be looked up afterwards; Slack and Discord cover that case: see their crash tests.)
    await waitUntil(() => outboxSettled(join(dir, 'bot.db')), 'the outbox to record the identified update');
    await first.kill('SIGKILL');

    // While the bot is down the incident moves on; on restart that is told once, and old news never.
    show(4);
    const second = start();
    await second.waitFor((out) => out.includes('Monitoring · Oct 7, 21:44 UTC'), 'update made while down');
    show(5);
    await second.waitFor((out) => out.includes(CLOSED), 'resolution');
    await new Promise((r) => setTimeout(r, 1_500)); // a few more polls: nothing else may print

    const out = first.stdout() + second.stdout();
    expect(occurrences(out, CARD)).toBe(1);
    expect(occurrences(out, REPLY)).toBe(3);
    expect(occurrences(out, CLOSED)).toBe(1);
    const order = ['Investigating · Oct 7, 16:36 UTC', 'Identified · Oct 7, 17:28 UTC', 'Monitoring · Oct 7, 21:44 UTC', 'Resolved after 17 h 35 min'];
    const positions = order.map((needle) => out.indexOf(needle));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(second.stdout()).not.toContain(CARD);
  });

  it('says it is blocked by a challenge page, keeps its state, and recovers when the page does', async () => {
    const bot = start();
    await bot.waitFor((_, err) => err.includes('first read of the status page stored'), 'first poll');
    show(1);
    await bot.waitFor((out) => out.includes(CARD), 'the card');
    page.setFailure('challenge');
    show(2); // the change happens behind the challenge page
    await bot.waitFor((_, err) => err.includes('blocked by a challenge page'), 'challenge logged');
    // one warning per failed poll, with the fix in it (the back-off schedule is debug detail)
    await bot.waitFor((_, err) => /blocked by a challenge page[^\n]*STATUSPAGE_FALLBACK_URLS/.test(err), 'the fix in the same line');
    expect(occurrences(bot.stdout(), REPLY)).toBe(0);
    page.setFailure(null);
    await bot.waitFor((out) => occurrences(out, REPLY) === 1, 'the update after recovery', 30_000);
    expect(occurrences(bot.stdout(), CARD)).toBe(1);
  });

  it('refuses to start with a bad value, naming the variable and the fix', async () => {
    const bot = start({ POLL_INTERVAL_SECONDS: 'often' });
    const code = await new Promise<number | null>((resolve) => bot.child.once('exit', resolve));
    expect(code).toBe(2);
    expect(bot.stderr()).toContain('POLL_INTERVAL_SECONDS: must be a whole number');
    expect(bot.stderr()).toContain('Fix the variables above');
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeTimeline, type TimelineStep } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import type { StatuspageState } from '../../src/demo/statuspage-state.js';
import { botPort } from '../helpers/bot-port.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { occurrences, spawnBot, type BotProcess } from '../helpers/spawn-bot.js';
import { countInBotDb } from '../helpers/read-bot-db.js';

const SECRET = 'whsec-e2e-0123456789abcdef';
const CARD = '┌─ [MINOR] Elevated errors on platform.claude.com';
const REPLY = '↳ ‹978mjkgw6mh7›';

let page: FakeStatuspage;
let dir: string;
let steps: TimelineStep[];
let bot: BotProcess | null = null;

/** The webhook Statuspage sends for a state's incident: the same incident the API lists. */
const incidentWebhook = (state: StatuspageState): string =>
  JSON.stringify({
    meta: { unsubscribe: 'http://example.statuspage.io/?unsubscribe=x', documentation: 'http://doers.statuspage.io/customer-notifications/webhooks/' },
    page: { id: state.page.id, status_indicator: 'minor', status_description: 'Minor Service Outage' },
    incident: state.incidents[0],
  });

const post = (port: number, path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

/** Resolves once the bot has polled the page `n` more times (summary.json requests). */
async function polls(n: number): Promise<void> {
  const summaries = () => page.requests.filter((r) => r.path === '/api/v2/summary.json').length;
  const target = summaries() + n;
  while (summaries() < target) await new Promise((r) => setTimeout(r, 50));
}

const count = (sql: string): number => countInBotDb(join(dir, 'bot.db'), sql);

beforeEach(async () => {
  steps = claudeTimeline();
  page = await createFakeStatuspage({ state: steps[0]!.state });
  dir = mkdtempSync(join(tmpdir(), 'cob-webhook-'));
});
afterEach(async () => {
  await bot?.kill('SIGKILL');
  bot = null;
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Statuspage webhooks, pushed into the running bot', { timeout: 60_000 }, () => {
  it('a right secret posts the card; the next poll of the same update adds nothing; a webhook then poll of the next update is one reply', async () => {
    // The page does not show the incident yet: only the webhook can bring the card.
    bot = spawnBot({ ...localBotEnv(page.url, dir), STATUSPAGE_WEBHOOK_SECRET: SECRET });
    const port = await botPort(bot);
    await bot.waitFor((_, err) => err.includes('first read of the status page stored'), 'first poll');

    const answer = await post(port, `/webhooks/statuspage/claude?secret=${SECRET}`, incidentWebhook(steps[1]!.state));
    expect(answer.status).toBe(202);
    await bot.waitFor((out) => out.includes(CARD), 'the card from the webhook');
    await bot.waitFor((_, err) => err.includes('statuspage webhook stored'), 'the webhook logged');
    expect(bot.stderr()).not.toContain(SECRET);

    // The page catches up: its poll sees the same incident and update, and says nothing new.
    page.setState(steps[1]!.state);
    await polls(2);
    // The next update: webhook first (header secret this time), then the poll.
    expect((await post(port, '/webhooks/statuspage/claude', incidentWebhook(steps[2]!.state), { 'x-webhook-secret': SECRET })).status).toBe(202);
    await bot.waitFor((out) => occurrences(out, REPLY) === 1, 'the update from the webhook');
    page.setState(steps[2]!.state);
    await polls(2);

    expect(occurrences(bot.stdout(), CARD)).toBe(1);
    expect(occurrences(bot.stdout(), REPLY)).toBe(1);
    expect(count("SELECT COUNT(*) FROM events WHERE kind = 'opened'")).toBe(1);
    expect(count("SELECT COUNT(*) FROM events WHERE kind = 'updated'")).toBe(1);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('claude_outage_bot_webhook_events_total{page="claude",outcome="queued"} 2');
  });

  it('a wrong or missing secret is 401 and stores nothing; an unknown page 404; a non-webhook body 400', async () => {
    bot = spawnBot({ ...localBotEnv(page.url, dir), STATUSPAGE_WEBHOOK_SECRET: SECRET });
    const port = await botPort(bot);
    await bot.waitFor((_, err) => err.includes('first read of the status page stored'), 'first poll');
    const body = incidentWebhook(steps[1]!.state);
    expect((await post(port, '/webhooks/statuspage/claude?secret=wrong-wrong-wrong-wrong', body)).status).toBe(401);
    expect((await post(port, '/webhooks/statuspage/claude', body)).status).toBe(401);
    expect((await post(port, '/webhooks/statuspage/claude', body, { authorization: `Bearer ${SECRET}x` })).status).toBe(401);
    expect((await post(port, `/webhooks/statuspage/gitlab?secret=${SECRET}`, body)).status).toBe(404);
    expect((await post(port, `/webhooks/statuspage/claude?secret=${SECRET}`, '<html>challenge</html>')).status).toBe(400);
    expect((await post(port, `/webhooks/statuspage/claude?secret=${SECRET}`, '{"meta":{}}')).status).toBe(400);
    expect((await post(port, `/webhooks/statuspage/claude?secret=${SECRET}`, 'x'.repeat(300 * 1024))).status).toBe(413);
    await polls(1);
    expect(count('SELECT COUNT(*) FROM incidents')).toBe(0);
    expect(count('SELECT COUNT(*) FROM events')).toBe(0);
    expect(bot.stdout()).not.toContain('┌─');
    expect(bot.stderr()).toContain('statuspage webhook refused: wrong or missing secret');
    expect(bot.stderr()).not.toContain(SECRET);
    expect(bot.stderr()).not.toContain('wrong-wrong-wrong-wrong');
  });

  it('a component_update webhook (the real payload shape) tells the change once, and the poll agrees', async () => {
    bot = spawnBot({ ...localBotEnv(page.url, dir), STATUSPAGE_WEBHOOK_SECRET: SECRET });
    const port = await botPort(bot);
    await bot.waitFor((_, err) => err.includes('first read of the status page stored'), 'first poll');
    // The real payload, pointed at a component of this page.
    const real = JSON.parse(readFileSync(new URL('../fixtures/statuspage-webhook-component_status_update.zulip.json', import.meta.url), 'utf8')) as {
      component: { id: string; name: string; status: string };
      component_update: { new_status: string; component_id: string };
    };
    const target = steps[0]!.state.components[3]!;
    real.component = { ...real.component, id: target.id, name: target.name, status: 'major_outage' };
    real.component_update = { ...real.component_update, new_status: 'major_outage', component_id: target.id };
    expect((await post(port, `/webhooks/statuspage/claude?secret=${SECRET}`, JSON.stringify(real))).status).toBe(202);
    await bot.waitFor((out) => out.includes(`${target.name}: Major outage`), 'the component card');
    page.setState({ ...steps[0]!.state, components: steps[0]!.state.components.map((c) => (c.id === target.id ? { ...c, status: 'major_outage' } : c)) });
    await polls(2);
    expect(count("SELECT COUNT(*) FROM events WHERE kind = 'component_changed'")).toBe(1);
    expect(occurrences(bot.stdout(), `${target.name}: Major outage`)).toBeGreaterThanOrEqual(1);
    expect(occurrences(bot.stdout(), '┌─')).toBe(1);
  });
});

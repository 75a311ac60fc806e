import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeTimeline, type TimelineStep } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { botPort } from '../helpers/bot-port.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { runCli } from '../helpers/run-cli.js';
import { occurrences, spawnBot, type BotProcess } from '../helpers/spawn-bot.js';

// Several pages: every card names its page ("Claude", the page's own name).
const CARD = '┌─ [MINOR] Claude · Elevated errors on platform.claude.com';

let claude: FakeStatuspage;
let openai: FakeStatuspage;
let gateway: FakeStatuspage;
let dir: string;
let steps: TimelineStep[];
let bot: BotProcess | null = null;
let env: Record<string, string>;

beforeEach(async () => {
  steps = claudeTimeline();
  [claude, openai, gateway] = await Promise.all([createFakeStatuspage({ state: steps[0]!.state }), createFakeStatuspage(), createFakeStatuspage()]);
  // Dead the whole time: one answers with a challenge page, the other never answers.
  openai.setFailure('challenge');
  gateway.setFailure('hang');
  dir = mkdtempSync(join(tmpdir(), 'cob-pages-'));
  env = { ...localBotEnv(claude.url, dir), STATUS_PAGES: `claude,openai=${openai.url},gateway=${gateway.url}` };
});
afterEach(async () => {
  await bot?.kill('SIGKILL');
  bot = null;
  await Promise.all([claude.close(), openai.close(), gateway.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('two pages side by side, the others dead the whole time', { timeout: 60_000 }, () => {
  it('alerts the live page at once, names it on the card, and shows the dead ones in status and /readyz', async () => {
    bot = spawnBot(env);
    const port = await botPort(bot);
    await bot.waitFor((_, err) => err.includes('first read of the status page stored'), 'first read of the claude page');
    claude.setState(steps[1]!.state);
    await bot.waitFor((out) => out.includes(CARD), 'the claude card');
    // Nothing waited on the hanging page: its first poll has not even given up yet (10 s timeout per URL).
    expect(bot.stderr()).not.toMatch(/"page":"gateway"[^\n]*"level":40|"level":40[^\n]*"page":"gateway"/);
    await bot.waitFor((_, err) => /"page":"openai"[^\n]*blocked by a challenge page/.test(err), 'the challenged page logged with its page');
    // its fix names its own setting, not the claude page's
    expect(bot.stderr()).toMatch(/"page":"openai"[^\n]*blocked by a challenge page[^\n]*openai's fallbacks in STATUS_PAGES/);
    claude.setState(steps[2]!.state);
    await bot.waitFor((out) => occurrences(out, '↳ ‹978mjkgw6mh7›') === 1, 'the next claude update, threaded');
    expect(occurrences(bot.stdout(), CARD)).toBe(1);

    // `status` from another process: each page, the dead ones "unknown" with why.
    const status = await runCli(['status'], { env });
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Elevated errors on platform.claude.com');
    expect(status.stdout).toMatch(/\(openai\)[^\n]*\n[^\n]*Unknown: this page has not been read: blocked by a challenge page/);
    expect(status.stdout).toMatch(/\(gateway\)[^\n]*\n[^\n]*Unknown: this page has not been read: not read yet/);

    // /readyz: the primary page decides; the others are shown as advisory checks.
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    const report = (await ready.json()) as { ok: boolean; checks: Array<{ name: string; ok: boolean; advisory?: boolean; detail: string }> };
    expect(ready.status).toBe(200);
    expect(report.checks.find((c) => c.name === 'statuspage')).toMatchObject({ ok: true });
    expect(report.checks.find((c) => c.name === 'statuspage:openai')).toMatchObject({ ok: false, advisory: true, detail: expect.stringContaining('challenge_page') });
    expect(report.checks.find((c) => c.name === 'statuspage:gateway')).toMatchObject({ ok: false, advisory: true });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('claude_outage_bot_ready_check{check="statuspage:openai"} 0');
    expect(metrics).toContain('claude_outage_bot_ready 1');
  });

  it('a dead primary page fails /readyz, and the live secondary still alerts', async () => {
    // openai (challenged) listed first is the primary now; claude is secondary and live.
    env = { ...env, STATUS_PAGES: `openai=${openai.url},claude` };
    bot = spawnBot(env);
    const port = await botPort(bot);
    await bot.waitFor((_, err) => err.includes('first read of the status page stored'), 'first read of the claude page');
    claude.setState(steps[1]!.state);
    await bot.waitFor((out) => out.includes(CARD), 'the claude card');
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(503);
    const report = (await ready.json()) as { checks: Array<{ name: string; ok: boolean; advisory?: boolean; fix?: string }> };
    const primary = report.checks.find((c) => c.name === 'statuspage');
    expect(primary).toMatchObject({ ok: false });
    // Its fix names the setting that lists it, not STATUSPAGE_URL (which is the claude page's).
    expect(primary?.fix).toContain(`STATUS_PAGES (openai=${openai.url}|`);
    expect(primary?.fix).not.toContain('STATUSPAGE_URL');
    expect(report.checks.find((c) => c.name === 'statuspage:claude')).toMatchObject({ ok: true, advisory: true });
  });
});

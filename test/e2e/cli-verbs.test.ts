import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claudeTimeline } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { migrate } from '../../src/store/migrate.js';
import { openDatabase } from '../../src/store/open-database.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

let dir: string;
let page: FakeStatuspage;
/** A closed port on 127.0.0.1, for "the status page cannot be reached". */
const CLOSED = 'http://127.0.0.1:9';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cob-cli-'));
  page = await createFakeStatuspage({ state: claudeTimeline()[2]!.state });
});
afterEach(async () => {
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the command line says what it does not understand', () => {
  it('prints the version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await runCli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `claude-outage-bot ${version}\n` });
  });

  it.each([
    [['--versoin'], 'unknown option "--versoin". Did you mean --version?'],
    [['strat'], 'unknown command "strat". Did you mean "start"?'],
    [['status', '--refrsh'], 'claude-outage-bot status: unknown option "--refrsh". Did you mean --refresh?'],
    [['demo', '--fast'], 'claude-outage-bot demo: unknown option "--fast".'],
    [['fix', '-bash: claude: not found'], 'put -- before the text'],
  ])('%j exits 2 with a message on stderr and nothing on stdout', async (args, message) => {
    const run = await runCli(args, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['start', 'Usage: claude-outage-bot start'],
    ['fix', 'xclip -o -selection clipboard | claude-outage-bot fix'],
  ])('"%s --help" prints that verb\'s help and does nothing else', async (verb, line) => {
    const run = await runCli([verb, '--help'], { cwd: dir, env: { STATUSPAGE_URL: page.url } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(line);
    expect(run.stdout).toContain('-h, --help');
    expect(run.stderr).toBe(''); // start logs "started" on stderr; fix would print an answer
    expect(page.requests).toHaveLength(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('"help" lists every verb; "help status" is "status --help"', async () => {
    const help = await runCli(['help']);
    for (const verb of ['start', 'status', 'fix', 'demo', '--version']) expect(help.stdout).toContain(`claude-outage-bot ${verb}`);
    const one = await runCli(['help', 'status']);
    expect(one.stdout).toMatch(/^Usage: claude-outage-bot status \[--refresh\] \[--verbose\]\n/);
    expect(one.stdout).toContain('-r, --refresh');
  });
});

describe('status and fix from the command line', () => {
  it('status: an unreachable page exits 1, says why in one line naming every URL tried, and prints no JSON logs', async () => {
    const run = await runCli(['status'], { cwd: dir, env: { STATUSPAGE_URL: CLOSED, STATUSPAGE_FALLBACK_URLS: 'http://127.0.0.1:8' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Claude status\n/);
    expect(run.stdout).toContain('GitHub reports: unknown (GitHub search has not been read).');
    expect(run.stdout).not.toContain('GitHub reports (last');
    expect(run.stderr).not.toContain('{"level"');
    expect(run.stderr).toMatch(/^Could not read the status page http:\/\/127\.0\.0\.1:9 \(.+\); fallbacks tried: http:\/\/127\.0\.0\.1:8 \(.+\)\.$/m);
    // A read-only verb creates no ./data/… in the folder it runs from, and says where the database is expected.
    expect(readdirSync(dir)).toEqual([]);
    expect(run.stderr).toContain(`No bot database at ${join(dir, 'data', 'claude-outage-bot.db')} (DATABASE_PATH)`);
  });

  it('status --verbose shows the JSON logs on stderr', async () => {
    const run = await runCli(['status', '--verbose'], { cwd: dir, env: { STATUSPAGE_URL: CLOSED, LOG_LEVEL: 'warn' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('"level":40');
  });

  it('status --refresh reads the page into the bot database and exits 0', async () => {
    const path = join(dir, 'bot.db');
    const db = openDatabase(path);
    migrate(db);
    db.close();
    const run = await runCli(['status', '--refresh'], { cwd: dir, env: { STATUSPAGE_URL: page.url, DATABASE_PATH: path } });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('Elevated errors on platform.claude.com');
    expect(page.requests.length).toBeGreaterThan(0);
  });

  it('status --refresh reads every watched page; a dead secondary page is named, the exit code follows the primary', async () => {
    const path = join(dir, 'bot.db');
    const run = await runCli(['status', '--refresh'], { cwd: dir, env: { STATUSPAGE_URL: page.url, STATUS_PAGES: 'claude,gateway=http://127.0.0.1:1', DATABASE_PATH: path } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Elevated errors on platform.claude.com');
    expect(run.stdout + run.stderr).toMatch(/gateway: Could not read the status page http:\/\/127\.0\.0\.1:1 \(.*\); no fallback in its STATUS_PAGES entry\./);
  });

  it('fix reads the error from stdin; with no text at all it exits 2 and says how', async () => {
    const piped = await runCli(['fix'], { cwd: dir, input: 'API Error: 529 {"type":"error","error":{"type":"overloaded_error"}}\n' });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('API overloaded (529)');
    const empty = await runCli(['fix'], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('fix: give the error text');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('DATABASE_PATH errors name the variable', () => {
  it('a file where the folder should be', async () => {
    writeFileSync(join(dir, 'data'), 'x');
    const run = await runCli(['start'], { cwd: dir, env: { STATUSPAGE_URL: CLOSED, HTTP_PORT: '0', DATABASE_PATH: './data/bot.db' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/failed to start: DATABASE_PATH=\.\/data\/bot\.db: cannot create the folder .*\/data \(EEXIST/);
  });

  // root writes through any file mode, so the test runs the bot as "nobody" instead; that
  // needs the checkout readable by nobody (a clone inside a 0700 mktemp folder is not).
  const asRoot = process.getuid?.() === 0;
  const nobodyCanRunTheCli =
    !asRoot || spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(join(ROOT, 'node_modules/tsx/package.json'))})`], { uid: 65534, gid: 65534 }).status === 0;
  it.skipIf(!nobodyCanRunTheCli)('a read-only database at start', async () => {
    const path = join(dir, 'bot.db');
    const db = openDatabase(path);
    migrate(db);
    db.close();
    chmodSync(path, asRoot ? 0o644 : 0o400);
    if (asRoot) chmodSync(dir, 0o755);
    const run = await runCli(['start'], { cwd: dir, env: { STATUSPAGE_URL: CLOSED, HTTP_PORT: '0', DATABASE_PATH: path, HOME: dir }, ...(asRoot ? { uid: 65534 } : {}) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`failed to start: DATABASE_PATH=${path}: ${path} cannot be written by this user`);
    expect(run.stderr).toContain('attempt to write a readonly database');
  });
});

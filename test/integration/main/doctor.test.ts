import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { claudeTimeline } from '../../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../../src/demo/statuspage-server.js';
import { runDoctor } from '../../../src/main/run-doctor.js';
import { defaultMigrationsDir, migrate } from '../../../src/store/migrate.js';
import { openDatabase } from '../../../src/store/open-database.js';
import { createFakeDiscord, type FakeDiscord } from '../../fakes/fake-discord.js';
import { createFakeGithub, type FakeGithub } from '../../fakes/fake-github.js';
import { createFakeSlack, MANIFEST_SCOPES, type FakeSlack } from '../../fakes/fake-slack.js';

/** The newest migration shipped: the version doctor calls current. */
const LATEST = Math.max(...readdirSync(defaultMigrationsDir()).map((f) => Number(f.slice(0, 4)) || 0));

/** `doctor` against the local fakes: every check prints one line; failures print their fix and exit 1. */

const GITHUB_TOKEN = 'github_pat_fake0123456789abcdef';
let page: FakeStatuspage;
let fallback: FakeStatuspage;
let github: FakeGithub;
let slack: FakeSlack;
let discord: FakeDiscord;
let dir: string;
/** A port nobody listens on (fetch refuses well-known ports such as 9 outright). */
let closedPort: number;

beforeAll(async () => {
  const state = claudeTimeline()[0]!.state;
  [page, fallback, github, slack, discord] = await Promise.all([
    createFakeStatuspage({ state }),
    createFakeStatuspage({ state }),
    createFakeGithub({ token: GITHUB_TOKEN }),
    createFakeSlack(),
    createFakeDiscord(),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'cob-doctor-'));
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  await Promise.all([page?.close(), fallback?.close(), github?.close(), slack?.close(), discord?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  page.setFailure(null);
  fallback.setFailure(null);
  slack.setScopes(MANIFEST_SCOPES);
});

const goodEnv = (): Record<string, string> => ({
  STATUSPAGE_URL: page.url,
  STATUSPAGE_FALLBACK_URLS: fallback.url,
  GITHUB_API_URL: github.url,
  GITHUB_TOKEN,
  SLACK_API_URL: slack.apiUrl,
  SLACK_BOT_TOKEN: slack.botToken,
  SLACK_APP_TOKEN: slack.appToken,
  DISCORD_API_URL: discord.apiUrl,
  DISCORD_TOKEN: discord.token,
  DISCORD_APPLICATION_ID: discord.applicationId,
  DATABASE_PATH: join(dir, `${Math.random()}`, 'bot.db'),
});

const doctor = async (env: Record<string, string> = {}, knowledge?: { modelFile: string }) => {
  let out = '';
  const code = await runDoctor({ config: loadConfig({ ...goodEnv(), ...env }), write: (t) => void (out += t), timeoutMs: 2_000, knowledge });
  return { code, out };
};

describe('doctor', () => {
  it('prints a passing line for every check against healthy fakes and exits 0', async () => {
    const { code, out } = await doctor();
    // The name column is 13 characters after the mark.
    const names = out.split('\n').filter((l) => /^[✔⚠✖] /.test(l)).map((l) => l.slice(2, 15).trim());
    expect(names).toEqual(['config', 'database', 'knowledge', 'statuspage', 'fallback', 'github', 'slack', 'slack scopes', 'slack socket', 'discord', 'discord app']);
    expect(out).not.toMatch(/^[⚠✖]/m);
    expect(out).toMatch(/^✔ config +loaded: .*Slack in Socket Mode, Discord on/m);
    expect(out).toMatch(/^✔ database +.*bot\.db will be created at start/m);
    expect(out).toMatch(/^✔ knowledge +\d{2,} entries; classifier model with \d{1,3}(?:,\d{3})+ terms$/m);
    expect(out).toMatch(/^✔ statuspage +http:\/\/127\.0\.0\.1:\d+\/api\/v2\/summary\.json: JSON in \d+ ms, "[^"]+", \d+ components/m);
    expect(out).toMatch(/^✔ github +token accepted; search limit 30\/min, \d+ remaining/m);
    expect(out).toMatch(/^✔ slack +bot token accepted: team "Fake Team", bot user claude-outage-bot \(UBOT\)/m);
    expect(out).toMatch(new RegExp(`^✔ slack scopes +all ${MANIFEST_SCOPES.length} scopes`, "m"));
    expect(out).toMatch(/^✔ discord app +application \d+ matches DISCORD_APPLICATION_ID/m);
    expect(out).toMatch(/All 11 checks passed\.\n$/);
    expect(code).toBe(0);
  });

  it('never prints a secret', async () => {
    const { out } = await doctor({ SLACK_BOT_TOKEN: 'xoxb-wrong-but-secret-123', GITHUB_TOKEN: 'github_pat_wrong_secret_456' });
    for (const secret of [slack.appToken, discord.token, 'xoxb-wrong-but-secret-123', 'github_pat_wrong_secret_456']) expect(out).not.toContain(secret);
  });

  it('reads the schema version of an existing database', async () => {
    const path = join(dir, 'existing.db');
    migrate(openDatabase(path));
    const { code, out } = await doctor({ DATABASE_PATH: path });
    expect(out).toMatch(new RegExp(String.raw`^✔ database +.*existing\.db: schema version ${LATEST} \(current\), folder writable`, 'm'));
    expect(code).toBe(0);
  });

  it('checks the bot token but not the app token in HTTP mode', async () => {
    const { code, out } = await doctor({ SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: 'fake-signing-secret' });
    expect(out).toMatch(/^✔ slack http +HTTP mode: signing secret set/m);
    expect(out).not.toContain('slack socket');
    expect(out).not.toContain('fake-signing-secret');
    expect(code).toBe(0);
  });

  it('warns, and still exits 0, when only a fallback fails', async () => {
    fallback.setFailure('500');
    const { code, out } = await doctor();
    expect(out).toMatch(/^⚠ fallback +.*HTTP 500\n +fix: .*STATUSPAGE_FALLBACK_URLS/m);
    expect(out).toMatch(/All 11 checks passed, 1 warning\./);
    expect(code).toBe(0);
  });

  it('checks every watched page, each with the fix in its own setting', async () => {
    fallback.setFailure('challenge');
    const { code, out } = await doctor({ STATUS_PAGES: `claude,openai=${fallback.url}`, STATUSPAGE_FALLBACK_URLS: '' });
    expect(out).toMatch(/^✔ statuspage:claude +http:\/\/127\.0\.0\.1:\d+\/api\/v2\/summary\.json: JSON/m);
    expect(out).toMatch(/^✖ statuspage:openai +.*challenge page.*\n +fix: .*add a fallback host to its STATUS_PAGES entry \(openai=http:\/\/127\.0\.0\.1:\d+\|https:\/\/fallback\.example\.com\)/m);
    expect(out).not.toMatch(/statuspage:openai[^\n]*\n[^\n]*STATUSPAGE_FALLBACK_URLS/);
    expect(code).toBe(1);
  });

  it('counts KNOWLEDGE_DIR\'s entries beside the built-in ones', async () => {
    const extra = join(dir, 'knowledge-extra');
    mkdirSync(extra, { recursive: true });
    cpSync(new URL('../../../src/knowledge/entries/overloaded-529.md', import.meta.url), join(extra, 'overloaded-529.md'));
    const { code, out } = await doctor({ KNOWLEDGE_DIR: extra });
    expect(out).toMatch(/^✔ knowledge +\d{2,} entries \(1 from KNOWLEDGE_DIR\); classifier model/m);
    expect(code).toBe(0);
  });

  it.each<[string, string | null, RegExp]>([
    ['a model file that is not JSON', '{oops', /^⚠ knowledge +\d+ entries; \S+paste-model\.json: not JSON: \/claude-fix answers with the rules alone\n +fix: Reinstall this release, or in a checkout run `npm run train:fix`/m],
    ['a model file of another shape', JSON.stringify({ version: 2 }), /^⚠ knowledge +\d+ entries; \S+paste-model\.json: .+: \/claude-fix answers with the rules alone\n +fix: Reinstall/m],
    ['no model file', null, /^⚠ knowledge +\d+ entries; no classifier model at \S+paste-model\.json: \/claude-fix answers with the rules alone/m],
  ])('warns, and still exits 0, on %s (the rules answer alone)', async (_label, content, line) => {
    const folder = join(dir, `model-${Math.random()}`);
    mkdirSync(folder, { recursive: true });
    const modelFile = join(folder, 'paste-model.json');
    if (content !== null) writeFileSync(modelFile, content);
    const { code, out } = await doctor({}, { modelFile });
    expect(out).toMatch(line);
    expect(out).toMatch(/All 11 checks passed, 1 warning\./);
    expect(code).toBe(0);
  });

  const tooNew = () => {
    const path = join(dir, 'newer.db');
    const db = new Database(path);
    db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL); INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01');");
    db.close();
    return { DATABASE_PATH: path };
  };

  it.each<[string, () => Record<string, string> | void, RegExp]>([
    ['an unreachable status page', () => ({ STATUSPAGE_URL: `http://127.0.0.1:${closedPort}`, STATUSPAGE_FALLBACK_URLS: '' }), /^✖ statuspage +.*ECONNREFUSED.*\n +fix: Check the URL and the network/m],
    ['a challenge page with no working fallback', () => void (page.setFailure('challenge'), fallback.setFailure('challenge')), /^✖ statuspage +.*challenge page.*\n +fix: .*STATUSPAGE_FALLBACK_URLS/m],
    ['GitHub refusing GITHUB_TOKEN', () => ({ GITHUB_TOKEN: 'github_pat_wrong' }), /^✖ github +GitHub refused GITHUB_TOKEN \(401 Bad credentials\)\n +fix: Create a fine-grained token/m],
    ['Slack refusing SLACK_BOT_TOKEN', () => ({ SLACK_BOT_TOKEN: 'xoxb-wrong' }), /^✖ slack +Slack refused SLACK_BOT_TOKEN \(invalid_auth\)\n +fix: Copy the "Bot User OAuth Token"/m],
    ['a Slack install missing a scope', () => void slack.setScopes(MANIFEST_SCOPES.filter((s) => s !== 'users:read')), /^✖ slack scopes +missing users:read\n +fix: Add them under OAuth & Permissions/m],
    ['Slack refusing SLACK_APP_TOKEN', () => ({ SLACK_APP_TOKEN: 'xapp-wrong' }), /^✖ slack socket +Slack refused SLACK_APP_TOKEN \(invalid_auth\)\n +fix: .*connections:write/m],
    ['Discord refusing DISCORD_TOKEN', () => ({ DISCORD_TOKEN: 'wrong.discord.token' }), /^✖ discord +Discord refused DISCORD_TOKEN \(401 Unauthorized\)\n +fix: Reset the token/m],
    ['a token of another Discord application', () => ({ DISCORD_APPLICATION_ID: '1399999999999999999' }), /^✖ discord app +the token belongs to application \d+, DISCORD_APPLICATION_ID is 1399999999999999999\n +fix: Set DISCORD_APPLICATION_ID=\d+/m],
    ['a broken entry in KNOWLEDGE_DIR', () => {
      const extra = join(dir, `knowledge-broken-${Math.random()}`);
      mkdirSync(extra, { recursive: true });
      writeFileSync(join(extra, 'mine.md'), '---\nid: mine\n---\nNo title, no match.\n');
      return { KNOWLEDGE_DIR: extra };
    }, /^✖ knowledge +Invalid knowledge entry \S+mine\.md: field "title": .*\n +fix: Mend that entry, or unset KNOWLEDGE_DIR/m],
    ['a database from a newer release', tooNew, new RegExp(String.raw`^✖ database +.*newer\.db: schema version 99, newer than this release \(${LATEST}\)\n +fix: Run the newer release`, 'm')],
  ])('prints the failing line and its fix for %s, and exits 1', async (_label, arrange, line) => {
    const env = arrange() ?? {};
    const { code, out } = await doctor(env);
    expect(out).toMatch(line);
    expect(out).toMatch(/\d+ of \d+ checks failed/);
    expect(code).toBe(1);
  });
});

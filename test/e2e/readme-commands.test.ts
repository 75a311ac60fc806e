import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { claudeTimeline } from '../../src/demo/claude-timeline.js';
import { createFakeStatuspage, type FakeStatuspage } from '../../src/demo/statuspage-server.js';
import { runDemo } from '../../src/main/run-demo.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

/**
 * Every line of every ```sh block in the README, and what proves it works. A new
 * README command fails this test until it is given a row here.
 */
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const lines = [...README.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((block) => block[1]!.split('\n'))
  .map((line) => line.replace(/\s+#\s.*$/, '').trim())
  .filter((line) => line !== '');

const CLI = /^(?:(pbpaste|xclip -o -selection clipboard|wl-paste) \| )?npx tsx src\/cli\.ts (.*)$/;
const NPM = /^npm (install|test|start|run (\w+))(?: && npm (start))?$/;
/** Where the lines that cannot run here are exercised. */
const ELSEWHERE: Record<string, string> = {
  'docker compose up -d': 'test/integration/ops/docker-files.test.ts (compose file); `docker-compose config` by hand (no Docker engine here)',
  'docker compose --profile monitoring up -d': 'ops/prometheus/alerts.test.yml (promtool), test/integration/ops/docker-files.test.ts',
  'docker build -t claude-outage-bot .': 'test/integration/ops/docker-files.test.ts; .ci/run builds dist/ the way the image does',
  'docker run -d --name claude-outage-bot --env-file .env -v claude-outage-bot-data:/data -p 8080:8080 claude-outage-bot':
    'test/integration/ops/docker-files.test.ts (entrypoint, health check)',
  'apt-get install libpq-dev': '.ci/run installs it (with postgresql) before npm ci',
  'npm ci': '.ci/run',
  'DATABASE_URL=postgres://bot:secret@db.internal:5432/claude_outage_bot npm start':
    'test/chaos/replicas.test.ts starts two bots (src/cli.ts start) with DATABASE_URL on one database',
  'DATABASE_URL=postgres://bot:secret@db.internal:5432/claude_outage_bot node dist/src/cli.js copy-store --from /data/bot.db':
    'test/e2e/copy-store.test.ts runs copy-store (src/cli.ts) from a bot\'s SQLite file into a new Postgres database',
  'node dist/src/cli.js doctor': 'test/integration/store/postgres-engine.test.ts (the Postgres database check); .ci/run runs dist/src/cli.js',
};
/** npm scripts: what runs each one (test/ci = .ci/run, e2e = the tests spawn the same CLI). */
const NPM_RUN_BY: Record<string, string> = {
  install: '.ci/run (npm ci)',
  test: '.ci/run',
  start: 'test/e2e/*.test.ts spawn src/cli.ts start',
  lint: 'npm test',
  build: '.ci/run (npm run build, then node dist/src/cli.js --version)',
  dev: 'tsx watch of the same entry point as start',
  bench: 'by hand; figures in bench/RESULTS.md',
  chaos: 'npm test runs its seeded short version (test/chaos/chaos.test.ts); the long run by hand',
  picture: 'by hand (needs chromium); its output is docs/alert-card-*.png',
};

/** Splits a README argument list the way sh would for the quoting it uses ("…" with \"). */
function shellWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) words.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!);
  return words;
}

let page: FakeStatuspage;
let dir: string;
beforeAll(async () => {
  page = await createFakeStatuspage({ state: claudeTimeline()[2]!.state });
  dir = mkdtempSync(join(tmpdir(), 'cob-readme-'));
});
afterAll(async () => {
  await page.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the README commands', () => {
  it('every line is a CLI call, an npm script, a variable or a listed docker command', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const unknown = lines.filter((line) => {
      if (CLI.test(line) || line in ELSEWHERE) return false;
      const npm = NPM.exec(line);
      if (npm) {
        const names = [npm[2] ?? npm[1]!, ...(npm[3] ? [npm[3]] : [])];
        for (const name of names) {
          expect(NPM_RUN_BY[name], `README runs npm ${name}: say what exercises it`).toBeDefined();
          if (name !== 'install') expect(scripts[name], `package.json has no "${name}" script`).toBeDefined();
        }
        return false;
      }
      const variable = /^([A-Z_]+)=/.exec(line)?.[1];
      if (variable) return !(variable in configSchema.shape);
      return true;
    });
    expect(unknown).toEqual([]);
    expect(existsSync(join(ROOT, 'scripts/render-alert-pictures.ts'))).toBe(true);
  });

  const cliLines = lines.filter((line) => CLI.test(line) && !line.endsWith(' demo'));
  it.each(cliLines)('%s', async (line) => {
    const [, paste, args] = CLI.exec(line)!;
    const input = paste ? 'API Error: 529 {"type":"error","error":{"type":"overloaded_error"}}' : undefined;
    const run = await runCli(shellWords(args!), { cwd: dir, input, env: { STATUSPAGE_URL: page.url, DATABASE_PATH: join(dir, 'bot.db') } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Claude status|API overloaded \(529\)|Usage: claude-outage-bot|Claude incidents, last \d+ days/);
  });

  it('npx tsx src/cli.ts demo: the card opens, updates and resolves (steps shortened)', async () => {
    expect(lines).toContain('npx tsx src/cli.ts demo');
    let out = '';
    expect(await runDemo({ write: (t) => void (out += t), stepMs: 1_200 })).toBe(0);
    expect(out).toContain('┌─ [MINOR] Elevated errors on platform.claude.com');
    expect(out).toContain('Resolved after');
  });
});

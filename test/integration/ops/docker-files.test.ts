import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../../helpers/run-cli.js';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const HEALTHCHECK = join(ROOT, 'ops/docker/healthcheck.mjs');
let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A stand-in bot: answers each path with the status given. */
async function serve(statuses: Record<string, number>): Promise<number> {
  server = createServer((req, res) => void res.writeHead(statuses[req.url ?? ''] ?? 404).end(`{"path":"${req.url}"}`));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function run(file: string, args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { env: { PATH: process.env.PATH ?? '', ...env } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}
const check = (port: string) => run(process.execPath, [HEALTHCHECK], { HTTP_PORT: port });

describe('the Docker health check (ops/docker/healthcheck.mjs)', () => {
  it('is healthy only when /readyz answers 200, and prints the body docker inspect keeps', async () => {
    expect(await check(String(await serve({ '/readyz': 200 })))).toEqual({ code: 0, out: '200 {"path":"/readyz"}\n' });
  });

  it('is unhealthy on a 503 readiness answer even though the process is alive', async () => {
    const result = await check(String(await serve({ '/readyz': 503, '/healthz': 200 })));
    expect(result).toEqual({ code: 1, out: '503 {"path":"/readyz"}\n' });
  });

  it('falls back to /healthz for a bot without /readyz', async () => {
    expect(await check(String(await serve({ '/healthz': 200 })))).toMatchObject({ code: 0, out: '200 {"path":"/healthz"}\n' });
  });

  it('says why when nothing listens, and refuses HTTP_PORT=0', async () => {
    const port = await serve({});
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = null;
    expect(await check(String(port))).toMatchObject({ code: 1, out: expect.stringContaining(`no answer on http://127.0.0.1:${port}`) });
    expect(await check('0')).toMatchObject({ code: 1, out: expect.stringContaining('HTTP_PORT=0 picks a random port') });
  });

  it('the entrypoint refuses HTTP_PORT=0 with the fix', async () => {
    const result = await run(join(ROOT, 'ops/docker/entrypoint.sh'), ['start'], { HTTP_PORT: '0' });
    expect(result).toEqual({ code: 2, out: expect.stringContaining('HTTP_PORT=0 is refused in the Docker image') });
  });
});

describe('Dockerfile and docker-compose.yml', () => {
  const dockerfile = read('Dockerfile');
  const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));

  it('runs node under tini as the node user, with the health check script copied into the final image', () => {
    expect(runtime).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--", "\/app\/ops\/docker\/entrypoint\.sh"\]$/m);
    expect(runtime).toMatch(/^COPY ops\/docker\/healthcheck\.mjs ops\/docker\/entrypoint\.sh \.\/ops\/docker\/$/m);
    expect(runtime).toMatch(/^\s+CMD \["node", "\/app\/ops\/docker\/healthcheck\.mjs"\]$/m);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/chown node:node \/data/);
    expect(runtime).not.toMatch(/\bcurl\b|\bnpm (start|run)\b/);
    expect(read('ops/docker/entrypoint.sh')).toMatch(/^exec node (--[a-z-]+=\d+ )?\/app\/dist\/src\/cli\.js "\$@"$/m);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(read('.dockerignore').split('\n')).not.toContain('ops');
  });

  it('compose runs the image with a named /data volume, .env, the same health check and a restart policy', () => {
    const compose = parse(read('docker-compose.yml')) as {
      services: { bot: { env_file: string; volumes: string[]; healthcheck: { test: string[] }; restart: string } };
      volumes: Record<string, unknown>;
    };
    const { bot } = compose.services;
    expect(bot.env_file).toBe('.env');
    expect(bot.volumes).toEqual(['bot-data:/data']);
    expect(Object.keys(compose.volumes)).toEqual(['bot-data']);
    expect(bot.healthcheck.test).toEqual(['CMD', 'node', '/app/ops/docker/healthcheck.mjs']);
    expect(bot.restart).toBe('unless-stopped');
  });
});

describe('ops/prometheus/alerts.yml', () => {
  const KNOWN = [
    'up',
    'claude_outage_bot_last_success_age_seconds',
    'claude_outage_bot_outbox_oldest_pending_age_seconds',
    'claude_outage_bot_ready',
    'claude_outage_bot_store_failures_total',
    'claude_outage_bot_polls_total',
    'claude_outage_bot_fix_model_errors_total',
  ];
  const rules = (parse(read('ops/prometheus/alerts.yml')) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules);

  it('alerts on a stale bot and a stuck outbox, using only metrics the bot exports', () => {
    expect(rules.map((r) => r.alert)).toEqual(expect.arrayContaining(['ClaudeOutageBotStale', 'ClaudeOutageBotOutboxStuck']));
    const used = new Set(rules.flatMap((r) => r.expr.match(/\b(?:claude_outage_bot_\w+|up)\b(?=[{[\s)]|$)/g) ?? []));
    expect([...used].sort()).toEqual([...KNOWN].sort());
  });
});

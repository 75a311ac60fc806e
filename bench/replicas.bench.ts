import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createFakeStatuspage } from '../src/demo/statuspage-server.js';
import { applyPoll } from '../src/store/apply-poll.js';
import { createStore } from '../src/store/create-store.js';
import { migrate } from '../src/store/migrate.js';
import type { Db } from '../src/store/open-database.js';
import { openPostgres } from '../src/store/postgres/open-postgres.js';
import { incident, snapshot } from '../test/helpers/incident-builders.js';
import { createDatabaseOn, findPostgresBinaries, startThrowawayCluster } from '../test/helpers/postgres-cluster.js';
import { spawnBot } from '../test/helpers/spawn-bot.js';
import { readdirSync, readFileSync } from 'node:fs';
import { cpuMs, spawnChild, type BenchChild } from './child-process.js';
import { createLeanSlack } from './fakes/lean-slack.js';

/**
 * Issue 15: one event fanned out to 10,000 Slack channels by 1 and by 2 delivering replicas on
 * one Postgres database (each a process: the real outbox worker and Slack platform), against the
 * unthrottled lean fake; then leader failover: two bots (the CLI) on one database, the leader
 * SIGKILLed, timed until the other leads and until its first poll reaches the page.
 * `node --import tsx bench/replicas.bench.ts` (needs PostgreSQL's binaries, as the tests do).
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHANNELS = 10_000;

/** CPU ms of every Postgres server process (the cluster's backends do half of each query's work). */
function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(Number(pid));
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

const createDatabase = (adminUrl: string, name: string): string => createDatabaseOn(adminUrl, name).url;

async function fanOut(adminUrl: string, replicas: number): Promise<{ ms: number; cpu: string }> {
  const url = createDatabase(adminUrl, `bench_fan_${replicas}`);
  const db = openPostgres(url) as unknown as Db;
  migrate(db);
  const store = createStore(db);
  const at = new Date().toISOString();
  store.transaction(() => {
    for (let c = 0; c < CHANNELS; c++) store.subscriptions.ensure('slack', `C${String(c).padStart(6, '0')}`, at);
  });
  applyPoll(store, snapshot([]), { etags: {} }, new Date());
  const slack = await createLeanSlack({});
  const children: BenchChild[] = Array.from({ length: replicas }, (_, i) =>
    spawnChild(process.execPath, ['--import', 'tsx', 'bench/replica-worker.ts'], { DATABASE_URL: url, SLACK_API_URL: slack.apiUrl, REPLICA_ID: `bench-${i}` }, ROOT),
  );
  await Promise.all(children.map((c) => c.waitFor((out) => out.includes('ready'), 'the replica to connect')));
  const cpuBefore = { replicas: children.map((c) => cpuMs(c.child.pid!)), postgres: postgresCpuMs(), self: process.cpuUsage() };
  const started = performance.now();
  applyPoll(store, snapshot([incident('fan', [['investigating', new Date(Date.now() - 60_000).toISOString()]])]), { etags: {} }, new Date());
  while (slack.roots.size < CHANNELS) await new Promise((r) => setTimeout(r, 5));
  const ms = performance.now() - started;
  const self = process.cpuUsage(cpuBefore.self);
  const replicaCpu = children.map((c, i) => cpuMs(c.child.pid!) - cpuBefore.replicas[i]!);
  const pgCpu = postgresCpuMs() - cpuBefore.postgres;
  const cores = (cpu: number) => (cpu / ms).toFixed(2);
  const cpu = `CPU in cores while it ran: replicas ${replicaCpu.map(cores).join(' + ')}, Postgres ${cores(pgCpu)}, this process (fake Slack, enqueue) ${cores((self.user + self.system) / 1000)}`;
  await Promise.all(children.map((c) => c.stop()));
  db.close();
  await slack.close();
  return { ms, cpu };
}

async function failover(adminUrl: string, rounds: number): Promise<number[][]> {
  const url = createDatabase(adminUrl, 'bench_failover');
  const page = await createFakeStatuspage({});
  const env = { STATUSPAGE_URL: page.url, POLL_INTERVAL_SECONDS: '1', HTTP_PORT: '0', DATABASE_URL: url, LOG_LEVEL: 'info', DATABASE_PATH: '/nonexistent/unused.db' };
  const LEADS = 'this replica leads';
  const bots = [spawnBot(env), spawnBot(env)];
  const results: number[][] = [];
  try {
    await Promise.all(bots.map((b) => b.waitFor((_, err) => err.includes('claude-outage-bot started'), 'a replica to start', 60_000)));
    for (let r = 0; r < rounds; r++) {
      await new Promise((res) => setTimeout(res, 1_500));
      const leaderIndex = bots.findIndex((b) => b.stderr().lastIndexOf(LEADS) > b.stderr().lastIndexOf('no longer leads'));
      const leader = bots[leaderIndex]!;
      const other = bots[1 - leaderIndex]!;
      const before = other.stderr().split(LEADS).length;
      const requestsBefore = page.requests.length;
      const killedAt = performance.now();
      await leader.kill('SIGKILL');
      await other.waitFor((_, err) => err.split(LEADS).length > before, 'the other replica to lead', 30_000);
      const ledMs = performance.now() - killedAt;
      while (page.requests.length === requestsBefore) await new Promise((res) => setTimeout(res, 2));
      results.push([ledMs, performance.now() - killedAt]);
      bots[leaderIndex] = spawnBot(env);
      await bots[leaderIndex].waitFor((_, err) => err.includes('claude-outage-bot started'), 'the killed replica to come back', 60_000);
    }
  } finally {
    await Promise.all(bots.map((b) => b.kill('SIGTERM')));
    await page.close();
  }
  return results;
}

export async function benchReplicas(): Promise<string[]> {
  const bin = findPostgresBinaries();
  if (!bin) return ['skipped: no PostgreSQL binaries (apt-get install postgresql)'];
  const cluster = startThrowawayCluster(bin);
  try {
    const notes: string[] = [];
    await fanOut(cluster.url, 1); // warm-up: JIT, the cluster's caches
    const one = await fanOut(cluster.url, 1);
    const two = await fanOut(cluster.url, 2);
    const rate = (ms: number) => (CHANNELS / (ms / 1000)).toFixed(0);
    notes.push(
      `fan-out ${CHANNELS} Slack channels on Postgres, unthrottled fake: 1 replica ${rate(one.ms)} first cards/s (${(one.ms / 1000).toFixed(2)} s; ${one.cpu}); ` +
        `2 replicas ${rate(two.ms)}/s (${(two.ms / 1000).toFixed(2)} s; ${two.cpu}): ${(one.ms / two.ms).toFixed(2)}× on ${availableParallelism()} cores`,
    );
    const rounds = await failover(cluster.url, 5);
    const led = rounds.map((r) => r[0]!).sort((a, b) => a - b);
    const polled = rounds.map((r) => r[1]!).sort((a, b) => a - b);
    const fmt = (xs: number[]) => `median ${(xs[Math.floor(xs.length / 2)]! / 1000).toFixed(2)} s, max ${(xs.at(-1)! / 1000).toFixed(2)} s`;
    notes.push(`leader failover, 1 s poll, ${rounds.length} SIGKILLs of the leader: the other replica leads after ${fmt(led)}; its first poll reaches the page after ${fmt(polled)}`);
    return notes;
  } finally {
    cluster.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void benchReplicas().then((notes) => process.stdout.write(`${notes.map((n) => `- ${n}`).join('\n')}\n`));
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claudeTimeline } from '../src/demo/claude-timeline.js';
import type { StatuspageIncident, StatuspageState } from '../src/demo/statuspage-state.js';
import { createFakeStatuspage, type FakeStatuspage } from '../src/demo/statuspage-server.js';
import { startByteProxy, type ByteProxy } from './byte-proxy.js';
import { cpuMs, descendants, leafPid, rssBytes, spawnChild, type BenchChild } from './child-process.js';
import { mib } from './measure.js';
import { transpileScript } from './transpile-script.js';

/**
 * The bot beside bench/reference/minimal-poller.ts, in the same run, against two
 * identical fake pages: detection latency, CPU, bytes and requests per unchanged poll,
 * RSS, and (bot only) command latency. The bot runs as `npm start` runs it (node dist).
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
const ROUNDS = Number(process.env.BENCH_LATENCY_ROUNDS ?? 20);
const DRIVEN_POLLS = Number(process.env.BENCH_POLLS ?? 10_000);
const SUMMARY = '/api/v2/summary.json';

interface Side {
  name: string;
  page: FakeStatuspage;
  proxy: ByteProxy;
  proc: BenchChild;
  /** True once the incident's line is on stdout. */
  sees: (n: number) => boolean;
}

function benchIncident(n: number): StatuspageIncident {
  const now = new Date().toISOString();
  return {
    id: `bench${n}`,
    name: `Bench incident ${n}`,
    status: 'investigating',
    impact: 'minor',
    created_at: now,
    updated_at: now,
    resolved_at: null,
    incident_updates: [{ id: `benchu${n}`, status: 'investigating', body: 'We are investigating.', created_at: now, display_at: now }],
    components: [],
  };
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const ratio = (bot: number, ref: number): string => (ref > 0 ? `${(bot / ref).toFixed(2)}×` : 'n/a');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const lastJson = <T>(text: string): T => JSON.parse(text.trim().split('\n').at(-1) ?? '{}') as T;
/** Polls of summary.json between two request counts (to the end without `to`). */
const polls = (side: Side, from: number, to?: number): number => side.page.requests.slice(from, to).filter((r) => r.path === SUMMARY).length;

export async function benchCompare(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cob-bench-compare-'));
  const minimalJs = transpileScript(join(ROOT, 'bench/reference/minimal-poller.ts'));
  const driverJs = transpileScript(join(ROOT, 'bench/drive-bot-polls.ts'));
  const state: StatuspageState = structuredClone(claudeTimeline()[0]!.state);
  const sides: Side[] = [];
  const rows: string[] = [];
  try {
    for (const name of ['bot', 'minimal']) {
      const page = await createFakeStatuspage({ state });
      const proxy = await startByteProxy(page.url);
      const proc =
        name === 'bot'
          ? spawnChild('npm', ['start', '--silent', '--ignore-scripts'], {
              STATUSPAGE_URL: proxy.url,
              POLL_INTERVAL_SECONDS: '1',
              DATABASE_PATH: join(dir, 'live.db'),
              HTTP_PORT: '0',
              GITHUB_API_URL: 'http://127.0.0.1:1',
              LOG_LEVEL: 'info',
            }, ROOT)
          : spawnChild(process.execPath, [minimalJs], { STATUSPAGE_URL: proxy.url, POLL_MS: '1000' }, ROOT);
      const sees = name === 'bot' ? (n: number) => proc.stdout().includes(`Bench incident ${n} `) : (n: number) => proc.stdout().includes(`NEW bench${n} `);
      sides.push({ name, page, proxy, proc, sees });
    }
    const [bot, ref] = sides as [Side, Side];
    await bot.proc.waitFor((_, err) => err.includes('first read of the status page stored'), 'the bot’s first read');
    await ref.proc.waitFor((out) => out.includes('READY'), 'the minimal poller’s first read');
    const pidOf = (side: Side) => leafPid(side.proc.child.pid ?? 0);
    const rssStart = sides.map((s) => rssBytes(pidOf(s)));
    const treeStart = rssTree(bot.proc.child.pid ?? 0);

    // Idle: nothing changes for two windows of IDLE_SECONDS; CPU from /proc (all threads, timers
    // included), bytes at the proxy. The first window still carries start-up (V8 compiling on its
    // background threads); the second is what a long-running process costs, the floor's measure.
    await sleep(3_000);
    const markIdle = () => sides.map((s) => ({ cpu: cpuMs(pidOf(s)), bytes: s.proxy.bytes(), connections: s.proxy.connections(), requests: s.page.requests.length }));
    const early = markIdle();
    await sleep(IDLE_SECONDS * 1000);
    const mark = markIdle();
    const earlyCpu = sides.map((s, i) => (mark[i]!.cpu - early[i]!.cpu) / polls(s, early[i]!.requests, mark[i]!.requests));
    await sleep(IDLE_SECONDS * 1000);
    const idle = sides.map((s, i) => {
      const m = mark[i]!;
      const n = polls(s, m.requests);
      return {
        polls: n,
        cpuPerPoll: (cpuMs(pidOf(s)) - m.cpu) / n,
        bytesPerPoll: (s.proxy.bytes() - m.bytes) / n,
        requestsPerPoll: (s.page.requests.length - m.requests) / n,
        connections: s.proxy.connections() - m.connections,
      };
    });
    const rssIdle = sides.map((s) => rssBytes(pidOf(s)));
    const treeIdle = rssTree(bot.proc.child.pid ?? 0);

    // Detection: the same new incident appears on both pages at a random moment in the poll interval.
    const latency: [number[], number[]] = [[], []];
    for (let n = 1; n <= ROUNDS; n++) {
      await sleep(Math.random() * 1000);
      state.incidents.unshift(benchIncident(n));
      for (const side of sides) side.page.setState(state);
      const shownAt = performance.now();
      const deadline = shownAt + 15_000;
      const seenAt: Array<number | null> = [null, null];
      while (seenAt.some((t) => t === null) && performance.now() < deadline) {
        sides.forEach((side, i) => {
          if (seenAt[i] === null && side.sees(n)) seenAt[i] = performance.now() - shownAt;
        });
        await sleep(2);
      }
      seenAt.forEach((t, i) => latency[i as 0 | 1].push(t ?? Number.POSITIVE_INFINITY));
      // Resolve it again so the page stays one open incident deep.
      state.incidents[0] = { ...state.incidents[0]!, status: 'resolved', resolved_at: new Date().toISOString() };
      for (const side of sides) side.page.setState(state);
      await sleep(1_500);
    }
    for (const l of latency) l.sort((a, b) => a - b);
    for (const side of sides) await side.proc.stop();

    // Driven: 10,000 unchanged polls back to back in each process, one after the other.
    const page = await createFakeStatuspage({ state });
    const driven = spawnChild(process.execPath, ['--expose-gc', driverJs], {
      BOT_ROOT: ROOT,
      STATUSPAGE_URL: page.url,
      POLL_INTERVAL_SECONDS: '3600',
      DATABASE_PATH: join(dir, 'driven.db'),
      HTTP_PORT: '0',
      GITHUB_API_URL: 'http://127.0.0.1:1',
      POLLS: String(DRIVEN_POLLS),
    }, ROOT);
    await driven.waitFor((out) => out.includes('"polls"'), 'the driven bot', 600_000);
    const botDriven = lastJson<DrivenFigures & { statusMs: Quantiles; fixMs: Quantiles }>(driven.stdout());
    await driven.stop();
    const minimal = spawnChild(process.execPath, ['--expose-gc', minimalJs], { STATUSPAGE_URL: page.url, POLL_MS: '0', POLLS: String(DRIVEN_POLLS) }, ROOT);
    await minimal.waitFor((out) => out.includes('"polls"'), 'the driven minimal poller', 600_000);
    const refDriven = lastJson<DrivenFigures>(minimal.stdout());
    await minimal.stop();
    await page.close();

    const [b, r] = idle as [(typeof idle)[0], (typeof idle)[0]];
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const ms = (v: number) => `${v.toFixed(2)} ms`;
    const perPoll = (f: DrivenFigures) => f.cpuMicros / 1000 / f.polls;
    rows.push(
      `Bot vs bench/reference/minimal-poller.ts, same run (${new Date().toISOString().slice(0, 16)}Z, Node ${process.version}); bot started as \`npm start\` does (node dist/src/cli.js start), console only.`,
      '',
      '| measure | bot | minimal | bot / minimal |',
      '|---|---|---|---|',
      `| detection latency p50, 1 s poll (${ROUNDS} incidents) | ${s(quantile(latency[0], 0.5))} | ${s(quantile(latency[1], 0.5))} | ${ratio(quantile(latency[0], 0.5), quantile(latency[1], 0.5))} |`,
      `| detection latency p95 | ${s(quantile(latency[0], 0.95))} | ${s(quantile(latency[1], 0.95))} | ${ratio(quantile(latency[0], 0.95), quantile(latency[1], 0.95))} |`,
      `| CPU per unchanged poll, idle at 1 s, first ${IDLE_SECONDS} s after the first read (/proc, all threads) | ${ms(earlyCpu[0]!)} | ${ms(earlyCpu[1]!)} | ${ratio(earlyCpu[0]!, earlyCpu[1]!)} |`,
      `| CPU per unchanged poll, idle at 1 s, the next ${IDLE_SECONDS} s (steady state; ${b.polls} / ${r.polls} polls) | ${ms(b.cpuPerPoll)} | ${ms(r.cpuPerPoll)} | ${ratio(b.cpuPerPoll, r.cpuPerPoll)} |`,
      `| CPU per unchanged poll, ${DRIVEN_POLLS} driven back to back (process.cpuUsage) | ${ms(perPoll(botDriven))} | ${ms(perPoll(refDriven))} | ${ratio(perPoll(botDriven), perPoll(refDriven))} |`,
      `| requests per unchanged poll | ${b.requestsPerPoll.toFixed(2)} | ${r.requestsPerPoll.toFixed(2)} | ${ratio(b.requestsPerPoll, r.requestsPerPoll)} |`,
      `| new TCP connections during the idle window | ${b.connections} | ${r.connections} | ${b.connections - r.connections >= 0 ? '+' : ''}${b.connections - r.connections} |`,
      `| bytes per unchanged poll (both ways, at a proxy) | ${b.bytesPerPoll.toFixed(0)} | ${r.bytesPerPoll.toFixed(0)} | ${ratio(b.bytesPerPoll, r.bytesPerPoll)} |`,
      `| RSS after the first read | ${mib(rssStart[0]!)} | ${mib(rssStart[1]!)} | ${ratio(rssStart[0]!, rssStart[1]!)} |`,
      `| RSS after ${2 * IDLE_SECONDS} s idle | ${mib(rssIdle[0]!)} | ${mib(rssIdle[1]!)} | ${ratio(rssIdle[0]!, rssIdle[1]!)} |`,
      `| RSS before / after ${DRIVEN_POLLS} driven polls (after a forced GC) | ${mib(botDriven.startRss)} → ${mib(botDriven.endRss)} | ${mib(refDriven.startRss)} → ${mib(refDriven.endRss)} | ${ratio(botDriven.endRss, refDriven.endRss)} |`,
      `| JS heap used before / after the ${DRIVEN_POLLS} driven polls (after a forced GC) | ${mib(botDriven.startHeap)} → ${mib(botDriven.endHeap)} | ${mib(refDriven.startHeap)} → ${mib(refDriven.endHeap)} | ${ratio(botDriven.endHeap - botDriven.startHeap, refDriven.endHeap - refDriven.startHeap)} (growth) |`,
      `| /claude-status p50 / p99 (in the bot process, after the driven polls) | ${ms(botDriven.statusMs.p50)} / ${ms(botDriven.statusMs.p99)} | (no commands) | p99 = ${((botDriven.statusMs.p99 / 3000) * 100).toFixed(3)}% of the 3 s ack limit |`,
      `| /claude-fix p50 / p99 | ${ms(botDriven.fixMs.p50)} / ${ms(botDriven.fixMs.p99)} | (no commands) | p99 = ${((botDriven.fixMs.p99 / 3000) * 100).toFixed(3)}% of the 3 s ack limit |`,
      '',
      `- \`npm start\` process tree (npm + sh + node): ${mib(treeStart)} after the first read, ${mib(treeIdle)} after ${2 * IDLE_SECONDS} s idle; the bot's node process alone is the "bot" column.`,
      `- floor, idle CPU per unchanged poll within 2× the minimal poller (steady state): ${b.cpuPerPoll <= 2 * r.cpuPerPoll ? 'met' : 'NOT met'} (${ratio(b.cpuPerPoll, r.cpuPerPoll)}).`,
      `- floor, RSS under 100 MiB with \`npm start\` (bot node process): ${Math.max(rssStart[0]!, rssIdle[0]!) < 100 * 1024 * 1024 ? 'met' : 'NOT met'} (${mib(Math.max(rssStart[0]!, rssIdle[0]!))}).`,
    );
  } finally {
    for (const side of sides) {
      await side.proc.stop();
      await side.proxy.close();
      await side.page.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

interface Quantiles {
  p50: number;
  p99: number;
}
interface DrivenFigures {
  polls: number;
  startRss: number;
  endRss: number;
  startHeap: number;
  endHeap: number;
  cpuMicros: number;
}

/** RSS of a process and all its descendants (npm → sh → node). */
const rssTree = (pid: number): number => descendants(pid).reduce((sum, p) => sum + rssBytes(p), 0);

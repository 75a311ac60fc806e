import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildStatusReply } from '../src/commands/status.js';
import { createOutboxWorker } from '../src/delivery/outbox-worker.js';
import type { Incident, Snapshot } from '../src/incidents/model.js';
import { createRecordingPlatform } from '../src/platforms/recording-platform.js';
import { parseStatuspageFeed } from '../src/sources/statuspage-feed.js';
import { applyPoll } from '../src/store/apply-poll.js';
import { createStore } from '../src/store/create-store.js';
import { migrate } from '../src/store/migrate.js';
import { openDatabase } from '../src/store/open-database.js';
import { createLiveStatusReader } from '../src/store/read-live-status.js';
import { createSilentLogger } from '../src/shared/logger.js';
import { fmt, mib, time, type Timing } from './measure.js';

const FEED = readFileSync(new URL('../test/fixtures/claude-status-history.head4.atom', import.meta.url), 'utf8');

/** 50 incidents (the size of incidents.json), 8 updates each, 6 components. */
function bigSnapshot(round: number, openCount: number): Snapshot {
  const base = Date.UTC(2026, 10, 1);
  const incidents: Incident[] = Array.from({ length: 50 }, (_, n) => {
    const open = n >= 50 - openCount;
    // Open incidents are new ones that gain an update each round; the rest is resolved history.
    const key = open ? `statuspage:open${n}` : `statuspage:inc${n}`;
    const created = base + n * 3_600_000;
    const updates = Array.from({ length: open ? Math.min(8, 2 + round) : 8 }, (_, u) => {
      const at = new Date(created + u * 600_000).toISOString();
      return { key: `${key}@${at.slice(0, 16)}#0`, status: (u === 7 && !open ? 'resolved' : 'investigating') as Incident['status'], body: `Update ${u} of incident ${n}: ${'text '.repeat(40)}`, at, affectedComponents: [] };
    });
    const last = updates.at(-1);
    return {
      key,
      source: 'statuspage',
      name: `Incident ${n}`,
      status: last?.status ?? 'investigating',
      impact: 'minor',
      url: `https://status.example.com/incidents/inc${n}`,
      createdAt: new Date(created).toISOString(),
      updatedAt: last?.at ?? new Date(created).toISOString(),
      resolvedAt: last?.status === 'resolved' ? last.at : null,
      components: [{ id: 'api', name: 'Claude API' }],
      updates,
    };
  });
  const components = ['api', 'code', 'ai', 'console', 'cowork', 'gov'].map((id, position) => ({ id, name: `Component ${id}`, status: 'operational' as const, group: false, position }));
  return { sourceId: 'statuspage', fetchedAt: new Date().toISOString(), page: null, components, incidents };
}

export async function benchCore(): Promise<{ timings: Timing[]; notes: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'cob-bench-'));
  const db = openDatabase(join(dir, 'bench.db'));
  migrate(db);
  const store = createStore(db);
  for (let c = 0; c < 10; c++) store.subscriptions.ensure('slack', `C${c}`, new Date().toISOString());
  const timings: Timing[] = [];
  const notes: string[] = [];

  applyPoll(store, bigSnapshot(0, 0), { etags: {} }, new Date());
  const same = bigSnapshot(0, 0);
  timings.push(await time('applyPoll: 50 incidents × 8 updates, nothing changed', 300, () => applyPoll(store, same, { etags: {} }, new Date())));

  let round = 0;
  timings.push(
    await time('applyPoll: 5 open incidents gain updates, 10 channels', 6, () => {
      round += 1;
      return applyPoll(store, bigSnapshot(round, 5), { etags: {} }, new Date());
    }),
  );

  timings.push(await time('parse the real Claude Atom feed (4 entries)', 500, () => parseStatuspageFeed(FEED, { url: 'https://status.claude.com/history.atom' })));

  const reader = createLiveStatusReader({ store, clock: { now: () => new Date() }, pollIntervalSeconds: 30 });
  timings.push(await time('/claude-status answer from the store', 1000, () => buildStatusReply(reader(), new Date(), 'https://status.claude.com')));

  // Outbox throughput: every pending row delivered to a recording platform.
  const slack = createRecordingPlatform('slack');
  const worker = createOutboxWorker({ store, platforms: [slack], logger: createSilentLogger(), clock: { now: () => new Date(Date.now() + 86_400_000) } });
  const pending = store.outbox.counts().pending;
  const started = process.hrtime.bigint();
  const delivered = await worker.runOnce();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  notes.push(`outbox: ${delivered} rows (${pending} pending) delivered in ${seconds.toFixed(2)} s = ${Math.round(delivered / seconds)} rows/s (recording platform, real SQLite)`);

  // Memory: many polls of a changing page must not grow the heap.
  global.gc?.();
  const before = process.memoryUsage();
  for (let i = 0; i < 2000; i++) applyPoll(store, bigSnapshot(i % 6, 5), { etags: {} }, new Date());
  global.gc?.();
  const after = process.memoryUsage();
  notes.push(`memory: heap ${mib(before.heapUsed)} → ${mib(after.heapUsed)} after 2,000 more polls; RSS ${mib(after.rss)}${global.gc ? '' : ' (run with --expose-gc for exact heap figures)'}`);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { timings, notes };
}

export const describeTiming = (t: Timing): string => `| ${t.name} | ${t.runs} | ${fmt(t.p50Ms)} | ${fmt(t.p99Ms)} |`;

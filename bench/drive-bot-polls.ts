import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Child-process script (transpiled, run by bare node): starts the built bot (dist/) the way
 * `npm start` does, console only, then drives POLLS polls back to back and times commands.
 * Prints one JSON line of figures. Environment: the bot's own, plus BOT_ROOT and POLLS.
 */
// Types only: the code is loaded from dist/ at run time, as `npm start` runs it.
import type * as ConfigModule from '../src/config/load-config.js';
import type * as IndexModule from '../src/index.js';
import type * as LoggerModule from '../src/shared/logger.js';

const root = process.env.BOT_ROOT ?? process.cwd();
const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(root, 'dist', 'src', path)).href) as Promise<T>;
const { startBot } = await load<typeof IndexModule>('index.js');
const { loadConfig } = await load<typeof ConfigModule>('config/load-config.js');
const { createSilentLogger } = await load<typeof LoggerModule>('shared/logger.js');

const polls = Number(process.env.POLLS ?? 10_000);
const bot = await startBot({ config: loadConfig(process.env), logger: createSilentLogger(), watchGithub: false, write: () => undefined });
await bot.poller.pollNow();
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const startRss = process.memoryUsage().rss;
const startHeap = process.memoryUsage().heapUsed;
const startCpu = process.cpuUsage();
for (let i = 0; i < polls; i++) await bot.poller.pollNow();
const cpu = process.cpuUsage(startCpu);
// With --expose-gc: what stays after a collection, so growth means a leak, not garbage.
gc?.();
const endRss = process.memoryUsage().rss;
const endHeap = process.memoryUsage().heapUsed;

async function timeCommand(command: 'status' | 'fix', text: string, runs: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await bot.commands.run({ command, text, platform: 'console', userId: 'bench', channelId: 'bench', isAdmin: false });
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples.sort((a, b) => a - b);
}
const status = await timeCommand('status', '', 1000);
const fix = await timeCommand('fix', 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', 1000);
const quantile = (s: number[], q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
const lastSuccessAt = bot.store.pollState.get('statuspage').lastSuccessAt;
await bot.stop();
process.stdout.write(
  `${JSON.stringify({
    polls,
    startRss,
    endRss,
    startHeap,
    endHeap,
    cpuMicros: cpu.user + cpu.system,
    lastSuccessAt,
    statusMs: { p50: quantile(status, 0.5), p99: quantile(status, 0.99) },
    fixMs: { p50: quantile(fix, 0.5), p99: quantile(fix, 0.99) },
  })}\n`,
);

import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadKnowledge } from '../src/knowledge/load-knowledge.js';
import { measureLookup } from '../src/knowledge/measure-lookup.js';
import { benchCompare } from './compare.bench.js';
import { benchCore, describeTiming } from './core.bench.js';
import { benchFirstCard } from './first-card.bench.js';
import { benchWebhookCard } from './webhook.bench.js';

/** The benches run by name above; any other bench/*.bench.ts is picked up by runOthers. */
const KNOWN = new Set(['core.bench.ts', 'first-card.bench.ts', 'compare.bench.ts', 'webhook.bench.ts']);

/**
 * Every other bench/*.bench.ts (e.g. fanout.bench.ts): each exported function whose name
 * starts with "bench" (or the default export) is called with no arguments; what it returns
 * (lines, or { timings, notes }) is printed under its file name.
 */
async function runOthers(): Promise<string[]> {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const lines: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && !KNOWN.has(f)).sort()) {
    const module = (await import(pathToFileURL(`${dir}${file}`).href)) as Record<string, unknown>;
    const runs = Object.entries(module).filter(([name, value]) => typeof value === 'function' && (name === 'default' || name.startsWith('bench')));
    for (const [, run] of runs) {
      const result = (await (run as () => unknown)()) as unknown;
      lines.push('', `## ${file}`, '', ...toLines(result));
    }
  }
  return lines;
}

function toLines(result: unknown): string[] {
  if (Array.isArray(result)) return result.map(String);
  if (typeof result === 'string') return [result];
  if (result && typeof result === 'object' && 'notes' in result) {
    const { timings = [], notes = [] } = result as { timings?: Parameters<typeof describeTiming>[0][]; notes?: string[] };
    return [...timings.map(describeTiming), ...notes.map((n) => `- ${n}`)];
  }
  return [JSON.stringify(result)];
}

/** `npm run bench`: prints Markdown to paste into bench/RESULTS.md. BENCH_ONLY=compare runs one part. */
async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY ?? '';
  const lines = [`# Benchmarks (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}/${process.arch})`, ''];
  if (only === '' || only === 'core') {
    const { timings, notes } = await benchCore();
    const lookup = measureLookup(loadKnowledge({ extraDir: null }));
    lines.push('| what | runs | p50 | p99 |', '|---|---|---|---|', ...timings.map(describeTiming), '', `- /claude-fix lookup: ${JSON.stringify(lookup)}`, ...notes.map((n) => `- ${n}`));
  }
  if (only === '' || only === 'first-card') lines.push(...(await benchFirstCard()).map((n) => `- ${n}`));
  if (only === '' || only === 'webhook') lines.push('', '## Webhook → card (issue 11)', '', ...(await benchWebhookCard()));
  if (only === '' || only === 'compare') lines.push('', '## Beside a minimal poller', '', ...(await benchCompare()));
  if (only === '' || only === 'others') lines.push(...(await runOthers()));
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();

import { loadKnowledge } from '../src/knowledge/load-knowledge.js';
import { measureLookup } from '../src/knowledge/measure-lookup.js';
import { benchCore, describeTiming } from './core.bench.js';
import { benchFirstCard } from './first-card.bench.js';

/** `npm run bench`: prints a Markdown table to paste into bench/RESULTS.md. */
async function main(): Promise<void> {
  const { timings, notes } = await benchCore();
  const lookup = measureLookup(loadKnowledge({ extraDir: null }));
  const start = await benchFirstCard();
  const lines = [
    `# Benchmarks (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}/${process.arch})`,
    '',
    '| what | runs | p50 | p99 |',
    '|---|---|---|---|',
    ...timings.map(describeTiming),
    '',
    `- /claude-fix lookup: ${JSON.stringify(lookup)}`,
    ...notes.map((n) => `- ${n}`),
    ...start.map((n) => `- ${n}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();

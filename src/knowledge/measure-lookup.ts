import type { KnowledgeBase } from './knowledge-base.js';

export interface LookupMeasurement {
  lookups: number;
  totalMs: number;
  meanMicros: number;
  /** Slowest single lookup, in microseconds: huge pastes are the ones to watch. */
  maxMicros: number;
}

/** Inputs shaped like the ones the command sees: codes, names, full and huge pastes, noise. */
export const BENCH_INPUTS: readonly string[] = [
  '500',
  'overloaded',
  'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CZTEFvft13DajMTp9pp64"}',
  'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 215842 tokens > 200000 maximum"}}',
  "You've hit your limit · resets 8pm (Africa/Cairo)",
  'API Error: 502 <html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>',
  'my laptop fan is loud',
  // No rule words it, so the classifier answers ("the Claude plugin keeps erroring, restarting does not help").
  '用 Claude 插件一直报错，重启也没用',
  `Error: 500 ${'    at makeRequest (file:///usr/local/lib/node_modules/@anthropic-ai/claude-code/cli.js:421:5420)\n'.repeat(250)}`,
];

/** For `npm run bench`: times `lookup` over the sample inputs, `rounds` times each. */
export function measureLookup(knowledge: KnowledgeBase, rounds = 1_000, inputs: readonly string[] = BENCH_INPUTS): LookupMeasurement {
  let maxMicros = 0;
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    for (const input of inputs) {
      const before = performance.now();
      knowledge.lookup(input);
      maxMicros = Math.max(maxMicros, (performance.now() - before) * 1_000);
    }
  }
  const totalMs = performance.now() - started;
  const lookups = rounds * inputs.length;
  return { lookups, totalMs, meanMicros: (totalMs * 1_000) / Math.max(1, lookups), maxMicros };
}

import { describe, expect, it } from 'vitest';
import { createFixCommand } from '../../../src/commands/fix.js';
import { MAX_REPLY_CHARS } from '../../../src/commands/fix-reply.js';
import type { Reply } from '../../../src/commands/reply.js';
import { builtinKnowledge } from './knowledge-fixture.js';
import { NOW, greenStatus, incident } from './live-status-fixture.js';

/** mulberry32: a tiny seeded PRNG, so a failing input can be reproduced from the seed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FRAGMENTS = [
  'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"},"request_id":"req_011CXmPEnrV5B6xsTNUfkJBs"}',
  'API Error (529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}) · Retrying in 4 seconds… (attempt 4/10)',
  "You've hit your limit · resets 8pm (Africa/Cairo)",
  '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
  '{"error":{"code":429,"message":"Quota exceeded for aiplatform.googleapis.com","status":"RESOURCE_EXHAUSTED"}}',
  'prompt is too long: 215842 tokens > 200000 maximum',
  '`tool_use` ids were found without `tool_result` blocks',
  'Unable to connect to API (ECONNRESET)',
  '"request_id":"req_', '{"type":"', '\\"', '```', '`', '**', '&lt;', '&amp;', '\u001b[31m', '\u001b]8;;http://x\u0007', '[0m',
  '⎿', '⏺', '✻', '·', '\n', '\r\n', '\t', '    ', '\u0000', '\u200b', '\ufeff', '😀', 'ü', '中文', '\ud800', '<@U123>', '@everyone',
  '500', '529', '429', '4', '99999', '-1', 'NaN', 'null', 'undefined', '((((', '[[[[', '.*+?', '\\', '/', '$&', '__proto__', 'constructor',
];

const ALPHABET = 'abcxyz0123456789 {}[]":,._-/\\`*<>&#@()\n\u001b';

function generate(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const roll = random();
  if (roll < 0.02) return pick(FRAGMENTS).repeat(1 + Math.floor(random() * 2_000)); // huge pastes
  if (roll < 0.1) {
    const fragment = pick(FRAGMENTS);
    return fragment.slice(0, Math.floor(random() * fragment.length)); // truncated
  }
  const parts: string[] = [];
  const count = Math.floor(random() * 12);
  for (let i = 0; i < count; i += 1) {
    if (random() < 0.6) parts.push(pick(FRAGMENTS));
    else {
      let noise = '';
      const length = Math.floor(random() * 40);
      for (let j = 0; j < length; j += 1) {
        noise += random() < 0.9 ? pick([...ALPHABET]) : String.fromCharCode(Math.floor(random() * 0xffff));
      }
      parts.push(noise);
    }
  }
  return parts.join(random() < 0.5 ? '' : ' ');
}

/** Plain checks, not expect(): ten thousand runs of expect() would dominate the test's time. */
function problemsOf(reply: Reply): string[] {
  const problems: string[] = [];
  if (reply.blocks[0]?.type !== 'header') problems.push('does not start with a header');
  if (reply.visibility !== 'ephemeral' && reply.visibility !== 'in_channel') problems.push('bad visibility');
  if (reply.summary.length === 0 || reply.summary.length > 200) problems.push(`summary length ${reply.summary.length}`);
  const size = JSON.stringify(reply.blocks).length;
  if (size > MAX_REPLY_CHARS) problems.push(`reply of ${size} characters`);
  for (const block of reply.blocks) {
    if ('text' in block && block.text.length === 0) problems.push(`empty ${block.type}`);
    if ((block.type === 'steps' || block.type === 'bullets') && block.items.length === 0) problems.push(`empty ${block.type}`);
    if (block.type === 'links' && block.links.some((link) => !link.url.startsWith('https://'))) problems.push('non-https link');
  }
  return problems;
}

describe('fix command fuzz', () => {
  const SEED = 20_261_104;
  const RUNS = 10_000;

  it(`answers ${RUNS} generated inputs (seed ${SEED}) with a valid, bounded reply`, () => {
    const random = createRandom(SEED);
    const statuses = [greenStatus(), greenStatus({ openIncidents: [incident()] }), greenStatus({ stale: true, lastSuccessAt: null })];
    const handlers = statuses.map((live) =>
      createFixCommand({ knowledge: builtinKnowledge(), getLiveStatus: () => live, clock: { now: () => NOW } }),
    );
    let matched = 0;
    const failures: string[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const input = generate(random);
      const handler = handlers[run % handlers.length]!;
      const reply = handler({ command: 'fix', text: input, platform: 'console', userId: 'u', channelId: 'c', isAdmin: false });
      if (reply instanceof Promise) throw new Error('the fix command must answer synchronously');
      const problems = problemsOf(reply);
      if (problems.length > 0) failures.push(`run ${run}: ${problems.join(', ')} for ${JSON.stringify(input.slice(0, 200))}`);
      if (!JSON.stringify(reply.blocks[0]).includes('No exact match')) matched += 1;
    }
    expect(failures).toEqual([]);
    // The generator is mostly real fragments: most answers should name an entry.
    expect(matched).toBeGreaterThan(RUNS / 2);
    // About 5 s on two busy cores; the margin keeps a slow CI machine from flaking.
  }, 60_000);
});

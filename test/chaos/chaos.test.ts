import { describe, expect, it } from 'vitest';
import { SHORT_RUN } from './chaos-profiles.js';
import { runChaos } from './run-chaos.js';

/**
 * Issue 10: the bot as a child process (`cli.ts start`) against the fake status page,
 * Slack and Discord, with seeded faults (429, 5xx, dropped connections, slow answers,
 * and answers lost after the platform stored the post) and 20 SIGKILLs, some right
 * after a post was stored. After a fault-free settle, the fakes' records must hold
 * exactly one card per (incident, channel) and each update once, in order.
 * The long version is `npm run chaos`.
 */

const SEED = 20_261_203;

describe('crash and fault test (seeded short run)', () => {
  it(`delivers every card and reply exactly once through 20 kills (seed ${SEED})`, async () => {
    const result = await runChaos({ ...SHORT_RUN, seed: SEED, outDir: `.chaos/short-${SEED}` });
    // The run really did what it says: the kills happened and faults landed after the effect.
    expect(result.kills).toHaveLength(SHORT_RUN.kills);
    expect(result.kills.some((k) => k.includes('was stored'))).toBe(true);
    expect((result.faults.slack.error_after ?? 0) + (result.faults.discord.error_after ?? 0)).toBeGreaterThan(0);
    expect(result.crashes, result.report).toEqual([]);
    expect(result.violations, `\n${result.report}\n(artefacts in .chaos/short-${SEED}/)`).toEqual([]);
  }, 540_000);
});

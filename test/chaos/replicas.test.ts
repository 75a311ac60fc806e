import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTempPostgresDatabase } from '../helpers/temp-store.js';
import { SHORT_RUN } from './chaos-profiles.js';
import { runChaos } from './run-chaos.js';

/**
 * Issue 15: two bot processes on one Postgres database, against the same fake status page,
 * Slack and Discord, with the same seeded faults as the single-process run. Every kill takes
 * the replica that leads (polls) at that moment, mid-incident, some right after a platform
 * stored a post whose answer the killed replica never got. The other replica takes the poll
 * over and frees the killed one's deliveries; the check is the same: one card per (incident,
 * channel), every update once and in order, right final state.
 */

const SEED = 15_000_002;
const hasPostgres = inject('postgresUrl') !== '';
const database = hasPostgres ? createTempPostgresDatabase() : null;
afterAll(() => database?.drop());

describe.runIf(hasPostgres)('two replicas on Postgres (seeded short run)', () => {
  it(`delivers every card and reply exactly once while the leader is killed 10 times (seed ${SEED})`, async () => {
    const result = await runChaos({
      ...SHORT_RUN,
      kills: 10,
      seed: SEED,
      outDir: `.chaos/replicas-${SEED}`,
      replicas: { count: 2, databaseUrl: database!.url },
    });
    expect(result.kills).toHaveLength(10);
    expect(result.crashes, result.report).toEqual([]);
    expect(result.violations, `\n${result.report}\n(artefacts in .chaos/replicas-${SEED}/)`).toEqual([]);
  }, 540_000);
});

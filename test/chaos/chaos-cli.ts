import { randomInt } from 'node:crypto';
import { LONG_ROUND } from './chaos-profiles.js';
import { runChaos } from './run-chaos.js';

/**
 * `npm run chaos`: rounds of the full scenario (5 Slack + 5 Discord channels, 12
 * incidents) until CHAOS_KILLS kills (default 300) or CHAOS_MINUTES (default 30) pass.
 * Seed from CHAOS_SEED or random, printed first; round n uses seed + n.
 * Exits 1 when any round found a violation. Artefacts: .chaos/run-<seed>-r<n>/.
 */
const seed = process.env.CHAOS_SEED ? Number(process.env.CHAOS_SEED) : randomInt(1, 2 ** 31 - 1);
const targetKills = Number(process.env.CHAOS_KILLS ?? 300);
const stopAt = Date.now() + Number(process.env.CHAOS_MINUTES ?? 30) * 60_000;
const perRound = Number(process.env.CHAOS_KILLS_PER_ROUND ?? 60);
console.log(`chaos seed ${seed} (CHAOS_SEED=${seed} to repeat); up to ${targetKills} kills or ${process.env.CHAOS_MINUTES ?? 30} min`);

let kills = 0;
let failed = 0;
for (let round = 0; kills < targetKills && Date.now() < stopAt; round += 1) {
  const roundSeed = seed + round;
  const outDir = `.chaos/run-${seed}-r${round}`;
  const result = await runChaos({
    ...LONG_ROUND,
    seed: roundSeed,
    kills: Math.min(perRound, targetKills - kills),
    budgetMs: Math.min(LONG_ROUND.budgetMs, Math.max(60_000, stopAt - Date.now())),
    outDir,
    progress: (line) => console.log(`  [round ${round}] ${line}`),
  });
  kills += result.kills.length;
  if (result.violations.length > 0 || result.crashes.length > 0) failed += 1;
  console.log(`round ${round} (seed ${roundSeed}):\n${result.report}\n(artefacts in ${outDir}/)\n`);
}
console.log(`chaos seed ${seed}: ${kills} kills, ${failed} round(s) with violations`);
process.exit(failed > 0 ? 1 : 0);

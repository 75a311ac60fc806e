import type { FaultRates } from '../fakes/fault-plan.js';
import type { ChaosOptions } from './run-chaos.js';

/**
 * Fault rates per call on the delivery routes. After-effect faults (the platform stored
 * the message, the answer is lost) are the ones that make doubles; `killAfter` is how
 * often a stored post becomes a chance to SIGKILL the bot before it hears back.
 */
export const CHAOS_RATES: FaultRates = {
  rateLimit: 0.02,
  serverError: 0.02,
  dropBefore: 0.02,
  dropAfter: 0.04,
  errorAfter: 0.06,
  slow: 0.03,
  killAfter: 0.15,
};

/** The run `npm test` does: one seed, about 20 kills, small enough for two shared cores. */
export const SHORT_RUN: Omit<ChaosOptions, 'seed' | 'outDir'> = {
  slackChannels: 2,
  discordChannels: 2,
  incidents: 4,
  components: 2,
  kills: 20,
  rates: CHAOS_RATES,
  budgetMs: 180_000,
  // Long enough for a row's 7th backoff (≤ 128 s at base 2 s): a settle that ends early would report a
  // row still waiting as lost. A green run ends the settle as soon as every card is right.
  settleMs: 150_000,
};

/** One round of `npm run chaos`: the full shape of issue 10 (5 + 5 channels, 12 incidents). */
export const LONG_ROUND: Omit<ChaosOptions, 'seed' | 'outDir' | 'kills'> = {
  slackChannels: 5,
  discordChannels: 5,
  incidents: 12,
  components: 3,
  rates: CHAOS_RATES,
  budgetMs: 600_000,
  settleMs: 120_000,
};

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeStatuspage } from '../../src/demo/statuspage-server.js';
import { createFakeDiscord } from '../fakes/fake-discord.js';
import { createFakeSlack } from '../fakes/fake-slack.js';
import { createFaultPlan, delay, seededRandom, type FaultPlan, type FaultRates } from '../fakes/fault-plan.js';
import { localBotEnv } from '../helpers/local-bot-env.js';
import { createChaosBot, createChaosFleet, type ChaosBot } from './chaos-bot.js';
import { cardsFor, checkDelivery, formatViolations, readDiscord, readSlack, type Violation } from './chaos-check.js';
import { buildScenario, pageState, type Scenario, type ScenarioStep } from './chaos-scenario.js';

export interface ChaosOptions {
  seed: number;
  slackChannels: number;
  discordChannels: number;
  incidents: number;
  components: number;
  /** SIGKILLs in the run: about half right after the platform stored a post, half at random moments. */
  kills: number;
  rates: FaultRates;
  /** The scenario stops early (then settles and checks) after this long. */
  budgetMs: number;
  /** How long the fault-free settle may take before the check runs anyway. */
  settleMs: number;
  /** How long one step waits for the card it builds on before going ahead anyway. */
  stepWaitMs?: number;
  /** Bot logs, fault logs and the diff go here (kept); null: a temp folder, removed. */
  outDir: string | null;
  /** Discord enforce_nonce window for the fake (Discord documents "a few minutes"). */
  nonceWindowMs?: number;
  progress?: (line: string) => void;
  /** Replicas on one Postgres database (DATABASE_URL); each kill takes the one that leads. */
  replicas?: { count: number; databaseUrl: string };
}

export interface ChaosResult {
  seed: number;
  violations: Violation[];
  /** Seed, kills, faults, then the diff. */
  report: string;
  kills: string[];
  stalled: string[];
  crashes: string[];
  faults: { slack: Record<string, number>; discord: Record<string, number> };
  /** The bot's own count of outbox rows at the end (from /healthz), for the reader. */
  outbox: Record<string, number> | null;
}

const tally = (plan: FaultPlan): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of plan.log) out[r.fault] = (out[r.fault] ?? 0) + 1;
  return out;
};

/** The bot's outbox counts from /healthz, or null when it does not answer. */
async function outboxCounts(bot: ChaosBot): Promise<Record<string, number> | null> {
  if (!bot.port) return null;
  try {
    const res = await fetch(`http://127.0.0.1:${bot.port}/healthz`, { signal: AbortSignal.timeout(2_000) });
    const body = (await res.json()) as { outbox?: Record<string, number> };
    return body.outbox ?? null;
  } catch {
    return null;
  }
}

const OPEN_STATES = ['pending', 'in_flight'];
/** Page requests with an empty outbox before the settle gives up waiting (a poll reads several documents). */
const QUIET_REQUESTS = 8;

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const say = options.progress ?? (() => undefined);
  const random = seededRandom(options.seed ^ 0x4b111);
  const scenario = buildScenario({ seed: options.seed, incidents: options.incidents, components: options.components });
  const progress = scenario.incidents.map(() => 0);
  const componentStatus = scenario.components.map(() => 'operational');
  const dir = mkdtempSync(join(tmpdir(), 'cob-chaos-'));

  // The kill loop arms this; a fake calls it when it stored a post and holds the answer.
  let onKillPoint: (what: string) => boolean = () => false;
  const slackPlan = createFaultPlan({ seed: options.seed ^ 0x51ac, rates: options.rates, onKillPoint: (w) => onKillPoint(w) });
  const discordPlan = createFaultPlan({ seed: options.seed ^ 0xd15c, rates: options.rates, onKillPoint: (w) => onKillPoint(w) });
  const page = await createFakeStatuspage({ state: pageState(scenario, progress, componentStatus) });
  const slack = await createFakeSlack({ faults: slackPlan });
  const discord = await createFakeDiscord({ faults: discordPlan, ...(options.nonceWindowMs ? { nonceWindowMs: options.nonceWindowMs } : {}) });
  const slackChannels = Array.from({ length: options.slackChannels }, (_, i) => `C0CHAOS${i}`);
  const discordChannels = Array.from({ length: options.discordChannels }, (_, i) => `61000000000000000${i}`);
  const env = {
    ...localBotEnv(page.url, dir),
    ...(options.replicas ? { DATABASE_URL: options.replicas.databaseUrl } : {}),
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_APP_TOKEN: slack.appToken,
    SLACK_API_URL: slack.apiUrl,
    SLACK_ALERT_CHANNELS: slackChannels.join(','),
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_ALERT_CHANNELS: discordChannels.join(','),
    LOG_LEVEL: 'info',
  };
  const bot = options.replicas ? createChaosFleet(env, options.replicas.count) : createChaosBot(env);
  const observe = () => [...readSlack(slack, slackChannels), ...readDiscord(discord, discordChannels)];
  const kills: string[] = [];
  const stalled: string[] = [];
  const deadline = Date.now() + options.budgetMs;

  /** Starts the bot; a start that dies (killed during start-up) is fine, the loop starts it again. */
  const start = () => bot.start().catch((error: unknown) => say(`start interrupted: ${String(error).split('\n')[0]}`));

  async function killLoop(): Promise<void> {
    while (kills.length < options.kills && Date.now() < deadline) {
      const roll = random();
      const pause = random();
      if (roll < 0.1) {
        // Killed during start-up: migrations, adapter log-in, the first claim.
        const starting = start();
        await delay(100 + pause * 900);
        await bot.kill('during start-up');
        await starting;
        kills.push(`#${kills.length + 1} during start-up`);
        continue;
      }
      if (!bot.running) await start();
      if (roll < 0.55) {
        let took!: (what: string) => void;
        const point = new Promise<string>((resolve) => (took = resolve));
        onKillPoint = (what) => {
          onKillPoint = () => false;
          took(what);
          return true;
        };
        const what = await Promise.race([point, delay(4_000).then(() => null)]);
        onKillPoint = () => false;
        await bot.kill(what ? `right after ${what} was stored` : 'no post came: at random');
        kills.push(`#${kills.length + 1} ${what ? `right after ${what} was stored` : 'at random (no post within 4 s)'}`);
      } else {
        await delay(100 + pause * 1_500);
        await bot.kill('at a random moment');
        kills.push(`#${kills.length + 1} at a random moment`);
      }
      say(kills.at(-1)!);
      // Steps done and every card out: later kills would only hit an idle bot, but keep the count.
    }
    // The rest of the run has a live bot.
    if (!bot.running) await start();
  }

  const ready = (step: ScenarioStep, first: boolean): boolean => {
    const seen = observe();
    if (!first && cardsFor(seen, scenario.incidents[0]!.token) === 0) return false;
    if (step.kind === 'incident' && step.updates >= 2) return cardsFor(seen, scenario.incidents[step.index]!.token) > 0;
    if (step.kind === 'component' && step.status === 'operational') return cardsFor(seen, scenario.components[step.index]!.token) > 0;
    return true;
  };

  async function driveSteps(): Promise<void> {
    for (const [n, step] of scenario.steps.entries()) {
      const waitUntil = Date.now() + (options.stepWaitMs ?? 45_000);
      while (!ready(step, n === 0) && Date.now() < waitUntil && Date.now() < deadline) await delay(50);
      if (Date.now() >= deadline) {
        stalled.push(`time budget ran out before step ${n + 1} of ${scenario.steps.length}`);
        break;
      }
      if (!ready(step, n === 0)) stalled.push(`step ${n + 1} (${describe(scenario, step)}) went ahead without the card it builds on`);
      if (step.kind === 'incident') progress[step.index] = step.updates;
      else componentStatus[step.index] = step.status;
      const before = page.requests.length;
      page.setState(pageState(scenario, progress, componentStatus));
      // Let a poll (or a restart) see it before the next change; a dead bot cannot, so bound the wait.
      const polled = Date.now() + 3_000;
      while (page.requests.length === before && Date.now() < polled) await delay(50);
      await delay(random() * 400);
    }
  }

  let outbox: Record<string, number> | null = null;
  try {
    await start();
    await Promise.all([killLoop(), driveSteps()]);
    say(`scenario done: ${kills.length} kills; settling without faults`);
    slackPlan.setEnabled(false);
    discordPlan.setEnabled(false);
    onKillPoint = () => false;
    if (!bot.running) await start();
    outbox = await settle(bot, page.requests, () => checkDelivery(scenario, observe()).length === 0, options.settleMs);
  } finally {
    await bot.stop().catch(() => undefined);
  }
  const violations = checkDelivery(scenario, observe());
  const faults = { slack: tally(slackPlan), discord: tally(discordPlan) };
  const report = [
    `chaos seed ${options.seed}: ${kills.length} kills, ${bot.generations} bot generations${options.replicas ? ` over ${options.replicas.count} replicas on Postgres` : ''}, ${scenario.incidents.length} incidents, ${scenario.components.length} component notices, ${slackChannels.length} Slack + ${discordChannels.length} Discord channels`,
    `faults injected: slack ${JSON.stringify(faults.slack)}, discord ${JSON.stringify(faults.discord)}`,
    `bot's outbox at the end (its /healthz): ${JSON.stringify(outbox)}`,
    ...(outbox && (outbox.pending ?? 0) + (outbox.in_flight ?? 0) > 0
      ? [`the settle ended with ${(outbox.pending ?? 0) + (outbox.in_flight ?? 0)} rows still waiting in the bot's outbox (backoff): what they would deliver is missing below`]
      : []),
    ...(outbox && (outbox.failed ?? 0) > 0 ? [`the bot gave up on ${outbox.failed} rows (failed): lost alerts`] : []),
    ...(bot.crashes.length > 0 ? [`bot crashed on its own: ${bot.crashes.join('; ')}`] : []),
    ...(stalled.length > 0 ? [`stalled: ${stalled.join('; ')}`] : []),
    formatViolations(violations),
  ].join('\n');
  if (options.outDir) {
    mkdirSync(options.outDir, { recursive: true });
    writeFileSync(join(options.outDir, 'report.txt'), `${report}\n\nkills:\n${kills.join('\n')}\n`);
    writeFileSync(join(options.outDir, 'bot.log'), bot.log());
    writeFileSync(join(options.outDir, 'faults.json'), JSON.stringify({ slack: slackPlan.log, discord: discordPlan.log }, null, 1));
    writeFileSync(join(options.outDir, 'calls.json'), JSON.stringify({ slack: slack.calls, discord: discord.calls.filter((c) => c.path.startsWith('/channels/')) }, null, 1));
  }
  await Promise.allSettled([slack.close(), discord.close(), page.close()]);
  rmSync(dir, { recursive: true, force: true });
  return { seed: options.seed, violations, report, kills, stalled, crashes: bot.crashes, faults, outbox };
}

/**
 * Waits until every card is right, or until the bot's outbox is empty across two
 * polls of the page (nothing more will come), or the time is up.
 */
async function settle(bot: ChaosBot, requests: unknown[], allRight: () => boolean, settleMs: number): Promise<Record<string, number> | null> {
  const deadline = Date.now() + settleMs;
  let quietSince: number | null = null;
  let last: Record<string, number> | null = null;
  while (Date.now() < deadline) {
    last = await outboxCounts(bot);
    if (allRight() && last && OPEN_STATES.every((s) => (last![s] ?? 0) === 0)) return last;
    const drained = last !== null && OPEN_STATES.every((s) => (last![s] ?? 0) === 0);
    if (!drained) quietSince = null;
    else if (quietSince === null) quietSince = requests.length;
    else if (requests.length >= quietSince + QUIET_REQUESTS) return last;
    await delay(200);
  }
  return last;
}

function describe(scenario: Scenario, step: ScenarioStep): string {
  if (step.kind === 'incident') {
    const inc = scenario.incidents[step.index]!;
    return `${inc.token} → ${inc.updates[step.updates - 1]!.status}`;
  }
  return `${scenario.components[step.index]!.token} → ${step.status}`;
}

import { spawnBot, type BotProcess } from '../helpers/spawn-bot.js';

/**
 * The bot as a child process (`cli.ts start`) that a chaos run kills and starts again
 * on the same database. Keeps every generation's log, marked with how it ended.
 */
export interface ChaosBot {
  /** Starts a new generation; resolves once it logged "started" (or rejects if it died first). */
  start(): Promise<void>;
  /** SIGKILL now; resolves once the process is gone. */
  kill(reason: string): Promise<void>;
  /** SIGTERM (the clean stop at the end). */
  stop(): Promise<void>;
  readonly running: boolean;
  /** The live generation (null between a kill and the next start). */
  readonly current: BotProcess | null;
  /** The HTTP port of the live generation, once started. */
  readonly port: number | null;
  readonly generations: number;
  /** Every generation's stderr, oldest first, each headed by how it ended. */
  log(): string;
  /** Generations that exited on their own (a crash, not our kill). */
  readonly crashes: string[];
}

const STARTED = 'claude-outage-bot started';

export function createChaosBot(env: Record<string, string>, startTimeoutMs = 60_000): ChaosBot {
  const logs: Array<{ bot: BotProcess; ending: string }> = [];
  const crashes: string[] = [];
  let current: BotProcess | null = null;
  let port: number | null = null;

  const portOf = (stderr: string): number | null => {
    const line = stderr.split('\n').find((l) => l.includes(STARTED));
    const match = line ? /"port":(\d+)/.exec(line) : null;
    return match ? Number(match[1]) : null;
  };

  return {
    async start() {
      const bot = spawnBot(env);
      const entry = { bot, ending: 'running' };
      logs.push(entry);
      current = bot;
      port = null;
      bot.child.once('exit', (code, signal) => {
        if (entry.ending === 'running') {
          entry.ending = `exited by itself (code ${code}, signal ${signal})`;
          crashes.push(`generation ${logs.indexOf(entry) + 1}: ${entry.ending}`);
        }
        if (current === bot) current = null;
      });
      await bot.waitFor((_, err) => err.includes(STARTED), 'the bot to start', startTimeoutMs);
      port = portOf(bot.stderr());
    },
    async kill(reason) {
      const bot = current;
      if (!bot) return;
      const entry = logs.find((l) => l.bot === bot)!;
      entry.ending = `SIGKILL: ${reason}`;
      current = null;
      port = null;
      await bot.kill('SIGKILL');
    },
    async stop() {
      const bot = current;
      if (!bot) return;
      logs.find((l) => l.bot === bot)!.ending = 'SIGTERM at the end';
      current = null;
      await bot.kill('SIGTERM');
    },
    get running() {
      return current !== null && current.child.exitCode === null && current.child.signalCode === null;
    },
    get current() {
      return current;
    },
    get port() {
      return port;
    },
    get generations() {
      return logs.length;
    },
    log: () => logs.map((l, i) => `===== bot generation ${i + 1}: ${l.ending} =====\n${l.bot.stderr()}`).join('\n'),
    crashes,
  };
}

const LEADS = 'this replica leads';
const FOLLOWS = 'this replica no longer leads';

/**
 * Several replicas of the bot on one Postgres database, seen by a chaos run as one bot:
 * start() starts every replica that is down, kill() kills the one that leads (polling) at
 * that moment, or any live one when none leads yet. Each replica keeps its own generations.
 */
export function createChaosFleet(env: Record<string, string>, replicas: number, startTimeoutMs = 60_000): ChaosBot {
  const bots = Array.from({ length: replicas }, () => createChaosBot(env, startTimeoutMs));
  const leads = (bot: ChaosBot): boolean => {
    const err = bot.current?.stderr() ?? '';
    return err.lastIndexOf(LEADS) > err.lastIndexOf(FOLLOWS);
  };
  return {
    async start() {
      await Promise.all(bots.filter((b) => !b.running).map((b) => b.start()));
    },
    async kill(reason) {
      const live = bots.filter((b) => b.running);
      const target = live.find(leads) ?? live[0];
      await target?.kill(`${reason} (the ${leads(target) ? 'leader' : 'follower'})`);
    },
    async stop() {
      await Promise.all(bots.map((b) => b.stop()));
    },
    get running() {
      return bots.every((b) => b.running);
    },
    get current() {
      return bots.find((b) => b.running)?.current ?? null;
    },
    get port() {
      return bots.find((b) => b.running && b.port !== null)?.port ?? null;
    },
    get generations() {
      return bots.reduce((n, b) => n + b.generations, 0);
    },
    log: () => bots.map((b, i) => `########## replica ${i + 1} ##########\n${b.log()}`).join('\n'),
    get crashes() {
      return bots.flatMap((b, i) => b.crashes.map((c) => `replica ${i + 1} ${c}`));
    },
  };
}

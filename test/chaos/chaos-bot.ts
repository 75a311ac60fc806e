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

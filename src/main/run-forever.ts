import type { Bot } from '../index.js';
import type { Logger } from '../shared/logger.js';

export interface RunForeverOptions {
  /** Starts the bot (the composition root's startBot with the adapters). */
  start: () => Promise<Bot>;
  logger: Logger;
  /** The process to listen on (tests pass an EventEmitter). */
  signals?: Pick<NodeJS.Process, 'once' | 'on'>;
  /**
   * Ends the process: at once on a second signal (130), and after a clean stop too, so a
   * library timer left behind (an Octokit retry back-off) cannot keep a stopped bot alive.
   * Default process.exit.
   */
  exit?: (code: number) => void;
}

/**
 * Runs the bot until SIGINT or SIGTERM, then stops it gracefully: polling stops,
 * in-flight deliveries finish (bounded by the bot), chat connections close, the
 * database closes. Undelivered rows stay in the outbox for the next start. A second
 * signal exits at once.
 * @returns the exit code.
 */
export async function runForever(options: RunForeverOptions): Promise<number> {
  const { logger } = options;
  const signals = options.signals ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const bot = await options.start();
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: string) => {
      if (stopping) {
        logger.warn({ signal }, 'second signal: exiting now; undelivered alerts stay queued for the next start');
        exit(130);
        return;
      }
      stopping = true;
      logger.info({ signal }, 'shutting down (send the signal again to exit at once)');
      bot.stop().then(
        () => {
          logger.info('stopped cleanly');
          resolve(0);
          exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          resolve(1);
          exit(1);
        },
      );
    };
    signals.on('SIGINT', () => onSignal('SIGINT'));
    signals.on('SIGTERM', () => onSignal('SIGTERM'));
  });
}

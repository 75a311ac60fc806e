import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../shared/logger.js';

const fromPino = (level: string): LogLevel =>
  level === 'debug' || level === 'trace' ? LogLevel.DEBUG : level === 'info' ? LogLevel.INFO : level === 'warn' ? LogLevel.WARN : LogLevel.ERROR;

const join = (parts: unknown[]): string => parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');

/**
 * Bolt, the Web API client and Socket Mode log through our pino logger (JSON on
 * stderr, secrets scrubbed) instead of their own console logger. Their info-level
 * chatter (connects, reconnects) is kept at debug so our own lines stay readable.
 * @see https://docs.slack.dev/tools/bolt-js/concepts/logging
 */
export function createSlackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ module: 'slack-sdk' });
  return {
    debug: (...msg: unknown[]) => child.debug(join(msg)),
    info: (...msg: unknown[]) => child.debug(join(msg)),
    warn: (...msg: unknown[]) => child.warn(join(msg)),
    error: (...msg: unknown[]) => child.error(join(msg)),
    // Our level comes from LOG_LEVEL; the SDKs may not change it.
    setLevel: () => undefined,
    getLevel: () => fromPino(child.level),
    setName: () => undefined,
  };
}

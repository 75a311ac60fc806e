import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Paths pino blanks out wherever they appear in a log object. */
const REDACT = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'config.slack.botToken',
  'config.slack.appToken',
  'config.slack.signingSecret',
  'config.discord.token',
  'config.github.token',
];

/**
 * JSON logs to stderr, so stdout stays free for console alert cards and CLI output.
 * Secrets are redacted by path, and the composition root also scrubs their values
 * from messages ({@link createSecretScrubber}).
 */
export function createLogger(level: string, secrets: string[] = [], destination = 2): Logger {
  const scrub = createSecretScrubber(secrets);
  return pino(
    {
      level,
      base: { app: 'claude-outage-bot' },
      redact: { paths: REDACT, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<typeof method>);
        },
      },
      formatters: {
        log: (object) => JSON.parse(scrub(JSON.stringify(object))) as Record<string, unknown>,
      },
    },
    pino.destination({ fd: destination, sync: true }),
  );
}

/** Replaces every occurrence of a secret value with [redacted]. */
export function createSecretScrubber(secrets: string[]): (text: string) => string {
  const values = secrets.filter((s) => s.length >= 6);
  if (values.length === 0) return (text) => text;
  return (text) => values.reduce((acc, secret) => acc.split(secret).join('[redacted]'), text);
}

/** A logger that writes nothing, for tests and benchmarks. */
export const createSilentLogger = (): Logger => pino({ level: 'silent' });

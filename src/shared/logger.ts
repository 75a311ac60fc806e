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
      // Errors are serialised in the log formatter below; a second pass would relabel them.
      serializers: { err: (value: unknown) => value },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrub(arg) : arg)) as Parameters<typeof method>);
        },
      },
      formatters: {
        // This runs before pino's serializers, and JSON.stringify turns an Error into {}:
        // serialise errors here (message, stack, code, status) so no cause is lost.
        log: (object) => JSON.parse(scrub(JSON.stringify(object, serializeErrors))) as Record<string, unknown>,
      },
    },
    pino.destination({ fd: destination, sync: true }),
  );
}

const serializeErrors = (_key: string, value: unknown): unknown => (value instanceof Error ? pino.stdSerializers.err(value) : value);

/** Slack token shapes (bot, user, app-config, refresh): installed workspaces' tokens are in no env variable. */
const SLACK_TOKEN = /\bxox[abepr]-[A-Za-z0-9-]+/g;

/** Replaces every occurrence of a secret value, and anything shaped like a Slack token, with [redacted]. */
export function createSecretScrubber(secrets: string[]): (text: string) => string {
  const values = secrets.filter((s) => s.length >= 6);
  const shapes = (text: string) => text.replace(SLACK_TOKEN, '[redacted]');
  if (values.length === 0) return shapes;
  return (text) => shapes(values.reduce((acc, secret) => acc.split(secret).join('[redacted]'), text));
}

/** A logger that writes nothing, for tests and benchmarks. */
export const createSilentLogger = (): Logger => pino({ level: 'silent' });

import { isIP } from 'node:net';
import { z } from 'zod';

const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

const httpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), {
    message: 'must be an http(s) URL such as https://status.claude.com',
  });

const urlList = commaList.refine((urls) => urls.every((url) => /^https?:\/\//i.test(url) && URL.canParse(url)), {
  message: 'must be a comma-separated list of http(s) URLs',
});

const positiveInt = (fallback: number, max: number) =>
  z.coerce
    .number({ message: 'must be a whole number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(max, { message: `must be at most ${max}` })
    .default(fallback);

const optionalSecret = z.string().trim().default('');

/** The whole configuration table of DESIGN.md. Names are the environment variables. */
export const configSchema = z.object({
  STATUSPAGE_URL: httpUrl.default('https://status.claude.com'),
  STATUSPAGE_FALLBACK_URLS: urlList,
  POLL_INTERVAL_SECONDS: positiveInt(30, 86_400),
  /** Several pages: `claude,openai=https://status.openai.com|<fallback>` (see parse-status-pages.ts). */
  STATUS_PAGES: z.string().trim().default(''),
  /** Shared secret of the Statuspage webhooks (`POST /webhooks/statuspage/<page>`); empty = not mounted. */
  STATUSPAGE_WEBHOOK_SECRET: optionalSecret.refine((v) => v === '' || v.length >= 16, {
    message: 'must be at least 16 characters (e.g. `openssl rand -hex 24`)',
  }),
  GITHUB_API_URL: httpUrl.default('https://api.github.com'),
  GITHUB_TOKEN: optionalSecret,
  GITHUB_REPO: z
    .string()
    .trim()
    .regex(/^[\w.-]+\/[\w.-]+$/, { message: 'must be owner/name, e.g. anthropics/claude-code' })
    .default('anthropics/claude-code'),
  GITHUB_POLL_INTERVAL_SECONDS: positiveInt(120, 86_400),
  GITHUB_SEARCH_TERMS: commaList.refine((terms) => terms.length <= 6, {
    message: 'takes at most 6 comma-separated terms (GitHub search allows five ORs)',
  }),
  SPIKE_THRESHOLD: positiveInt(3, 10_000),
  SPIKE_WINDOW_MINUTES: positiveInt(30, 10_080),
  SLACK_BOT_TOKEN: optionalSecret.refine((v) => v === '' || v.startsWith('xoxb-'), {
    message: 'must be a bot token starting with xoxb- (Slack app → OAuth & Permissions)',
  }),
  SLACK_APP_TOKEN: optionalSecret.refine((v) => v === '' || v.startsWith('xapp-'), {
    message: 'must be an app-level token starting with xapp- (Slack app → Basic Information → App-Level Tokens, scope connections:write)',
  }),
  SLACK_SIGNING_SECRET: optionalSecret,
  /** Slack distribution ("Add to Slack" in any workspace): Basic Information → App Credentials. */
  SLACK_CLIENT_ID: z.string().trim().regex(/^([\d.]{5,40})?$/, { message: 'must be the Client ID (digits and a dot) from Slack app → Basic Information → App Credentials' }).default(''),
  SLACK_CLIENT_SECRET: optionalSecret,
  SLACK_STATE_SECRET: optionalSecret.refine((v) => v === '' || v.length >= 16, { message: 'must be at least 16 characters (e.g. `openssl rand -hex 24`)' }),
  /** The OAuth redirect URL, when the app lists several (else Slack uses the one configured). */
  SLACK_REDIRECT_URL: z.union([z.literal(''), httpUrl]).default(''),
  SLACK_API_URL: httpUrl.default('https://slack.com/api/'),
  SLACK_ALERT_CHANNELS: commaList,
  SLACK_ADMIN_USER_IDS: commaList,
  DISCORD_TOKEN: optionalSecret,
  DISCORD_APPLICATION_ID: z
    .string()
    .trim()
    .regex(/^(\d{5,25})?$/, { message: 'must be the numeric Application ID (Developer Portal → General Information)' })
    .default(''),
  DISCORD_API_URL: httpUrl.default('https://discord.com/api'),
  DISCORD_ALERT_CHANNELS: commaList,
  DISCORD_GUILD_ID: z
    .string()
    .trim()
    .regex(/^(\d{5,25})?$/, { message: 'must be a numeric server (guild) id' })
    .default(''),
  KNOWLEDGE_DIR: z.string().trim().default(''),
  DATABASE_PATH: z.string().trim().min(1).default('./data/claude-outage-bot.db'),
  /** postgres://user:password@host:5432/db: Postgres instead of the SQLite file (replicas share it). Empty = SQLite. */
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => v === '' || /^postgres(ql)?:\/\/[^/]/.test(v), { message: 'must be a postgres://user:password@host:5432/dbname URL (or empty for SQLite at DATABASE_PATH)' })
    .default(''),
  HTTP_PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int()
    .min(0, { message: 'must be a port from 1 to 65535, or 0 to pick a free port' })
    .max(65_535, { message: 'must be a port from 1 to 65535, or 0 to pick a free port' })
    .default(8080),
  HTTP_HOST: z
    .string()
    .trim()
    .refine((v) => isIP(v) !== 0 || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(v), {
      message: 'must be an interface address such as 127.0.0.1, 0.0.0.0 or ::',
    })
    .default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type RawConfig = z.infer<typeof configSchema>;

/** Variables that hold secrets: never logged, redacted everywhere. */
export const SECRET_VARIABLES = ['GITHUB_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'DISCORD_TOKEN', 'STATUSPAGE_WEBHOOK_SECRET', 'DATABASE_URL'] as const;

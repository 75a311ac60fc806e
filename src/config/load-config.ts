import { configSchema, type RawConfig } from './schema.js';
import { parseStatusPages, type StatusPageConfig } from './parse-status-pages.js';

/** The typed configuration passed down from the composition root. */
export interface Config {
  /** The claude page's settings (STATUSPAGE_URL...), as before several pages existed. */
  statuspage: { url: string; fallbackUrls: string[]; pollIntervalSeconds: number };
  /** Every watched page (STATUS_PAGES), the first one primary; default the claude page alone. */
  statusPages: StatusPageConfig[];
  /** STATUSPAGE_WEBHOOK_SECRET; null = no webhook route. */
  statuspageWebhookSecret: string | null;
  github: {
    apiUrl: string;
    token: string | null;
    repo: string;
    pollIntervalSeconds: number;
    /** Search terms; empty = the built-in API error terms. */
    searchTerms: string[];
    spikeThreshold: number;
    spikeWindowMinutes: number;
  };
  slack: {
    botToken: string | null;
    appToken: string | null;
    signingSecret: string | null;
    apiUrl: string;
    alertChannels: string[];
    adminUserIds: string[];
    /** socket when bot+app tokens are set, http when bot token (or OAuth) + signing secret, else off. */
    mode: 'socket' | 'http' | 'off';
    /** Distribution (SLACK_CLIENT_ID, _SECRET, SLACK_STATE_SECRET): workspaces install through /slack/install; null = one workspace. */
    oauth: { clientId: string; clientSecret: string; stateSecret: string; redirectUrl: string | null } | null;
  };
  discord: {
    token: string | null;
    applicationId: string | null;
    apiUrl: string;
    alertChannels: string[];
    guildId: string | null;
  };
  knowledgeDir: string | null;
  databasePath: string;
  /** DATABASE_URL: Postgres (shared by replicas); null = SQLite at databasePath. */
  databaseUrl: string | null;
  httpPort: number;
  /** Interface the HTTP server listens on (HTTP_HOST). */
  httpHost: string;
  logLevel: RawConfig['LOG_LEVEL'];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const orNull = (value: string): string | null => (value === '' ? null : value);

/**
 * Parses the environment once. Empty strings count as unset, so `FOO=` in .env
 * falls back to the default. Throws {@link ConfigError} naming each bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value;
  }
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? 'configuration');
        return `${variable}: ${issue.message} (got ${JSON.stringify(redactIfSecret(variable, input[variable]))})`;
      }),
    );
  }
  const c = parsed.data;
  const pages = parseStatusPages(c.STATUS_PAGES, { url: c.STATUSPAGE_URL, fallbackUrls: c.STATUSPAGE_FALLBACK_URLS, urlSet: input.STATUSPAGE_URL !== undefined });
  const problems = [...crossCheck(c), ...(pages.ok ? [] : pages.problems)];
  if (problems.length > 0 || !pages.ok) throw new ConfigError(problems);

  const oauth = c.SLACK_CLIENT_ID
    ? { clientId: c.SLACK_CLIENT_ID, clientSecret: c.SLACK_CLIENT_SECRET, stateSecret: c.SLACK_STATE_SECRET, redirectUrl: orNull(c.SLACK_REDIRECT_URL) }
    : null;
  // Distribution is HTTP mode: Slack sends every workspace's commands and events to /slack/events.
  const slackMode = oauth ? 'http' : c.SLACK_BOT_TOKEN && c.SLACK_APP_TOKEN ? 'socket' : c.SLACK_BOT_TOKEN && c.SLACK_SIGNING_SECRET ? 'http' : 'off';
  return {
    statuspage: { url: c.STATUSPAGE_URL, fallbackUrls: c.STATUSPAGE_FALLBACK_URLS, pollIntervalSeconds: c.POLL_INTERVAL_SECONDS },
    statusPages: pages.pages,
    statuspageWebhookSecret: orNull(c.STATUSPAGE_WEBHOOK_SECRET),
    github: {
      apiUrl: c.GITHUB_API_URL,
      token: orNull(c.GITHUB_TOKEN),
      repo: c.GITHUB_REPO,
      pollIntervalSeconds: c.GITHUB_POLL_INTERVAL_SECONDS,
      searchTerms: c.GITHUB_SEARCH_TERMS,
      spikeThreshold: c.SPIKE_THRESHOLD,
      spikeWindowMinutes: c.SPIKE_WINDOW_MINUTES,
    },
    slack: {
      botToken: orNull(c.SLACK_BOT_TOKEN),
      appToken: orNull(c.SLACK_APP_TOKEN),
      signingSecret: orNull(c.SLACK_SIGNING_SECRET),
      apiUrl: c.SLACK_API_URL.endsWith('/') ? c.SLACK_API_URL : `${c.SLACK_API_URL}/`,
      alertChannels: c.SLACK_ALERT_CHANNELS,
      adminUserIds: c.SLACK_ADMIN_USER_IDS,
      mode: slackMode,
      oauth,
    },
    discord: {
      token: orNull(c.DISCORD_TOKEN),
      applicationId: orNull(c.DISCORD_APPLICATION_ID),
      apiUrl: c.DISCORD_API_URL.replace(/\/+$/, ''),
      alertChannels: c.DISCORD_ALERT_CHANNELS,
      guildId: orNull(c.DISCORD_GUILD_ID),
    },
    knowledgeDir: orNull(c.KNOWLEDGE_DIR),
    databasePath: c.DATABASE_PATH,
    databaseUrl: orNull(c.DATABASE_URL),
    httpPort: c.HTTP_PORT,
    httpHost: c.HTTP_HOST,
    logLevel: c.LOG_LEVEL,
  };
}

function crossCheck(c: RawConfig): string[] {
  const problems: string[] = [];
  if (c.SLACK_APP_TOKEN && !c.SLACK_BOT_TOKEN) {
    problems.push('SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not: set the xoxb- bot token too (Slack app → OAuth & Permissions).');
  }
  const oauthSet = [c.SLACK_CLIENT_ID, c.SLACK_CLIENT_SECRET, c.SLACK_STATE_SECRET].filter(Boolean).length;
  if (oauthSet > 0 && oauthSet < 3) {
    problems.push('Slack distribution needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET (Slack app → Basic Information → App Credentials) and SLACK_STATE_SECRET (any random string, e.g. `openssl rand -hex 24`): set all three, or none.');
  }
  if (oauthSet === 3 && !c.SLACK_SIGNING_SECRET) {
    problems.push('Slack distribution runs in HTTP mode: set SLACK_SIGNING_SECRET (Slack app → Basic Information → Signing Secret). Socket Mode serves one workspace: see README "Slack: many workspaces".');
  }
  if (oauthSet === 3 && c.SLACK_APP_TOKEN) {
    problems.push('SLACK_APP_TOKEN (Socket Mode) and SLACK_CLIENT_ID (distribution, HTTP mode) are both set: unset SLACK_APP_TOKEN to serve many workspaces, or the SLACK_CLIENT_* variables to stay in Socket Mode.');
  }
  if (c.SLACK_SIGNING_SECRET && !c.SLACK_BOT_TOKEN && oauthSet === 0) {
    problems.push('SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not: HTTP mode needs the xoxb- bot token too (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to serve many workspaces).');
  }
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is: set one.');
  }
  if (c.DISCORD_TOKEN && !c.DISCORD_APPLICATION_ID) {
    problems.push('DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is not: copy it from Developer Portal → General Information.');
  }
  return problems;
}

const SECRET = /TOKEN|SECRET|DATABASE_URL/;
function redactIfSecret(variable: string, value: string | undefined): string | undefined {
  if (value === undefined || !SECRET.test(variable)) return value;
  return value.length <= 8 ? '***' : `${value.slice(0, 5)}…(${value.length} chars)`;
}

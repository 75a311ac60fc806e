import { App, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../../config/load-config.js';
import type { AdapterHealth, ChatAdapter, ChatAdapterFactory } from '../chat-adapter.js';
import { createAdminCheck, type AdminCheck } from './admin-check.js';
import { checkSlackMention } from './check-slack-mention.js';
import { baseClientOptions, createSlackClients } from './slack-clients.js';
import { createSlackLogger } from './slack-logger.js';
import { createSlackPlatform } from './slack-platform.js';
import { SignedHttpReceiver } from './signed-http-receiver.js';
import { registerSlashCommands } from './slash-commands.js';
import { createSlackDistribution } from './slack-distribution.js';
import { registerWorkspaceEvents } from './workspace-events.js';
import { explainSocketStartError, SlackStartError, verifyAppToken, verifyBotToken } from './verify-tokens.js';

/** Where Slack sends slash commands in HTTP mode (the Request URL in the app's settings). */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAdapterOptions {
  /** Per-request timeout of Web API calls (tests shorten it). */
  timeoutMs?: number;
  /** How long a users.info admin answer is cached. */
  adminCacheMs?: number;
  /** The HTTP receiver's clock, in ms (tests sign requests from the past and the future). */
  now?: () => number;
}

type SlackConfig = Config['slack'];

/**
 * Slack for the bot: the outbox platform (cards, edits, thread replies) and the
 * slash commands, over Socket Mode (bot + app token; no public URL) or HTTP
 * (bot token + signing secret; `/slack/events` on the bot's HTTP server). With
 * SLACK_CLIENT_ID (distribution, HTTP mode) it also serves `/slack/install` and
 * `/slack/oauth_redirect`, and every token comes from the installation store.
 * @see https://docs.slack.dev/apis/events-api/using-socket-mode
 * @see https://docs.slack.dev/tools/bolt-js/concepts/receiver
 */
export function createSlackAdapterFactory(config: SlackConfig, options: SlackAdapterOptions = {}): ChatAdapterFactory {
  return (context) => {
    const { botToken, appToken, signingSecret, apiUrl } = config;
    if ((!botToken && !config.oauth) || config.mode === 'off') throw new SlackStartError('slack_not_configured', 'Slack is not configured: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN.');
    if (config.oauth && !context.slackWorkspaces) throw new SlackStartError('slack_not_configured', 'Slack distribution needs the installation store (startBot passes it).');
    const logger = context.logger.child({ platform: 'slack' });
    const sdkLogger = createSlackLogger(logger);
    // One workspace: one token, no store. Distribution: every lookup goes through the installation store.
    const clients = botToken ? createSlackClients({ botToken, apiUrl, logger: sdkLogger, timeoutMs: options.timeoutMs }) : null;
    const distribution =
      config.oauth && context.slackWorkspaces
        ? createSlackDistribution({ oauth: config.oauth, apiUrl, workspaces: context.slackWorkspaces, subscriptions: context.subscriptions, clock: context.clock, logger, sdkLogger, timeoutMs: options.timeoutMs })
        : null;
    const platform = distribution ? createSlackPlatform({ workspaces: distribution.directory, logger }) : createSlackPlatform({ clients: clients!, logger });
    const adminCheck = createAdminCheck({ client: clients?.quick, adminUserIds: config.adminUserIds, clock: context.clock, logger, ttlMs: options.adminCacheMs });
    // Distribution: users.info through that workspace's quick client (one try, 2 s), so the 3-second ack holds.
    const isAdmin: AdminCheck = async (userId, via) => {
      const route = distribution && via ? await distribution.directory.forTeam(via.teamId) : null;
      return adminCheck(userId, route && via ? { teamId: via.teamId, client: route.clients.quick } : via);
    };
    let app: App | null = null;
    // HTTP mode: our receiver verifies (signature, window both ways, replays, body cap) before Bolt sees a byte.
    const httpReceiver = config.mode === 'http' ? new SignedHttpReceiver({ signingSecret: signingSecret ?? '', logger, now: options.now }) : null;
    // Socket Mode: kept current by the socket client's own events; HTTP mode: up once started.
    let connection: AdapterHealth = { connected: false, detail: 'not started' };
    const setConnection = (connected: boolean, detail: string) => {
      if (connection.connected && !connected) logger.warn({ detail }, 'Slack connection lost; alerts wait in the outbox until it is back');
      if (!connection.connected && connected && connection.detail !== 'not started') logger.info({ detail }, 'Slack connection back');
      connection = { connected, detail };
    };

    const adapter: ChatAdapter = {
      platform,
      alertChannels: config.alertChannels,
      routes: httpReceiver ? { [SLACK_EVENTS_PATH]: httpReceiver.handle, ...distribution?.routes } : undefined,
      health: () => connection,
      async checkMention(request, wanted) {
        const route = distribution ? await distribution.directory.forTeam(request.workspaceId) : null;
        const client = route?.clients.calls ?? clients?.calls;
        if (!client) return { ok: false, problem: 'This workspace has not installed the bot: install it again through /slack/install.' };
        return checkSlackMention(client, wanted);
      },

      async start() {
        const identity = clients ? await verifyBotToken(clients.calls, apiUrl, { logger: sdkLogger }) : null;
        if (distribution && clients && botToken && identity) {
          distribution.setHome({ clients, teamId: identity.teamId ?? null, token: botToken, botId: identity.botId, botUserId: identity.botUserId });
        }
        let receiver: SignedHttpReceiver | SocketModeReceiver;
        if (config.mode === 'socket' && appToken) {
          await verifyAppToken(appToken, apiUrl, sdkLogger);
          // Without retryConfig here, Socket Mode keeps its own long reconnect policy.
          const { retryConfig: _unused, ...socketClientOptions } = baseClientOptions(apiUrl, sdkLogger);
          receiver = new SocketModeReceiver({ appToken, logger: sdkLogger, installerOptions: { clientOptions: { ...socketClientOptions, rejectRateLimitedCalls: false } } });
        } else if (httpReceiver) {
          receiver = httpReceiver;
        } else {
          throw new SlackStartError('slack_not_configured', 'Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode).');
        }
        // The ids from auth.test spare Bolt its own auth.test on every command.
        const clientOptions = baseClientOptions(apiUrl, sdkLogger, options.timeoutMs);
        app = distribution
          ? new App({ authorize: distribution.authorize, receiver, logger: sdkLogger, clientOptions })
          : new App({ token: botToken ?? undefined, botId: identity?.botId, botUserId: identity?.botUserId, receiver, logger: sdkLogger, clientOptions });
        app.error(async (error) => {
          logger.error({ err: error.message, code: error.code }, 'Slack request handling failed');
        });
        registerSlashCommands(app, { commands: context.commands, isAdmin, logger, multiWorkspace: distribution !== null });
        if (distribution) registerWorkspaceEvents(app, (teamId, reason) => distribution.directory.remove(teamId, reason));
        if (receiver instanceof SocketModeReceiver) {
          const socket = receiver.client;
          const at = () => context.clock.now().toISOString();
          socket.on('connected', () => setConnection(true, 'Socket Mode connected'));
          // 'close' comes at once when the socket drops; 'reconnecting' only after the client's back-off.
          socket.on('close', () => setConnection(false, `Socket Mode connection lost at ${at()}; reconnecting`));
          socket.on('reconnecting', () => setConnection(false, `Socket Mode reconnecting since ${at()}`));
          socket.on('disconnected', () => setConnection(false, `Socket Mode disconnected since ${at()}`));
        }
        try {
          await app.start();
        } catch (error) {
          throw explainSocketStartError(error, apiUrl);
        }
        setConnection(true, receiver instanceof SocketModeReceiver ? 'Socket Mode connected' : `HTTP mode: commands arrive at ${SLACK_EVENTS_PATH}`);
        const installed = distribution ? context.slackWorkspaces?.installations.count() : undefined;
        logger.info({ mode: config.mode, team: identity?.team, installedWorkspaces: installed, alertChannels: config.alertChannels.length }, 'Slack connected');
      },

      async stop() {
        const running = app;
        app = null;
        connection = { connected: false, detail: 'stopped' };
        await running?.stop();
      },
    };
    return adapter;
  };
}

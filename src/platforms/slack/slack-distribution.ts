import type { AuthorizeResult, AuthorizeSourceData, Logger as SlackLogger } from '@slack/bolt';
import { InstallProvider } from '@slack/oauth';
import type { Config } from '../../config/load-config.js';
import type { RouteHandler } from '../../http/create-http-server.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { ChatAdapterContext } from '../chat-adapter.js';
import { SLACK_BOT_SCOPES } from './check-slack.js';
import { createInstallationStore } from './installation-store.js';
import { createOAuthRoutes } from './oauth-routes.js';
import { createSlackClients, type SlackClients } from './slack-clients.js';
import { createWorkspaceDirectory, WORKSPACE_GONE_REASONS, type HomeWorkspace, type WorkspaceDirectory } from './workspace-directory.js';

const isSlashCommand = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && typeof (body as { command?: unknown }).command === 'string' && typeof (body as { trigger_id?: unknown }).trigger_id === 'string';

/** The SLACK_BOT_TOKEN workspace once auth.test named it. */
export interface HomeBot extends HomeWorkspace {
  token: string;
  botId: string | undefined;
  botUserId: string | undefined;
}

export interface SlackDistribution {
  routes: Record<string, RouteHandler>;
  directory: WorkspaceDirectory;
  /**
   * Bolt's `authorize`: the installation store first, then the SLACK_BOT_TOKEN workspace.
   * A slash command from a workspace with neither gets no token (the command answers how to
   * reinstall); anything else from it is refused.
   */
  authorize(source: AuthorizeSourceData<boolean>, body?: unknown): Promise<AuthorizeResult>;
  setHome(home: HomeBot | null): void;
}

export interface SlackDistributionOptions {
  oauth: NonNullable<Config['slack']['oauth']>;
  apiUrl: string;
  workspaces: NonNullable<ChatAdapterContext['slackWorkspaces']>;
  subscriptions: ChatAdapterContext['subscriptions'];
  clock: Clock;
  logger: Logger;
  sdkLogger: SlackLogger;
  timeoutMs?: number;
}

/**
 * Slack for many workspaces: Bolt's `InstallProvider` over our installation store serves
 * the install and redirect routes and every token lookup (commands, events, outbox).
 * @see https://docs.slack.dev/tools/bolt-js/concepts/authenticating-oauth
 */
export function createSlackDistribution(options: SlackDistributionOptions): SlackDistribution {
  const { oauth, apiUrl, sdkLogger } = options;
  const installer = new InstallProvider({
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    installationStore: createInstallationStore(options.workspaces.installations, options.clock),
    installUrlOptions: { scopes: [...SLACK_BOT_SCOPES], redirectUri: oauth.redirectUrl ?? undefined },
    logger: sdkLogger,
    clientOptions: { slackApiUrl: apiUrl, timeout: options.timeoutMs ?? 10_000 },
  });
  let home: HomeBot | null = null;
  const makeClients = (token: string): SlackClients => createSlackClients({ botToken: token, apiUrl, logger: sdkLogger, timeoutMs: options.timeoutMs });
  const directory = createWorkspaceDirectory({
    installer,
    subscriptions: options.subscriptions,
    home: () => home,
    makeClients,
    remove: options.workspaces.remove,
    logger: options.logger,
  });
  return {
    routes: createOAuthRoutes(installer, options.logger, (teamId) => options.workspaces.restore(teamId, WORKSPACE_GONE_REASONS)),
    directory,
    async authorize(source, body) {
      try {
        return await installer.authorize(source);
      } catch (error) {
        if (home && (!source.teamId || !home.teamId || source.teamId === home.teamId)) {
          return { botToken: home.token, botId: home.botId, botUserId: home.botUserId, teamId: home.teamId ?? source.teamId };
        }
        if (isSlashCommand(body)) return { teamId: source.teamId };
        throw error;
      }
    },
    setHome: (next) => void (home = next),
  };
}

import type { InstallProvider } from '@slack/oauth';
import type { Logger } from '../../shared/logger.js';
import type { SubscriptionsTable } from '../../store/subscriptions-table.js';
import { DeliveryError } from '../platform.js';
import type { SlackClients } from './slack-clients.js';

/** Which clients a call about one channel or team goes through, and whose token they carry. */
export interface SlackRoute {
  clients: SlackClients;
  /** The workspace, when known (an installed one, or the SLACK_BOT_TOKEN workspace once auth.test named it). */
  teamId: string | null;
  /** True when the token came from an installation (then a refused token removes that workspace only). */
  installed: boolean;
}

/** The SLACK_BOT_TOKEN workspace, served next to the installed ones (channels subscribed before distribution). */
export interface HomeWorkspace {
  clients: SlackClients;
  teamId: string | null;
}

export interface WorkspaceDirectoryOptions {
  installer: InstallProvider;
  subscriptions: Pick<SubscriptionsTable, 'find'>;
  home: () => HomeWorkspace | null;
  makeClients: (token: string) => SlackClients;
  /** Deletes the installation and disables its channels (store.removeWorkspace); returns how many. */
  remove: (teamId: string, reason: string) => number;
  logger: Logger;
}

export interface WorkspaceDirectory {
  /** The clients for a team's calls (slash command lookups); null when the team is unknown. */
  forTeam(teamId: string | undefined): Promise<SlackRoute | null>;
  /** The clients for an outbox delivery to a channel; throws a DeliveryError when no token can serve it. */
  forChannel(channelId: string): Promise<SlackRoute>;
  /** A workspace went away (event or refused token): its installation and channels go. */
  remove(teamId: string, reason: string): number;
  /** What the outbox does with a failure: an auth failure of one workspace never halts the others. */
  scope(error: DeliveryError, route: SlackRoute): DeliveryError;
}

/** Slack's answers that mean the workspace's token is gone for good (uninstalled, revoked, deactivated). */
const TOKEN_GONE = new Set(['slack_invalid_auth', 'slack_account_inactive', 'slack_token_revoked']);

/** Every reason a whole workspace is removed for: a reinstall resumes the channels stopped for one of these. */
export const WORKSPACE_GONE_REASONS: readonly string[] = ['slack_app_uninstalled', 'slack_tokens_revoked', ...TOKEN_GONE];

/**
 * Every token lookup of the distribution mode: installed workspaces through Bolt's
 * `InstallProvider.authorize` (our installation store, token rotation included), the
 * SLACK_BOT_TOKEN workspace, if any, for its own team and for channels that carry no
 * workspace. A WebClient triple is kept per token, so a reinstall (new token) gets new ones.
 */
export function createWorkspaceDirectory(options: WorkspaceDirectoryOptions): WorkspaceDirectory {
  const { installer, logger } = options;
  const byToken = new Map<string, SlackClients>();
  const clientsOf = (token: string): SlackClients => {
    let clients = byToken.get(token);
    if (!clients) byToken.set(token, (clients = options.makeClients(token)));
    return clients;
  };
  const forgetTeam = new Map<string, string>();

  const installed = async (teamId: string): Promise<SlackRoute | null> => {
    try {
      const auth = await installer.authorize({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
      if (!auth.botToken) return null;
      // A reinstall or a rotation brings a new token: the old one's clients go.
      const previous = forgetTeam.get(teamId);
      if (previous !== undefined && previous !== auth.botToken) byToken.delete(previous);
      forgetTeam.set(teamId, auth.botToken);
      return { clients: clientsOf(auth.botToken), teamId, installed: true };
    } catch {
      return null;
    }
  };

  const homeFor = (teamId: string | null | undefined): SlackRoute | null => {
    const home = options.home();
    if (!home) return null;
    if (teamId && home.teamId && teamId !== home.teamId) return null;
    return { clients: home.clients, teamId: home.teamId, installed: false };
  };

  return {
    async forTeam(teamId) {
      return (teamId ? await installed(teamId) : null) ?? homeFor(teamId);
    },

    async forChannel(channelId) {
      const workspaceId = options.subscriptions.find('slack', channelId)?.workspaceId ?? null;
      const route = (workspaceId ? await installed(workspaceId) : null) ?? homeFor(workspaceId);
      if (route) return route;
      if (!workspaceId) {
        throw new DeliveryError('slack_workspace_unknown', 'disable_subscription', 'the channel has no workspace on record: run /claude-subscribe in it again (or set SLACK_BOT_TOKEN for its workspace)');
      }
      throw new DeliveryError('slack_workspace_not_installed', 'disable_subscription', `workspace ${workspaceId} has not installed the bot (or uninstalled it): reinstall it through /slack/install and its channels resume`);
    },

    remove(teamId, reason) {
      const token = forgetTeam.get(teamId);
      if (token) byToken.delete(token);
      forgetTeam.delete(teamId);
      const disabled = options.remove(teamId, reason);
      logger.warn({ teamId, reason, disabledChannels: disabled }, 'Slack workspace removed: its alerts stop until it installs the bot again');
      return disabled;
    },

    scope(error, route) {
      if (error.action !== 'halt_platform') return error;
      if (route.installed && route.teamId && TOKEN_GONE.has(error.code)) {
        this.remove(route.teamId, error.code);
        return new DeliveryError(error.code, 'disable_subscription', `Slack refused workspace ${route.teamId}'s token (${error.code.slice(6)}): the workspace was removed; reinstall through /slack/install`, null, { cause: error });
      }
      // One workspace's scope or token problem stops that channel, never the other workspaces.
      return new DeliveryError(error.code, 'disable_subscription', error.message, null, { cause: error });
    },
  };
}

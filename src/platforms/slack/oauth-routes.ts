import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, type CodedError, type InstallProvider } from '@slack/oauth';
import type { RouteHandler } from '../../http/create-http-server.js';
import type { Logger } from '../../shared/logger.js';

/** "Add to Slack" starts here (the app's install link). */
export const SLACK_INSTALL_PATH = '/slack/install';
/** Slack sends the installer back here with a code (the Redirect URL in OAuth & Permissions). */
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';

const html = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>${html(title)}</title></head><body><h1>${html(title)}</h1><p>${html(text)}</p></body></html>`;
  // The state cookie header InstallProvider set (its deletion) is kept.
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
}

/** Why an install failed, in words the person installing can act on. */
function explainFailure(error: CodedError): { status: number; text: string } {
  const again = `Start again from ${SLACK_INSTALL_PATH} in this browser.`;
  switch (error.code) {
    case ErrorCode.MissingStateError:
    case ErrorCode.InvalidStateError:
      return { status: 400, text: `This install link is not valid for this browser session (missing, forged or expired state: links last 10 minutes). Nothing was installed. ${again}` };
    case ErrorCode.MissingCodeError:
      return { status: 400, text: `Slack did not send an authorization code. Nothing was installed. ${again}` };
    case ErrorCode.AuthorizationError:
      return { status: 400, text: `The installation was cancelled in Slack. Nothing was installed. ${again}` };
    default: {
      const slack = (error as { data?: { error?: unknown } }).data?.error;
      const why = typeof slack === 'string' ? `Slack refused the installation (${slack})` : 'The installation could not be completed';
      return { status: typeof slack === 'string' ? 400 : 500, text: `${why}. Nothing was installed. ${again} If it keeps failing, check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET.` };
    }
  }
}

const onlyGet = (req: IncomingMessage, res: ServerResponse): boolean => {
  if (req.method === 'GET') return true;
  res.writeHead(405, { allow: 'GET' }).end();
  return false;
};

/**
 * `/slack/install` and `/slack/oauth_redirect`, served by Bolt's `InstallProvider`: the
 * state is signed with SLACK_STATE_SECRET and tied to the browser by a cookie, the code
 * is exchanged with `oauth.v2.access`, and the installation goes to our store. Org-wide
 * (Enterprise Grid) installs are refused: the bot keeps one installation per workspace.
 * `resume` runs once the installation is stored: a workspace coming back gets its stopped
 * channels back (it returns how many).
 * @see https://docs.slack.dev/authentication/installing-with-oauth
 */
export function createOAuthRoutes(installer: InstallProvider, logger: Logger, resume: (teamId: string) => number = () => 0): Record<string, RouteHandler> {
  return {
    [SLACK_INSTALL_PATH]: async (req, res) => {
      if (!onlyGet(req, res)) return;
      try {
        await installer.handleInstallPath(req, res);
      } catch (error) {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'Slack install page failed');
        if (!res.headersSent) page(res, 500, 'Install failed', 'The install link could not be made. Check the bot\'s log.');
      }
    },
    [SLACK_REDIRECT_PATH]: async (req, res) => {
      if (!onlyGet(req, res)) return;
      await installer.handleCallback(req, res, {
        afterInstallation: async (installation, _options, _req, response) => {
          if (installation.isEnterpriseInstall || !installation.team?.id) {
            page(response, 400, 'Not installed', 'Org-wide installation is not supported: install the bot in each workspace from its own "Add to Slack" link.');
            return false;
          }
          return true;
        },
        success: (installation, _options, _req, response) => {
          const team = installation.team?.name ?? installation.team?.id ?? 'your workspace';
          // afterInstallation refused every install without a team id.
          const resumed = installation.team?.id ? resume(installation.team.id) : 0;
          logger.info({ teamId: installation.team?.id, team: installation.team?.name, resumedChannels: resumed }, 'Slack workspace installed the bot');
          const next =
            resumed > 0
              ? `${resumed === 1 ? 'The channel' : `The ${resumed} channels`} that had alerts before it was removed ${resumed === 1 ? 'gets' : 'get'} them again, with the same settings.`
              : 'Invite it to a channel (/invite @claude-outage-bot), then run /claude-subscribe there.';
          page(response, 200, 'Installed', `Claude Outage Bot is installed in ${team}. ${next}`);
        },
        failure: (error, _options, _req, response) => {
          const { status, text } = explainFailure(error);
          logger.warn({ code: error.code, status }, 'Slack installation refused');
          page(response, status, 'Not installed', text);
        },
      });
    },
  };
}

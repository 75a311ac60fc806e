import type { Config } from '../../config/load-config.js';
import { describeFetchError, fail, ok, readJson, timedFetch, type DoctorContext, type DoctorResult } from '../../shared/doctor-result.js';

/** The bot scopes slack-app-manifest.yml asks for (a test keeps the two equal). */
export const SLACK_BOT_SCOPES = ['commands', 'chat:write', 'channels:history', 'groups:history', 'users:read', 'files:write', 'usergroups:read'] as const;

const BOT_FIX = 'Copy the "Bot User OAuth Token" (xoxb-…) from your Slack app → OAuth & Permissions (install the app first), and set SLACK_BOT_TOKEN to it.';
const APP_FIX = 'Create an app-level token with connections:write (Slack app → Basic Information → App-Level Tokens), set SLACK_APP_TOKEN to it, and turn on Socket Mode.';
const REACH_FIX = 'Check SLACK_API_URL and the network from this host (DNS, proxy, firewall).';

/** A Web API call the way Slack takes it: form-encoded POST, token as a Bearer header. */
async function call(method: string, token: string, config: Config['slack'], ctx: DoctorContext) {
  const { response, ms } = await timedFetch(ctx, `${config.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { body: await readJson(response), scopes: response.headers.get('x-oauth-scopes'), status: response.status, ms };
}

const describe = (answer: { body: Record<string, unknown> | null; status: number }): string =>
  typeof answer.body?.error === 'string' ? answer.body.error : `HTTP ${answer.status}${answer.body ? '' : ', not JSON'}`;

/**
 * Slack for `doctor`: `auth.test` with the bot token (team, bot user, and the granted
 * scopes from `x-oauth-scopes` against the manifest's), then in Socket Mode
 * `apps.connections.open` with the app token.
 * @see https://docs.slack.dev/reference/methods/auth.test
 * @see https://docs.slack.dev/reference/methods/apps.connections.open
 */
export async function checkSlack(config: Config['slack'], ctx: DoctorContext): Promise<DoctorResult[]> {
  if (!config.botToken) return [];
  const results: DoctorResult[] = [];
  try {
    const auth = await call('auth.test', config.botToken, config, ctx);
    if (auth.body?.ok !== true) return [fail('slack', `Slack refused SLACK_BOT_TOKEN (${describe(auth)})`, BOT_FIX)];
    results.push(ok('slack', `bot token accepted: team "${String(auth.body.team)}", bot user ${String(auth.body.user)} (${String(auth.body.user_id)}), ${auth.ms} ms`));
    if (auth.scopes === null) {
      results.push(fail('slack scopes', 'Slack did not say which scopes the token has (no x-oauth-scopes header)', 'Check that SLACK_API_URL points at Slack itself, not a proxy that drops headers.'));
    } else {
      const granted = new Set(auth.scopes.split(',').map((s) => s.trim()));
      const missing = SLACK_BOT_SCOPES.filter((s) => !granted.has(s));
      results.push(
        missing.length === 0
          ? ok('slack scopes', `all ${SLACK_BOT_SCOPES.length} scopes the manifest needs are granted`)
          : fail('slack scopes', `missing ${missing.join(', ')}`, 'Add them under OAuth & Permissions → Bot Token Scopes (see slack-app-manifest.yml), then reinstall the app to the workspace.'),
      );
    }
  } catch (error) {
    return [fail('slack', `${config.apiUrl}auth.test: ${describeFetchError(error, ctx.timeoutMs)}`, REACH_FIX)];
  }
  if (config.mode === 'socket' && config.appToken) {
    try {
      const open = await call('apps.connections.open', config.appToken, config, ctx);
      results.push(open.body?.ok === true ? ok('slack socket', `app token accepted, Socket Mode URL issued (${open.ms} ms)`) : fail('slack socket', `Slack refused SLACK_APP_TOKEN (${describe(open)})`, APP_FIX));
    } catch (error) {
      results.push(fail('slack socket', `${config.apiUrl}apps.connections.open: ${describeFetchError(error, ctx.timeoutMs)}`, REACH_FIX));
    }
  } else if (config.mode === 'http') {
    results.push(ok('slack http', 'HTTP mode: signing secret set (Slack checks it on each request; the Request URL must be https://<your-host>/slack/events)'));
  }
  return results;
}

import type { Config } from '../../config/load-config.js';
import { describeFetchError, fail, ok, readJson, timedFetch, warn, type DoctorContext, type DoctorResult } from '../../shared/doctor-result.js';
import type { StoredInstallation } from '../../store/slack-installations-table.js';
import { readInstalledBot } from './installation-store.js';

const NAME = 'slack installs';
const INSTALL_FIX = 'Open https://<your-host>/slack/install in a browser and add the bot to a workspace (README "Slack: many workspaces").';

/**
 * Distribution for `doctor`: how many workspaces installed the bot, and `auth.test` with
 * each one's token. A refused token is named by workspace, never shown.
 * @see https://docs.slack.dev/reference/methods/auth.test
 */
export async function checkSlackInstallations(rows: StoredInstallation[] | null, config: Config['slack'], ctx: DoctorContext): Promise<DoctorResult> {
  if (rows === null || rows.length === 0) return warn(NAME, 'no workspace has installed the bot yet', INSTALL_FIX);
  const refused: string[] = [];
  for (const row of rows) {
    const bot = readInstalledBot(row.teamId, row.installation);
    const name = `${row.teamName ?? row.teamId} (${row.teamId})`;
    if (!bot) {
      refused.push(`${name}: no bot token stored`);
      continue;
    }
    try {
      const { response } = await timedFetch(ctx, `${config.apiUrl}auth.test`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bot.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      });
      const body = await readJson(response);
      if (body?.ok !== true) refused.push(`${name}: ${typeof body?.error === 'string' ? body.error : `HTTP ${response.status}`}`);
    } catch (error) {
      return fail(NAME, `${config.apiUrl}auth.test: ${describeFetchError(error, ctx.timeoutMs)}`, 'Check SLACK_API_URL and the network from this host (DNS, proxy, firewall).');
    }
  }
  const count = `${rows.length} workspace${rows.length === 1 ? '' : 's'} installed`;
  if (refused.length === 0) return ok(NAME, `${count}, every token accepted by auth.test`);
  return fail(
    NAME,
    `${count}, ${refused.length} token${refused.length === 1 ? '' : 's'} refused: ${refused.join('; ')}`,
    'Those workspaces must install the bot again through /slack/install; the bot removes each one at its next delivery there (or on its app_uninstalled event).',
  );
}

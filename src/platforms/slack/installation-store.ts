import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Clock } from '../../shared/clock.js';
import type { SlackInstallationsTable } from '../../store/slack-installations-table.js';

/** What the outbox and the command side need of one installation. */
export interface InstalledBot {
  teamId: string;
  token: string;
  botId: string | undefined;
  botUserId: string | undefined;
}

/** A stored installation's bot, or null when the row holds none (an install without the bot scope). */
export function readInstalledBot(teamId: string, json: string): InstalledBot | null {
  const installation = JSON.parse(json) as Partial<Installation>;
  const bot = installation.bot;
  return bot?.token ? { teamId, token: bot.token, botId: bot.id, botUserId: bot.userId } : null;
}

/**
 * Bolt's installation store over our `slack_installations` table: `InstallProvider`
 * writes through it after `oauth.v2.access`, and its `authorize` reads through it for
 * every event and command. One row per workspace; org-wide installs are refused
 * before they get here (see the OAuth routes).
 * @see https://docs.slack.dev/tools/bolt-js/concepts/authenticating-oauth#installation-store
 */
export function createInstallationStore(table: SlackInstallationsTable, clock: Clock): InstallationStore {
  const teamOf = (query: InstallationQuery<boolean>): string => {
    if (!query.teamId) throw new Error('org-wide installations are not supported: install the bot in each workspace');
    return query.teamId;
  };
  return {
    async storeInstallation(installation) {
      const teamId = installation.team?.id;
      if (!teamId) throw new Error('org-wide installations are not supported: install the bot in each workspace');
      table.save(
        { teamId, enterpriseId: installation.enterprise?.id ?? null, teamName: installation.team?.name ?? null, installation: JSON.stringify(installation) },
        clock.now().toISOString(),
      );
    },
    async fetchInstallation(query) {
      const teamId = teamOf(query);
      const row = table.get(teamId);
      // The message names the team only: it reaches Bolt's log, and a token never may.
      if (!row) throw new Error(`workspace ${teamId} has not installed the bot (or uninstalled it)`);
      return JSON.parse(row.installation) as Installation;
    },
    async deleteInstallation(query) {
      table.remove(teamOf(query));
    },
  };
}

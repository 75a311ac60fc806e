import type { App } from '@slack/bolt';

/** What an uninstall or a revocation does: the workspace's installation and alerts go (idempotent). */
export type RemoveWorkspace = (teamId: string, reason: string) => number;

/**
 * `app_uninstalled` and `tokens_revoked` (Events API, signed like every request): the
 * workspace is removed and its channels stop. Bolt skips `authorize` for these two, as
 * the token is already dead. A revocation of user tokens only leaves the bot alone
 * (the bot holds none).
 * @see https://docs.slack.dev/reference/events/app_uninstalled
 * @see https://docs.slack.dev/reference/events/tokens_revoked
 */
export function registerWorkspaceEvents(app: App, remove: RemoveWorkspace): void {
  app.event('app_uninstalled', async ({ body }) => {
    if (body.team_id) remove(body.team_id, 'slack_app_uninstalled');
  });
  app.event('tokens_revoked', async ({ body, event }) => {
    const bots = event.tokens.bot ?? [];
    if (body.team_id && bots.length > 0) remove(body.team_id, 'slack_tokens_revoked');
  });
}

import type { App } from '@slack/bolt';
import type { Commands } from '../../commands/create-commands.js';
import type { CommandName, CommandRequest } from '../../commands/reply.js';
import type { Logger } from '../../shared/logger.js';
import type { AdminCheck } from './admin-check.js';
import { renderReply } from './render-reply.js';
import { uploadReplyImage } from './upload-reply-image.js';

/** Slack command → neutral command. The names match slack-app-manifest.yml. */
export const SLASH_COMMANDS: Record<string, CommandName> = {
  '/claude-status': 'status',
  '/claude-fix': 'fix',
  '/claude-subscribe': 'subscribe',
  '/claude-unsubscribe': 'unsubscribe',
  '/claude-incidents': 'incidents',
};

/** What a command from a workspace the bot is not installed in answers. */
export const NOT_INSTALLED = 'Claude Outage Bot is not installed in this workspace any more (it was uninstalled or its token was revoked). An admin can add it again from the bot\'s /slack/install page, then run /claude-subscribe in the channels.';

/** Only these commands look at `isAdmin`; the others never wait on users.info. */
const NEEDS_ADMIN = new Set<CommandName>(['subscribe', 'unsubscribe']);

export interface SlashCommandOptions {
  commands: Commands;
  isAdmin: AdminCheck;
  logger: Logger;
  /** Distribution: the request carries its workspace, and users.info goes through that workspace's token. */
  multiWorkspace?: boolean;
}

/**
 * Answers each slash command in its ack: the handlers read the store only, so the
 * reply is ready well inside Slack's 3-second limit and needs no `response_url`. A
 * chart is drawn only after the ack, and only for a shared answer.
 * @see https://docs.slack.dev/interactivity/implementing-slash-commands#responding_to_commands
 * @see https://docs.slack.dev/tools/bolt-js/concepts/commands
 */
export function registerSlashCommands(app: App, options: SlashCommandOptions): void {
  for (const [slash, command] of Object.entries(SLASH_COMMANDS)) {
    app.command(slash, async ({ command: body, ack, client, respond, context }) => {
      const started = Date.now();
      const team = options.multiWorkspace ? body.team_id : undefined;
      // Distribution: a signed command from a workspace with no installation (uninstalled, or removed after a refused token).
      if (team && !context.botToken) {
        await ack({ response_type: 'ephemeral', text: NOT_INSTALLED });
        return;
      }
      const request: CommandRequest = {
        command,
        text: body.text ?? '',
        platform: 'slack',
        userId: body.user_id,
        channelId: body.channel_id,
        isAdmin: NEEDS_ADMIN.has(command) ? await options.isAdmin(body.user_id, team ? { teamId: team, client } : undefined) : false,
        ...(team ? { workspaceId: team } : {}),
      };
      const reply = await options.commands.run(request);
      await ack(renderReply(reply));
      // An ephemeral answer cannot carry an uploaded file; a shared one gets the chart below it.
      if (reply.image && reply.visibility === 'in_channel') {
        const problem = await uploadReplyImage(client, body.channel_id, reply.image, options.logger);
        if (problem) await respond({ response_type: 'ephemeral', text: problem }).catch(() => undefined);
      }
      options.logger.debug({ command, channelId: body.channel_id, ms: Date.now() - started }, 'slash command answered');
    });
  }
}

import { MessageFlags, type ChatInputCommandInteraction, type InteractionReplyOptions } from 'discord.js';
import type { Commands } from '../../commands/create-commands.js';
import type { CommandRequest } from '../../commands/reply.js';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { toCommandRequest } from './command-request.js';
import { renderReply, type DiscordReply } from './render-reply.js';

export interface InteractionHandlerOptions {
  commands: Commands;
  logger: Logger;
  /** Discord drops an interaction not answered within 3 s; a command still running after this is deferred. */
  deferAfterMs: number;
}

const NO_MENTIONS = { parse: [] };

const replyOptions = (reply: DiscordReply): InteractionReplyOptions => ({
  embeds: reply.embeds,
  files: reply.files,
  allowedMentions: NO_MENTIONS,
  ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
});

// Only a shared /claude-fix or /claude-incidents is public; a deferral must pick visibility before the answer exists.
const askedToShare = (request: CommandRequest): boolean =>
  (request.command === 'fix' && / --share$/.test(request.text)) || (request.command === 'incidents' && /(^| )share$/.test(request.text));

const optionValue = (value: string | number | boolean | undefined): string | boolean | null =>
  value === undefined ? null : typeof value === 'number' ? String(value) : value;

/** Resolves with the value, or with `null` once `ms` have passed (the timer is always cleared). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Answers one slash command with the platform-neutral handlers: directly when they
 * are quick (they read the local store), else deferred and then edited.
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 */
export function createInteractionHandler({ commands, logger, deferAfterMs }: InteractionHandlerOptions) {
  return async (interaction: ChatInputCommandInteraction): Promise<void> => {
    const request = toCommandRequest({
      commandName: interaction.commandName,
      userId: interaction.user.id,
      channelId: interaction.channelId,
      guildId: interaction.guildId,
      memberPermissions: interaction.memberPermissions,
      option: (name) => optionValue(interaction.options.get(name)?.value),
    });
    if (!request) return;
    const context = { command: request.command, channelId: request.channelId, userId: request.userId, isAdmin: request.isAdmin };
    try {
      const running = commands.run(request);
      const quick = await within(running, deferAfterMs);
      // A reply with a picture is deferred too: drawing it must not eat Discord's 3 seconds.
      if (quick && !quick.image) {
        await interaction.reply(replyOptions(renderReply(quick)));
      } else {
        await interaction.deferReply(askedToShare(request) ? {} : { flags: MessageFlags.Ephemeral });
        const reply = quick ?? (await running);
        const png = reply.image ? await reply.image.render().catch(() => null) : null;
        const { embeds, files } = renderReply(reply, png);
        await interaction.editReply({ embeds, files, allowedMentions: NO_MENTIONS });
      }
      logger.info(context, 'discord command answered');
    } catch (error) {
      // 10062 Unknown interaction: the 3 s window passed (a stalled event loop). Not the error object:
      // its URL holds the interaction token.
      const code = (error as { code?: unknown }).code;
      logger.warn({ ...context, code }, `could not answer a discord command: ${errorMessage(error)}`);
    }
  };
}

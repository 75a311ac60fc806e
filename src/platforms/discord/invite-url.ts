import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField } from 'discord.js';

/**
 * Exactly what the bot uses, and why:
 * - View Channel, Read Message History: see the alert channel; reply to a card where threads are not allowed.
 * - Send Messages, Embed Links: post and edit the alert card (an embed).
 * - Create Public Threads, Send Messages in Threads: one thread of updates per card.
 * - Manage Threads: archive the thread when the incident is resolved.
 */
export const BOT_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.ManageThreads,
  PermissionFlagsBits.ReadMessageHistory,
]).freeze();

/** `bot` joins the server; `applications.commands` lets it register slash commands there. */
export const BOT_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

/**
 * The URL a server admin opens to add the bot with these permissions.
 * @see https://discord.com/developers/docs/topics/oauth2#bot-authorization-flow
 */
export function buildInviteUrl(applicationId: string): string {
  const scope = BOT_SCOPES.join('%20');
  return `https://discord.com/oauth2/authorize?client_id=${encodeURIComponent(applicationId)}&scope=${scope}&permissions=${BOT_PERMISSIONS.bitfield.toString()}`;
}

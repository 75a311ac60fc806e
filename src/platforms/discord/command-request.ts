import { PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import type { CommandName, CommandRequest } from '../../commands/reply.js';
import { DISCORD_COMMANDS } from './discord-commands.js';

/** What the adapter reads off a slash-command interaction; plain data so it is testable without a gateway. */
export interface SlashInvocation {
  commandName: string;
  userId: string;
  channelId: string;
  /** The server the command came from (null in DMs), to check a ping role against. */
  guildId?: string | null;
  /** `interaction.memberPermissions`: null outside a server (DMs). */
  memberPermissions: Readonly<PermissionsBitField> | null;
  option(name: string): string | boolean | null;
}

const BY_DISCORD_NAME = new Map(Object.entries(DISCORD_COMMANDS).map(([neutral, discord]) => [discord, neutral as CommandName]));

/**
 * Discord gates subscribe/unsubscribe with default_member_permissions, but a server
 * can override that per role, so each interaction is checked again here.
 * `any` counts Administrator too.
 */
export function canManageAlerts(permissions: Readonly<PermissionsBitField> | null): boolean {
  return permissions?.any([PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageGuild]) ?? false;
}

const text = (value: string | boolean | null): string => (typeof value === 'string' ? value.trim() : '');

/**
 * The subscribe options as the neutral parser's text: components as comma
 * segments, then the impact word and the warnings switch in a segment of their own
 * (so a component name can never swallow them).
 */
export function subscribeText(invocation: Pick<SlashInvocation, 'option'>): string {
  const components = [text(invocation.option('component')), ...text(invocation.option('components')).split(',')]
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
  const warnings = invocation.option('early_warnings');
  const maintenance = invocation.option('maintenance');
  // A role option arrives as the role id; the mention form makes the parser see a Discord role.
  const role = text(invocation.option('ping'));
  const tail = [
    text(invocation.option('min_impact')),
    typeof warnings === 'boolean' ? `warnings:${warnings ? 'on' : 'off'}` : '',
    typeof maintenance === 'boolean' ? `maintenance:${maintenance ? 'on' : 'off'}` : '',
    text(invocation.option('settings')).replace(/,/g, ' '),
    role ? `ping:${/^\d+$/.test(role) ? `<@&${role}>` : role}` : '',
  ]
    .filter((w) => w.length > 0)
    .join(' ');
  return [...components, ...(tail ? [tail] : [])].join(', ');
}

function commandText(command: CommandName, invocation: SlashInvocation): string {
  switch (command) {
    case 'fix':
      return `${text(invocation.option('error'))}${invocation.option('share') === true ? ' --share' : ''}`;
    case 'subscribe':
      return subscribeText(invocation);
    case 'incidents':
      return [
        text(invocation.option('period')),
        text(invocation.option('component')),
        text(invocation.option('page')) ? `page:${text(invocation.option('page')).replace(/\s+/g, '')}` : '',
        invocation.option('share') === true ? 'share' : '',
      ]
        .filter((part) => part.length > 0)
        .join(' ');
    default:
      return '';
  }
}

/** A slash command as the platform-neutral request, or null for a command that is not ours. */
export function toCommandRequest(invocation: SlashInvocation): CommandRequest | null {
  const command = BY_DISCORD_NAME.get(invocation.commandName);
  if (!command) return null;
  return {
    command,
    text: commandText(command, invocation),
    platform: 'discord',
    userId: invocation.userId,
    channelId: invocation.channelId,
    isAdmin: canManageAlerts(invocation.memberPermissions),
    ...(invocation.guildId ? { guildId: invocation.guildId } : {}),
  };
}

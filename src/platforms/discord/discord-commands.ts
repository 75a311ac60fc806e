import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandName } from '../../commands/reply.js';

/** Slash command names on Discord, by neutral command. */
export const DISCORD_COMMANDS: Record<CommandName, string> = {
  status: 'claude-status',
  fix: 'claude-fix',
  subscribe: 'claude-subscribe',
  unsubscribe: 'claude-unsubscribe',
  incidents: 'claude-incidents',
};

/**
 * Choices for `/claude-subscribe component:`. Discord needs choices at registration,
 * before the status page has been read, so these are the Claude components of 2026
 * (DOMAIN.md). Each value is a short word the neutral parser matches against the
 * *live* component names, so a renamed component still matches, and `components:`
 * takes free text for several components or any the list lacks.
 */
export const COMPONENT_CHOICES = [
  { name: 'All components', value: 'all' },
  { name: 'claude.ai', value: 'claude.ai' },
  { name: 'Claude Console (platform.claude.com)', value: 'console' },
  { name: 'Claude API (api.anthropic.com)', value: 'api.anthropic.com' },
  { name: 'Claude Code', value: 'code' },
  { name: 'Claude Cowork', value: 'cowork' },
  { name: 'Claude for Government', value: 'government' },
] as const;

export const IMPACT_CHOICES = [
  { name: 'Any (none and up)', value: 'none' },
  { name: 'Minor and up', value: 'minor' },
  { name: 'Major and up', value: 'major' },
  { name: 'Critical only', value: 'critical' },
] as const;

export const PERIOD_CHOICES = [
  { name: 'Last 7 days', value: '7d' },
  { name: 'Last 30 days', value: '30d' },
  { name: 'Last 90 days', value: '90d' },
] as const;

/** Who may change a channel's alerts: the default for the command AND re-checked on each interaction. */
export const MANAGE_PERMISSION = PermissionFlagsBits.ManageChannels;

const guildOnly = { contexts: [InteractionContextType.Guild], integration_types: [ApplicationIntegrationType.GuildInstall] };

/**
 * The command list, replaced as a whole on each start (PUT is idempotent).
 * @see https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 */
export function buildCommandDefinitions(): RESTPutAPIApplicationCommandsJSONBody {
  const type = ApplicationCommandType.ChatInput;
  return [
    {
      name: DISCORD_COMMANDS.status,
      type,
      description: 'Is Claude down? Components, open incidents and the last successful check.',
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      integration_types: [ApplicationIntegrationType.GuildInstall],
    },
    {
      name: DISCORD_COMMANDS.fix,
      type,
      description: 'What an error from Claude means and the steps that fix it.',
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      options: [
        { type: ApplicationCommandOptionType.String, name: 'error', description: 'The error code or the pasted error message', required: true, max_length: 6000 },
        { type: ApplicationCommandOptionType.Boolean, name: 'share', description: 'Post the answer for the whole channel (default: only you)' },
      ],
    },
    {
      name: DISCORD_COMMANDS.subscribe,
      type,
      description: "Show or change this channel's Claude outage alerts.",
      default_member_permissions: String(MANAGE_PERMISSION),
      ...guildOnly,
      options: [
        { type: ApplicationCommandOptionType.String, name: 'component', description: 'Only alerts about this component', choices: [...COMPONENT_CHOICES] },
        { type: ApplicationCommandOptionType.String, name: 'components', description: 'Several components, comma-separated (e.g. "Claude Code, Claude API")', max_length: 500 },
        { type: ApplicationCommandOptionType.String, name: 'min_impact', description: 'Lowest impact that alerts', choices: [...IMPACT_CHOICES] },
        { type: ApplicationCommandOptionType.Boolean, name: 'early_warnings', description: 'Early warnings from GitHub reports before the status page moves' },
        { type: ApplicationCommandOptionType.Boolean, name: 'maintenance', description: 'Scheduled maintenances: announced, started, completed (default: on)' },
        { type: ApplicationCommandOptionType.Role, name: 'ping', description: 'Role mentioned on major/critical official incidents (see settings ping-min:)' },
        {
          type: ApplicationCommandOptionType.String,
          name: 'settings',
          description: 'Alert policy, e.g. "flap:15m remind:2h quiet:22:00-07:00 tz:Europe/Berlin ping:off"',
          max_length: 300,
        },
      ],
    },
    {
      name: DISCORD_COMMANDS.unsubscribe,
      type,
      description: 'Stop Claude outage alerts in this channel.',
      default_member_permissions: String(MANAGE_PERMISSION),
      ...guildOnly,
    },
    {
      name: DISCORD_COMMANDS.incidents,
      type,
      description: 'How often Claude had incidents, and for how long: counts, median and longest, a chart.',
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      options: [
        { type: ApplicationCommandOptionType.String, name: 'period', description: 'How far back (default 90 days)', choices: [...PERIOD_CHOICES] },
        { type: ApplicationCommandOptionType.String, name: 'component', description: 'Only incidents naming this component', choices: COMPONENT_CHOICES.filter((c) => c.value !== 'all') },
        { type: ApplicationCommandOptionType.String, name: 'page', description: 'Which watched status page (host, e.g. status.claude.com)', max_length: 100 },
        { type: ApplicationCommandOptionType.Boolean, name: 'share', description: 'Post the answer for the whole channel (default: only you)' },
      ],
    },
  ];
}

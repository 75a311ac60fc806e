import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed, type APIEmbedField } from 'discord.js';
import { componentStatusLabel } from '../../incidents/labels.js';
import type { Mention } from '../../incidents/channel-policy.js';
import { IMPACT_COLOURS, type Card, type ThreadReply } from '../card.js';
import { cut, discordTime, escapeText, neutraliseMentions, safeUrl } from './discord-text.js';
import { fitEmbeds } from './embed-limits.js';

/** The parts of a message body a card sets; the platform adds nonce and allowed_mentions. */
export interface DiscordMessageParts {
  /** Only ever our own role mention (a card's `mention`); feed text goes in embeds, neutralised. */
  content?: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
}

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

export function cardColour(card: Card): number {
  if (card.resolved) return IMPACT_COLOURS.resolved;
  if (card.kind === 'early_warning') return IMPACT_COLOURS.warning;
  return IMPACT_COLOURS[card.impact ?? 'unknown'];
}

/** Title, status, impact and times first; then one inline field per affected component. */
function cardFields(card: Card): APIEmbedField[] {
  const status = card.resolved && card.durationText ? `${card.statusLabel} after ${card.durationText}` : card.statusLabel;
  const fields: APIEmbedField[] = [
    { name: 'Status', value: neutraliseMentions(status), inline: true },
    { name: 'Impact', value: capitalise(card.impact ?? 'unknown'), inline: true },
    { name: 'Started', value: discordTime(card.startedAt), inline: true },
  ];
  if (card.resolvedAt) fields.push({ name: 'Resolved', value: discordTime(card.resolvedAt), inline: true });
  for (const component of card.components) {
    fields.push({
      name: neutraliseMentions(component.name),
      value: component.status ? componentStatusLabel(component.status) : card.resolved ? 'Recovered' : 'Affected',
      inline: true,
    });
  }
  return fields;
}

function cardDescription(card: Card): string {
  const parts: string[] = [];
  if (card.latestUpdate) {
    const { statusLabel, at, body } = card.latestUpdate;
    parts.push(`**${escapeText(statusLabel)}** · ${discordTime(at)}\n${escapeText(body)}`);
  }
  for (const note of card.notes) parts.push(escapeText(note));
  return parts.join('\n\n');
}

/** Up to five link buttons in one row; links Discord would reject are left out rather than failing the post. */
function linkButtons(links: Card['links']): DiscordMessageParts['components'] {
  const buttons = links
    .map((link) => ({ label: cut(link.label.trim() || 'Open', 80), url: safeUrl(link.url) }))
    .filter((b): b is { label: string; url: string } => b.url !== null)
    .slice(0, 5)
    .map((b) => ({ type: ComponentType.Button as const, style: ButtonStyle.Link as const, label: b.label, url: b.url }));
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}

/**
 * The root alert message: one embed (impact colour, title linking to the incident,
 * status, affected components as fields, latest update) plus a link button.
 * @see https://discord.com/developers/docs/resources/message#embed-object
 */
export function renderCard(card: Card): DiscordMessageParts {
  const description = cardDescription(card);
  const url = safeUrl(card.url);
  const embed: APIEmbed = {
    title: neutraliseMentions(card.title),
    ...(url ? { url } : {}),
    color: cardColour(card),
    ...(description ? { description } : {}),
    fields: cardFields(card),
    footer: { text: card.kind === 'early_warning' ? 'Early warning from GitHub reports' : 'Claude status page' },
    timestamp: new Date(Date.parse(card.resolvedAt ?? card.latestUpdate?.at ?? card.startedAt) || Date.now()).toISOString(),
  };
  const role = roleOf(card.mention);
  return { ...(role ? { content: `<@&${role}>` } : {}), embeds: fitEmbeds([embed]), components: linkButtons(card.links) };
}

/** A Discord role id we may mention, or null (no mention, another platform's, or not a snowflake). */
const roleOf = (mention: Mention | undefined): string | null =>
  mention?.kind === 'discord_role' && /^\d{15,21}$/.test(mention.id) ? mention.id : null;

/** allowed_mentions of a card or reply: exactly its role when it has one, nobody otherwise. */
export function cardAllowedMentions(message: { mention?: Mention }): { parse: never[]; roles?: string[] } {
  const role = roleOf(message.mention);
  return role ? { parse: [], roles: [role] } : { parse: [] };
}

/** One update in the card's thread (or as a reply under the card where threads are not allowed). */
export function renderThreadReply(reply: ThreadReply): DiscordMessageParts {
  const embed: APIEmbed = {
    title: neutraliseMentions(reply.heading),
    description: escapeText(reply.body) || '—',
    color: reply.closing ? IMPACT_COLOURS.resolved : IMPACT_COLOURS.unknown,
  };
  const role = roleOf(reply.mention);
  return { ...(role ? { content: `<@&${role}>` } : {}), embeds: fitEmbeds([embed]), components: [] };
}

/** A thread's name: the card title, within Discord's 100 characters. */
export function threadName(title: string | undefined): string {
  const flat = (title ?? '').replace(/\s+/g, ' ').trim();
  return cut(flat || 'Incident updates', 100);
}

import type { APIEmbed, APIEmbedField } from 'discord.js';
import { cut } from './discord-text.js';

/**
 * Discord's embed limits. A message over any of them is rejected whole (50035),
 * so every renderer passes its embeds through {@link fitEmbeds}: we cut, never fail.
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Across every embed of one message. */
  total: 6000,
  embeds: 10,
} as const;

/** Characters Discord counts towards the 6000 total. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + fields + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
}

const totalLength = (embeds: APIEmbed[]): number => embeds.reduce((n, e) => n + embedLength(e), 0);

// A field with an empty name or value is rejected, so blanks become a visible dash.
const fitField = (f: APIEmbedField): APIEmbedField => ({
  ...f,
  name: cut(f.name.trim() || '—', EMBED_LIMITS.fieldName),
  value: cut(f.value.trim() || '—', EMBED_LIMITS.fieldValue),
});

function fitOne(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = cut(out.title, EMBED_LIMITS.title);
  if (out.description !== undefined) out.description = cut(out.description, EMBED_LIMITS.description);
  if (out.footer) out.footer = { ...out.footer, text: cut(out.footer.text, EMBED_LIMITS.footer) };
  if (out.author) out.author = { ...out.author, name: cut(out.author.name, EMBED_LIMITS.author) };
  if (out.fields) {
    const fields = out.fields.map(fitField);
    if (fields.length > EMBED_LIMITS.fields) {
      const hidden = fields.length - (EMBED_LIMITS.fields - 1);
      fields.splice(EMBED_LIMITS.fields - 1, fields.length, { name: '…', value: `and ${hidden} more`, inline: false });
    }
    out.fields = fields;
  }
  return out;
}

/**
 * Cuts embeds to every per-part limit, then to the 6000-character total: the
 * descriptions of the last embeds shrink first (long update text), then their
 * fields go, then whole trailing embeds. The first embed's title always stays.
 */
export function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  const out = embeds.slice(0, EMBED_LIMITS.embeds).map(fitOne);
  for (let i = out.length - 1; i >= 0 && totalLength(out) > EMBED_LIMITS.total; i--) {
    const embed = out[i];
    if (!embed) continue;
    const over = totalLength(out) - EMBED_LIMITS.total;
    if (embed.description && embed.description.length > 0) {
      const keep = Math.max(0, embed.description.length - over);
      embed.description = keep > 1 ? cut(embed.description, keep) : undefined;
    }
    while (embed.fields && embed.fields.length > 0 && totalLength(out) > EMBED_LIMITS.total) embed.fields.pop();
    if (totalLength(out) > EMBED_LIMITS.total && embed.footer) delete embed.footer;
    if (totalLength(out) > EMBED_LIMITS.total && i > 0) out.splice(i, 1);
  }
  const first = out[0];
  if (first?.title && totalLength(out) > EMBED_LIMITS.total) {
    first.title = cut(first.title, Math.max(1, first.title.length - (totalLength(out) - EMBED_LIMITS.total)));
  }
  return out;
}

import type { APIEmbed } from 'discord.js';
import type { Reply, ReplyBlock } from '../../commands/reply.js';
import { IMPACT_COLOURS } from '../card.js';
import { cut, escapeText, neutraliseMentions, safeUrl } from './discord-text.js';
import { EMBED_LIMITS, fitEmbeds } from './embed-limits.js';

/** A command reply as Discord takes it; `ephemeral` becomes the Ephemeral message flag. */
export interface DiscordReply {
  embeds: APIEmbed[];
  ephemeral: boolean;
  /** The reply's image as an attachment, shown inside the first embed (`attachment://<name>`). */
  files: Array<{ attachment: Buffer; name: string; description: string }>;
}

/** Discord's attachment names: letters, digits, dot, dash and underscore keep `attachment://` working. */
const attachmentName = (name: string): string => name.replace(/[^\w.-]/g, '_').slice(0, 100) || 'image.png';

const NOTICE_MARKS = { info: 'ℹ️', ok: '✅', warning: '⚠️', danger: '🚨' } as const;
const LEVEL_COLOURS = { info: 0x5865f2, ok: IMPACT_COLOURS.resolved, warning: IMPACT_COLOURS.minor, danger: IMPACT_COLOURS.critical };
const SEVERITY = ['info', 'ok', 'warning', 'danger'] as const;

/**
 * The reply model's two inline marks (`**bold**`, `` `code` ``) become Discord's own;
 * everything between them is untrusted and escaped.
 */
export function renderInline(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(/\*\*([^*]+?)\*\*|`([^`\n]+?)`/g)) {
    out += escapeText(text.slice(last, match.index));
    out += match[1] !== undefined ? `**${escapeText(match[1])}**` : `\`${neutraliseMentions(match[2] ?? '')}\``;
    last = match.index + match[0].length;
  }
  return out + escapeText(text.slice(last));
}

// A pasted error may hold ``` itself; a zero-width space keeps it from closing our block.
const codeBlock = (text: string): string => `\`\`\`\n${neutraliseMentions(text.replace(/```/g, '`\u200b``'))}\n\`\`\``;

const maskedLink = (label: string, url: string): string => {
  const safe = safeUrl(url);
  const text = escapeText(label.replace(/[[\]]/g, ''));
  return safe ? `[${text}](${safe})` : text;
};

function blockText(block: ReplyBlock): string {
  switch (block.type) {
    case 'header':
      return `**${escapeText(block.text)}**`;
    case 'text':
      return renderInline(block.text);
    case 'notice':
      return `${NOTICE_MARKS[block.level]} ${renderInline(block.text)}`;
    case 'fields':
      return block.fields.map((f) => `**${escapeText(f.label)}:** ${renderInline(f.value)}`).join('\n');
    case 'bullets':
      return block.items.map((item) => `• ${renderInline(item)}`).join('\n');
    case 'steps':
      return block.items.map((item, i) => `${i + 1}. ${renderInline(item)}`).join('\n');
    case 'code':
      return codeBlock(block.text);
    case 'links':
      return block.links.map((l) => maskedLink(l.label, l.url)).join(' · ');
    case 'divider':
      return '───';
  }
}

/** Splits paragraphs into description-sized chunks; a paragraph too long on its own is cut. */
function chunk(paragraphs: string[], size: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of paragraphs) {
    const paragraph = cut(raw, size);
    if (current && current.length + 2 + paragraph.length > size) {
      chunks.push(current);
      current = paragraph;
    } else current = current ? `${current}\n\n${paragraph}` : paragraph;
  }
  if (current) chunks.push(current);
  return chunks;
}

/**
 * A neutral reply as Discord embeds (with `png`, the reply's image drawn, as an attachment): the first header becomes the title, the other
 * blocks the description in order (spilling into more embeds past 4096 characters),
 * coloured by the most serious notice. Cut to every embed limit.
 * @see https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export function renderReply(reply: Reply, png: Uint8Array | null = null): DiscordReply {
  const header = reply.blocks.find((b): b is Extract<ReplyBlock, { type: 'header' }> => b.type === 'header');
  const body = reply.blocks.filter((b) => b !== header).map(blockText).filter((t) => t.length > 0);
  const levels = reply.blocks.flatMap((b) => (b.type === 'notice' ? [SEVERITY.indexOf(b.level)] : []));
  const level = SEVERITY[Math.max(0, ...levels)] ?? 'info';
  const colour = LEVEL_COLOURS[level];
  const chunks = chunk(body.length > 0 ? body : [escapeText(reply.summary) || '—'], EMBED_LIMITS.description);
  const embeds: APIEmbed[] = chunks.map((description, i) => ({
    ...(i === 0 && header ? { title: neutraliseMentions(header.text) } : {}),
    description,
    color: colour,
  }));
  const files: DiscordReply['files'] = [];
  const first = embeds[0];
  if (reply.image && png && first) {
    const name = attachmentName(reply.image.filename);
    files.push({ attachment: Buffer.from(png), name, description: cut(reply.image.altText, 1024) });
    first.image = { url: `attachment://${name}` };
  }
  return { embeds: fitEmbeds(embeds), ephemeral: reply.visibility === 'ephemeral', files };
}

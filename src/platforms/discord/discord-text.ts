/**
 * Text helpers for untrusted strings (status page bodies, pasted errors) shown on Discord.
 * `allowed_mentions: { parse: [] }` already stops every ping; these also stop the
 * *look* of one and keep foreign markdown from restyling our messages.
 */

import { stripUnsafeCharacters } from '../../shared/text.js';

const ZWSP = '\u200b';
// Links are kept verbatim: a backslash inside a URL would break it.
const URL_PATTERN = /https?:\/\/[^\s<>()]+/g;

/** `@everyone`, `@here`, `<@id>`, `<@&role>`: broken with a zero-width space so they never read as a mention. */
export function neutraliseMentions(text: string): string {
  return stripUnsafeCharacters(text).replace(/@(everyone|here)\b/gi, `@${ZWSP}$1`).replace(/<@([!&]?\d+)>/g, `<@${ZWSP}$1>`);
}

/**
 * Backslash before every character Discord markdown acts on: inline marks anywhere
 * (bold, italics, underline, strike, code, spoiler, masked-link brackets) and, at a
 * line start, quotes, headings, subtext and lists. Linear time: discord.js's
 * escapeMarkdown takes most of a second on a 10 000-character paragraph.
 */
function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^(\s*)([>#-])/gm, '$1\\$2')
    // Only punctuation can be escaped: "1\." keeps a numbered list from forming.
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/** Untrusted text as literal Discord markdown: formatting escaped, mentions neutralised, links intact. */
export function escapeText(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    out += escapeMarkdownText(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return neutraliseMentions(out + escapeMarkdownText(text.slice(last)));
}

export { cutText as cut } from '../../shared/text.js';

/** A URL Discord will accept for an embed or a link button, or null. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url || url.length > 512 || !URL.canParse(url)) return null;
  const { protocol } = new URL(url);
  return protocol === 'https:' || protocol === 'http:' ? url : null;
}

/** `<t:unix:style>`: Discord shows it in each reader's own time zone. */
export function discordTime(iso: string, style: 'f' | 'R' | 't' = 'f'): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `<t:${Math.floor(ms / 1000)}:${style}>`;
}

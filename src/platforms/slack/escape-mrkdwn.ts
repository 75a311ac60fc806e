import { cutText, stripUnsafeCharacters } from '../../shared/text.js';
/**
 * Makes untrusted text (status page bodies, GitHub titles, pasted errors) safe to
 * send to Slack: it can never ping anyone or inject links.
 *
 * Slack only acts on control sequences in angle brackets (`<!channel>`, `<@U123>`,
 * `<#C123>`, `<!subteam^S1>`, `<https://x|label>`), so escaping `&`, `<` and `>` is
 * what neutralises them. Before escaping, recognised sequences are rewritten into
 * readable, inert text so a reader still sees what was meant.
 * @see https://docs.slack.dev/messaging/formatting-message-text#escaping
 */

const ZWSP = '\u200b';

/** `<!channel>`, `<!here|here>`, `<@U123|bob>`, `<#C1|general>`, `<!subteam^S1|@team>`, `<!date^…|text>`, `<url|label>`. */
const CONTROL_SEQUENCE = /<([!@#])([^<>|\s]*)(?:\|([^<>]*))?>|<((?:https?|mailto):[^<>|\s]+)(?:\|([^<>]*))?>/gi;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Bare words Slack turns into broadcasts when a message is posted with `link_names`. */
const BROADCAST_WORD = /([@＠])(channel|here|everyone)\b/gi;

function readable(match: string, sigil?: string, body?: string, label?: string, url?: string, urlLabel?: string): string {
  if (url !== undefined) return urlLabel ? `${urlLabel} (${url})` : url;
  if (sigil === undefined || body === undefined) return match;
  const word = body.split('^')[0] ?? body;
  if (sigil === '!' && word === 'date') return label ?? body;
  const shown = label ? label.replace(/^[@#]/, '') : sigil === '!' ? word : body;
  return `${sigil === '#' ? '#' : '@'}${shown}`;
}

/** Escapes `&`, `<`, `>` (Slack's three reserved characters). */
export const escapeReserved = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Untrusted text → inert mrkdwn/plain text: control sequences become readable words,
 * the reserved characters are escaped (so already-escaped `&lt;!channel&gt;` stays
 * literal too) and broadcast words get a zero-width space after the `@`.
 */
export function neutralise(text: string): string {
  // Unpaired surrogates and NULs make Slack reject the whole payload; bidi overrides disguise text.
  const clean = stripUnsafeCharacters(text).replace(LONE_SURROGATE, '\ufffd');
  const rewritten = clean.replace(CONTROL_SEQUENCE, (match, sigil?: string, body?: string, label?: string, url?: string, urlLabel?: string) =>
    readable(match, sigil, body, label, url, urlLabel),
  );
  return escapeReserved(rewritten).replace(BROADCAST_WORD, `$1${ZWSP}$2`);
}

/**
 * Cuts already-escaped text to `max` characters with an ellipsis, never inside an
 * `&amp;`-style entity or a surrogate pair (either would make the cut visible or invalid).
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = Math.max(0, max - 1);
  const amp = text.lastIndexOf('&', end);
  // A half entity would show as text: cut before it (cutText then guards surrogate pairs).
  if (amp !== -1 && amp > end - 6 && !text.slice(amp, end).includes(';')) return cutText(text, amp + 1);
  return cutText(text, max);
}

/** Neutralises, then cuts: the one call renderers use on untrusted text. */
export const safeText = (text: string, max: number): string => cut(neutralise(text), max);

/**
 * A link as mrkdwn, or just the label when the URL is not http(s). `|` and `>` in a URL
 * would end the link early and let the rest be read as markup, so they are encoded.
 */
export function mrkdwnLink(url: string, label: string): string {
  const safeLabel = neutralise(label).replace(/\|/g, '¦');
  if (!URL.canParse(url)) return safeLabel;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return safeLabel;
  const href = parsed.toString().replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
  return `<${href}|${safeLabel}>`;
}

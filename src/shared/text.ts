/** Cuts to `max` characters with an ellipsis, never leaving half a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/** Folds whitespace (newlines included) to single spaces, then cuts: one line of a reply or card. */
export const oneLine = (text: string, max: number): string => cutText(text.replace(/\s+/g, ' ').trim(), max);

/**
 * Bidi overrides and isolates (U+202A-202E, U+2066-2069), other invisible format
 * characters that can disguise text (U+200E/F, U+061C, U+FEFF, U+2060-2064) and C0/C1
 * control characters except tab and newline. Untrusted text loses them before it is
 * rendered anywhere: a right-to-left override in a feed title can make "evil.com/moc.enola"
 * read as a different link.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export const stripUnsafeCharacters = (text: string): string => text.replace(UNSAFE_CHARACTERS, '');

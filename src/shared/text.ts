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

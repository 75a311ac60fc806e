/** Small text helpers for the fix answer: echoed user text must not break the reply's inline marks. */

/** Removes the two inline marks (and newlines) from text we did not write, then shortens it. */
export function quoteUserText(text: string, max: number): string {
  const clean = text.replace(/[`*]/g, ' ').replace(/\s+/g, ' ').trim();
  return shorten(clean, max);
}

export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Plain one-liner for notifications: marks removed. */
export function plain(text: string): string {
  return text.replace(/\*\*/g, '').replace(/`/g, '');
}

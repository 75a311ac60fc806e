/** Turning the small HTML fragments status pages write into plain text. */

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  bull: '•', middot: '·', copy: '©', reg: '®', trade: '™', rarr: '→', larr: '←',
};

/** Decodes the named entities above plus every numeric one; unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const hex = ref[1] === 'x' || ref[1] === 'X';
      const code = Number.parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** Matches real tags only, so "a < b" in text is left alone. */
const TAG = /<\/?[a-z][^<>]*>/gi;
const BREAK = /<br\s*\/?>|<\/?(?:p|div|li|ul|ol|h\d)(?:\s[^<>]*)?>/gi;

/**
 * HTML fragment → plain text: line breaks for <br> and block tags, other tags removed,
 * entities decoded, runs of spaces collapsed, blank lines dropped.
 */
export function htmlToText(html: string): string {
  return decodeEntities(html.replace(BREAK, '\n').replace(TAG, ''))
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

import { htmlToText } from './html-text.js';

/**
 * Reads the update lines in a Statuspage feed entry's HTML. The standard markup is
 * `<p><small>Oct <var data-var='date'> 7</var>, <var data-var='time'>21:23</var> UTC</small><br><strong>Resolved</strong> - text</p>`,
 * newest first; pages vary (`<br />`, no `<var>`, extra spaces, a year, a local zone),
 * so this reads the text, not the exact tags.
 * @see https://support.atlassian.com/statuspage/docs/view-and-subscribe-to-rss-and-atom-feeds/
 */

/** One update line as written: the year is usually not there. */
export interface FeedUpdateLine {
  /** 0-11. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Present only when the line carries a year. */
  year: number | null;
  /** Minutes east of UTC of the zone the time is written in. */
  offsetMinutes: number;
  /** The bold word: "Resolved", "Update", "In progress"... ('' when missing). */
  label: string;
  body: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, PST: -480, PDT: -420, MST: -420, MDT: -360, CST: -360, CDT: -300,
  EST: -300, EDT: -240, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, IST: 330,
  SGT: 480, HKT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};
const TIME =
  /([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s*(?:(\d{4})\s*)?[-,]?\s*(\d{1,2}):(\d{2})(?:[ \t]*([AaPp][Mm])\b)?(?:[ \t]*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})\b)?/;
/** Same pattern, anchored at a line start, for markup without <small>. */
const LINE_TIME = new RegExp(`^\\s*${TIME.source}`, 'gm');

/** All update lines in document order (newest first on Statuspage). */
export function parseUpdateLines(html: string): FeedUpdateLine[] {
  const smalls = [...html.matchAll(/<small\b[^>]*>([\s\S]*?)<\/small>/gi)];
  if (smalls.length > 0) {
    return smalls.flatMap((match, i) => {
      const end = smalls[i + 1]?.index ?? html.length;
      const rest = html.slice((match.index ?? 0) + match[0].length, end);
      const line = readTime(htmlToText(match[1] ?? ''));
      return line ? [{ ...line, ...readLabelAndBody(rest) }] : [];
    });
  }
  // No <small>: find times at line starts in the plain text.
  const text = htmlToText(html);
  const times = [...text.matchAll(LINE_TIME)];
  return times.flatMap((match, i) => {
    const line = readTime(match[0]);
    const rest = text.slice((match.index ?? 0) + match[0].length, times[i + 1]?.index ?? text.length);
    return line ? [{ ...line, ...splitLabel(rest) }] : [];
  });
}

type TimeParts = Omit<FeedUpdateLine, 'label' | 'body'>;

function readTime(text: string): TimeParts | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const month = MONTHS.indexOf((m[1] ?? '').slice(0, 3).toLowerCase());
  if (month < 0) return null;
  let hour = Number(m[4]);
  const meridiem = m[6]?.toLowerCase();
  if (meridiem) hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  return {
    month,
    day: Number(m[2]),
    year: m[3] ? Number(m[3]) : null,
    hour,
    minute: Number(m[5]),
    offsetMinutes: zoneOffset(m[7]),
  };
}

/** Known abbreviations and ±hh:mm; anything else is read as UTC (the Statuspage default). */
function zoneOffset(zone: string | undefined): number {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]));
  return ZONES[zone.toUpperCase()] ?? 0;
}

/** `<br><strong>Resolved</strong> - text` → label and body. */
function readLabelAndBody(html: string): { label: string; body: string } {
  const strong = /<(strong|b)\b[^>]*>([\s\S]*?)<\/\1>/i.exec(html);
  if (!strong) return splitLabel(htmlToText(html));
  const after = html.slice((strong.index ?? 0) + strong[0].length);
  return { label: htmlToText(strong[2] ?? ''), body: stripDash(htmlToText(after)) };
}

/** Plain "Resolved - text" (no bold): a short leading phrase before a dash is the label. */
function splitLabel(text: string): { label: string; body: string } {
  const m = /^\s*([A-Za-z][A-Za-z ]{1,20}?)\s+[-–—]\s+([\s\S]*)$/.exec(text);
  if (m) return { label: m[1] ?? '', body: (m[2] ?? '').trim() };
  return { label: '', body: stripDash(text) };
}

const stripDash = (text: string): string => text.replace(/^\s*[-–—:]\s*/, '').trim();

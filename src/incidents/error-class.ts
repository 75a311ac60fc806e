/**
 * One vocabulary for error shapes. GitHub report classification (below) and the
 * /claude-fix parser (src/knowledge/parse-error.ts) read API error types and
 * labelled status codes through this module, so both agree on what "a 529" is.
 */

/** @see https://platform.claude.com/docs/en/api/errors */
export const API_ERROR_TYPES: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  conflict_error: 409,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

const TYPE_NAMES = Object.keys(API_ERROR_TYPES).join('|');
// The outer "type":"error" never matches: an error type has a prefix before "_error".
const JSON_TYPE = /"type"\s*:\s*"([a-z]+(?:_[a-z]+)*_error|request_too_large)"/i;
const KNOWN_TYPE = new RegExp(`\\b(${TYPE_NAMES})\\b`, 'i');

/** The API error type named in a text (`"type":"overloaded_error"` first, then a bare known name), lower-cased. */
export function readErrorType(text: string): string | null {
  const found = JSON_TYPE.exec(text)?.[1] ?? KNOWN_TYPE.exec(text)?.[1] ?? null;
  return found === null ? null : found.toLowerCase();
}

/**
 * A status code only counts next to a word that labels it ("API Error: 500", "HTTP 503",
 * "status 529", `"code":429`), so "500 tokens" or "v1.0.500" are not statuses.
 * Claude Code's own "API Error: 529" is the most trustworthy, so it is tried first.
 */
const LABELLED_STATUS: RegExp[] = [
  /\bapi error\s*[:(]?\s*\(?([1-5]\d\d)\b/i,
  /(?:\b(?:https?(?:\/\d(?:\.\d)?)?|status(?:\s*code)?|error\s*code|statuscode|httpstatuscode)|"code")["'\s:=]*([1-5]\d\d)\b/i,
  /\berror:?\s+\(?([1-5]\d\d)\b/i,
];

/** The first labelled status code in a text and where it stands, or null. */
export function readLabelledStatus(text: string): { status: number; index: number } | null {
  for (const pattern of LABELLED_STATUS) {
    const hit = pattern.exec(text);
    if (hit?.[1] !== undefined) return { status: Number(hit[1]), index: hit.index };
  }
  return null;
}

/** Every labelled status code in a text, in order of appearance (bounded: the first 50). */
export function readLabelledStatuses(text: string): Array<{ status: number; index: number }> {
  const found: Array<{ status: number; index: number }> = [];
  for (const pattern of LABELLED_STATUS) {
    for (const hit of text.matchAll(new RegExp(pattern.source, 'gi'))) {
      if (hit[1] !== undefined) found.push({ status: Number(hit[1]), index: hit.index });
      if (found.length >= 50) break;
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Which API error a user report is about, from its title and body. Only the errors
 * that signal trouble on Anthropic's side: a 401 or a 400 is one user's problem,
 * a burst of 529s is everyone's.
 */
export const ERROR_CLASSES = ['overloaded', 'api_error', 'rate_limit', 'timeout', 'unavailable'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** How cards and /claude-status name a class: "users report 529 overloaded errors". */
export const ERROR_CLASS_LABELS: Record<ErrorClass, string> = {
  overloaded: '529 overloaded',
  api_error: '500 api_error',
  rate_limit: '429 rate_limit',
  timeout: '504 timeout',
  unavailable: '502/503 unavailable',
};

/** Reports whose text names no known class are counted under this label. */
export const OTHER_LABEL = 'other';

export const errorClassLabel = (errorClass: string | null): string =>
  errorClass !== null && errorClass in ERROR_CLASS_LABELS ? ERROR_CLASS_LABELS[errorClass as ErrorClass] : OTHER_LABEL;

const BY_STATUS: Record<string, ErrorClass> = {
  '529': 'overloaded',
  '500': 'api_error',
  '429': 'rate_limit',
  '504': 'timeout',
  '502': 'unavailable',
  '503': 'unavailable',
};

/** GitHub's own labels for a status: "got 503" also counts in a report title. */
const GOT_STATUS = /\bgot(?:\s*an?)?\s*[:=]?\s*\(?(5\d\d|429)\b/i;

/** Words that name a class without a code. 529 is distinctive enough on its own. */
const PATTERNS: Array<{ re: RegExp; cls: ErrorClass }> = [
  { re: /\b529\b/, cls: 'overloaded' },
  { re: /\boverloaded(?:_error)?\b/i, cls: 'overloaded' },
  { re: /\bapi_error\b/, cls: 'api_error' },
  { re: /\binternal\s+server\s+error\b/i, cls: 'api_error' },
  { re: /\brate_limit_error\b|\brate[\s-]?limit(?:ed)?\b|\btoo many requests\b/i, cls: 'rate_limit' },
  { re: /\btimeout_error\b|\bgateway\s+time-?out\b/i, cls: 'timeout' },
  { re: /\bservice\s+unavailable\b|\bbad\s+gateway\b/i, cls: 'unavailable' },
];

/** The class named first in `text`, or null. */
export function errorClassOf(text: string): ErrorClass | null {
  let best: { index: number; cls: ErrorClass } | null = null;
  const consider = (index: number, cls: ErrorClass | undefined): void => {
    if (cls !== undefined && (best === null || index < best.index)) best = { index, cls };
  };
  for (const labelled of readLabelledStatuses(text)) consider(labelled.index, BY_STATUS[String(labelled.status)]);
  const got = GOT_STATUS.exec(text);
  if (got) consider(got.index, BY_STATUS[got[1] ?? '']);
  for (const { re, cls } of PATTERNS) {
    const match = re.exec(text);
    if (match) consider(match.index, cls);
  }
  return (best as { cls: ErrorClass } | null)?.cls ?? null;
}

/**
 * The error class of a report: the title decides when it names one (people put the
 * error they see there); otherwise the body, where the pasted error usually is.
 */
export function classifyReport(title: string, body: string | null): ErrorClass | null {
  return errorClassOf(title) ?? (body ? errorClassOf(body.slice(0, 20_000)) : null);
}

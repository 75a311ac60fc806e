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

/**
 * Patterns, each naming its class. A bare number only counts next to an error word
 * ("API Error: 500", "HTTP 503", "status 529"), so "500 tokens" or "v1.0.500" do not.
 * 529 is distinctive enough on its own.
 */
const PATTERNS: Array<{ re: RegExp; cls: ErrorClass | 'status' }> = [
  { re: /\b(?:api\s*error|http|status(?:\s*code)?|error(?:\s*code)?|got(?:\s*an?)?)\s*[:=]?\s*\(?(5\d\d|429)\b/i, cls: 'status' },
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
  for (const { re, cls } of PATTERNS) {
    const match = re.exec(text);
    if (!match) continue;
    const resolved = cls === 'status' ? BY_STATUS[match[1] ?? ''] : cls;
    if (resolved && (best === null || match.index < best.index)) best = { index: match.index, cls: resolved };
  }
  return best?.cls ?? null;
}

/**
 * The error class of a report: the title decides when it names one (people put the
 * error they see there); otherwise the body, where the pasted error usually is.
 */
export function classifyReport(title: string, body: string | null): ErrorClass | null {
  return errorClassOf(title) ?? (body ? errorClassOf(body.slice(0, 20_000)) : null);
}

import { API_ERROR_TYPES, readErrorType, readLabelledStatus } from '../incidents/error-class.js';
import type { ProviderHint } from './entry-schema.js';
import { normalizePaste } from './normalize-paste.js';
import { readRoute, type WrappedFrom } from './read-route.js';

export { API_ERROR_TYPES };

/** Which program printed the error, when the paste says so. */
export type ClientHint = 'claude-code' | 'sdk';

/** What could be read from a code, a name or a pasted error. Every field may be missing. */
export interface ParsedError {
  /** The cleaned paste, one line. */
  text: string;
  status: number | null;
  /** API error type such as `overloaded_error` (or another vendor's, e.g. `server_error`). */
  errorType: string | null;
  message: string | null;
  /** Anthropic's `req_…` (also `req_vrtx_…` / `req_bdrk_…`), or a provider's request id (AWS uuid). */
  requestId: string | null;
  providers: ProviderHint[];
  client: ClientHint | null;
  html: boolean;
  /** Claude Code's "Retrying in 8s · attempt 3/10": it had already retried before showing the error. */
  retry: { attempt: number; max: number } | null;
  /** The status a relay or gateway says its upstream answered ("upstream error: 400", "Error from provider(x,y: 403)"), if it says. */
  upstreamStatus: number | null;
  /**
   * When Claude Code retried more than one kind of error, the one it retried most (the final error without "Retrying in"
   * counts once and wins a tie, since the session stopped on it; other ties: the first); a final 4xx it does not retry is the
   * one it stopped on and wins. Else null.
   */
  retriedMost: string | null;
  /** A library (LiteLLM, an SDK), not a relay, carried this provider's own error: answer as that provider's. */
  wrappedFrom: WrappedFrom | null;
}

const REASONS =
  'bad gateway|service unavailable|gateway time-?out|internal server error|overloaded|too many requests|not found|unauthorized|forbidden|bad request|request entity too large|payload too large|payment required|conflict|no healthy upstream|upstream connect error';

// Looser readings, tried after the labelled ones of the shared vocabulary: "503 Service Unavailable", "(429)", a bare 4xx/5xx.
const LOOSE_STATUS: RegExp[] = [
  new RegExp(`\\b([1-5]\\d\\d)\\s+(?:${REASONS})\\b`, 'i'),
  /\(([45]\d\d)\)/,
  // Not a port: "port 443", "port=443", "port: 443", '"port": 443' (":443" is caught by the ":" already).
  /(?<![\d.:/\-#@]|\bports?['"]?\s{0,3}[=:]?\s{0,3})\b([45]\d\d)(?:s\b|\b)(?![.:/]\d)/i,
];

const CLIENT_PATTERNS: Array<[ClientHint, RegExp]> = [
  ['claude-code', /\bapi error\b|please run \/login|\brun \/login\b|claude[- ]code|claude-cli|retrying in \d|\/\$bunfs\/|esc to interrupt|\/(?:model|compact|rewind|status|usage)\b/i],
  ['sdk', /anthropic\.(?:APIStatusError|APIError|RateLimitError|InternalServerError|APIConnectionError|OverloadedError|BadRequestError|AuthenticationError)|@anthropic-ai\/sdk|anthropic-sdk|Error code: \d{3} - \{/i],
];

const firstGroup = (pattern: RegExp, text: string): string | null => pattern.exec(text)?.[1] ?? null;

function findStatus(text: string): number | null {
  const labelled = readLabelledStatus(text);
  if (labelled !== null) return labelled.status;
  for (const pattern of LOOSE_STATUS) {
    const code = firstGroup(pattern, text);
    if (code !== null) return Number(code);
  }
  return null;
}

function findMessage(text: string): string | null {
  // JSON, or a Python SDK's repr of it ('message': '…').
  const inJson = firstGroup(/"message"\s*:\s*"((?:[^"\\]|\\.){1,400})/, text) ?? firstGroup(/'message'\s*:\s*'((?:[^'\\]|\\.){1,400})/, text);
  const loose = firstGroup(/\bapi error\s*:?\s*(?:\(?[1-5]\d\d\)?)?\s*([^{}\s][^{}]{3,300})/i, text);
  const message = (inJson ?? loose)?.replace(/\s*\bretrying in\b.*$/i, '').trim() ?? '';
  return message.length >= 3 ? message.slice(0, 300) : null;
}

// Anthropic ids (first-party, Vertex, Bedrock), then an id behind a label (AWS request ids are uuids).
function findRequestId(text: string): string | null {
  return (
    firstGroup(/\b(req_(?:vrtx_|bdrk_)?[A-Za-z0-9]{6,40})\b/, text) ??
    firstGroup(/(?:request[-_ ]?id|requestid|x-amzn-requestid)["'\s:=]+(?!null\b)([A-Za-z0-9][A-Za-z0-9-]{7,63})/i, text)
  );
}

function findRetry(text: string): ParsedError['retry'] {
  const retry = /retrying in \d+(?:\.\d+)?\s*(?:s|secs?|seconds?)\b.{0,40}?attempt (\d{1,3})\s*\/\s*(\d{1,3})/i.exec(text);
  return retry?.[1] && retry[2] ? { attempt: Number(retry[1]), max: Number(retry[2]) } : null;
}

// Relays wrap the upstream answer in their own error; these say which status the upstream gave.
const UPSTREAM_STATUS: RegExp[] = [
  /error from provider\s*\([^()]{0,120}?:\s*([1-5]\d\d)\)/i,
  /upstream error:?\s*\(?([1-5]\d\d)\b/i,
  /bad[ _]response[ _]status[ _]code:?\s*([1-5]\d\d)\b/i,
  /error from provider\b.{0,200}?\b(?:client|server) error '([1-5]\d\d)\b/i,
  /received upstream error ([1-5]\d\d)\b/i,
];

function findUpstreamStatus(text: string): number | null {
  for (const pattern of UPSTREAM_STATUS) {
    const code = firstGroup(pattern, text);
    if (code !== null) return Number(code);
  }
  return null;
}

// Claude Code prints one "API Error (…) · Retrying in 8 seconds… (attempt 3/10)" line per retry.
const RETRIED = /\bapi error\s*(?:\(|:)\s*(.{1,400}?)\)?\s*retrying in \d/gi;

// The error it stopped on has no "Retrying in": the last "API Error", when it comes after the retried ones.
function findFinalError(text: string, retriedEnd: number): string | null {
  const last = text.toLowerCase().lastIndexOf('api error');
  if (last < retriedEnd) return null;
  const message = /^api error\s*(?:\(|:)\s*(.{1,400})/i.exec(text.slice(last))?.[1];
  return message?.replace(/\)\s*$/, '').trim() || null;
}

function findRetriedMost(text: string): string | null {
  const counts = new Map<string, { message: string; count: number }>();
  const count = (message: string): void => {
    const key = message.toLowerCase();
    counts.set(key, { message, count: (counts.get(key)?.count ?? 0) + 1 });
  };
  let retriedEnd = -1;
  for (const hit of text.matchAll(RETRIED)) {
    count((hit[1] ?? '').trim());
    retriedEnd = hit.index + hit[0].length;
  }
  if (retriedEnd < 0) return null;
  const final = findFinalError(text, retriedEnd);
  // The SDKs retry connection errors, 408, 409, 429 and 5xx; any other 4xx is what the session stopped on, so it answers.
  const finalStatus = Number(/^\(?([1-5]\d\d)\b/.exec(final ?? '')?.[1] ?? 0);
  if (final !== null && finalStatus >= 400 && finalStatus < 500 && ![408, 409, 429].includes(finalStatus)) return final;
  if (final !== null) count(final);
  if (counts.size < 2) return null;
  // Map keeps first-seen order, so a tie among retried errors goes to the first; the final one wins any tie it is in.
  const finalKey = final?.toLowerCase();
  let most: { key: string; message: string; count: number } | null = null;
  for (const [key, item] of counts) {
    if (most === null || item.count > most.count || (item.count === most.count && key === finalKey)) most = { key, ...item };
  }
  return most?.message ?? null;
}

/** Never throws: any string gets a ParsedError, possibly with nothing but its text. */
export function parseError(raw: string): ParsedError {
  const text = normalizePaste(typeof raw === 'string' ? raw : '');
  const errorType = readErrorType(text);
  const status = findStatus(text) ?? (errorType === null ? null : (API_ERROR_TYPES[errorType] ?? null));
  const route = readRoute(text);
  return {
    text,
    status,
    errorType,
    message: findMessage(text),
    requestId: findRequestId(text),
    providers: route.providers,
    client: CLIENT_PATTERNS.find(([, pattern]) => pattern.test(text))?.[0] ?? null,
    html: /<!doctype html|<html[\s>]|<\/?(?:head|body|title|center|h1)>/i.test(text),
    retry: findRetry(text),
    upstreamStatus: findUpstreamStatus(text),
    retriedMost: findRetriedMost(text),
    wrappedFrom: route.wrappedFrom,
  };
}

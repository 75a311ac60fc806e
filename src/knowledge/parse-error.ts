import type { ProviderHint } from './entry-schema.js';
import { normalizePaste } from './normalize-paste.js';

/** What could be read from a code, a name or a pasted error. Every field may be missing. */
export interface ParsedError {
  /** The cleaned paste, one line. */
  text: string;
  status: number | null;
  /** API error type such as `overloaded_error` (or another vendor's, e.g. `server_error`). */
  errorType: string | null;
  message: string | null;
  requestId: string | null;
  providers: ProviderHint[];
  html: boolean;
  /** Claude Code's "Retrying in 8s · attempt 3/10": it had already retried before showing the error. */
  retry: { attempt: number; max: number } | null;
}

/** @see https://platform.claude.com/docs/en/api/errors */
export const API_ERROR_TYPES: Record<string, number> = {
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

const REASONS =
  'bad gateway|service unavailable|gateway time-?out|internal server error|overloaded|too many requests|not found|unauthorized|forbidden|bad request|request entity too large|payload too large|payment required|conflict';

// Most trustworthy first: Claude Code's own "API Error: 529", then labelled codes, then a bare 4xx/5xx.
const STATUS_PATTERNS: RegExp[] = [
  /\bapi error\s*[:(]?\s*\(?([1-5]\d\d)\b/i,
  /(?:\b(?:https?(?:\/\d(?:\.\d)?)?|status(?:\s*code)?|error\s*code|statuscode|httpstatuscode)|"code")["'\s:=]*([1-5]\d\d)\b/i,
  new RegExp(`\\b([1-5]\\d\\d)\\s+(?:${REASONS})\\b`, 'i'),
  /\berror:?\s+\(?([1-5]\d\d)\b/i,
  /\(([45]\d\d)\)/,
  /(?<![\d.:/\-#]|port )\b([45]\d\d)(?:s\b|\b)(?![.:/]\d)/i,
];

const PROVIDER_PATTERNS: Array<[ProviderHint, RegExp]> = [
  [
    'bedrock',
    /bedrock|ValidationException|AccessDeniedException|ThrottlingException|ModelNotReadyException|ServiceUnavailableException|security token included in the request is invalid|inference[- ]profile|\b(?:us|eu|apac|global)\.anthropic\.claude|aws_bearer_token|\bAWS_PROFILE\b|aws sso/i,
  ],
  [
    'vertex',
    /vertex|aiplatform\.googleapis|RESOURCE_EXHAUSTED|FAILED_PRECONDITION|PERMISSION_DENIED|CLOUD_ML_REGION|ANTHROPIC_VERTEX_PROJECT_ID|streamRawPredict|publishers\/anthropic|Publisher Model|gcloud/i,
  ],
  [
    'gateway',
    /openrouter|litellm|one-api|new-api|"object"\s*:\s*"error"|"type"\s*:\s*"server_error"|provider returned error|inference gateway|ANTHROPIC_BASE_URL|malformed response|127\.0\.0\.1:\d+|localhost:\d+/i,
  ],
];

const firstGroup = (pattern: RegExp, text: string): string | null => pattern.exec(text)?.[1] ?? null;

function findStatus(text: string): number | null {
  for (const pattern of STATUS_PATTERNS) {
    const code = firstGroup(pattern, text);
    if (code !== null) return Number(code);
  }
  return null;
}

function findErrorType(text: string): string | null {
  // The outer "type":"error" never matches: an error type has a prefix before "_error".
  const inJson = firstGroup(/"type"\s*:\s*"([a-z]+(?:_[a-z]+)*_error|request_too_large)"/i, text);
  if (inJson !== null) return inJson.toLowerCase();
  const known = Object.keys(API_ERROR_TYPES).join('|');
  return firstGroup(new RegExp(`\\b(${known})\\b`, 'i'), text)?.toLowerCase() ?? null;
}

function findMessage(text: string): string | null {
  const inJson = firstGroup(/"message"\s*:\s*"((?:[^"\\]|\\.){1,400})/, text);
  const loose = firstGroup(/\bapi error\s*:?\s*(?:\(?[1-5]\d\d\)?)?\s*([^{}\s][^{}]{3,300})/i, text);
  const message = (inJson ?? loose)?.replace(/\s*\bretrying in\b.*$/i, '').trim() ?? '';
  return message.length >= 3 ? message.slice(0, 300) : null;
}

function findRequestId(text: string): string | null {
  return (
    firstGroup(/\b(req_[A-Za-z0-9]{6,40})\b/, text) ??
    firstGroup(/(?:request[-_ ]?id|requestid)["'\s:=]+(?!null\b)([A-Za-z0-9][A-Za-z0-9-]{7,63})/i, text)
  );
}

function findRetry(text: string): ParsedError['retry'] {
  const retry = /retrying in \d+(?:\.\d+)?\s*(?:s|secs?|seconds?)\b.{0,40}?attempt (\d{1,3})\s*\/\s*(\d{1,3})/i.exec(text);
  return retry?.[1] && retry[2] ? { attempt: Number(retry[1]), max: Number(retry[2]) } : null;
}

/** Never throws: any string gets a ParsedError, possibly with nothing but its text. */
export function parseError(raw: string): ParsedError {
  const text = normalizePaste(typeof raw === 'string' ? raw : '');
  const errorType = findErrorType(text);
  const status = findStatus(text) ?? (errorType === null ? null : (API_ERROR_TYPES[errorType] ?? null));
  return {
    text,
    status,
    errorType,
    message: findMessage(text),
    requestId: findRequestId(text),
    providers: PROVIDER_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([hint]) => hint),
    html: /<!doctype html|<html[\s>]|<\/?(?:head|body|title|center|h1)>/i.test(text),
    retry: findRetry(text),
  };
}

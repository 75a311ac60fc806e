/** What the fake Slack stores and records; kept apart from the server so tests can read it plainly. */

export interface FakeSlackMessage {
  channel: string;
  ts: string;
  /** Set on thread replies. */
  thread_ts?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Files shared with the message (files.completeUploadExternal). */
  files?: Array<{ id: string; title: string }>;
  /** How many times chat.update edited it. */
  edits: number;
}

/** One Web API call as the fake saw it (params parsed, JSON fields decoded). */
export interface FakeSlackCall {
  method: string;
  token: string | null;
  params: Record<string, unknown>;
  /** What the fake answered: the Slack error code, `http_<status>`, or `ok`. */
  outcome: string;
  /** The fault a fault plan injected after Slack did the work (`drop_after`, `error_after`, `kill_after`). */
  fault?: string;
}

export interface FakeUser {
  id: string;
  name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

/** One file of the upload v2 flow, as far as it got. */
export interface FakeSlackUpload {
  fileId: string;
  filename: string;
  /** The length announced to files.getUploadURLExternal. */
  length: number;
  altText: string | null;
  /** The bytes POSTed to the upload URL (null until then). */
  bytes: Buffer | null;
  /** Set by files.completeUploadExternal. */
  completed: boolean;
  channel: string | null;
  title: string | null;
}

/** A failure the fake injects for the next calls of a method. */
export type FakeFailure =
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'http'; status: number }
  | { kind: 'error'; error: string }
  /** Record the call (and, for posts, store the message) but never answer. */
  | { kind: 'hang_after_record' }
  /** A slow Slack: answer normally, after this long. */
  | { kind: 'slow'; ms: number };

/** Fields Slack sends form-encoded as JSON strings. */
export const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'files']);

/** Parses a Web API body, form-encoded or JSON, the way Slack does. */
export function parseBody(raw: string, contentType: string | undefined, query: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = Object.fromEntries(query.entries());
  if (contentType?.includes('application/json')) {
    Object.assign(params, raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
    return params;
  }
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = JSON_FIELDS.has(key) ? tryJson(value) : value;
  }
  return params;
}

const tryJson = (value: string): unknown => {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

export const truthy = (value: unknown): boolean => value === true || value === 'true' || value === '1' || value === 1;


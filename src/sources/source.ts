import type { Incident, Snapshot } from '../incidents/model.js';

/** Stable failure codes for every source; stored in poll state and shown by `status`. */
export const SOURCE_ERROR_CODES = [
  'network', // DNS, refused, reset
  'timeout', // no complete answer in time
  'http_status', // 4xx/5xx other than the cases below
  'rate_limited', // 429 / 403 with rate-limit headers
  'challenge_page', // HTML where JSON or XML was expected ("blocked by a challenge page")
  'unparsable', // truncated JSON, invalid XML, wrong shape
  'too_large', // body over the size cap
  'empty', // a feed or document with nothing in it
] as const;
export type SourceErrorCode = (typeof SOURCE_ERROR_CODES)[number];

/** What a source keeps between polls (persisted in poll_state as JSON). */
export interface PollState {
  /** URL → ETag of the last 200 answer. */
  etags: Record<string, string>;
  /**
   * Statuspage: what the last JSON read listed as open (incidents and maintenances), so one
   * that leaves the documents is closed rather than left open forever. Kept in memory too.
   */
  listedOpen?: Incident[];
}

export type PollOutcome =
  | { kind: 'snapshot'; snapshot: Snapshot; state: PollState; via: string; errors: SourceFailure[] }
  | { kind: 'not_modified'; state: PollState; via: string; errors: SourceFailure[] }
  | { kind: 'failed'; state: PollState; errors: SourceFailure[]; summary: PollFailureSummary };

/** What one failed poll comes down to, for one log line and `status`. */
export interface PollFailureSummary {
  /** The code of the main host's first failure (what `status` and /readyz show). */
  code: SourceErrorCode;
  /** e.g. "status page unreachable (network: ECONNREFUSED on https://status.claude.com, 2 fallbacks failed too): check the network, or set STATUSPAGE_FALLBACK_URLS" */
  message: string;
}

/** One failed attempt against one URL, as data. */
export interface SourceFailure {
  url: string;
  code: SourceErrorCode;
  message: string;
  statusCode: number | null;
  retryAfterMs: number | null;
}

/** A source turns bytes into normalized snapshots. It never touches the store or a platform. */
export interface Source {
  readonly id: string;
  poll(state: PollState, signal?: AbortSignal): Promise<PollOutcome>;
}

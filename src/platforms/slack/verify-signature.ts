import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a request was refused; stable codes for logs and tests. */
export type SignatureFailureCode =
  | 'missing_signature'
  | 'missing_timestamp'
  | 'bad_timestamp'
  | 'stale_timestamp'
  | 'future_timestamp'
  | 'unknown_signature_version'
  | 'signature_mismatch';

export type SignatureCheck = { ok: true; timestampSec: number } | { ok: false; code: SignatureFailureCode; message: string };

/** Slack's window: a request signed more than five minutes from our clock, either side, is refused. */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

export interface SignatureHeaders {
  signature: string | undefined;
  timestamp: string | undefined;
}

const fail = (code: SignatureFailureCode, message: string): SignatureCheck => ({ ok: false, code, message });

/**
 * The checks that need no body: both headers there, the timestamp a number within the
 * window on either side of `nowMs`. Run before reading the body, so an unsigned or
 * old request costs nothing.
 */
export function checkSignatureHeaders(headers: SignatureHeaders, nowMs: number, windowSeconds = SIGNATURE_WINDOW_SECONDS): SignatureCheck {
  if (!headers.signature) return fail('missing_signature', 'no x-slack-signature header');
  if (!headers.timestamp) return fail('missing_timestamp', 'no x-slack-request-timestamp header');
  if (!/^\d{1,12}$/.test(headers.timestamp)) return fail('bad_timestamp', 'x-slack-request-timestamp is not a Unix time in seconds');
  const timestampSec = Number(headers.timestamp);
  const skew = timestampSec - Math.floor(nowMs / 1000);
  if (skew < -windowSeconds) return fail('stale_timestamp', `signed ${-skew} s ago (window ${windowSeconds} s)`);
  if (skew > windowSeconds) return fail('future_timestamp', `signed ${skew} s in the future (window ${windowSeconds} s)`);
  return { ok: true, timestampSec };
}

export interface VerifySignatureInput extends SignatureHeaders {
  signingSecret: string;
  /** The raw body exactly as received. */
  body: Buffer | string;
  nowMs: number;
  windowSeconds?: number;
}

/**
 * Slack's v0 signature: `v0=` + hex HMAC-SHA256(secret, `v0:<timestamp>:<raw body>`),
 * compared in constant time, with the timestamp inside the window both ways. Pure: the
 * clock comes in as `nowMs`.
 * @see https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export function verifySlackSignature(input: VerifySignatureInput): SignatureCheck {
  const headers = checkSignatureHeaders(input, input.nowMs, input.windowSeconds);
  if (!headers.ok) return headers;
  const signature = input.signature ?? '';
  if (!signature.startsWith('v0=')) return fail('unknown_signature_version', 'x-slack-signature is not a v0 signature');
  const expected = createHmac('sha256', input.signingSecret)
    .update(`v0:${input.timestamp}:`)
    .update(input.body)
    .digest();
  const given = Buffer.from(signature.slice(3), 'hex');
  // Buffer.from(hex) stops at the first non-hex character, so a short buffer is a bad signature.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('signature_mismatch', 'x-slack-signature does not match the body');
  return headers;
}

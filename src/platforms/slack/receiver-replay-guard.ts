import { SIGNATURE_WINDOW_SECONDS } from './verify-signature.js';

/**
 * Remembers the signatures of accepted requests for as long as their timestamp is
 * inside the window, so the same signed request sent twice runs once. A signature is
 * unique to (timestamp, body), and a request older than the window is refused anyway,
 * so nothing needs remembering longer than that.
 */
export interface ReplayGuard {
  /** True the first time a signature is seen; false for a replay. */
  firstSeen(signature: string, timestampSec: number, nowMs: number): boolean;
  /** Signatures remembered now (for tests and metrics). */
  size(): number;
}

export interface ReplayGuardOptions {
  windowSeconds?: number;
  /** Memory bound: past it the oldest entries go first (~100 bytes each). */
  maxEntries?: number;
}

export function createReplayGuard(options: ReplayGuardOptions = {}): ReplayGuard {
  const windowMs = (options.windowSeconds ?? SIGNATURE_WINDOW_SECONDS) * 1000;
  const maxEntries = options.maxEntries ?? 10_000;
  // Signature → the moment its timestamp leaves the window. Insertion order is arrival order.
  const seen = new Map<string, number>();

  const prune = (nowMs: number): void => {
    for (const [signature, expiresAt] of seen) {
      if (expiresAt >= nowMs && seen.size <= maxEntries) break;
      seen.delete(signature);
    }
  };

  return {
    firstSeen(signature, timestampSec, nowMs) {
      prune(nowMs);
      if (seen.has(signature)) return false;
      seen.set(signature, timestampSec * 1000 + windowMs);
      if (seen.size > maxEntries) prune(nowMs);
      return true;
    },
    size: () => seen.size,
  };
}

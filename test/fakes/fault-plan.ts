/**
 * Seeded fault injection for the fake platforms (opt-in: a fake without a plan never
 * injects anything). Each call the fake sees draws one decision from a seeded stream,
 * so the n-th call of a run always gets the same fault for the same seed.
 */

/** Probability of each fault per call, 0..1; they add up to at most 1. */
export interface FaultRates {
  /** 429 with Retry-After. */
  rateLimit?: number;
  /** 5xx before the platform does anything. */
  serverError?: number;
  /** The connection is destroyed before the platform does anything. */
  dropBefore?: number;
  /** The platform stores the message, then the connection is destroyed. */
  dropAfter?: number;
  /** The platform stores the message, then answers 500 (or Slack's `internal_error`). */
  errorAfter?: number;
  /** The answer comes late (see `slowMs`), but it comes. */
  slow?: number;
  /** The platform stores the message and holds the answer; `onKillPoint` decides whether the client dies now. */
  killAfter?: number;
}

/** What one call gets. `variant` (0..1) lets a fake pick between equivalent forms (500 vs internal_error). */
export type Fault =
  | { kind: 'none' }
  | { kind: 'rate_limit'; retryAfterSeconds: number }
  | { kind: 'server_error'; variant: number }
  | { kind: 'drop_before' }
  | { kind: 'drop_after' }
  | { kind: 'error_after'; variant: number }
  | { kind: 'slow'; ms: number }
  | { kind: 'kill_after' };

export interface FaultPlanOptions {
  seed: number;
  rates: FaultRates;
  retryAfterSeconds?: number;
  /** Range of a slow answer's delay, ms. */
  slowMs?: [number, number];
  /**
   * Called when a mutating call was carried out under `kill_after`. Return true to hold
   * the answer (the caller is about to kill the client); false answers normally.
   */
  onKillPoint?: (what: string) => boolean;
}

/** One decision, for the run's log. */
export interface FaultRecord {
  n: number;
  what: string;
  fault: Fault['kind'];
}

export interface FaultPlan {
  /** The fault for this call. After-effect faults only apply to `mutating` calls. */
  decide(what: string, mutating: boolean): Fault;
  /** Off: every call is answered plainly (the settle phase); the stream still advances. */
  setEnabled(enabled: boolean): void;
  readonly enabled: boolean;
  /** Asks whether to hold the answer of a `kill_after` call. */
  killPoint(what: string): boolean;
  readonly log: FaultRecord[];
}

/** mulberry32: small, fast, good enough to spread faults; the same seed gives the same stream. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ORDER: Array<keyof FaultRates> = ['rateLimit', 'serverError', 'dropBefore', 'dropAfter', 'errorAfter', 'slow', 'killAfter'];
const AFTER_EFFECT = new Set<keyof FaultRates>(['dropAfter', 'errorAfter', 'killAfter']);

export function createFaultPlan(options: FaultPlanOptions): FaultPlan {
  const random = seededRandom(options.seed);
  const [slowMin, slowMax] = options.slowMs ?? [200, 1_500];
  const log: FaultRecord[] = [];
  let enabled = true;

  function pick(mutating: boolean): Fault {
    // Two draws per call, always, so the stream does not depend on which branch ran.
    const roll = random();
    const variant = random();
    if (!enabled) return { kind: 'none' };
    let edge = 0;
    for (const name of ORDER) {
      edge += options.rates[name] ?? 0;
      if (roll >= edge) continue;
      if (AFTER_EFFECT.has(name) && !mutating) return { kind: 'none' };
      switch (name) {
        case 'rateLimit':
          return { kind: 'rate_limit', retryAfterSeconds: options.retryAfterSeconds ?? 1 };
        case 'serverError':
          return { kind: 'server_error', variant };
        case 'dropBefore':
          return { kind: 'drop_before' };
        case 'dropAfter':
          return { kind: 'drop_after' };
        case 'errorAfter':
          return { kind: 'error_after', variant };
        case 'slow':
          return { kind: 'slow', ms: Math.round(slowMin + variant * (slowMax - slowMin)) };
        case 'killAfter':
          return { kind: 'kill_after' };
      }
    }
    return { kind: 'none' };
  }

  return {
    decide(what, mutating) {
      const fault = pick(mutating);
      if (fault.kind !== 'none') log.push({ n: log.length, what, fault: fault.kind });
      return fault;
    },
    setEnabled(value) {
      enabled = value;
    },
    get enabled() {
      return enabled;
    },
    killPoint: (what) => options.onKillPoint?.(what) ?? false,
    log,
  };
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Readiness: can this process alert anyone right now? Each check is cheap and
 * synchronous (it reads state the bot already keeps); `/readyz` answers 503 with
 * the failed checks, each with what to do about it.
 */
export interface CheckResult {
  /** Stable name, e.g. `database`, `statuspage`, `poll_stored`, `slack`, `discord`, `outbox`. */
  name: string;
  ok: boolean;
  /** What was seen, for people: "last good read 4 min ago (limit 90 s)". */
  detail: string;
  /** What to do when it fails: "check the network or set STATUSPAGE_FALLBACK_URLS". */
  fix?: string;
  /**
   * Shown (and in the ready_check metric) but not failing /readyz: a secondary status
   * page that cannot be read stops only its own alerts.
   */
  advisory?: boolean;
}

export type ReadinessCheck = () => CheckResult;

export interface ReadinessReport {
  ok: boolean;
  checks: CheckResult[];
}

/** Runs every check; a check that throws fails with its message instead of failing the report. */
export function runReadiness(checks: ReadinessCheck[]): ReadinessReport {
  const results = checks.map((check, index): CheckResult => {
    try {
      return check();
    } catch (error) {
      return { name: `check_${index}`, ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  });
  return { ok: results.every((r) => r.ok || r.advisory === true), checks: results };
}

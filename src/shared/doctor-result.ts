/**
 * One line of `claude-outage-bot doctor`: what was checked, what was seen and, when it
 * is not fine, what to do. Platform checks (under src/platforms/*) return these too, so
 * the type lives here where every layer may import it.
 */
export interface DoctorResult {
  /** Short stable name: `config`, `database`, `statuspage`, `github`, `slack`, `discord`... */
  name: string;
  /** `warn` is printed but does not fail the run. */
  status: 'ok' | 'warn' | 'fail';
  /** What was seen, never a secret (token prefixes at most). */
  detail: string;
  /** What to do about a warning or failure. */
  fix?: string;
}

/** What a doctor check needs from outside: a fetch (local fakes in tests) and a time budget. */
export interface DoctorContext {
  fetch: typeof fetch;
  timeoutMs: number;
}

export const ok = (name: string, detail: string): DoctorResult => ({ name, status: 'ok', detail });
export const warn = (name: string, detail: string, fix: string): DoctorResult => ({ name, status: 'warn', detail, fix });
export const fail = (name: string, detail: string, fix: string): DoctorResult => ({ name, status: 'fail', detail, fix });

/** fetch with the context's timeout; resolves with the response and how long it took. */
export async function timedFetch(ctx: DoctorContext, url: string, init: RequestInit = {}): Promise<{ response: Response; ms: number }> {
  const started = performance.now();
  const response = await ctx.fetch(url, { ...init, signal: AbortSignal.timeout(ctx.timeoutMs) });
  return { response, ms: Math.round(performance.now() - started) };
}

/** "ECONNREFUSED", "timed out after 5000 ms": the part of a fetch failure a person can act on. */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? code : cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Reads a JSON body, or null when it is not JSON (an HTML error page, a proxy's answer). */
export async function readJson(response: Response): Promise<Record<string, unknown> | null> {
  const text = await response.text();
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

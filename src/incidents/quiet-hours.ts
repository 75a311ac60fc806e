import type { ChannelPolicy } from './channel-policy.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The canonical name of an IANA time zone this runtime knows ("europe/berlin" → "Europe/Berlin"), or null. */
export function canonicalTimeZone(zone: string): string | null {
  try {
    return localFormatter(zone).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

function localFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  return f;
}

/** Minutes since local midnight in `zone`. */
export function localMinutes(at: Date, zone: string): number {
  const parts = localFormatter(zone).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/** 'HH:MM' → minutes since midnight, or null when it is not a valid time. */
export function parseClockTime(text: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Is `at` inside the channel's quiet hours (start inclusive, end exclusive, may cross midnight)? */
export function isQuietAt(policy: ChannelPolicy, at: Date): boolean {
  if (!policy.quiet) return false;
  const start = parseClockTime(policy.quiet.start);
  const end = parseClockTime(policy.quiet.end);
  if (start === null || end === null || start === end) return false;
  const now = localMinutes(at, policy.timeZone);
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/**
 * When the quiet hours that hold `at` end (the digest's due time). Steps by the local
 * minutes left, then corrects once for a daylight-saving shift in between.
 */
export function quietEndAfter(policy: ChannelPolicy, at: Date): Date {
  const end = parseClockTime(policy.quiet?.end ?? '') ?? 0;
  const floor = Math.floor(at.getTime() / 60_000) * 60_000;
  const left = (end - localMinutes(at, policy.timeZone) + 1440) % 1440 || 1440;
  let due = new Date(floor + left * 60_000);
  const drift = localMinutes(due, policy.timeZone) - end;
  if (drift !== 0) due = new Date(due.getTime() - (((drift + 720 + 1440) % 1440) - 720) * 60_000);
  return due;
}

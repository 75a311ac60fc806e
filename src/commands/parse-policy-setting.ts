import type { ChannelPolicy, Mention } from '../incidents/channel-policy.js';
import { IMPACTS, type Impact } from '../incidents/model.js';
import { canonicalTimeZone, parseClockTime } from '../incidents/quiet-hours.js';

/** A ping as typed: a mention or id we can check, or a Slack group handle to look up. */
export type WantedMention = Mention | { kind: 'slack_handle'; handle: string };

/** Outcome of one word: not a policy word, applied to the draft, or a problem to show. */
export type PolicyWord = { kind: 'not_policy' } | { kind: 'applied'; ping?: WantedMention | null } | { kind: 'problem'; problem: string };

const MAX_MINUTES = 7 * 24 * 60;
const BROADCASTS = new Set(['here', 'channel', 'everyone']);
const OFF = new Set(['off', 'none', 'no', '0']);
const PING_IMPACTS = new Set<string>(IMPACTS.filter((i) => i !== 'maintenance' && i !== 'none'));

/** "90", "15m", "15min", "2h", "1h30m", "1d" → minutes; null when it is not a duration. */
export function parseMinutes(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)(?:m|min))?$/.exec(text);
  if (!m || text === '') return null;
  return Number(m[1] ?? 0) * 1440 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** Minutes for `flap:`, `remind:` and the like, with `off` as 0; a bound keeps reminders from spamming. */
function minutesSetting(name: string, value: string, min: number): number | string {
  if (OFF.has(value)) return 0;
  const minutes = parseMinutes(value);
  if (minutes === null) return `"${name}:${value}" needs a duration such as 15m, 2h or off.`;
  if (minutes !== 0 && (minutes < min || minutes > MAX_MINUTES)) return `"${name}:${value}" must be between ${min} min and 7 days, or off.`;
  return minutes;
}

/** A mention the way each platform sends it, or a bare id / Slack handle. */
export function parseWantedMention(text: string, platform: string): WantedMention | null {
  if (platform === 'discord') {
    const role = /^(?:<@&(\d{15,21})>|(\d{15,21}))$/.exec(text);
    return role ? { kind: 'discord_role', id: (role[1] ?? role[2])! } : null;
  }
  if (platform !== 'slack') return null;
  const group = /^(?:<!subteam\^(S[A-Z0-9]{2,20})(?:\|[^>]*)?>|(S[A-Z0-9]{2,20}))$/.exec(text);
  if (group) return { kind: 'slack_group', id: (group[1] ?? group[2])! };
  const user = /^(?:<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>|([UW][A-Z0-9]{2,20}))$/.exec(text);
  if (user) return { kind: 'slack_user', id: (user[1] ?? user[2])! };
  const handle = /^@([a-z0-9._-]{1,80})$/i.exec(text)?.[1]?.toLowerCase();
  // Broadcasts are never a ping target, whatever a workspace named its groups.
  return handle && !BROADCASTS.has(handle) ? { kind: 'slack_handle', handle } : null;
}

/**
 * Applies one policy word (`flap:15m`, `min-duration:5m`, `remind:2h|off`, `ping:<mention>|off`,
 * `ping-min:major`, `quiet:22:00-07:00|off`, `tz:Europe/Berlin`) to `draft`.
 */
export function applyPolicyWord(raw: string, draft: ChannelPolicy, platform: string): PolicyWord {
  const at = raw.indexOf(':');
  if (at <= 0) return { kind: 'not_policy' };
  const name = raw.slice(0, at).toLowerCase();
  const value = raw.slice(at + 1);
  const lower = value.toLowerCase();
  const minutes = (key: keyof Pick<ChannelPolicy, 'flapWindowMinutes' | 'minDegradedMinutes' | 'remindMinutes'>, min: number): PolicyWord => {
    const result = minutesSetting(name, lower, min);
    if (typeof result === 'string') return { kind: 'problem', problem: result };
    draft[key] = result;
    return { kind: 'applied' };
  };
  switch (name) {
    case 'flap':
    case 'flapping':
      return minutes('flapWindowMinutes', 1);
    case 'min-duration':
    case 'settle':
      return minutes('minDegradedMinutes', 1);
    case 'remind':
    case 'reminders':
      return minutes('remindMinutes', 15);
    case 'ping': {
      if (OFF.has(lower)) {
        draft.ping = null;
        return { kind: 'applied', ping: null };
      }
      const wanted = parseWantedMention(value, platform);
      if (wanted) return { kind: 'applied', ping: wanted };
      return { kind: 'problem', problem: platform === 'discord' ? 'ping: needs a role, e.g. `ping:@On-call` (picked from the list), or off.' : platform === 'slack' ? 'ping: needs a user group or user, e.g. `ping:@oncall`, `ping:S0123ABCD`, `ping:U0123ABCD`, or off.' : 'Pings are for Slack and Discord channels.' };
    }
    case 'ping-min':
    case 'ping-on':
      if (!PING_IMPACTS.has(lower)) return { kind: 'problem', problem: `"${raw}": the ping minimum is minor, major or critical.` };
      draft.pingMinImpact = lower as Impact;
      return { kind: 'applied' };
    case 'quiet': {
      if (OFF.has(lower)) {
        draft.quiet = null;
        return { kind: 'applied' };
      }
      const range = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/.exec(lower);
      const start = range ? parseClockTime(range[1]!) : null;
      const end = range ? parseClockTime(range[2]!) : null;
      if (start === null || end === null || start === end) return { kind: 'problem', problem: `"${raw}" needs a range such as quiet:22:00-07:00 (local time, see tz:), or quiet:off.` };
      draft.quiet = { start: range![1]!.padStart(5, '0'), end: range![2]!.padStart(5, '0') };
      return { kind: 'applied' };
    }
    case 'tz':
    case 'timezone': {
      const zone = canonicalTimeZone(value);
      if (zone === null) return { kind: 'problem', problem: `"${value}" is not a time zone; use an IANA name such as Europe/Berlin or America/New_York.` };
      draft.timeZone = zone;
      return { kind: 'applied' };
    }
    default:
      return { kind: 'not_policy' };
  }
}

import { DEFAULT_POLICY, type ChannelPolicy, type Mention } from '../incidents/channel-policy.js';
import { formatDuration } from '../shared/clock.js';

const PING_KIND: Record<Mention['kind'], string> = { slack_group: 'user group', slack_user: 'user', discord_role: 'role' };
const minutes = (n: number): string => (n === 0 ? 'off' : formatDuration(n * 60_000));

/** Each policy setting as "value (default …)", in the order the README lists them. */
export function describePolicy(policy: ChannelPolicy): Array<{ label: string; value: string }> {
  const d = DEFAULT_POLICY;
  const row = (label: string, setting: string, value: string, fallback: string) => ({
    label: `${label} (${setting})`,
    value: value === fallback ? `${value} (default)` : `${value} (default ${fallback})`,
  });
  const quiet = (p: ChannelPolicy) => (p.quiet ? `${p.quiet.start}-${p.quiet.end}` : 'off');
  return [
    row('Flap window', 'flap:', minutes(policy.flapWindowMinutes), minutes(d.flapWindowMinutes)),
    row('Minimum degradation before a component notice', 'min-duration:', minutes(policy.minDegradedMinutes), minutes(d.minDegradedMinutes)),
    row('Reminders while open', 'remind:', policy.remindMinutes === 0 ? 'off' : `every ${minutes(policy.remindMinutes)}`, `every ${minutes(d.remindMinutes)}`),
    // Named, never written as a mention: the reply itself must not ping anyone.
    row('Ping', 'ping:', policy.ping ? `${PING_KIND[policy.ping.kind]} ${policy.ping.id}` : 'nobody', 'nobody'),
    row('Ping from impact', 'ping-min:', policy.pingMinImpact, d.pingMinImpact),
    row('Quiet hours (minor events wait for a digest)', 'quiet:', quiet(policy), quiet(d)),
    row('Time zone', 'tz:', policy.timeZone, d.timeZone),
  ];
}

import { DEFAULT_POLICY, type ChannelPolicy, type Mention } from '../incidents/channel-policy.js';
import type { Impact } from '../incidents/model.js';
import type { Db } from './open-database.js';

interface Row {
  flap_window_minutes: number;
  min_degraded_minutes: number;
  remind_minutes: number;
  ping: string | null;
  ping_min_impact: Impact;
  quiet_start: string | null;
  quiet_end: string | null;
  time_zone: string;
}

/** Alert policy per channel; a channel without a row has {@link DEFAULT_POLICY}. */
export interface ChannelPolicyTable {
  get(subscriptionId: number): ChannelPolicy;
  save(subscriptionId: number, policy: ChannelPolicy, at: string): void;
}

const toPolicy = (r: Row): ChannelPolicy => ({
  flapWindowMinutes: r.flap_window_minutes,
  minDegradedMinutes: r.min_degraded_minutes,
  remindMinutes: r.remind_minutes,
  ping: r.ping === null ? null : (JSON.parse(r.ping) as Mention),
  pingMinImpact: r.ping_min_impact,
  quiet: r.quiet_start !== null && r.quiet_end !== null ? { start: r.quiet_start, end: r.quiet_end } : null,
  timeZone: r.time_zone,
});

export function createChannelPolicyTable(db: Db): ChannelPolicyTable {
  const select = db.prepare<[number], Row>('SELECT * FROM channel_policy WHERE subscription_id = ?');
  const upsert = db.prepare(`INSERT INTO channel_policy (subscription_id, flap_window_minutes, min_degraded_minutes, remind_minutes,
      ping, ping_min_impact, quiet_start, quiet_end, time_zone, updated_at)
      VALUES (@id, @flap, @minDegraded, @remind, @ping, @pingMin, @quietStart, @quietEnd, @zone, @at)
    ON CONFLICT (subscription_id) DO UPDATE SET flap_window_minutes = excluded.flap_window_minutes,
      min_degraded_minutes = excluded.min_degraded_minutes, remind_minutes = excluded.remind_minutes, ping = excluded.ping,
      ping_min_impact = excluded.ping_min_impact, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end,
      time_zone = excluded.time_zone, updated_at = excluded.updated_at`);
  return {
    get(subscriptionId) {
      const row = select.get(subscriptionId);
      return row ? toPolicy(row) : { ...DEFAULT_POLICY };
    },
    save(subscriptionId, p, at) {
      upsert.run({
        id: subscriptionId,
        flap: p.flapWindowMinutes,
        minDegraded: p.minDegradedMinutes,
        remind: p.remindMinutes,
        ping: p.ping ? JSON.stringify(p.ping) : null,
        pingMin: p.pingMinImpact,
        quietStart: p.quiet?.start ?? null,
        quietEnd: p.quiet?.end ?? null,
        zone: p.timeZone,
        at,
      });
    },
  };
}

import type { Impact } from './model.js';

/**
 * Someone a channel wants pinged on a serious official incident. The mention text is
 * built by us from the id (never taken from feed text): Slack `<!subteam^ID>` or `<@U…>`,
 * Discord `<@&ID>`.
 */
export interface Mention {
  kind: 'slack_group' | 'slack_user' | 'discord_role';
  id: string;
}

/** How one channel wants its alerts paced (issue 12). Every field has a default. */
export interface ChannelPolicy {
  /** A component (or incident) reopening within this many minutes edits its card back; 0 = off. */
  flapWindowMinutes: number;
  /** A component-only degradation is posted only once it has lasted this long; 0 = at once. */
  minDegradedMinutes: number;
  /** Thread a reminder while an official incident stays open, every this many minutes; 0 = off. */
  remindMinutes: number;
  ping: Mention | null;
  /** The lowest impact that pings (official incidents only). */
  pingMinImpact: Impact;
  /** Local 'HH:MM' range (may cross midnight) during which minor events wait for a digest. */
  quiet: { start: string; end: string } | null;
  /** IANA time zone of `quiet`, e.g. Europe/Berlin. */
  timeZone: string;
}

export const DEFAULT_POLICY: ChannelPolicy = {
  flapWindowMinutes: 15,
  minDegradedMinutes: 0,
  remindMinutes: 120,
  ping: null,
  pingMinImpact: 'major',
  quiet: null,
  timeZone: 'UTC',
};

/** The text that mentions `m` on its platform. Ids are checked when parsed (digits, letters). */
export function mentionText(m: Mention): string {
  switch (m.kind) {
    case 'slack_group':
      return `<!subteam^${m.id}>`;
    case 'slack_user':
      return `<@${m.id}>`;
    case 'discord_role':
      return `<@&${m.id}>`;
  }
}

/** Which platform a mention belongs to. */
export const mentionPlatform = (m: Mention): 'slack' | 'discord' => (m.kind === 'discord_role' ? 'discord' : 'slack');

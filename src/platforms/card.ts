import type { Mention } from '../incidents/channel-policy.js';
import type { ComponentStatus, Impact } from '../incidents/model.js';

/**
 * The neutral alert card. Built once from the store, rendered by each platform
 * (console text, Slack Block Kit, Discord embed). Text fields are untrusted:
 * renderers neutralise mentions and cut to their platform's limits.
 */
export interface Card {
  kind: 'incident' | 'early_warning' | 'component';
  /** Identity of what the card is about (incident key, or `component:<id>`). */
  key: string;
  title: string;
  url: string | null;
  impact: Impact | null;
  /** Machine status (e.g. `identified`, `resolved`, `early_warning`). */
  status: string;
  /** Human status, e.g. "Identified". */
  statusLabel: string;
  resolved: boolean;
  components: Array<{ name: string; status: ComponentStatus | null }>;
  latestUpdate: { statusLabel: string; body: string; at: string } | null;
  startedAt: string;
  resolvedAt: string | null;
  /** "1 h 19 min" once resolved. */
  durationText: string | null;
  /** Extra lines: "12 GitHub reports so far", "Early warning raised 14:02 UTC", ... */
  notes: string[];
  links: Array<{ label: string; url: string }>;
  /**
   * Who the channel asked to ping (alert policy), set by us only for a serious official
   * incident. The only mention a card may carry: renderers build it from the id and allow
   * exactly it; every text field stays neutralised.
   */
  mention?: Mention;
}

/** One line in the card's thread: an update, or the closing line. */
export interface ThreadReply {
  /** e.g. "Identified · Oct 7, 21:23 UTC". */
  heading: string;
  /** Untrusted text from the source. */
  body: string;
  at: string;
  closing: boolean;
  /** The channel's ping, on the reply that says an incident turned serious (see Card.mention). */
  mention?: Mention;
}

/** Colours by impact, shared by renderers that colour cards (hex RGB). */
export const IMPACT_COLOURS: Record<Impact | 'unknown' | 'resolved' | 'warning', number> = {
  none: 0x8a8a8a,
  maintenance: 0x3498db,
  minor: 0xf1c40f,
  major: 0xe67e22,
  critical: 0xe74c3c,
  unknown: 0x95a5a6,
  resolved: 0x2ecc71,
  warning: 0x9b59b6,
};

import { mentionPlatform, type ChannelPolicy, type Mention } from './channel-policy.js';
import type { IncidentEvent } from './events.js';
import { impactRank, isMaintenance, isResolvedStatus, type Impact, type Incident } from './model.js';
import { isQuietAt, quietEndAfter } from './quiet-hours.js';
import { COMPONENT_IMPACT } from './subscription.js';

/** What the alert policy does with one event a channel wants: send now, hold for the digest, or wait to settle. */
export type RouteDecision = { kind: 'send' } | { kind: 'hold'; digestAt: string } | { kind: 'settle'; dueAt: string };

/** The impact an event is about: the incident's, or what the component status means. Early warnings count as minor. */
export function eventImpact(event: IncidentEvent, incident: Incident | null): Impact {
  if (event.kind === 'component_changed') return COMPONENT_IMPACT[event.to];
  if (incident === null || incident.source === 'github') return 'minor';
  return incident.impact ?? 'minor';
}

/**
 * The policy's routing decision for an event a channel wants. `following` is true when the
 * channel already has deliveries for the incident: those always go out, so a card posted
 * before quiet hours is still brought to resolution.
 */
export function routeByPolicy(policy: ChannelPolicy, event: IncidentEvent, incident: Incident | null, following: boolean, now: Date): RouteDecision {
  if (following) return { kind: 'send' };
  const serious = impactRank(eventImpact(event, incident)) >= impactRank('major');
  if (!serious && isQuietAt(policy, now)) return { kind: 'hold', digestAt: quietEndAfter(policy, now).toISOString() };
  if (event.kind === 'component_changed' && event.to !== 'operational' && policy.minDegradedMinutes > 0) {
    return { kind: 'settle', dueAt: new Date(Date.parse(event.at) + policy.minDegradedMinutes * 60_000).toISOString() };
  }
  return { kind: 'send' };
}

/** When the first reminder is due for an open official incident, or null (off, resolved, early warning, maintenance: planned work needs no nudge). */
export function firstReminderAt(policy: ChannelPolicy, incident: Incident | null, at: string): string | null {
  if (policy.remindMinutes <= 0 || !incident || incident.source !== 'statuspage' || isResolvedStatus(incident.status) || isMaintenance(incident)) return null;
  return new Date(Date.parse(at) + policy.remindMinutes * 60_000).toISOString();
}

/**
 * A due reminder: post now, or move it to `remindMinutes` after the incident's last update
 * when one came in since (an incident that is talking needs no reminder).
 */
export function reminderDecision(policy: ChannelPolicy, incident: Incident, now: Date): { post: boolean; nextAt: string } {
  const every = policy.remindMinutes * 60_000;
  const lastUpdate = Date.parse(incident.updates.at(-1)?.at ?? incident.createdAt);
  if (lastUpdate + every > now.getTime()) return { post: false, nextAt: new Date(lastUpdate + every).toISOString() };
  return { post: true, nextAt: new Date(now.getTime() + every).toISOString() };
}

/**
 * Whom an incident's card pings in this channel: the channel's mention, for official
 * status-page incidents at or above the ping minimum, on the mention's own platform only.
 * GitHub early warnings never ping.
 */
export function pingFor(policy: ChannelPolicy, incident: Incident, platform: string): Mention | null {
  const ping = policy.ping;
  if (!ping || mentionPlatform(ping) !== platform || incident.source !== 'statuspage') return null;
  return impactRank(incident.impact) >= impactRank(policy.pingMinImpact) && !isMaintenance(incident) ? ping : null;
}

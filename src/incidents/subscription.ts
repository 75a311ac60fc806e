import type { IncidentEvent } from './events.js';
import { impactRank, isMaintenance, type ComponentStatus, type Impact, type Incident } from './model.js';
import { pageOfEvent } from './page-scope.js';

export type ChannelPlatform = 'console' | 'slack' | 'discord';

/** What one channel receives. Components are matched by name, case-insensitively. */
export interface Subscription {
  id: number;
  platform: ChannelPlatform;
  channelId: string;
  /** null = every component. */
  components: string[] | null;
  minImpact: Impact;
  earlyWarnings: boolean;
  /** Status page ids this channel hears about; null or absent = every page. */
  pages?: string[] | null;
  /** Scheduled maintenances (announced, started, completed), whatever the minimum impact. */
  maintenance: boolean;
  enabled: boolean;
  disabledReason: string | null;
  /** Slack: the workspace (team id) the channel belongs to, when it was subscribed from an installed workspace. */
  workspaceId?: string | null;
}

/** Statuspage's own mapping of component status to page impact. */
export const COMPONENT_IMPACT: Record<ComponentStatus, Impact> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

const hasComponent = (wanted: string[], name: string): boolean =>
  wanted.some((w) => w.toLowerCase() === name.toLowerCase());

/**
 * Does this subscription want this event? `incident` is the incident's current
 * state (null for component events). An incident that lists no components is
 * treated as touching every component: better one alert too many than a missed outage.
 */
export function wantsEvent(sub: Subscription, event: IncidentEvent, incident: Incident | null): boolean {
  if (!sub.enabled) return false;
  if (event.kind === 'early_warning') return sub.earlyWarnings;
  if (!wantsPage(sub, event)) return false;
  if (event.kind === 'component_changed') {
    if (sub.components !== null && !hasComponent(sub.components, event.componentName)) return false;
    // A component going under maintenance (and back) follows the maintenance switch.
    if (event.to === 'under_maintenance' || (event.from === 'under_maintenance' && event.to === 'operational')) return sub.maintenance;
    const impact = COMPONENT_IMPACT[event.to];
    const was = event.from === null ? 'none' : COMPONENT_IMPACT[event.from];
    // A recovery is worth telling whoever heard about the degradation.
    return impactRank(impact) >= impactRank(sub.minImpact) || impactRank(was) >= impactRank(sub.minImpact);
  }
  if (incident === null) return false;
  if (incident.source === 'github') return sub.earlyWarnings;
  if (sub.components !== null && incident.components.length > 0) {
    if (!incident.components.some((c) => hasComponent(sub.components ?? [], c.name))) return false;
  }
  // Maintenances have their own switch: "minor and up" must not silence them, nor must they count as an outage.
  if (isMaintenance(incident)) return sub.maintenance;
  return impactRank(incident.impact) >= impactRank(sub.minImpact);
}

/** A channel that chose pages hears only those; events about no page (early warnings) pass. */
function wantsPage(sub: Subscription, event: IncidentEvent): boolean {
  const page = pageOfEvent(event);
  return page === null || !sub.pages || sub.pages.includes(page);
}

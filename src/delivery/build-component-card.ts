import type { IncidentEvent } from '../incidents/events.js';
import { componentStatusLabel } from '../incidents/labels.js';
import type { ComponentStatus, Impact } from '../incidents/model.js';
import type { Card } from '../platforms/card.js';

const IMPACT: Record<ComponentStatus, Impact> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/** A one-off card for a component that changed with no incident covering it. */
export function buildComponentCard(event: Extract<IncidentEvent, { kind: 'component_changed' }>): Card {
  const recovered = event.to === 'operational';
  const from = event.from ? ` (was ${componentStatusLabel(event.from).toLowerCase()})` : '';
  return {
    kind: 'component',
    key: `component:${event.componentId}`,
    title: `${event.componentName}: ${componentStatusLabel(event.to)}`,
    url: null,
    impact: IMPACT[event.to],
    status: event.to,
    statusLabel: componentStatusLabel(event.to),
    resolved: recovered,
    components: [{ name: event.componentName, status: event.to }],
    latestUpdate: {
      statusLabel: componentStatusLabel(event.to),
      body: recovered
        ? `${event.componentName} is operational again${from}.`
        : `The status page shows ${event.componentName} as ${componentStatusLabel(event.to).toLowerCase()}${from}, with no incident posted yet.`,
      at: event.at,
    },
    startedAt: event.at,
    resolvedAt: recovered ? event.at : null,
    durationText: null,
    notes: [],
    links: [],
  };
}

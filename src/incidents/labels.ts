import type { ComponentStatus, IncidentStatus } from './model.js';

/** How people write each status, shared by cards and command replies. */
export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

export const statusLabel = (status: IncidentStatus): string => INCIDENT_STATUS_LABELS[status] ?? status;
export const componentStatusLabel = (status: ComponentStatus): string => COMPONENT_STATUS_LABELS[status] ?? status;

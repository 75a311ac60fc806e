import type { ComponentStatus, IncidentStatus } from '../incidents/model.js';

/** Words and marks shared by command replies. */
export const COMPONENT_WORDS: Record<ComponentStatus, { mark: string; label: string }> = {
  operational: { mark: '🟢', label: 'Operational' },
  degraded_performance: { mark: '🟡', label: 'Degraded performance' },
  partial_outage: { mark: '🟠', label: 'Partial outage' },
  major_outage: { mark: '🔴', label: 'Major outage' },
  under_maintenance: { mark: '🔧', label: 'Under maintenance' },
};

export const INCIDENT_WORDS: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Postmortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

/** "3 min ago", "2 h ago", "just now". */
export function ago(iso: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(iso)) / 60_000);
  if (Number.isNaN(minutes)) return 'at an unknown time';
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} d ago`;
}

export const cut = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

import { COMPONENT_STATUS_LABELS, INCIDENT_STATUS_LABELS } from '../incidents/labels.js';
import type { ComponentStatus } from '../incidents/model.js';

/** Words and marks shared by command replies. */
const MARKS: Record<ComponentStatus, string> = {
  operational: '🟢',
  degraded_performance: '🟡',
  partial_outage: '🟠',
  major_outage: '🔴',
  under_maintenance: '🔧',
};

/** A component status as a coloured mark and words, e.g. 🟠 Partial outage. */
export const componentWords = (status: ComponentStatus): { mark: string; label: string } => ({
  mark: MARKS[status] ?? '⚪',
  label: COMPONENT_STATUS_LABELS[status] ?? status,
});

export { INCIDENT_STATUS_LABELS as INCIDENT_WORDS };

/** "3 min ago", "2 h ago", "just now". */
export function ago(iso: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(iso)) / 60_000);
  if (Number.isNaN(minutes)) return 'at an unknown time';
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} d ago`;
}

export { oneLine as cut } from '../shared/text.js';

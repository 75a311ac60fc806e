import type { ComponentStatus, Impact, IncidentStatus } from './model.js';

export const EVENT_KINDS = [
  'opened',
  'updated',
  'status_changed',
  'impact_changed',
  'resolved',
  'component_changed',
  'early_warning',
  'refreshed',
  'reminder',
  'digest',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * A change worth telling channels about. `dedupKey` is unique in the store, so the
 * same change seen twice (a re-fetched feed, a restart, a second source) is one event.
 */
export type IncidentEvent =
  | { kind: 'opened'; dedupKey: string; incidentKey: string; at: string }
  | { kind: 'updated'; dedupKey: string; incidentKey: string; at: string; updateKey: string; status: IncidentStatus; body: string }
  | { kind: 'status_changed'; dedupKey: string; incidentKey: string; at: string; from: IncidentStatus; to: IncidentStatus }
  | { kind: 'impact_changed'; dedupKey: string; incidentKey: string; at: string; from: Impact | null; to: Impact }
  | { kind: 'resolved'; dedupKey: string; incidentKey: string; at: string; body: string | null; durationMs: number }
  | {
      kind: 'component_changed';
      dedupKey: string;
      incidentKey: null;
      at: string;
      componentId: string;
      componentName: string;
      from: ComponentStatus | null;
      to: ComponentStatus;
    }
  /** Something shown on the card changed (e.g. GitHub reports counted): edit it, say nothing new. */
  | { kind: 'refreshed'; dedupKey: string; incidentKey: string; at: string; reason: string }
  /** Alert policy: an official incident is still open (a thread reply in one channel). */
  | { kind: 'reminder'; dedupKey: string; incidentKey: string; at: string; subscriptionId: number; number: number }
  /** Alert policy: what quiet hours held back in one channel, one line per incident or component. */
  | { kind: 'digest'; dedupKey: string; incidentKey: null; at: string; subscriptionId: number; since: string; lines: string[] }
  | {
      kind: 'early_warning';
      dedupKey: string;
      incidentKey: string;
      at: string;
      errorClass: string;
      reportCount: number;
      windowMinutes: number;
    };

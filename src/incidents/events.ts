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
  | {
      kind: 'early_warning';
      dedupKey: string;
      incidentKey: string;
      at: string;
      errorClass: string;
      reportCount: number;
      windowMinutes: number;
    };

import type { StatuspageComponent, StatuspageIncident, StatuspageState, StatuspageUpdate } from './statuspage-state.js';

/**
 * A bundled timeline for the offline demo and tests, built from a REAL incident:
 * "Elevated errors on platform.claude.com" (https://status.claude.com/incidents/978mjkgw6mh7),
 * as published in status.claude.com/history.atom fetched 2026-10-08 (copy in
 * test/fixtures/claude-status-history.head4.atom; provenance in test/fixtures/SOURCES.md).
 *
 * Real: the incident id, name, the four update times (minutes), labels and bodies, the
 * page id and component ids/names (DOMAIN.md). ADDED for the demo, not from the page: the
 * quiet step before it, the final Resolved step, update ids, seconds, impact `minor`
 * (the feed does not say) and the Console component being degraded while it lasted.
 */

/** One moment of the page: the full state the fake Statuspage serves from `at`. */
export interface TimelineStep {
  /** ISO 8601 UTC. */
  at: string;
  /** What changed, for the demo's narration. */
  label: string;
  state: StatuspageState;
}

const INCIDENT_ID = '978mjkgw6mh7';
const CONSOLE_ID = '0qbwn08sd68x';

const COMPONENTS: Array<Omit<StatuspageComponent, 'status'>> = [
  { id: 'rwppv331jlwc', name: 'claude.ai', position: 1 },
  { id: CONSOLE_ID, name: 'Claude Console (platform.claude.com)', position: 2 },
  { id: 'k8w3r06qmzrp', name: 'Claude API (api.anthropic.com)', position: 3 },
  { id: 'yyzkbfz2thpt', name: 'Claude Code', position: 4 },
];

interface StepUpdate {
  at: string;
  status: string;
  body: string;
  consoleStatus: string;
}

/** Oldest first. The first four are verbatim from the feed; the last one is ADDED. */
const UPDATES: StepUpdate[] = [
  {
    at: '2026-10-07T13:25:00Z',
    status: 'investigating',
    consoleStatus: 'degraded_performance',
    body: 'We are investigating elevated errors affecting usage data on the platform.claude.com Usage page and the Admin API usage report. Core functionality is not affected. We will provide an update as soon as possible.',
  },
  {
    // Shown as "Update" in the feed: the status did not change.
    at: '2026-10-07T16:36:00Z',
    status: 'investigating',
    consoleStatus: 'degraded_performance',
    body: 'We are continuing to work on elevated errors affecting usage data on the platform.claude.com Usage and Rate limits pages and the Admin API usage report. A mitigation for the Usage page and the Admin API usage report is rolling out; once it is in place, the most recent usage may take about 30 minutes to appear there. Core functionality is not affected.',
  },
  {
    at: '2026-10-07T17:28:00Z',
    status: 'identified',
    consoleStatus: 'degraded_performance',
    body: "We've identified the cause of errors loading usage data. The Admin API usage report has recovered, and fixes for the platform.claude.com Usage and Rate limits pages are in progress. The most recent 30 minutes of usage may be delayed. Core functionality is not affected.",
  },
  {
    at: '2026-10-07T21:44:00Z',
    status: 'monitoring',
    consoleStatus: 'degraded_performance',
    body: "We've mitigated the errors loading usage data on platform.claude.com and in the Admin API usage report. While we work on a full fix, the most recent ~30 minutes of usage may take longer to appear on the platform.claude.com. API requests are not affected, and we will provide additional updates here.",
  },
  {
    // ADDED: the page was still monitoring when the feed was fetched (2026-10-08 06:04 UTC).
    at: '2026-10-08T07:00:00Z',
    status: 'resolved',
    consoleStatus: 'operational',
    body: 'This incident has been resolved. (Added for the demo; not from the real page.)',
  },
];

const STARTED_AT = '2026-10-07T13:25:00Z';

function components(consoleStatus: string, at: string): StatuspageComponent[] {
  return COMPONENTS.map((c) => ({ ...c, status: c.id === CONSOLE_ID ? consoleStatus : 'operational', updated_at: at }));
}

function incidentAfter(count: number): StatuspageIncident {
  const seen = UPDATES.slice(0, count);
  const last = seen.at(-1) ?? UPDATES[0];
  if (!last) throw new Error('claude-timeline: no updates');
  const updates: StatuspageUpdate[] = seen.map((u, i) => ({
    id: `demoupd${i}${INCIDENT_ID.slice(0, 4)}`,
    status: u.status,
    body: u.body,
    created_at: u.at,
    display_at: u.at,
    updated_at: u.at,
    affected_components: [
      { code: CONSOLE_ID, name: 'Claude Console (platform.claude.com)', old_status: seen[i - 1]?.consoleStatus ?? 'operational', new_status: u.consoleStatus },
    ],
  }));
  return {
    id: INCIDENT_ID,
    name: 'Elevated errors on platform.claude.com',
    status: last.status,
    impact: 'minor',
    created_at: STARTED_AT,
    started_at: STARTED_AT,
    // The real feed entry was last updated 21:45:27, a minute after the Monitoring line.
    updated_at: last.status === 'monitoring' ? '2026-10-07T21:45:27Z' : last.at,
    monitoring_at: seen.find((u) => u.status === 'monitoring')?.at ?? null,
    resolved_at: last.status === 'resolved' ? last.at : null,
    shortlink: `https://stspg.io/${INCIDENT_ID}`,
    incident_updates: updates.reverse(),
    components: components(last.consoleStatus, last.at).filter((c) => c.id === CONSOLE_ID),
  };
}

const page = (at: string): StatuspageState['page'] => ({
  id: 'tymt9n04zgry',
  name: 'Claude',
  url: 'https://status.claude.com',
  time_zone: 'Etc/UTC',
  updated_at: at,
});

/** The page before, during (each real update) and after the incident. Fresh objects every call. */
export function claudeTimeline(): TimelineStep[] {
  const quietAt = '2026-10-07T13:00:00Z';
  const steps: TimelineStep[] = [
    { at: quietAt, label: 'All systems operational (ADDED quiet start)', state: { page: page(quietAt), components: components('operational', quietAt), incidents: [] } },
  ];
  UPDATES.forEach((update, i) => {
    const word = i > 0 && UPDATES[i - 1]?.status === update.status ? 'Update' : update.status;
    steps.push({
      at: update.at,
      label: `${word}: Elevated errors on platform.claude.com${i === UPDATES.length - 1 ? ' (ADDED step)' : ''}`,
      state: { page: page(update.at), components: components(update.consoleStatus, update.at), incidents: [incidentAfter(i + 1)] },
    });
  });
  return steps;
}

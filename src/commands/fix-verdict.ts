import type { KnowledgeEntry } from '../knowledge/entry-schema.js';
import { DEFAULT_COMPONENTS } from '../knowledge/entry-schema.js';
import type { ParsedError } from '../knowledge/parse-error.js';
import type { LiveStatusView } from '../incidents/live-status.js';
import { impactRank, isMaintenance, isResolvedStatus, type Incident } from '../incidents/model.js';
import { formatDuration, formatUtc } from '../shared/clock.js';
import { quoteUserText } from './fix-text.js';
import { CLOUD_NAMES, cloudOf, coverageNote } from './fix-coverage.js';

export type VerdictLevel = 'info' | 'ok' | 'warning' | 'danger';

/** "Is it them or Anthropic?", answered in one line, plus what the answer rests on. */
export interface Verdict {
  level: VerdictLevel;
  line: string;
  /** The open status page incident that explains the error, if any. */
  incident: Incident | null;
  /** Extra one-liners: GitHub spike, what the page cannot see, stale data, unrelated incident. */
  notes: string[];
  /** Put waiting / switching model / backup provider before the entry's own steps. */
  outageFirst: boolean;
}

const lower = (text: string): string => text.toLowerCase();

/** An incident listing no components may affect anything, so it counts as relevant. */
function affects(incident: Incident, components: readonly string[]): boolean {
  const names = [
    ...incident.components.map((component) => component.name),
    ...incident.updates.flatMap((update) => update.affectedComponents),
  ];
  if (names.length === 0) return true;
  return names.some((name) => components.some((pattern) => lower(name).includes(lower(pattern))));
}

export function describeIncident(incident: Incident, now: Date): string {
  const since = formatUtc(incident.createdAt);
  const age = formatDuration(now.getTime() - new Date(incident.createdAt).getTime());
  return `“${quoteUserText(incident.name, 120)}” (${incident.status}) since ${since}, ${age} ago`;
}

function spikeNote(live: LiveStatusView | null): string | null {
  const warning = live?.community?.activeWarning;
  if (warning) {
    return `GitHub reports are spiking: ${warning.reportCount} reports of ${quoteUserText(warning.errorClass, 40)} errors since ${formatUtc(warning.since)}.`;
  }
  const early = live?.openIncidents.find((incident) => incident.source === 'github' && !isResolvedStatus(incident.status));
  return early ? `GitHub reports are spiking: ${quoteUserText(early.name, 120)}.` : null;
}

/** Said once per answer: the verdict line carries it where it speaks of the page. */
function pageUnknown(live: LiveStatusView | null): string | null {
  if (live === null) return 'Live status is unavailable right now, so no outage can be ruled out';
  return live.lastSuccessAt === null ? 'The status page has not been read yet, so no outage can be ruled out' : null;
}

function staleNote(live: LiveStatusView | null): string | null {
  return live?.stale && live.lastSuccessAt !== null ? `Status data is stale (last read ${formatUtc(live.lastSuccessAt)}); check status.claude.com.` : null;
}

type Draft = Omit<Verdict, 'notes'> & { saysPage: boolean; extra?: string[] };

function judge(entry: KnowledgeEntry | null, parsed: ParsedError, live: LiveStatusView | null, now: Date, relevant: Incident[], spike: string | null): Draft {
  const blame = entry?.blame ?? 'either';
  const cloud = cloudOf(parsed);
  const incident = relevant[0] ?? null;
  const unknown = pageUnknown(live);
  const noIncident = unknown === null ? '**No incident on the status page.**' : `**${unknown}.**`;

  if (blame === 'cloud' || (cloud !== null && blame !== 'local')) {
    const name = cloud === null ? 'your cloud provider' : CLOUD_NAMES[cloud];
    return {
      level: 'info',
      line: `**Your cloud provider, not Anthropic's service:** errors and quotas on ${name} are not covered by status.claude.com.`,
      incident: null,
      outageFirst: false,
      // Whether Anthropic's page was read says nothing about the cloud's own service: no "not read yet" note.
      saysPage: true,
      extra: incident ? [`Anthropic itself has an open incident: ${describeIncident(incident, now)}.`] : [],
    };
  }
  if (entry === null) {
    // Unknown error: state what the page says without claiming whose fault it is.
    return incident
      ? { level: 'warning', line: `**Open incident:** ${describeIncident(incident, now)}. If your error started since then, it is likely Anthropic's side.`, incident, outageFirst: true, saysPage: true }
      : { level: spike ? 'warning' : 'info', line: `${noIncident} Pick the closest answer below, or paste the full error.`, incident: null, outageFirst: spike !== null, saysPage: true };
  }
  if (incident && (blame === 'anthropic' || blame === 'either' || blame === 'gateway')) {
    const head = blame === 'gateway' ? '**Possibly Anthropic:** there is an open incident' : "**Anthropic's side:** open incident";
    return { level: 'danger', line: `${head} ${describeIncident(incident, now)}. Not your setup: wait, switch model or use a backup provider.`, incident, outageFirst: true, saysPage: true };
  }
  const extra = incident ? [`There is also an open incident, probably unrelated to this error: ${describeIncident(incident, now)}.`] : [];
  const quiet = incident ? 'this kind of error does not come from the open incident' : unknown === null ? 'the status page shows no incident' : 'whatever the status page says';
  switch (blame) {
    case 'local':
      return { level: 'ok', line: `**Your side, not an outage:** ${quiet}; the steps below fix it.`, incident: null, outageFirst: false, saysPage: false, extra };
    case 'gateway':
      return { level: 'warning', line: `**Your proxy or gateway:** this error did not come from the Claude API itself, and ${quiet}.`, incident: null, outageFirst: false, saysPage: false, extra };
    case 'anthropic':
      return spike
        ? { level: 'warning', line: '**Possibly Anthropic, not yet on the status page:** no incident is posted, but GitHub reports are spiking.', incident: null, outageFirst: true, saysPage: false }
        : { level: 'info', line: `${noIncident} This error comes from Anthropic's side; if it persists, an incident may follow, so report it with the request id.`, incident: null, outageFirst: false, saysPage: true };
    default:
      return spike
        ? { level: 'warning', line: '**Unclear, possibly Anthropic:** no incident is posted, but GitHub reports are spiking.', incident: null, outageFirst: true, saysPage: false }
        : { level: 'info', line: `${noIncident} It can be your network or setup, or a short problem on Anthropic's side not posted yet: start with the checks below.`, incident: null, outageFirst: false, saysPage: true };
  }
}

export function decideVerdict(input: { entry: KnowledgeEntry | null; parsed: ParsedError; live: LiveStatusView | null; now: Date }): Verdict {
  const { entry, parsed, live, now } = input;
  const blame = entry?.blame ?? 'either';
  const cloud = cloudOf(parsed);
  const components = entry?.components ?? DEFAULT_COMPONENTS;
  const open = (live?.openIncidents ?? [])
    // A maintenance is planned work, never the outage behind an error (the reader leaves them out too).
    .filter((incident) => incident.source === 'statuspage' && !isResolvedStatus(incident.status) && !isMaintenance(incident))
    .sort((a, b) => impactRank(b.impact) - impactRank(a.impact) || a.createdAt.localeCompare(b.createdAt));
  // On Bedrock or Vertex, Anthropic's incidents do not explain a local error either.
  const relevant = cloud !== null && blame === 'local' ? [] : open.filter((incident) => affects(incident, components));
  const spike = spikeNote(live);
  const { saysPage, extra = [], ...verdict } = judge(entry, parsed, live, now, relevant, spike);

  const unknown = pageUnknown(live);
  const notes = [
    spike,
    saysPage || unknown === null ? null : `${unknown}.`,
    ...extra,
    staleNote(live),
    coverageNote({ blame, parsed, incidentShown: verdict.incident !== null }),
    relevant.length > 1 ? `${relevant.length - 1} more open incident(s) on status.claude.com.` : null,
  ].filter((note): note is string => note !== null);
  return { ...verdict, notes };
}

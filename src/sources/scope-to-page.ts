import type { ComponentState, Incident, Snapshot } from '../incidents/model.js';
import type { PageScope } from '../incidents/page-scope.js';
import type { Source } from './source.js';

const PARSER_PREFIX = 'statuspage:';

/** `statuspage:<code>…` (what the parsers mint) → `<page>:<code>…`. Keys of other sources pass unchanged. */
export const scopeKey = (key: string, scope: PageScope): string =>
  key.startsWith(PARSER_PREFIX) ? `${scope.keyPrefix}${key.slice(PARSER_PREFIX.length)}` : key;

const scopeComponentId = (id: string, scope: PageScope): string => `${scope.componentPrefix}${id}`;

/** One incident with page-scoped keys and component ids. */
export function scopeIncident(incident: Incident, scope: PageScope): Incident {
  return {
    ...incident,
    key: scopeKey(incident.key, scope),
    components: incident.components.map((c) => ({ ...c, id: c.id === null ? null : scopeComponentId(c.id, scope) })),
    updates: incident.updates.map((u) => ({ ...u, key: scopeKey(u.key, scope) })),
  };
}

const scopeComponent = (c: ComponentState, scope: PageScope): ComponentState => ({ ...c, id: scopeComponentId(c.id, scope) });

/** One page's snapshot with page-scoped identity: source id, incident and update keys, component ids. */
export function scopeSnapshot(snapshot: Snapshot, scope: PageScope): Snapshot {
  return {
    ...snapshot,
    sourceId: scope.sourceId,
    components: snapshot.components === null ? null : snapshot.components.map((c) => scopeComponent(c, scope)),
    incidents: snapshot.incidents.map((i) => scopeIncident(i, scope)),
  };
}

/**
 * Wraps one page's Statuspage source so everything it reports is that page's: the parsers
 * keep minting `statuspage:<code>`, and two pages that both have an "API" component or
 * the same incident code never meet in the store.
 */
export function scopeSourceToPage(source: Source, scope: PageScope): Source {
  return {
    id: scope.sourceId,
    async poll(state, signal) {
      const outcome = await source.poll(state, signal);
      return outcome.kind === 'snapshot' ? { ...outcome, snapshot: scopeSnapshot(outcome.snapshot, scope) } : outcome;
    },
  };
}

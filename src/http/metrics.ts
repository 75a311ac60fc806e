import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one bot process (its own registry, so tests can run several). */
export interface Metrics {
  registry: Registry;
  polls: Counter<'source' | 'outcome'>;
  deliveries: Counter<'platform' | 'outcome'>;
  events: Counter<'kind'>;
  outbox: Gauge<'state'>;
  lastSuccess: Gauge<'source'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'claude_outage_bot_' });
  return {
    registry,
    polls: new Counter({ name: 'claude_outage_bot_polls_total', help: 'Source polls by outcome', labelNames: ['source', 'outcome'], registers: [registry] }),
    deliveries: new Counter({
      name: 'claude_outage_bot_deliveries_total',
      help: 'Outbox deliveries by outcome',
      labelNames: ['platform', 'outcome'],
      registers: [registry],
    }),
    events: new Counter({ name: 'claude_outage_bot_events_total', help: 'New incident events', labelNames: ['kind'], registers: [registry] }),
    outbox: new Gauge({ name: 'claude_outage_bot_outbox_rows', help: 'Outbox rows by state', labelNames: ['state'], registers: [registry] }),
    lastSuccess: new Gauge({
      name: 'claude_outage_bot_last_success_timestamp_seconds',
      help: 'Unix time of the last successful poll',
      labelNames: ['source'],
      registers: [registry],
    }),
  };
}

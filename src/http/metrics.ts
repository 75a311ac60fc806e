import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one bot process (its own registry, so tests can run several).
 * Names are what the shipped alert rules (ops/prometheus/alerts.yml) rely on: rename
 * none without changing those.
 */
export interface Metrics {
  registry: Registry;
  /** 1 while this process polls (the leader among replicas; always 1 for one process). */
  leader: Gauge;
  polls: Counter<'source' | 'outcome'>;
  /** Polls read fine but could not be stored (full disk, read-only file). */
  storeFailures: Counter<'source'>;
  /** Items of a poll dropped or merged (malformed, duplicated, refused). */
  itemsDropped: Counter<'source' | 'kind' | 'reason'>;
  deliveries: Counter<'platform' | 'outcome'>;
  events: Counter<'kind'>;
  outbox: Gauge<'state'>;
  outboxOldestPendingAge: Gauge;
  lastSuccess: Gauge<'source'>;
  lastSuccessAge: Gauge<'source'>;
  commandDuration: Histogram<'command' | 'platform'>;
  /** Alert policy: posts suppressed (flaps, short degradations), reminders and digests sent. */
  policyActions: Counter<'action'>;
  /** Alert policy: events held for a quiet-hours digest right now. */
  policyHeld: Gauge;
  /** Statuspage webhook requests by page and outcome (queued, bad_secret, unknown_page, ...). */
  webhookEvents: Counter<'page' | 'outcome'>;
  ready: Gauge;
  readyCheck: Gauge<'check'>;
  /** /claude-fix answers by what chose them (worded, prose, wrapper, status, learned, none). */
  fixAnswers: Counter<'basis'>;
  /** The /claude-fix classifier's model could not be read: the rules answer alone until the bot restarts. */
  fixModelErrors: Counter;
}

const PREFIX = 'claude_outage_bot_';

export function createMetrics(): Metrics {
  const registry = new Registry();
  // Event-loop lag sampled once a second, not every 10 ms: the default woke an idle bot 100 times a second.
  collectDefaultMetrics({ register: registry, prefix: PREFIX, eventLoopMonitoringPrecision: 1_000 });
  const registers = [registry];
  return {
    registry,
    polls: new Counter({ name: `${PREFIX}polls_total`, help: 'Source polls by outcome', labelNames: ['source', 'outcome'], registers }),
    storeFailures: new Counter({ name: `${PREFIX}store_failures_total`, help: 'Polls that were read but could not be stored', labelNames: ['source'], registers }),
    itemsDropped: new Counter({
      name: `${PREFIX}items_dropped_total`,
      help: 'Items of a poll dropped or merged instead of stored (malformed, duplicated, refused)',
      labelNames: ['source', 'kind', 'reason'],
      registers,
    }),
    deliveries: new Counter({ name: `${PREFIX}deliveries_total`, help: 'Outbox deliveries by outcome', labelNames: ['platform', 'outcome'], registers }),
    events: new Counter({ name: `${PREFIX}events_total`, help: 'New incident events', labelNames: ['kind'], registers }),
    outbox: new Gauge({ name: `${PREFIX}outbox_rows`, help: 'Outbox rows by state', labelNames: ['state'], registers }),
    outboxOldestPendingAge: new Gauge({
      name: `${PREFIX}outbox_oldest_pending_age_seconds`,
      help: 'How long the oldest due, undelivered outbox row has waited (0 when none)',
      registers,
    }),
    lastSuccess: new Gauge({ name: `${PREFIX}last_success_timestamp_seconds`, help: 'Unix time of the last successful poll', labelNames: ['source'], registers }),
    lastSuccessAge: new Gauge({
      name: `${PREFIX}last_success_age_seconds`,
      help: 'Seconds since the last successful poll (at scrape time; +Inf before the first)',
      labelNames: ['source'],
      registers,
    }),
    commandDuration: new Histogram({
      name: `${PREFIX}command_duration_seconds`,
      help: 'Time to answer a slash command or CLI verb',
      labelNames: ['command', 'platform'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 3],
      registers,
    }),
    policyActions: new Counter({
      name: `${PREFIX}policy_actions_total`,
      help: 'Alert policy actions: suppressed (flap, short degradation), reminded, digest_sent',
      labelNames: ['action'],
      registers,
    }),
    policyHeld: new Gauge({ name: `${PREFIX}policy_held_events`, help: 'Minor events held for the quiet-hours digest', registers }),
    webhookEvents: new Counter({
      name: `${PREFIX}webhook_events_total`,
      help: 'Statuspage webhook requests by page and outcome',
      labelNames: ['page', 'outcome'],
      registers,
    }),
    leader: new Gauge({ name: `${PREFIX}leader`, help: '1 while this replica polls the status pages and GitHub (one process: always 1)', registers }),
    ready: new Gauge({ name: `${PREFIX}ready`, help: '1 when every readiness check passes (see /readyz)', registers }),
    readyCheck: new Gauge({ name: `${PREFIX}ready_check`, help: '1 when this readiness check passes', labelNames: ['check'], registers }),
    fixAnswers: new Counter({
      name: `${PREFIX}fix_answers_total`,
      help: '/claude-fix answers by what chose them (worded, prose, wrapper, status, learned by the classifier, none)',
      labelNames: ['basis'],
      registers,
    }),
    fixModelErrors: new Counter({
      name: `${PREFIX}fix_model_errors_total`,
      help: "The /claude-fix classifier's model file could not be read; the rules answer alone",
      registers,
    }),
  };
}

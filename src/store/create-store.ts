import { createCardsTable, type CardsTable } from './cards-table.js';
import { createChannelPolicyTable, type ChannelPolicyTable } from './channel-policy-table.js';
import { createComponentsTable, type ComponentsTable } from './components-table.js';
import { createEventsTable, type EventsTable } from './events-table.js';
import { createGithubReportsTable, type GithubReportsTable } from './github-reports-table.js';
import { createIncidentsTable, type IncidentsTable } from './incidents-table.js';
import { dialectOf, type Db } from './open-database.js';
import { createOutboxTable, type OutboxTable } from './outbox-table.js';
import { createPollStateTable, type PollStateTable } from './poll-state-table.js';
import { createPolicyTimersTable, type PolicyTimersTable } from './policy-timers-table.js';
import { createSlackInstallationsTable, type SlackInstallationsTable } from './slack-installations-table.js';
import { createSubscriptionsTable, type SubscriptionsTable } from './subscriptions-table.js';

/** Every table, each with its prepared statements, over one connection. */
export interface Store {
  db: Db;
  incidents: IncidentsTable;
  components: ComponentsTable;
  events: EventsTable;
  subscriptions: SubscriptionsTable;
  outbox: OutboxTable;
  cards: CardsTable;
  /** Alert policy per channel (flaps, reminders, pings, quiet hours). */
  policies: ChannelPolicyTable;
  /** Due reminders, digests and settle times, and events held for a digest. */
  timers: PolicyTimersTable;
  pollState: PollStateTable;
  /** GitHub error reports and the early warnings made of them. */
  githubReports: GithubReportsTable;
  /** Workspaces that installed the bot through Slack's OAuth flow (distribution). */
  slackInstallations: SlackInstallationsTable;
  /** Runs `fn` in one transaction (nested calls are savepoints). */
  transaction<T>(fn: () => T): T;
  /**
   * Inside a transaction: waits until no other replica is writing a poll or a push (Postgres,
   * released at commit), so two writers never diff against the same stored state. SQLite's one
   * writer already is alone: a no-op there.
   */
  lockIngest(): void;
}

/** The advisory lock key of ingestion (polls, webhooks) on Postgres. */
const INGEST_LOCK = 0x0c0b_0003;

/** @param replicaId written on the outbox lanes this process claims (replicas on Postgres). */
export function createStore(db: Db, replicaId = 'local'): Store {
  const ingest = dialectOf(db) === 'postgres' ? db.prepare(`SELECT pg_advisory_xact_lock(${INGEST_LOCK}, 0)`) : null;
  return {
    db,
    incidents: createIncidentsTable(db),
    components: createComponentsTable(db),
    events: createEventsTable(db),
    subscriptions: createSubscriptionsTable(db),
    outbox: createOutboxTable(db, replicaId),
    cards: createCardsTable(db),
    policies: createChannelPolicyTable(db),
    timers: createPolicyTimersTable(db),
    pollState: createPollStateTable(db),
    githubReports: createGithubReportsTable(db),
    slackInstallations: createSlackInstallationsTable(db),
    transaction: (fn) => db.transaction(fn)(),
    lockIngest: () => void ingest?.get(),
  };
}

import { createRequire } from 'node:module';
import { AppError, errorMessage } from '../../shared/errors.js';
import { translateSql } from './translate-sql.js';

/** The part of pg-native (node-postgres's libpq binding) the store uses: its synchronous calls. */
interface NativeClient {
  connectSync(conninfo: string): void;
  querySync(text: string, values?: (string | null)[]): Record<string, unknown>[];
  prepareSync(name: string, text: string, parameters: number): void;
  executeSync(name: string, values: (string | null)[]): Record<string, unknown>[];
  end(cb?: () => void): void;
  pq: { cmdTuples(): string; finish(): void; resultErrorFields(): { sqlState?: string } | undefined };
}
type NativeClientClass = new (options: { types: { getTypeParser(oid: number): (value: string) => unknown } }) => NativeClient;

/** What a statement's run() reports, as better-sqlite3 does. */
export interface PgRunResult {
  changes: number;
  lastInsertRowid: number;
}

/** A prepared statement with better-sqlite3's calling convention (positional values, or one object for @names). */
export interface PgStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): PgRunResult;
  pluck(on?: boolean): PgStatement;
}

/** A Postgres connection shaped like the part of better-sqlite3's Database the store calls. */
export interface PgDatabase {
  readonly dialect: 'postgres';
  /** The connection string without its password (for logs). */
  readonly name: string;
  readonly open: boolean;
  /** Bumped by every reconnect: session state (advisory locks) did not survive it. */
  readonly generation: number;
  prepare(sql: string): PgStatement;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  exec(sql: string): void;
  close(): void;
}

export class PostgresUnavailableError extends AppError {
  constructor(code: 'postgres_driver' | 'postgres_connect', message: string, cause?: unknown) {
    super(code, message, cause === undefined ? undefined : { cause });
  }
}

// Integers come back as numbers (COUNT(*) and BIGINT ids are int8: strings by default); text stays text.
const NUMERIC_OIDS = new Set([20, 21, 23, 700, 701, 1700]);
const asText = (value: string): string => value;
const asBoolean = (value: string): boolean => value === 't';
const TYPES = { getTypeParser: (oid: number) => (NUMERIC_OIDS.has(oid) ? Number : oid === 16 ? asBoolean : asText) };

/** What each session asks of the server: probe a silent client, give up on sends, end a transaction left idle. */
const SERVER_SIDE_BOUNDS =
  'SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3; SET tcp_user_timeout = 15000; SET idle_in_transaction_session_timeout = 60000';
/** Postgres's refusal of a plan a table change made stale (SQLSTATE 0A000). */
const STALE_PLAN = /cached plan must not change result type/;
/** Messages libpq gives when the server or the network went away (the next call reconnects). */
const CONNECTION_LOST = /server closed the connection|no connection to the server|terminating connection|connection .* (?:refused|reset|timed out)|could not receive data|could not send data|SSL SYSCALL/i;

/**
 * libpq's binding closes its socket watcher asynchronously (uv_close) inside the connection
 * object: if that object were garbage-collected before the loop ran the close, libuv would
 * touch freed memory (an assertion crash at exit). Finished clients are held a moment.
 */
const closing = new Set<NativeClient>();
function finish(client: NativeClient): void {
  client.pq.finish();
  closing.add(client);
  setTimeout(() => closing.delete(client), 1_000).unref();
}

/** The connection string as it may be logged: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable DATABASE_URL)';
  }
}

function loadDriver(): NativeClientClass {
  try {
    return createRequire(import.meta.url)('pg-native') as NativeClientClass;
  } catch (error) {
    throw new PostgresUnavailableError(
      'postgres_driver',
      `DATABASE_URL names Postgres but its driver is not installed (${errorMessage(error)}). pg-native is an optional dependency that builds against libpq: install libpq-dev (Debian: apt-get install libpq-dev) and run npm ci again, or unset DATABASE_URL to use SQLite.`,
      error,
    );
  }
}

function toValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  // better-sqlite3 refuses booleans and objects too: the two engines must fail alike.
  throw new TypeError(`the store binds only strings, numbers and null (got ${typeof value})`);
}

/**
 * Opens a Postgres connection through libpq's synchronous calls, so the store keeps the one
 * synchronous interface it has over SQLite (docs/decisions/006). Every call blocks the event
 * loop for one round trip: keep the database near the bot (same host or LAN).
 */
export function openPostgres(url: string, options: { connectTimeoutSeconds?: number; statementTimeoutMs?: number } = {}): PgDatabase {
  const Client = loadDriver();
  const name = redactUrl(url);
  // Bounded waits: a database that stops answering fails the call instead of freezing the bot.
  const conninfo = withParams(url, {
    connect_timeout: String(options.connectTimeoutSeconds ?? 5),
    keepalives_idle: '10',
    keepalives_interval: '5',
    keepalives_count: '3',
    tcp_user_timeout: '15000',
    application_name: 'claude-outage-bot',
  });
  let client: NativeClient | null = null;
  let generation = 0;
  let depth = 0;
  // Server-side prepared statements, per session: parsed and planned once, not on every call
  // (that was most of a query's cost). A new session starts with none.
  let prepared = new Map<string, string>();
  let named = 0;
  // Set when Postgres refused a kept plan: every statement of this session is dropped once it can be.
  let stale = false;

  const connect = (): NativeClient => {
    const next = new Client({ types: TYPES });
    try {
      next.connectSync(conninfo);
    } catch (error) {
      closing.add(next); // libpq finished it already; hold it like any closed one
      setTimeout(() => closing.delete(next), 1_000).unref();
      throw new PostgresUnavailableError(
        'postgres_connect',
        `DATABASE_URL=${name}: cannot connect (${errorMessage(error).trim()}). Check that Postgres runs and accepts this user from this host, or unset DATABASE_URL to use SQLite.`,
        error,
      );
    }
    next.querySync(`SET client_min_messages = warning; SET TIME ZONE 'UTC'; SET statement_timeout = ${Math.trunc(options.statementTimeoutMs ?? 10_000)}`);
    // The server's side of the same bounds: a replica cut off by the network (or frozen inside a
    // transaction) loses its session within about half a minute, and with it the leader lock, so
    // another replica leads instead of everyone waiting for the OS's two-hour keepalive.
    next.querySync(SERVER_SIDE_BOUNDS);
    return next;
  };
  client = connect();
  let closed = false;

  const query = (text: string, values?: (string | null)[], replanned = false): { rows: Record<string, unknown>[]; changes: number } => {
    if (closed) throw new TypeError('The database connection is not open');
    if (!client) {
      client = connect();
      generation += 1;
      prepared = new Map();
    }
    try {
      // Outside a transaction only, and never before a ROLLBACK (an aborted transaction takes nothing else).
      if (stale && depth === 0 && values !== undefined) {
        stale = false;
        client.querySync('DEALLOCATE ALL');
        prepared = new Map(); // those made since (a retried transaction's) went too
      }
      let rows: Record<string, unknown>[];
      if (values === undefined) rows = client.querySync(text);
      else {
        let name = prepared.get(text);
        if (name === undefined) {
          named += 1;
          name = `cob_${named}`;
          client.prepareSync(name, text, values.length);
          prepared.set(text, name);
        }
        rows = client.executeSync(name, values);
      }
      return { rows, changes: Number(client.pq.cmdTuples()) || 0 };
    } catch (error) {
      // The SQLSTATE, as `code` (SQLite errors carry theirs there too): 23xxx is a refused row.
      const sqlState = client.pq.resultErrorFields()?.sqlState;
      if (sqlState && error instanceof Error) Object.assign(error, { code: sqlState });
      // A rolling upgrade: another replica's migration changed a table, and Postgres refuses a
      // plan this session keeps. Every statement is prepared afresh (any of them may read that
      // table): outside a transaction this one at once, inside one on the caller's retry (an
      // error aborts the transaction), so a schema change costs one failed transaction at most.
      if (values !== undefined && sqlState === '0A000' && STALE_PLAN.test(errorMessage(error))) {
        prepared = new Map();
        stale = true;
        if (depth === 0 && !replanned) return query(text, values, true);
      }
      // A lost connection is dropped so the next call (outside a transaction) opens a new one.
      if (CONNECTION_LOST.test(errorMessage(error))) {
        finish(client);
        client = null;
        depth = 0;
      }
      throw error;
    }
  };

  const prepare = (sql: string, plucked = false): PgStatement => {
    const { text, names } = translateSql(sql);
    const bind = (params: unknown[]): (string | null)[] => {
      if (names.length === 0) return params.map(toValue);
      const bag = (params[0] ?? {}) as Record<string, unknown>;
      return names.map((n) => {
        if (!(n in bag)) throw new RangeError(`Missing named parameter "${n}"`);
        return toValue(bag[n]);
      });
    };
    const shape = (row: Record<string, unknown>): unknown => (plucked ? Object.values(row)[0] : row);
    return {
      get: (...params) => {
        const row = query(text, bind(params)).rows[0];
        return row === undefined ? undefined : shape(row);
      },
      all: (...params) => query(text, bind(params)).rows.map(shape),
      run: (...params) => {
        const { rows, changes } = query(text, bind(params));
        const id = rows[0]?.id;
        return { changes, lastInsertRowid: typeof id === 'number' ? id : 0 };
      },
      pluck: (on = true) => prepare(sql, on),
    };
  };

  const transaction = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
    const savepoint = depth > 0 ? `sp_${depth}` : null;
    query(savepoint ? `SAVEPOINT ${savepoint}` : 'BEGIN');
    depth += 1;
    let result: R;
    try {
      result = fn(...args);
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        throw new TypeError('Transaction function cannot return a promise');
      }
    } catch (error) {
      depth = Math.max(0, depth - 1);
      if (client) {
        try {
          query(savepoint ? `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}` : 'ROLLBACK');
        } catch {
          // The connection is gone or the transaction already ended; the original error is the one to see.
        }
      }
      throw error;
    }
    depth -= 1;
    query(savepoint ? `RELEASE SAVEPOINT ${savepoint}` : 'COMMIT');
    return result;
  };

  return {
    dialect: 'postgres',
    name,
    get open() {
      return !closed;
    },
    get generation() {
      return generation;
    },
    prepare: (sql) => prepare(sql),
    transaction,
    exec: (sql) => void query(sql),
    close() {
      if (closed) return;
      closed = true;
      if (client) finish(client);
      client = null;
    },
  };
}

/** Adds libpq keywords to a postgres:// URL as query parameters, keeping any the user set. */
function withParams(url: string, params: Record<string, string>): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch (error) {
    throw new PostgresUnavailableError('postgres_connect', `DATABASE_URL is not a valid URL (${errorMessage(error)}); expected postgres://user:password@host:5432/dbname.`, error);
  }
  for (const [key, value] of Object.entries(params)) if (!u.searchParams.has(key)) u.searchParams.set(key, value);
  return u.toString();
}

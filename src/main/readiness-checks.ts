import type { CheckResult, ReadinessCheck } from '../http/readiness.js';
import type { AdapterHealth } from '../platforms/chat-adapter.js';
import type { PlatformName } from '../platforms/platform.js';
import type { Store } from '../store/create-store.js';
import type { OutboxBacklog } from '../store/read-outbox-backlog.js';
import { createWritableProbe } from '../store/probe-writable.js';
import type { Clock } from '../shared/clock.js';
import { formatDuration } from '../shared/clock.js';
import type { PollHealth } from './poll-health.js';

export interface ReadinessOptions {
  store: Store;
  clock: Clock;
  databasePath: string;
  pollIntervalSeconds: number;
  pollHealth: PollHealth;
  /** Source id of the (primary) status page poller. */
  sourceId: string;
  /** The primary page when it is not the Claude page (its fix names STATUS_PAGES, not STATUSPAGE_URL). */
  primaryPage?: { id: string; url: string };
  /**
   * Other watched pages: each gets its own advisory check (`statuspage:<id>`), shown in
   * /readyz and /metrics without failing readiness (docs/decisions/004-page-identity.md).
   */
  secondaryPages?: Array<{ id: string; sourceId: string; url: string }>;
  platforms: Array<{ name: PlatformName; health: () => AdapterHealth }>;
  /** Platforms the outbox stopped for bad credentials, with the reason. */
  halted: () => Map<PlatformName, string>;
  backlog: (now: string) => OutboxBacklog;
  /**
   * On Postgres, a SQLite file at DATABASE_PATH found at start holding subscribed channels the empty
   * database lacked: an advisory check (`database:sqlite_left_behind`), shown until the next start.
   */
  sqliteLeftBehind?: { path: string; subscriptions: number };
  /** How often the database check really writes (default 15 s; tests use 0). */
  probeEveryMs?: number;
}

/** A due delivery older than this means the outbox is stuck, not just busy. */
const stuckAfterMs = (pollIntervalSeconds: number) => Math.max(5 * 60_000, 3 * pollIntervalSeconds * 1000);

/** The checks behind /readyz: each says what failed and what to do about it. */
export function createReadinessChecks(options: ReadinessOptions): ReadinessCheck[] {
  const { store, clock, pollIntervalSeconds, sourceId } = options;
  const staleAfterMs = 3 * pollIntervalSeconds * 1000;
  const ago = (iso: string) => formatDuration(Math.max(0, clock.now().getTime() - Date.parse(iso)));

  const probe = createWritableProbe(store.db, options.probeEveryMs);
  const database = (): CheckResult => {
    const problem = probe(clock.now().getTime());
    return problem === null
      ? { name: 'database', ok: true, detail: `${options.databasePath} is writable` }
      : {
          name: 'database',
          ok: false,
          detail: `${options.databasePath}: ${problem}`,
          fix: 'check that DATABASE_PATH is on a writable, mounted volume with free space and owned by the bot user',
        };
  };

  const pageCheck = (name: string, pageSourceId: string, fixes: { never: string; stale: string }) => (): CheckResult => {
    const poll = store.pollState.get(pageSourceId);
    const last = poll.lastSuccessAt;
    const error = poll.lastErrorCode ? ` (last error: ${poll.lastErrorCode}: ${poll.lastError ?? ''})` : '';
    if (last === null) return { name, ok: false, detail: `the status page has not been read yet${error}`, fix: fixes.never };
    const ok = clock.now().getTime() - Date.parse(last) <= staleAfterMs;
    return ok
      ? { name, ok, detail: `last good read ${ago(last)} ago` }
      : { name, ok, detail: `last good read ${ago(last)} ago (limit ${formatDuration(staleAfterMs)})${error}`, fix: fixes.stale };
  };
  const listed = options.primaryPage;
  const listedFix = listed && `check that ${listed.url} answers from here; give it fallbacks in STATUS_PAGES (${listed.id}=${listed.url}|https://<fallback>)`;
  const statuspage = pageCheck(
    'statuspage',
    sourceId,
    listedFix
      ? { never: listedFix, stale: listedFix }
      : {
          never: 'check the network and STATUSPAGE_URL; set STATUSPAGE_FALLBACK_URLS if the page is blocked',
          stale: 'check the network and STATUSPAGE_URL; set STATUSPAGE_FALLBACK_URLS (e.g. https://anthropic.statuspage.io) if the page answers with a challenge',
        },
  );
  const secondary = (options.secondaryPages ?? []).map((page) => {
    const fix = `check that ${page.url} answers from here; give it fallbacks in STATUS_PAGES (${page.id}=${page.url}|https://<fallback>); only ${page.id}'s alerts wait for it`;
    const check = pageCheck(`statuspage:${page.id}`, page.sourceId, { never: fix, stale: fix });
    return (): CheckResult => ({ ...check(), advisory: true });
  });

  const storedSources = [sourceId, ...(options.secondaryPages ?? []).map((p) => p.sourceId)];
  const pollStored = (): CheckResult => {
    // A full disk fails every page alike: any page's failed write is this check's.
    const failure = storedSources.map((id) => options.pollHealth.storeFailure(id)).find((f) => f !== null) ?? null;
    return failure
      ? { name: 'poll_stored', ok: false, detail: `the last poll could not be stored: ${failure.message}`, fix: 'free disk space on the DATABASE_PATH volume, check it is writable, then wait one poll' }
      : { name: 'poll_stored', ok: true, detail: 'the last poll was stored' };
  };

  const platformChecks = options.platforms.map(({ name, health }) => (): CheckResult => {
    const halted = options.halted().get(name);
    if (halted) return { name, ok: false, detail: `deliveries stopped: ${halted}`, fix: `fix the ${name} token (see the detail), then restart the bot` };
    const h = health();
    return h.connected
      ? { name, ok: true, detail: h.detail }
      : { name, ok: false, detail: h.detail, fix: `check the network and the ${name} status; the bot reconnects by itself, restart it if this persists` };
  });

  const outbox = (): CheckResult => {
    const now = clock.now();
    const { undelivered, oldestDueCreatedAt } = options.backlog(now.toISOString());
    const limit = stuckAfterMs(pollIntervalSeconds);
    const stuck = oldestDueCreatedAt !== null && now.getTime() - Date.parse(oldestDueCreatedAt) > limit;
    const detail = `${undelivered} undelivered${oldestDueCreatedAt ? `, oldest due for ${ago(oldestDueCreatedAt)}` : ''}`;
    return stuck
      ? { name: 'outbox', ok: false, detail: `${detail} (limit ${formatDuration(limit)})`, fix: 'see the delivery errors in the log (outbox rows keep their last_error); check the platform tokens and rate limits' }
      : { name: 'outbox', ok: true, detail };
  };

  const left = options.sqliteLeftBehind;
  const leftBehind = left
    ? [
        // Found at start and true until a restart: copy-store needs the bot stopped and an empty database.
        (): CheckResult => ({
          name: 'database:sqlite_left_behind',
          ok: false,
          advisory: true,
          detail: `${left.path} holds ${left.subscriptions} subscribed channels this Postgres database lacked at start: they get no alerts`,
          fix: 'stop the bot, run "claude-outage-bot copy-store", start it again (or remove the file if those channels are meant to go)',
        }),
      ]
    : [];

  return [database, statuspage, ...secondary, pollStored, ...platformChecks, outbox, ...leftBehind];
}

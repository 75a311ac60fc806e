import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { dialectOf, type Db } from './open-database.js';

/**
 * Who polls, and which replicas are gone. On SQLite there is one process: it always leads and
 * frees every busy lane at start. On Postgres, replicas coordinate through advisory locks, which
 * the server releases the moment a session ends (a killed process, a lost connection):
 * - a presence lock per replica, so another one can tell its lanes are orphaned;
 * - one leader lock: its holder polls the pages and GitHub, fires policy timers and prunes.
 */
export interface ReplicaCoordination {
  readonly replicaId: string;
  readonly shared: boolean;
  /** Takes or keeps the leader lock; true while this process leads. Cheap: call it every second. */
  lead(): boolean;
  /** Of these lane owners, the replicas that are gone (their presence lock is free). */
  goneOwners(owners: string[]): string[];
  /** Gives the leader lock up (clean stop), so another replica takes over at once. */
  resign(): void;
}

// Two-key advisory locks: the first key says what the second is.
const PRESENCE = 0x0c0b_0001;
const LEADER = 0x0c0b_0002;

/** A replica id readable in logs: host, pid and a random part (a restarted process is a new replica). */
export function newReplicaId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export function createReplicaCoordination(db: Db, replicaId = newReplicaId()): ReplicaCoordination {
  if (dialectOf(db) === 'sqlite') {
    return { replicaId, shared: false, lead: () => true, goneOwners: () => [], resign: () => undefined };
  }
  const generationOf = () => (db as unknown as { generation: number }).generation;
  const tryLock = db.prepare<[number, string], boolean>('SELECT pg_try_advisory_lock(?::int, hashtext(?)) AS got').pluck();
  const unlock = db.prepare<[number, string], boolean>('SELECT pg_advisory_unlock(?::int, hashtext(?)) AS was').pluck();
  const alive = db.prepare('SELECT 1');
  let presentIn = -1;
  let leadingIn = -1;

  /** The presence lock belongs to the session: after a reconnect it is taken again. */
  const bePresent = (): void => {
    if (presentIn === generationOf()) return;
    if (!tryLock.get(PRESENCE, replicaId)) throw new Error(`replica id ${replicaId} is already present in this database`);
    presentIn = generationOf();
  };
  bePresent();

  return {
    replicaId,
    shared: true,
    lead() {
      try {
        // A round trip also notices a connection the server dropped (the lock went with it).
        alive.get();
        bePresent();
        // Reconnected since it led: the lock went with the old session (another replica may hold
        // it now). Step down for this tick; the next one takes it again if it is free.
        if (leadingIn !== -1 && leadingIn !== generationOf()) {
          leadingIn = -1;
          return false;
        }
        if (leadingIn === generationOf()) return true;
        leadingIn = tryLock.get(LEADER, 'leader') ? generationOf() : -1;
        return leadingIn !== -1;
      } catch {
        leadingIn = -1;
        return false;
      }
    },
    goneOwners(owners) {
      const gone: string[] = [];
      for (const owner of owners) {
        if (owner === replicaId) continue;
        // Free means its session ended. Taken only to look: given back at once.
        if (tryLock.get(PRESENCE, owner)) {
          unlock.get(PRESENCE, owner);
          gone.push(owner);
        }
      }
      return gone;
    },
    resign() {
      if (leadingIn !== generationOf()) return;
      leadingIn = -1;
      try {
        unlock.get(LEADER, 'leader');
      } catch {
        // The connection is gone: so is the lock.
      }
    },
  };
}

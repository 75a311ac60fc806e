import type { Logger } from '../shared/logger.js';
import type { ReplicaCoordination } from '../store/replica-coordination.js';

export interface Leadership {
  /** True while this process polls (always, for one process on SQLite). */
  leading(): boolean;
  /** Stops watching and, if leading, stops the leader's work and gives the lock up. */
  stop(): Promise<void>;
}

export interface LeadPollingOptions {
  coordination: ReplicaCoordination;
  logger: Logger;
  /** How often a follower tries the leader lock (a dead leader's lock is free at once). */
  checkMs: number;
  /** Starts what only the leader does: polling the pages and GitHub, the history backfill. */
  lead: () => void;
  /** Stops it (lost the lock, or shutting down). */
  follow: () => Promise<void>;
  onChange?: (leading: boolean) => void;
}

/**
 * One poller at a time across replicas. A follower tries the leader lock every `checkMs`;
 * when the leader dies its session ends, the lock frees, and a follower takes over within
 * one check. A leader that finds its lock gone (its connection dropped) stops polling first.
 */
export function startLeadPolling(options: LeadPollingOptions): Leadership {
  const { coordination, logger } = options;
  let leading = false;
  let changing: Promise<void> = Promise.resolve();
  const become = (next: boolean): void => {
    if (next === leading) return;
    leading = next;
    options.onChange?.(next);
    if (next) {
      logger.info({ replica: coordination.replicaId }, coordination.shared ? 'this replica leads: it polls the status pages and GitHub' : 'polling');
      changing = changing.then(() => options.lead());
    } else {
      logger.warn({ replica: coordination.replicaId }, 'this replica no longer leads: polling stopped here (another replica takes over)');
      changing = changing.then(() => options.follow());
    }
  };
  become(coordination.lead());
  const timer = coordination.shared ? setInterval(() => become(coordination.lead()), options.checkMs) : null;
  timer?.unref();
  return {
    leading: () => leading,
    async stop() {
      if (timer) clearInterval(timer);
      await changing;
      if (leading) {
        leading = false;
        await options.follow();
      }
      coordination.resign();
    },
  };
}

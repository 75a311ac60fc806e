import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { WebClient } from './slack-clients.js';

export interface AdminCheckOptions {
  /** The single workspace's client; distribution passes each workspace's client per call instead. */
  client?: WebClient;
  /** SLACK_ADMIN_USER_IDS: allowed without asking Slack. */
  adminUserIds: string[];
  clock: Clock;
  logger: Logger;
  /** How long a users.info answer is trusted; short, so a demoted admin loses the right soon. */
  ttlMs?: number;
}

/** `via`: in distribution mode, the workspace's own client (users.info is per workspace). */
export type AdminCheck = (userId: string, via?: { teamId: string; client: WebClient }) => Promise<boolean>;

/**
 * May this user change a channel's subscription? Workspace admins and owners (from
 * `users.info`), or ids listed in SLACK_ADMIN_USER_IDS. A failed lookup answers "no":
 * the user gets a polite refusal rather than a silent change.
 * @see https://docs.slack.dev/reference/methods/users.info
 */
export function createAdminCheck(options: AdminCheckOptions): AdminCheck {
  const { client, clock, logger, ttlMs = 60_000 } = options;
  const listed = new Set(options.adminUserIds);
  const cache = new Map<string, { admin: boolean; until: number }>();
  return async (userId, via) => {
    if (listed.has(userId)) return true;
    const now = clock.now().getTime();
    const key = via ? `${via.teamId}:${userId}` : userId;
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.admin;
    try {
      const using = via?.client ?? client;
      if (!using) throw new Error('no Slack client for this workspace');
      const res = await using.users.info({ user: userId });
      const user = res.user;
      const admin = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
      cache.set(key, { admin, until: now + ttlMs });
      return admin;
    } catch (error) {
      logger.warn({ userId, err: error instanceof Error ? error.message : String(error) }, 'users.info failed; treating the user as not an admin');
      return false;
    }
  };
}

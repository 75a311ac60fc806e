import type { Store } from './create-store.js';

/**
 * A Slack workspace is gone (uninstalled, tokens revoked, or its token refused): its
 * installation is deleted and its channels stop, in one transaction. Each of its
 * subscriptions is disabled with `reason` and its queued deliveries are skipped, as the
 * outbox does for one channel that went away. Other workspaces are not touched.
 * @returns how many subscriptions were disabled.
 */
export function removeWorkspace(store: Store, workspaceId: string, reason: string, at: string): number {
  return store.transaction(() => {
    store.slackInstallations.remove(workspaceId);
    const disabled = store.subscriptions.disableWorkspace('slack', workspaceId, reason, at);
    for (const id of disabled) store.outbox.skipPending(id, reason, at);
    return disabled.length;
  });
}

import type { Store } from './create-store.js';

/**
 * A Slack workspace installed the bot again after it was removed: the channels that
 * stopped because the workspace went away (one of `reasons`, the ones removeWorkspace
 * was given) get alerts again, with their filters and policy as they were. A channel
 * stopped for its own reason (the bot was removed from it, the channel was archived)
 * stays stopped until someone subscribes it again.
 * @returns how many subscriptions were enabled again.
 */
export function restoreWorkspace(store: Store, workspaceId: string, reasons: readonly string[], at: string): number {
  return store.transaction(() => reasons.reduce((count, reason) => count + store.subscriptions.enableWorkspace('slack', workspaceId, reason, at).length, 0));
}

import type { ChatPlatform } from '../platforms/platform.js';

/** What one delivery attempt did on the platform, seen by the worker. */
export interface CallTrace {
  /** Any platform method was called: this attempt counts. */
  called: boolean;
  /** When the last post (root or reply) answered, for per-channel spacing. */
  postedAt: number | null;
}

/**
 * Wraps a platform for one row's attempt: records whether it was called at all, and when
 * its last post answered (a crash mid-post needs no mark here: every row in flight at a
 * crash is looked up before it posts again).
 */
export function trackCalls(platform: ChatPlatform, now: () => number): { platform: ChatPlatform; trace: CallTrace } {
  const trace: CallTrace = { called: false, postedAt: null };
  const call = <T>(run: () => Promise<T>): Promise<T> => {
    trace.called = true;
    return run();
  };
  const post = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await call(run);
    } finally {
      trace.postedAt = now();
    }
  };
  const tracked: ChatPlatform = {
    name: platform.name,
    postSpacingMs: platform.postSpacingMs,
    postCard: (channelId, card, key) => post(() => platform.postCard(channelId, card, key)),
    updateCard: (ref, card) => call(() => platform.updateCard(ref, card)),
    postReply: (ref, reply, key) => post(() => platform.postReply(ref, reply, key)),
  };
  const { closeThread, findMessage } = platform;
  if (closeThread) tracked.closeThread = (ref) => call(() => closeThread.call(platform, ref));
  if (findMessage) tracked.findMessage = (channelId, key, parent) => call(() => findMessage.call(platform, channelId, key, parent));
  return { platform: tracked, trace };
}

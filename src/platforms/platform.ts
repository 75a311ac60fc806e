import type { Card, ThreadReply } from './card.js';

export type PlatformName = 'console' | 'slack' | 'discord';

/** Where a card lives on its platform: Slack `ts`, Discord message id (+ thread id). */
export interface MessageRef {
  channelId: string;
  messageId: string;
  threadId: string | null;
}

/**
 * A chat platform as the outbox worker sees it. Methods throw {@link DeliveryError}
 * so failures become stored data (codes on outbox rows), never silent drops.
 */
export interface ChatPlatform {
  readonly name: PlatformName;
  /**
   * Minimum time between two posts in one channel (Slack: about 1 message/s per channel).
   * Unset where the client library paces itself (discord.js's REST queue).
   */
  readonly postSpacingMs?: number;
  /** Posts a new root card. `idempotencyKey` is unique per outbox row (Discord nonce, Slack metadata). */
  postCard(channelId: string, card: Card, idempotencyKey: string): Promise<MessageRef>;
  /** Edits the root so it shows the current state. */
  updateCard(ref: MessageRef, card: Card): Promise<void>;
  /** Adds an update under the root (thread). Returns the ref with any thread it created. */
  postReply(ref: MessageRef, reply: ThreadReply, idempotencyKey: string): Promise<MessageRef>;
  /** After resolution: archive the thread, where the platform has that notion. */
  closeThread?(ref: MessageRef): Promise<void>;
  /**
   * Finds a message an earlier, interrupted attempt may have posted (unknown outcome):
   * a root card when `parent` is null, else a reply under `parent`. Platforms whose
   * posts are idempotent by themselves (Discord's enforced nonce) need not implement it.
   */
  findMessage?(channelId: string, idempotencyKey: string, parent: MessageRef | null): Promise<MessageRef | null>;
}

/**
 * What the outbox does with a failure:
 * - `retry`: transient (429, 5xx, network); try again after `retryAfterMs` or backoff.
 * - `disable_subscription`: the channel is gone or closed to us; stop sending there.
 * - `halt_platform`: credentials are bad; stop this platform's deliveries.
 * - `drop`: this message can never be delivered (e.g. rejected payload); mark failed now.
 */
export type DeliveryAction = 'retry' | 'disable_subscription' | 'halt_platform' | 'drop';

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    /** Stable code stored on the outbox row, e.g. `slack_rate_limited`, `discord_missing_access`. */
    readonly code: string,
    readonly action: DeliveryAction,
    message: string,
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

import { createHash } from 'node:crypto';
import { DiscordAPIError, RESTJSONErrorCodes, Routes, type APIChannel, type APIMessage, type REST } from 'discord.js';
import type { Logger } from '../../shared/logger.js';
import { UNKNOWN_OUTCOME } from '../../store/outbox-table.js';
import { DeliveryError, type ChatPlatform, type MessageRef } from '../platform.js';
import { classifyDiscordError } from './classify-discord-error.js';
import { cardAllowedMentions, renderCard, renderThreadReply, threadName } from './render-card.js';

export interface DiscordPlatformOptions {
  /** discord.js's REST client (rate limits handled inside it; retries left to the outbox). */
  rest: REST;
  logger: Logger;
}

/** Every message we send: feed text must never ping anyone. */
const NO_MENTIONS = { parse: [] };
/** A week: the longest auto-archive; we archive on resolution ourselves. */
const AUTO_ARCHIVE_MINUTES = 10_080;
/** Thread creation refused for the channel (type, permission, thread cap): reply under the card instead. */
const NO_THREADS: ReadonlySet<unknown> = new Set([
  RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType,
  RESTJSONErrorCodes.MissingPermissions,
  RESTJSONErrorCodes.MaximumActiveThreads,
  RESTJSONErrorCodes.MaximumActiveAnnouncementThreads,
]);
/** The thread is gone or locked: later updates go under the card in the channel. */
const THREAD_GONE: ReadonlySet<unknown> = new Set([RESTJSONErrorCodes.UnknownChannel, RESTJSONErrorCodes.ThreadLocked]);

/** Failures after which the message may exist on Discord all the same. */
const AMBIGUOUS = /^discord_(?:http_5\d\d|network|timeout|unexpected)$/;

const apiCode = (error: unknown): unknown => (error instanceof DiscordAPIError ? error.code : null);

/** Discord nonces are at most 25 characters; outbox keys are shorter, but never send a longer one. */
export const nonceFor = (key: string): string => (key.length <= 25 ? key : createHash('sha256').update(key).digest('base64url').slice(0, 25));

/**
 * The outbox's view of Discord, on plain REST calls (no gateway cache needed).
 * `MessageRef.threadId` is where updates go: a thread started on the card, or the
 * channel itself (`threadId === channelId`) where threads are not allowed, in which
 * case each update is a reply to the card.
 */
export function createDiscordPlatform({ rest, logger }: DiscordPlatformOptions): ChatPlatform {
  // Card titles by message id, to name the thread started on a card (bounded).
  const titles = new Map<string, string>();
  const remember = (messageId: string, title: string): void => {
    titles.delete(messageId);
    titles.set(messageId, title);
    if (titles.size > 1_000) titles.delete(titles.keys().next().value ?? '');
  };

  const send = async <T>(request: () => Promise<unknown>): Promise<T> => {
    try {
      return (await request()) as T;
    } catch (error) {
      throw classifyDiscordError(error);
    }
  };

  /**
   * Posts under the row's nonce. A failure that may have come after Discord stored the
   * message (5xx, dropped connection, timeout) is `unknown_outcome`, so the outbox knows
   * the message may exist (a late component notice is then re-sent, not skipped).
   */
  const postMessage = async (channelId: string, body: object, key: string, allowed: object = NO_MENTIONS): Promise<APIMessage> => {
    try {
      return await send<APIMessage>(() =>
        rest.post(Routes.channelMessages(channelId), { body: { ...body, nonce: nonceFor(key), enforce_nonce: true, allowed_mentions: allowed } }),
      );
    } catch (error) {
      if (error instanceof DeliveryError && AMBIGUOUS.test(error.code)) {
        throw new DeliveryError(UNKNOWN_OUTCOME, 'retry', `${error.message} (Discord may have posted it; the retry carries the same nonce)`, null, { cause: error });
      }
      throw error;
    }
  };

  /** @see https://discord.com/developers/docs/resources/channel#start-thread-from-message */
  async function openThread(ref: MessageRef): Promise<string> {
    try {
      const body = { name: threadName(titles.get(ref.messageId)), auto_archive_duration: AUTO_ARCHIVE_MINUTES };
      const thread = (await rest.post(Routes.threads(ref.channelId, ref.messageId), { body })) as APIChannel;
      return thread.id;
    } catch (error) {
      const code = apiCode(error);
      if (code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) {
        // An earlier attempt started it but stopped before the reference was stored: adopt it.
        const message = await send<APIMessage>(() => rest.get(Routes.channelMessage(ref.channelId, ref.messageId)));
        if (message.thread) return message.thread.id;
      }
      if (NO_THREADS.has(code)) {
        logger.info({ channelId: ref.channelId, code }, 'threads are not allowed here: updates will be replies to the alert');
        return ref.channelId;
      }
      throw classifyDiscordError(error);
    }
  }

  const replyBody = (ref: MessageRef, parts: object): object => ({
    ...parts,
    message_reference: { message_id: ref.messageId, channel_id: ref.channelId, fail_if_not_exists: false },
  });

  return {
    name: 'discord',

    /** @see https://discord.com/developers/docs/resources/message#create-message (nonce + enforce_nonce) */
    async postCard(channelId, card, key) {
      // The one ping we ever allow: the channel's own role on a serious official incident.
      const message = await postMessage(channelId, renderCard(card), key, cardAllowedMentions(card));
      remember(message.id, card.title);
      return { channelId, messageId: message.id, threadId: null };
    },

    /** @see https://discord.com/developers/docs/resources/message#edit-message */
    async updateCard(ref, card) {
      remember(ref.messageId, card.title);
      const body = { ...renderCard(card), allowed_mentions: NO_MENTIONS };
      await send(() => rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), { body }));
    },

    /** @see https://discord.com/developers/docs/resources/channel#start-thread-from-message */
    async postReply(ref, reply, key) {
      const parts = renderThreadReply(reply);
      const allowed = cardAllowedMentions(reply);
      const threadId = ref.threadId ?? (await openThread(ref));
      if (threadId === ref.channelId) {
        await postMessage(ref.channelId, replyBody(ref, parts), key, allowed);
        return { ...ref, threadId };
      }
      try {
        await postMessage(threadId, parts, key, allowed);
        return { ...ref, threadId };
      } catch (error) {
        if (!THREAD_GONE.has(apiCode(error instanceof Error ? error.cause : null))) throw error;
        logger.warn({ channelId: ref.channelId, threadId }, 'the alert thread is gone or locked: replying under the alert instead');
        await postMessage(ref.channelId, replyBody(ref, parts), key, allowed);
        return { ...ref, threadId: ref.channelId };
      }
    },

    /**
     * Archiving is tidiness, not delivery: only transient failures are retried.
     * @see https://discord.com/developers/docs/resources/channel#modify-channel-json-params-thread
     */
    async closeThread(ref) {
      if (!ref.threadId || ref.threadId === ref.channelId) return;
      const threadId = ref.threadId;
      try {
        await rest.patch(Routes.channel(threadId), { body: { archived: true } });
      } catch (error) {
        const failure = classifyDiscordError(error);
        if (failure.action === 'retry') throw failure;
        logger.warn({ threadId, code: failure.code }, `could not archive the alert thread: ${failure.message}`);
      }
    },
  };
}

import { UNKNOWN_OUTCOME } from '../../store/outbox-table.js';
import type { Logger } from '../../shared/logger.js';
import { DeliveryError, type ChatPlatform, type MessageRef } from '../platform.js';
import type { Card } from '../card.js';
import { classifySlackError, isAmbiguousPostFailure } from './classify-slack-error.js';
import { renderCard, renderThreadReply } from './render-card.js';
import type { SlackClients } from './slack-clients.js';
import type { WorkspaceDirectory } from './workspace-directory.js';

/** Message metadata that marks our posts, so an interrupted post can be found again. */
export const CARD_EVENT_TYPE = 'claude_outage_bot_card';
export const REPLY_EVENT_TYPE = 'claude_outage_bot_reply';

/** How far back the metadata lookup reads: a restart after a crash is quick, channels are not that busy. */
const LOOKUP_LIMIT = 200;

export interface SlackPlatformOptions {
  /** The one workspace's clients (SLACK_BOT_TOKEN); used when `workspaces` is not given. */
  clients?: SlackClients;
  /** Distribution: each channel is posted to with its own workspace's token. */
  workspaces?: Pick<WorkspaceDirectory, 'forChannel' | 'scope'>;
  logger: Logger;
  /** Gap between two posts in one channel: Slack allows about 1 message per second per channel. */
  postSpacingMs?: number;
}

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/**
 * The outbox's view of Slack: post, edit and thread alert cards. Every failure is a
 * {@link DeliveryError}; a post whose outcome is unknown (timeout, 5xx, dropped
 * connection) is reported as `unknown_outcome`, so the next attempt first looks for
 * the message by its metadata instead of posting a second card.
 */
export function createSlackPlatform({ clients: single, workspaces, logger, postSpacingMs = 1_000 }: SlackPlatformOptions): ChatPlatform {
  if (!single && !workspaces) throw new Error('createSlackPlatform needs clients or workspaces');
  const call = async <T>(channelId: string, method: string, run: (clients: SlackClients) => Promise<T>): Promise<T> => {
    if (!workspaces) {
      try {
        return await run(single!);
      } catch (error) {
        throw classifySlackError(error, method);
      }
    }
    const route = await workspaces.forChannel(channelId);
    try {
      return await run(route.clients);
    } catch (error) {
      throw workspaces.scope(classifySlackError(error, method), route);
    }
  };

  /** Posts, turning an ambiguous failure into `unknown_outcome` so the outbox checks before re-posting. */
  const post = async <T>(channelId: string, method: string, run: (clients: SlackClients) => Promise<T>): Promise<T> => {
    try {
      return await call(channelId, method, run);
    } catch (error) {
      if (error instanceof DeliveryError && isAmbiguousPostFailure(error)) {
        throw new DeliveryError(UNKNOWN_OUTCOME, 'retry', `${error.message} (Slack may have posted it; will check before posting again)`, null, {
          cause: error,
        });
      }
      throw error;
    }
  };

  // One card object is shared by every channel of a fan-out: render it once.
  const renders = new WeakMap<Card, ReturnType<typeof renderCard>>();
  const rendered = (card: Card): ReturnType<typeof renderCard> => {
    let message = renders.get(card);
    if (!message) renders.set(card, (message = renderCard(card)));
    return message;
  };

  const matches = (eventType: string, key: string) => (m: HistoryMessage) =>
    m.metadata?.event_type === eventType && m.metadata.event_payload?.key === key && typeof m.ts === 'string';

  return {
    name: 'slack',
    /** @see https://docs.slack.dev/apis/web-api/rate-limits (chat.postMessage: 1 per second per channel) */
    postSpacingMs,

    /** @see https://docs.slack.dev/reference/methods/chat.postMessage */
    async postCard(channelId, card, idempotencyKey) {
      const message = rendered(card);
      const res = await post(channelId, 'chat.postMessage', (clients) =>
        clients.posts.chat.postMessage({
          channel: channelId,
          ...message,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: CARD_EVENT_TYPE, event_payload: { key: idempotencyKey } },
        }),
      );
      if (!res.ts) throw new DeliveryError('slack_no_ts', 'retry', 'chat.postMessage answered without a message ts');
      // Slack answers with the channel id even when a name was configured; edits need the id.
      const channel = res.channel ?? channelId;
      return { channelId: channel, messageId: res.ts, threadId: res.ts };
    },

    /** @see https://docs.slack.dev/reference/methods/chat.update */
    async updateCard(ref, card) {
      const message = rendered(card);
      await call(ref.channelId, 'chat.update', (clients) => clients.calls.chat.update({ channel: ref.channelId, ts: ref.messageId, ...message }));
    },

    /** @see https://docs.slack.dev/messaging/#threading */
    async postReply(ref, reply, idempotencyKey) {
      const threadTs = ref.threadId ?? ref.messageId;
      await post(ref.channelId, 'chat.postMessage', (clients) =>
        clients.posts.chat.postMessage({
          channel: ref.channelId,
          thread_ts: threadTs,
          ...renderThreadReply(reply),
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: REPLY_EVENT_TYPE, event_payload: { key: idempotencyKey } },
        }),
      );
      return { ...ref, threadId: threadTs };
    },

    /**
     * Finds a post an interrupted attempt may have made, by its metadata. Metadata is
     * only returned with `include_all_metadata=true`.
     * @see https://docs.slack.dev/reference/methods/conversations.history
     * @see https://docs.slack.dev/reference/methods/conversations.replies
     * @see https://docs.slack.dev/messaging/message-metadata
     */
    async findMessage(channelId, idempotencyKey, parent) {
      if (parent === null) {
        const res = await call(channelId, 'conversations.history', (clients) =>
          clients.calls.conversations.history({ channel: channelId, include_all_metadata: true, limit: LOOKUP_LIMIT }),
        );
        const found = (res.messages as HistoryMessage[] | undefined)?.find(matches(CARD_EVENT_TYPE, idempotencyKey));
        if (!found?.ts) return null;
        logger.info({ channelId, key: idempotencyKey }, 'adopted a Slack card posted before an interruption');
        return { channelId, messageId: found.ts, threadId: found.ts } satisfies MessageRef;
      }
      const threadTs = parent.threadId ?? parent.messageId;
      const res = await call(parent.channelId, 'conversations.replies', (clients) =>
        clients.calls.conversations.replies({ channel: parent.channelId, ts: threadTs, include_all_metadata: true, limit: LOOKUP_LIMIT }),
      );
      const found = (res.messages as HistoryMessage[] | undefined)?.find(matches(REPLY_EVENT_TYPE, idempotencyKey));
      if (!found?.ts) return null;
      logger.info({ channelId: parent.channelId, key: idempotencyKey }, 'adopted a Slack thread reply posted before an interruption');
      return { channelId: parent.channelId, messageId: found.ts, threadId: threadTs };
    },
  };
}

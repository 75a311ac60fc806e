import type { Card, ThreadReply } from './card.js';
import { DeliveryError, type ChatPlatform, type MessageRef, type PlatformName } from './platform.js';

export type RecordedCall =
  | { op: 'post'; channelId: string; card: Card; key: string; ref: MessageRef }
  | { op: 'update'; ref: MessageRef; card: Card }
  | { op: 'reply'; ref: MessageRef; reply: ThreadReply; key: string }
  | { op: 'close'; ref: MessageRef };

/**
 * A ChatPlatform test double that records every call and fails on demand.
 * Sits beside the interface it stands in for; tests of the outbox use it, tests of
 * the real adapters use the fake Slack and Discord servers instead.
 */
export interface RecordingPlatform extends ChatPlatform {
  calls: RecordedCall[];
  /** The next calls throw these errors, one per call, in order. */
  failNext(...errors: DeliveryError[]): void;
}

export function createRecordingPlatform(name: PlatformName = 'slack'): RecordingPlatform {
  const calls: RecordedCall[] = [];
  const failures: DeliveryError[] = [];
  let counter = 0;
  const maybeFail = (): void => {
    const next = failures.shift();
    if (next) throw next;
  };
  return {
    name,
    calls,
    failNext: (...errors) => void failures.push(...errors),
    async postCard(channelId, card, key) {
      maybeFail();
      const ref = { channelId, messageId: `m${++counter}`, threadId: null };
      calls.push({ op: 'post', channelId, card, key, ref });
      return ref;
    },
    async updateCard(ref, card) {
      maybeFail();
      calls.push({ op: 'update', ref, card });
    },
    async postReply(ref, reply, key) {
      maybeFail();
      calls.push({ op: 'reply', ref, reply, key });
      return ref;
    },
    async closeThread(ref) {
      calls.push({ op: 'close', ref });
    },
    async findMessage(channelId, key, parent) {
      const found = calls.find((c) => (c.op === 'post' && parent === null && c.key === key && c.channelId === channelId) || (c.op === 'reply' && parent !== null && c.key === key));
      if (!found) return null;
      return found.op === 'post' ? found.ref : parent;
    },
  };
}

export { DeliveryError };

import type { Card } from '../card.js';
import type { ChatPlatform, MessageRef } from '../platform.js';
import { plain, renderCardText, renderReplyText } from './render-card.js';

export interface ConsolePlatformOptions {
  write: (text: string) => void;
}

/** The embedded default: alerts printed to stdout, one box per card, updates indented under it. */
export function createConsolePlatform({ write }: ConsolePlatformOptions): ChatPlatform {
  // The card key is the message id, so a restart keeps addressing the same card.
  const shortRef = (ref: MessageRef): string => ref.messageId;
  // What each card last showed, so an edit prints a line only when status or impact moved.
  const shown = new Map<string, string>();
  const signature = (card: Card): string => `${card.statusLabel} · impact ${card.impact ?? 'unknown'}`;
  return {
    name: 'console',
    async postCard(channelId, card) {
      const ref = { channelId, messageId: card.key.replace(/^statuspage:/, ''), threadId: null };
      write(`${renderCardText(card, shortRef(ref), false)}\n`);
      shown.set(ref.messageId, signature(card));
      return ref;
    },
    async updateCard(ref, card) {
      // The thread lines carry the detail; an edit prints only when the state line moved
      // (and not at all for a card printed before a restart: that would repeat old news).
      const now = signature(card);
      const before = shown.get(ref.messageId);
      shown.set(ref.messageId, now);
      if (before !== undefined && before !== now) write(`  ↻ ‹${shortRef(ref)}› ${plain(card.title)}: ${now}\n`);
    },
    async postReply(ref, reply) {
      write(`${renderReplyText(reply, shortRef(ref))}\n`);
      return ref;
    },
  };
}

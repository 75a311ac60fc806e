import { pageOfComponentId, pageOfKey } from '../incidents/page-scope.js';
import type { Card } from '../platforms/card.js';
import type { ChatPlatform } from '../platforms/platform.js';

/** The page a card is about: incident key, or `component:<scoped id>`; null for early warnings. */
export function pageOfCard(card: Pick<Card, 'key'>): string | null {
  return card.key.startsWith('component:') ? pageOfComponentId(card.key.slice('component:'.length)) : pageOfKey(card.key);
}

/**
 * With several pages, every card says whose it is: "OpenAI · Elevated error rates". Done
 * where cards leave for a platform, so delivery, cards and renderers stay page-blind.
 * `labelOf` names a page (its own name from summary.json, else its id).
 */
export function labelCardsByPage(platform: ChatPlatform, labelOf: (pageId: string) => string): ChatPlatform {
  const relabel = (card: Card): Card => {
    const page = pageOfCard(card);
    return page === null ? card : { ...card, title: `${labelOf(page)} · ${card.title}` };
  };
  return new Proxy(platform, {
    get(target, property) {
      if (property === 'postCard') return (channelId: string, card: Card, key: string) => target.postCard(channelId, relabel(card), key);
      if (property === 'updateCard') return (ref: Parameters<ChatPlatform['updateCard']>[0], card: Card) => target.updateCard(ref, relabel(card));
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

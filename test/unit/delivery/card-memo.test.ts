import { describe, expect, it } from 'vitest';
import { createCardMemo, type CurrentCard } from '../../../src/delivery/card-memo.js';

const fake = (key: string, n: number) => ({ incident: { key }, card: { title: `${key} #${n}` } }) as unknown as CurrentCard;

describe('card memo', () => {
  it('builds once per event within the window, again for a new event or after it', async () => {
    let builds = 0;
    const memo = createCardMemo((key) => fake(key, ++builds), 30);
    const first = memo(1, 'inc');
    expect(memo(1, 'inc')).toBe(first);
    expect(builds).toBe(1);
    expect(memo(2, 'inc')).not.toBe(first);
    expect(builds).toBe(2);
    await new Promise((r) => setTimeout(r, 40));
    expect(memo(1, 'inc')!.card.title).toBe('inc #3');
  });

  it('keeps at most `max` events', () => {
    let builds = 0;
    const memo = createCardMemo((key) => fake(key, ++builds), 10_000, 2);
    memo(1, 'a');
    memo(2, 'b');
    memo(3, 'c');
    memo(1, 'a');
    expect(builds).toBe(4);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxBacklogReader } from '../../../src/store/read-outbox-backlog.js';
import type { Store } from '../../../src/store/create-store.js';
import { createTempStore, describeEachEngine } from '../../helpers/temp-store.js';

describeEachEngine('outbox-backlog', (engine) => {
  let temp: ReturnType<typeof createTempStore>;
  let store: Store;
  beforeEach(() => {
    temp = createTempStore(engine);
    store = temp.store;
  });
  afterEach(() => temp.cleanup());

  const enqueue = (platform: 'slack' | 'console', channel: string, at: string, dedup: string) => {
    const sub = store.subscriptions.ensure(platform, channel, at);
    const eventId = store.events.insert({ kind: 'opened', dedupKey: dedup, incidentKey: 'statuspage:x', at }, at)!;
    store.outbox.enqueue(eventId, sub.id, 'statuspage:x', at);
  };

  describe('the outbox backlog behind /readyz and the oldest-pending metric', () => {
    it('counts due rows of the platforms this process delivers to, and none of the others', () => {
      enqueue('slack', 'C1', '2026-12-01T00:00:00.000Z', 'open:a'); // left from a time the bot had Slack
      enqueue('console', 'stdout', '2026-12-03T00:00:00.000Z', 'open:b');
      const consoleOnly = createOutboxBacklogReader(store.db, ['console']);
      expect(consoleOnly('2026-12-03T01:00:00.000Z')).toEqual({ undelivered: 1, oldestDueCreatedAt: '2026-12-03T00:00:00.000Z' });
      const both = createOutboxBacklogReader(store.db, ['console', 'slack']);
      expect(both('2026-12-03T01:00:00.000Z')).toEqual({ undelivered: 2, oldestDueCreatedAt: '2026-12-01T00:00:00.000Z' });
    });

    it('does not call a row stuck while it waits for its next attempt', () => {
      enqueue('console', 'stdout', '2026-12-03T00:00:00.000Z', 'open:c');
      const reader = createOutboxBacklogReader(store.db, ['console']);
      expect(reader('2026-12-02T00:00:00.000Z').oldestDueCreatedAt).toBeNull(); // not due yet
      expect(reader('2026-12-02T00:00:00.000Z').undelivered).toBe(1);
    });
  });
});

import type { OutboxWorker } from '../../src/delivery/outbox-worker.js';
import type { Incident } from '../../src/incidents/model.js';
import { applyPoll } from '../../src/store/apply-poll.js';
import type { Store } from '../../src/store/create-store.js';
import { incident, snapshot } from './incident-builders.js';
import { waitUntil } from './wait-until.js';

/** A short incident: opened, one update (with `body`), resolved 40 minutes in; `T(m)` is minute m. */
export const shortTimeline = (T: (minute: number) => string, body = 'Found it.'): Incident[] => [
  incident('inc1', [['investigating', T(0)]]),
  incident('inc1', [['investigating', T(0)], ['identified', T(10), body]]),
  incident('inc1', [['investigating', T(0)], ['identified', T(10), body], ['resolved', T(40), 'Fixed.']]),
];

/**
 * What the platform delivery tests share: apply a status page poll, and run the
 * real outbox worker until a condition holds (rows retried after their backoff).
 */
export function createDeliveryHarness(getStore: () => Store, getWorker: () => OutboxWorker, T: (minute: number) => string) {
  const drained = () => {
    const counts = getStore().outbox.counts();
    return counts.pending === 0 && counts.in_flight === 0;
  };
  const deliverUntil = (done: () => boolean, what: string, timeoutMs = 8_000) =>
    waitUntil(
      async () => {
        await getWorker().runOnce();
        return done();
      },
      what,
      timeoutMs,
      50,
    );
  const poll = (incidents: Incident[]) => applyPoll(getStore(), snapshot(incidents), { etags: {} }, new Date());
  return {
    timeline: (body?: string) => shortTimeline(T, body),
    poll,
    drained,
    deliverUntil,
    async playTimeline(body?: string) {
      for (const state of shortTimeline(T, body)) {
        poll([state]);
        await deliverUntil(drained, 'the outbox to drain');
      }
    },
  };
}

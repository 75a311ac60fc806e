import { describe, expect, it } from 'vitest';
import { createPoller, cronExpressionFor } from '../../../src/sources/create-poller.js';
import { createSilentLogger } from '../../../src/shared/logger.js';

const clock = { now: () => new Date() };

describe('createPoller', () => {
  it('builds the node-cron schedule from the interval', () => {
    expect(cronExpressionFor(30)).toEqual({ expression: '*/30 * * * * *', exact: true });
    expect(cronExpressionFor(120)).toEqual({ expression: '0 */2 * * * *', exact: true });
    expect(cronExpressionFor(45)).toEqual({ expression: '* * * * * *', exact: false });
  });

  it('never runs two polls of one source at once', async () => {
    let running = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const poller = createPoller({
      name: 't',
      intervalSeconds: 1,
      logger: createSilentLogger(),
      clock,
      run: async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((r) => (release = r));
        running -= 1;
        return true;
      },
    });
    const first = poller.pollNow();
    const second = poller.pollNow();
    release();
    await Promise.all([first, second]);
    expect(most).toBe(1);
  });

  it('polls every interval under a minute on its own timer (no cron heartbeat)', async () => {
    const starts: number[] = [];
    const poller = createPoller({ name: 't', intervalSeconds: 1, logger: createSilentLogger(), clock, run: async () => (starts.push(Date.now()), true) });
    poller.start();
    await new Promise((r) => setTimeout(r, 3_300));
    await poller.stop();
    expect(starts.length).toBeGreaterThanOrEqual(3);
    expect(starts.length).toBeLessThanOrEqual(5);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(900);
    const after = starts.length;
    await new Promise((r) => setTimeout(r, 1_200));
    expect(starts.length).toBe(after); // stopped means stopped
  });

  it('backs off after a failure instead of polling on every tick', async () => {
    let calls = 0;
    const poller = createPoller({
      name: 't',
      intervalSeconds: 1,
      logger: createSilentLogger(),
      clock,
      random: () => 1,
      maxBackoffMs: 60_000,
      run: async () => {
        calls += 1;
        return false;
      },
    });
    poller.start();
    await new Promise((r) => setTimeout(r, 2_300));
    await poller.stop();
    // failure 1 waits ~1 s, failure 2 waits ~2 s: at most two polls in 2.3 s (one per tick would be three)
    expect(calls).toBeLessThanOrEqual(2);
    expect(calls).toBeGreaterThanOrEqual(1);
  });

  // Without the stop timeout this never resolves and the test fails on its own timeout.
  it('stops without waiting forever for a stuck poll', { timeout: 5_000 }, async () => {
    const poller = createPoller({ name: 't', intervalSeconds: 60, logger: createSilentLogger(), clock, stopTimeoutMs: 100, run: () => new Promise<boolean>(() => undefined) });
    poller.start();
    await expect(poller.stop()).resolves.toBeUndefined();
  });
});

import { webApi } from '@slack/bolt';

/**
 * The reference: one chat.postMessage per channel, `concurrency` at a time, same
 * @slack/web-api client, no database, no retries, no ordering. What a fan-out costs bare.
 * @returns milliseconds until every channel has its card.
 */
export async function minimalFanout(apiUrl: string, channels: string[], concurrency: number): Promise<number> {
  const client = new webApi.WebClient('xoxb-bench', { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < channels.length) {
      const channel = channels[next++]!;
      await client.chat.postMessage({ channel, text: 'Claude API: elevated errors' });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return performance.now() - started;
}

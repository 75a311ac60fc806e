import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the bench fake answers: after a delay, and optionally enforcing 1 post per second per channel. */
export interface LeanSlackOptions {
  delayMs?: number;
  enforcePostLimit?: boolean;
}

export interface LeanSlack {
  apiUrl: string;
  /** Root posts accepted, by channel. */
  roots: Map<string, number>;
  posts: number;
  rateLimited: number;
  close(): Promise<void>;
}

/**
 * A bench-only Slack Web API: just enough for chat.postMessage / chat.update /
 * conversations.* so the fake is never the bottleneck (test/fakes/ records everything).
 */
export async function createLeanSlack({ delayMs = 0, enforcePostLimit = false }: LeanSlackOptions = {}): Promise<LeanSlack> {
  const lastPost = new Map<string, number>();
  const state: LeanSlack = { apiUrl: '', roots: new Map(), posts: 0, rateLimited: 0, close: async () => {} };
  let ts = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '');
      const params = new URLSearchParams(body);
      const channel = params.get('channel') ?? '';
      const reply = (status: number, payload: object, headers: Record<string, string> = {}) =>
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
      const answer = (): void => {
        if (method !== 'chat.postMessage') return void reply(200, { ok: true, channel, ts: params.get('ts') ?? '1.0', messages: [] });
        const now = Date.now();
        // Slack: "1 message per second to a specific channel" (short bursts aside; we allow none).
        if (enforcePostLimit && now - (lastPost.get(channel) ?? -Infinity) < 1_000) {
          state.rateLimited += 1;
          return void reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
        }
        lastPost.set(channel, now);
        state.posts += 1;
        if (!params.get('thread_ts')) state.roots.set(channel, (state.roots.get(channel) ?? 0) + 1);
        reply(200, { ok: true, channel, ts: `${1_760_000_000 + ++ts}.000100` });
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  state.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return state;
}

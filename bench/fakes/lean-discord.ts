import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the bench fake answers: optionally enforcing Discord's global limit of 50 requests a second per bot. */
export interface LeanDiscordOptions {
  enforceGlobalLimit?: boolean;
}

export interface LeanDiscord {
  /** DISCORD_API_URL: requests arrive under `/api/v10`. */
  apiUrl: string;
  token: string;
  /** Root messages accepted, by channel. */
  roots: Map<string, number>;
  requests: number;
  rateLimited: number;
  close(): Promise<void>;
}

const GLOBAL_PER_SECOND = 50;

/**
 * A bench-only Discord REST API: messages, edits, threads. With the limit on, more
 * than 50 requests in any second get Discord's global 429 (test/fakes/ records everything).
 * @see https://discord.com/developers/docs/topics/rate-limits#global-rate-limit
 */
export async function createLeanDiscord({ enforceGlobalLimit = false }: LeanDiscordOptions = {}): Promise<LeanDiscord> {
  const state: LeanDiscord = { apiUrl: '', token: 'bench.discord.token', roots: new Map(), requests: 0, rateLimited: 0, close: async () => {} };
  const recent: number[] = [];
  let id = 1_500_000_000_000_000_000n;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const reply = (status: number, payload: object, headers: Record<string, string> = {}) =>
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
      const now = Date.now();
      while (recent.length > 0 && recent[0]! <= now - 1_000) recent.shift();
      if (enforceGlobalLimit && recent.length >= GLOBAL_PER_SECOND) {
        state.rateLimited += 1;
        const wait = (recent[0]! + 1_000 - now) / 1_000;
        return void reply(429, { message: 'You are being rate limited.', retry_after: wait, global: true }, {
          'retry-after': String(Math.ceil(wait)),
          'x-ratelimit-global': 'true',
          'x-ratelimit-scope': 'global',
        });
      }
      recent.push(now);
      state.requests += 1;
      const path = (req.url ?? '').replace(/^\/api\/v10/, '');
      const channel = /^\/channels\/(\d+)/.exec(path)?.[1] ?? '0';
      id += 1n;
      if (req.method === 'POST' && /\/threads$/.test(path)) return void reply(201, { id: String(id), type: 11, parent_id: channel });
      if (req.method === 'POST' && /^\/channels\/\d+\/messages$/.test(path)) {
        state.roots.set(channel, (state.roots.get(channel) ?? 0) + 1);
        return void reply(200, { id: String(id), channel_id: channel, embeds: [] });
      }
      reply(200, { id: String(id), channel_id: channel });
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

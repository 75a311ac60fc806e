import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { snowflake, type FakeDiscordUser } from './fake-discord-state.js';

/**
 * The Discord gateway, enough for discord.js: HELLO (op 10), IDENTIFY (op 2) →
 * READY, heartbeats (op 1) → ACK (op 11), and dispatches (op 0) such as
 * INTERACTION_CREATE. Plain JSON, no compression (the client asks for none
 * without zlib-sync).
 * @see https://discord.com/developers/docs/events/gateway
 */
export interface FakeGateway {
  /** The `url` of GET /gateway/bot. */
  readonly url: string;
  /** IDENTIFY payloads received (token redacted to whether it matched; shard as [id, count]). */
  readonly identifies: Array<{ intents: number; tokenOk: boolean; query: string; shard: [number, number] | null }>;
  /** The shard count GET /gateway/bot recommends. */
  readonly shards: number;
  /** Heartbeats received. */
  heartbeats(): number;
  /** Sessions that got READY and are still open. */
  readySessions(): number;
  /** To the one shard Discord would route it to: (guild_id >> 22) % shards, as documented. */
  dispatch(type: string, data: unknown): void;
  /** Closes one shard's session as Discord does before a reconnect (close code 4000 is resumable). */
  dropShard(shard: number, code?: number): void;
  close(): void;
}

export interface FakeGatewayOptions {
  server: Server;
  /** ws://127.0.0.1:port */
  base: string;
  token: string;
  applicationId: string;
  bot: FakeDiscordUser;
  heartbeatIntervalMs: number;
  /** Recommended shard count (default 1). */
  shards?: number;
}

interface Session {
  socket: WebSocket;
  ready: boolean;
  seq: number;
  shard: number;
}

export function attachFakeGateway(options: FakeGatewayOptions): FakeGateway {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Set<Session>();
  const identifies: FakeGateway['identifies'] = [];
  let heartbeats = 0;
  const url = `${options.base}/gateway`;
  const shards = options.shards ?? 1;

  options.server.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/gateway')) return void socket.destroy();
    const query = (req.url ?? '').split('?')[1] ?? '';
    wss.handleUpgrade(req, socket, head, (ws) => open(ws, query));
  });

  const send = (session: Session, payload: { op: number; d: unknown; t?: string | null }): void => {
    const s = payload.op === 0 ? ++session.seq : null;
    session.socket.send(JSON.stringify({ op: payload.op, d: payload.d, s, t: payload.t ?? null }));
  };

  function open(socket: WebSocket, query: string): void {
    const session: Session = { socket, ready: false, seq: 0, shard: 0 };
    sessions.add(session);
    socket.on('close', () => sessions.delete(session));
    send(session, { op: 10, d: { heartbeat_interval: options.heartbeatIntervalMs } });
    socket.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> | null };
      if (packet.op === 1) {
        heartbeats += 1;
        send(session, { op: 11, d: null });
      } else if (packet.op === 2) identify(session, packet.d ?? {}, query);
      // RESUME: this fake keeps no sessions, so the client must identify again.
      else if (packet.op === 6) send(session, { op: 9, d: false });
    });
  }

  function identify(session: Session, d: Record<string, unknown>, query: string): void {
    const tokenOk = d.token === options.token;
    const shard = Array.isArray(d.shard) ? ([Number(d.shard[0]), Number(d.shard[1])] as [number, number]) : null;
    identifies.push({ intents: Number(d.intents), tokenOk, query, shard });
    if (!tokenOk) return void session.socket.close(4004, 'Authentication failed.');
    // Discord refuses a shard count it did not ask for once a bot is large enough to need shards.
    if (shards > 1 && (shard === null || shard[1] !== shards)) return void session.socket.close(4011, 'Sharding required.');
    session.shard = shard?.[0] ?? 0;
    session.ready = true;
    send(session, {
      op: 0,
      t: 'READY',
      d: {
        v: 10,
        user: options.bot,
        guilds: [],
        session_id: snowflake(),
        resume_gateway_url: url,
        shard: [session.shard, shards],
        application: { id: options.applicationId, flags: 0 },
      },
    });
  }

  const shardOf = (data: unknown): number => {
    const guildId = (data as { guild_id?: unknown } | null)?.guild_id;
    return typeof guildId === 'string' && /^\d+$/.test(guildId) ? Number((BigInt(guildId) >> 22n) % BigInt(shards)) : 0;
  };

  return {
    url,
    identifies,
    shards,
    heartbeats: () => heartbeats,
    readySessions: () => [...sessions].filter((s) => s.ready).length,
    dispatch(type, data) {
      const shard = shardOf(data);
      for (const session of sessions) if (session.ready && session.shard === shard) send(session, { op: 0, t: type, d: data });
    },
    dropShard(shard, code = 4000) {
      for (const session of sessions) if (session.shard === shard) session.socket.close(code, 'Unknown error.');
    },
    close() {
      for (const session of sessions) session.socket.terminate();
      wss.close();
    },
  };
}

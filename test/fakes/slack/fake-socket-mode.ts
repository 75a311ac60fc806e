import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/** What the bot sent back for an envelope. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSocketMode {
  /** Path the ws URL from apps.connections.open points at. */
  readonly path: string;
  /** Open connections (the bot's Socket Mode client). */
  readonly connections: number;
  /** Every ack received, in order. */
  readonly acks: SocketAck[];
  /** Sends a `slash_commands` envelope and resolves with the bot's ack (or rejects after `timeoutMs`). */
  sendSlashCommand(payload: Record<string, unknown>, timeoutMs?: number): Promise<SocketAck>;
  /** Waits for a connection that has been sent `hello`. */
  waitForConnection(timeoutMs?: number): Promise<void>;
  /** A Slack-side outage: drops every socket and refuses new ones until called with false. */
  setOutage(down: boolean): void;
  close(): Promise<void>;
}

/**
 * Slack's Socket Mode side: accepts the WebSocket the client opens with the URL from
 * `apps.connections.open`, sends `hello`, delivers envelopes and collects acks.
 * @see https://docs.slack.dev/apis/events-api/using-socket-mode
 */
export function attachFakeSocketMode(server: Server, path = '/link'): FakeSocketMode {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  const acks: SocketAck[] = [];
  const waiting = new Map<string, (ack: SocketAck) => void>();
  const connectedWaiters: Array<() => void> = [];
  let down = false;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (down || !(req.url ?? '').startsWith(path)) return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const ack = JSON.parse(String(data)) as SocketAck;
        acks.push(ack);
        waiting.get(ack.envelope_id)?.(ack);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: sockets.size, connection_info: { app_id: 'AFAKEAPP' }, debug_info: { host: 'fake' } }));
      connectedWaiters.splice(0).forEach((resolve) => resolve());
    });
  });

  const open = (): WebSocket | undefined => [...sockets].find((s) => s.readyState === s.OPEN);

  return {
    path,
    get connections() {
      return sockets.size;
    },
    acks,
    sendSlashCommand(payload, timeoutMs = 5_000) {
      const ws = open();
      if (!ws) return Promise.reject(new Error('fake Socket Mode: no bot connected'));
      const envelope_id = randomUUID();
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(envelope_id);
          reject(new Error(`fake Socket Mode: no ack for ${String(payload.command)} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(envelope_id, (ack) => {
          clearTimeout(timer);
          waiting.delete(envelope_id);
          resolve(ack);
        });
        ws.send(JSON.stringify({ envelope_id, type: 'slash_commands', accepts_response_payload: true, payload }));
      });
    },
    waitForConnection(timeoutMs = 5_000) {
      if (open()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('fake Socket Mode: the bot did not connect')), timeoutMs);
        connectedWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    setOutage(value) {
      down = value;
      if (down) for (const ws of sockets) ws.terminate();
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

let triggers = 0;

/** A slash command payload as Slack sends it, with sensible defaults; each gets a fresh trigger_id, as on Slack, so no two sign alike. */
export function slashCommandPayload(fields: { command: string; text?: string; user_id?: string; channel_id?: string; team_id?: string }): Record<string, string> {
  return {
    token: 'verification-token-unused',
    team_id: fields.team_id ?? 'TFAKE',
    team_domain: 'fake',
    channel_id: fields.channel_id ?? 'C0ALERTS',
    channel_name: 'alerts',
    user_id: fields.user_id ?? 'UADMIN',
    user_name: 'someone',
    command: fields.command,
    text: fields.text ?? '',
    api_app_id: 'AFAKEAPP',
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.invalid/commands/TFAKE/1/abc',
    trigger_id: `${Date.now()}.${++triggers}.abc`,
  };
}

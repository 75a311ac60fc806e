import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../shared/logger.js';
import type { ReadinessReport } from './readiness.js';

/** A route the composition root mounts (e.g. Slack's /slack/events receiver). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * How long a client may take. Slack's requests are small and fast, so a connection that
 * trickles its headers or body (slowloris) is cut long before it can pile up sockets.
 */
export interface HttpTimeouts {
  /** Whole header block must arrive within this (Node's `headersTimeout`). */
  headersMs: number;
  /** Whole request, body included (Node's `requestTimeout`); at least `headersMs`. */
  requestMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveMs: number;
  /** A socket with no traffic at all is closed after this. */
  idleMs: number;
  /** How often Node looks for connections past `headersMs` / `requestMs`. */
  checkIntervalMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 15_000, keepAliveMs: 5_000, idleMs: 30_000, checkIntervalMs: 1_000 };

export interface HttpServerOptions {
  port: number;
  /** Interface to listen on (HTTP_HOST); every interface by default. */
  host?: string;
  logger: Logger;
  /** Health as JSON; `ok: false` answers 503. */
  health: () => { ok: boolean } & Record<string, unknown>;
  /** Readiness for `/readyz`: 200 when `ok`, 503 otherwise, the report as the body. Not mounted when absent. */
  ready?: () => ReadinessReport;
  metrics: () => Promise<{ contentType: string; body: string }>;
  routes?: Record<string, RouteHandler>;
  timeouts?: Partial<HttpTimeouts>;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown): void =>
  void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** Runs a probe; a probe that throws is a failed probe, not a crashed request. */
function probe<T>(read: () => T, failed: (message: string) => T): T {
  try {
    return read();
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Health (`/healthz`), readiness (`/readyz`), metrics (`/metrics`) and mounted routes.
 * GET and HEAD on the probes (Node leaves the body out of a HEAD answer). Port 0 picks a free port.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const routes = options.routes ?? {};
  const timeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...options.timeouts };
  const server = createServer(
    { headersTimeout: timeouts.headersMs, requestTimeout: Math.max(timeouts.requestMs, timeouts.headersMs), connectionsCheckingInterval: timeouts.checkIntervalMs },
    (req, res) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      // A route key ending in "/" also serves the paths under it (e.g. /webhooks/statuspage/<page>).
      const route = routes[path] ?? routes[path.slice(0, path.lastIndexOf('/') + 1)];
      if (route) {
        Promise.resolve(route(req, res)).catch((error: unknown) => {
          options.logger.error({ err: error, path }, 'HTTP route failed');
          if (!res.headersSent) res.writeHead(500).end();
        });
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
      if (path === '/healthz' || path === '/health') {
        const body = probe(options.health, (error) => ({ ok: false, error }));
        return json(res, body.ok ? 200 : 503, body);
      }
      if (path === '/readyz' && options.ready) {
        const ready = options.ready;
        const report = probe(ready, (error): ReadinessReport => ({ ok: false, checks: [{ name: 'readiness', ok: false, detail: error }] }));
        return json(res, report.ok ? 200 : 503, report);
      }
      if (path === '/metrics') {
        options.metrics().then(
          ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
          (error: unknown) => {
            options.logger.error({ err: error }, 'metrics failed');
            if (!res.headersSent) res.writeHead(500).end();
          },
        );
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    },
  );
  server.keepAliveTimeout = timeouts.keepAliveMs;
  server.setTimeout(timeouts.idleMs, (socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../shared/logger.js';
import type { ReadinessReport } from './readiness.js';

/** A route the composition root mounts (e.g. Slack's /slack/events receiver). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServerOptions {
  port: number;
  host?: string;
  logger: Logger;
  /** Health as JSON; `ok: false` answers 503. */
  health: () => { ok: boolean } & Record<string, unknown>;
  /** Readiness for `/readyz`: 200 when `ok`, 503 otherwise, the report as the body. */
  ready?: () => ReadinessReport;
  metrics: () => Promise<{ contentType: string; body: string }>;
  routes?: Record<string, RouteHandler>;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** Health (`/healthz`), metrics (`/metrics`) and mounted routes. Port 0 picks a free port. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const routes = options.routes ?? {};
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes[path];
    if (route) {
      Promise.resolve(route(req, res)).catch((error: unknown) => {
        options.logger.error({ err: error, path }, 'HTTP route failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET' }).end();
    if (path === '/healthz' || path === '/health') {
      let body: { ok: boolean } & Record<string, unknown>;
      try {
        body = options.health();
      } catch (error) {
        body = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      return void res.writeHead(body.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }
    if (path === '/readyz' && options.ready) {
      const report = options.ready();
      return void res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
    }
    if (path === '/metrics') {
      void options.metrics().then(({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
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

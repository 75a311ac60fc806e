import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServerOptions, type RunningHttpServer } from '../../../src/http/create-http-server.js';
import { readRequestBody, refuseRequest, RequestBodyError } from '../../../src/http/read-request-body.js';
import type { ReadinessReport } from '../../../src/http/readiness.js';
import { createSilentLogger } from '../../../src/shared/logger.js';
import { openRaw, requestHead, sleep } from '../../helpers/raw-http.js';

let running: RunningHttpServer | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const start = async (over: Partial<HttpServerOptions> = {}) => {
  running = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    logger: createSilentLogger(),
    health: () => ({ ok: true, outbox: { pending: 0 } }),
    metrics: async () => ({ contentType: 'text/plain; version=0.0.4', body: 'claude_outage_bot_up 1\n' }),
    ...over,
  });
  return `http://127.0.0.1:${running.port}`;
};

const failing: ReadinessReport = {
  ok: false,
  checks: [
    { name: 'database', ok: true, detail: 'open' },
    { name: 'statuspage', ok: false, detail: 'last good read 4 min ago (limit 90 s)', fix: 'check the network or set STATUSPAGE_FALLBACK_URLS' },
  ],
};

describe('probes', () => {
  it('listens only on the interface it is given (HTTP_HOST)', async () => {
    await start();
    expect(running!.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it.each(['/healthz', '/readyz', '/metrics'])('answers HEAD %s like GET, without a body', async (path) => {
    const base = await start({ ready: () => ({ ok: true, checks: [] }) });
    const get = await fetch(base + path);
    const head = await fetch(base + path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(await head.text()).toBe('');
    expect((await get.text()).length).toBeGreaterThan(0);
  });

  it('still refuses other methods on the probes, naming the allowed ones', async () => {
    const res = await fetch(`${await start()}/healthz`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves /readyz from the ready function: 200 and the report when ok', async () => {
    const report: ReadinessReport = { ok: true, checks: [{ name: 'database', ok: true, detail: 'open' }] };
    const res = await fetch(`${await start({ ready: () => report })}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(report);
  });

  it('answers 503 with the failed check and its fix when not ready', async () => {
    const res = await fetch(`${await start({ ready: () => failing })}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual(failing);
  });

  it('answers 503 naming the error when the ready function throws', async () => {
    const broken = (): ReadinessReport => {
      throw new Error('store closed');
    };
    const res = await fetch(`${await start({ ready: broken })}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, checks: [{ ok: false, detail: 'store closed' }] });
  });

  it('does not pretend to be ready when no ready function is wired', async () => {
    expect((await fetch(`${await start()}/readyz`)).status).toBe(404);
  });
});

describe('slow and oversize clients', () => {
  const timeouts = { headersMs: 400, requestMs: 800, keepAliveMs: 200, idleMs: 5_000, checkIntervalMs: 100 };
  /** Echoes the byte count of a body capped at 1 KiB. */
  const echo = {
    '/echo': async (req: IncomingMessage, res: ServerResponse) => {
      try {
        const body = await readRequestBody(req, 1024);
        res.writeHead(200).end(String(body.length));
      } catch (error) {
        if (error instanceof RequestBodyError) refuseRequest(res, error.statusCode);
        else throw error;
      }
    },
  };

  /** Sends one byte every 100 ms, up to `max`; returns how many went before the server hung up. */
  const trickle = async (conn: Awaited<ReturnType<typeof openRaw>>, max: number) => {
    let sent = 0;
    while (sent < max && !conn.isClosed()) {
      if (!(await conn.write('a'))) break;
      sent += 1;
      await sleep(100);
    }
    return sent;
  };

  it('closes a connection that trickles its headers (slowloris) once headersTimeout passes', async () => {
    await start({ timeouts });
    const conn = await openRaw(running!.port, 'GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: ');
    const sent = await trickle(conn, 100);
    await conn.closed;
    expect(sent).toBeLessThan(100);
    expect(conn.received()).not.toMatch(/^HTTP\/1\.1 200/);
  });

  it('closes a connection that trickles its body once requestTimeout passes, with 408', async () => {
    await start({ timeouts, routes: echo });
    const conn = await openRaw(running!.port, requestHead('POST', '/echo', { 'content-length': 500 }));
    const sent = await trickle(conn, 500);
    await conn.closed;
    expect(sent).toBeLessThan(500);
    expect(conn.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('reads a body under the cap and refuses one declared over it before it is sent', async () => {
    const base = await start({ timeouts, routes: echo });
    const ok = await fetch(`${base}/echo`, { method: 'POST', body: 'x'.repeat(1024) });
    expect(await ok.text()).toBe('1024');
    const conn = await openRaw(running!.port, requestHead('POST', '/echo', { 'content-length': 1025 }));
    await conn.closed;
    expect(conn.received()).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('refuses a chunked body the moment it passes the cap', async () => {
    await start({ timeouts, routes: echo });
    const conn = await openRaw(running!.port, requestHead('POST', '/echo', { 'transfer-encoding': 'chunked' }));
    await conn.write('400\r\n' + 'b'.repeat(1024) + '\r\n');
    await conn.write('1\r\nb\r\n');
    await conn.closed;
    expect(conn.received()).toMatch(/^HTTP\/1\.1 413 /);
  });
});

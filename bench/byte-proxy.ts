import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP proxy on 127.0.0.1 that counts the bytes a client exchanges with a local HTTP server. */
export interface ByteProxy {
  url: string;
  /** Bytes both ways since start. */
  bytes(): number;
  /** TCP connections opened since start (a client that keeps its connection alive opens few). */
  connections(): number;
  close(): Promise<void>;
}

export async function startByteProxy(targetUrl: string): Promise<ByteProxy> {
  const target = new URL(targetUrl);
  let bytes = 0;
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    connections += 1;
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    // Requests are counted as they arrive from the client, answers as they arrive from upstream.
    bytes: () => bytes,
    connections: () => connections,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

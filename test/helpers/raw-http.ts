import { connect, type Socket } from 'node:net';

/**
 * A hand-driven HTTP/1.1 client over a plain TCP socket, for what fetch cannot do:
 * send headers and hold the body back, trickle bytes, or stream until the server cuts us off.
 */
export interface RawConnection {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves when the server (or the network) closed the connection. */
  closed: Promise<void>;
  isClosed(): boolean;
  /** Writes and waits for the kernel to take it; false once the connection is gone. */
  write(data: string | Buffer): Promise<boolean>;
}

export async function openRaw(port: number, head?: string): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let text = '';
  let closed = false;
  socket.on('data', (chunk: Buffer) => void (text += chunk.toString('latin1')));
  // A reset after the server refused us is the expected end, not a test failure.
  socket.on('error', () => undefined);
  const closedPromise = new Promise<void>((resolve) => socket.once('close', () => ((closed = true), resolve())));
  const conn: RawConnection = {
    socket,
    received: () => text,
    closed: closedPromise,
    isClosed: () => closed,
    write: (data) =>
      new Promise((resolve) => {
        if (closed || socket.destroyed) return resolve(false);
        socket.write(data, (error) => resolve(!error));
      }),
  };
  if (head !== undefined) await conn.write(head);
  return conn;
}

/** An HTTP/1.1 request head (headers only) with CRLFs. */
export const requestHead = (method: string, path: string, headers: Record<string, string | number>): string =>
  `${method} ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../shared/errors.js';

/** A request body we refused to read: `body_too_large` (413) or `body_aborted` (the client went away). */
export class RequestBodyError extends AppError {
  constructor(
    code: 'body_too_large' | 'body_aborted',
    message: string,
    readonly statusCode: 413 | 400,
  ) {
    super(code, message);
  }
}

/**
 * Reads a request body into memory only while it stays under `maxBytes`: a declared
 * Content-Length past the cap is refused before one byte is read, and a chunked body is
 * counted as it arrives and abandoned the moment it passes the cap.
 */
export function readRequestBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(new RequestBodyError('body_too_large', `declared body of ${declared} bytes is over the ${maxBytes}-byte cap`, 413));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onAbort);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        // Stop reading: the caller answers 413 and closes the connection.
        req.pause();
        reject(new RequestBodyError('body_too_large', `body passed the ${maxBytes}-byte cap`, 413));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onAbort = (): void => {
      cleanup();
      reject(new RequestBodyError('body_aborted', 'the client closed the connection before the body ended', 400));
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onAbort);
    req.once('close', onAbort);
  });
}

/**
 * Answers and closes the connection: used when the rest of the body is not wanted
 * (too large, unsigned), so Node neither keeps the socket alive nor drains the upload.
 */
export function refuseRequest(res: ServerResponse, status: number, text = '', headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.shouldKeepAlive = false;
  res.writeHead(status, { ...headers, connection: 'close', 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text, () => res.socket?.destroy());
}

/** Helpers for http-fetch: reading a body under a byte cap, spotting HTML, Retry-After. */

/** Thrown by readCappedBody when the body grows past the cap; http-fetch maps it to `too_large`. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`body larger than ${maxBytes} bytes`);
  }
}

/**
 * Reads a response body as UTF-8, stopping (and cancelling the stream) as soon as it
 * passes maxBytes, so an endless or huge body never sits in memory.
 */
export async function readCappedBody(response: Response, maxBytes: number, signal?: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  // A fetch that ignores its signal would leave read() pending for ever; cancelling ends it.
  const onAbort = (): void => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const decoder = new TextDecoder('utf-8');
  let received = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // A cancelled stream reads as "done": that is a timeout, not a complete body.
      signal?.throwIfAborted();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        // Cancelling closes the connection instead of draining the rest of the body.
        await reader.cancel().catch(() => undefined);
        throw new BodyTooLargeError(maxBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return text + decoder.decode();
}

const DATA_START = /^(?:\{|\[|<\?xml|<feed|<rss|<rdf:RDF)/i;
const HTML_START = /^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/**
 * True when a body is an HTML page (a CDN challenge, a CAPTCHA, an error page) rather than
 * the JSON or XML we asked for. Sniffs the body first: some challenge pages come with a
 * JSON content type, and a data body mislabelled text/html is still data.
 */
export function isHtmlBody(contentType: string | null, body: string): boolean {
  const start = body.replace(/^\uFEFF/, '').trimStart().slice(0, 64);
  if (HTML_START.test(start)) return true;
  if (DATA_START.test(start)) return false;
  return /\btext\/html\b|\bapplication\/xhtml\+xml\b/i.test(contentType ?? '');
}

/**
 * Retry-After is either delta-seconds or an HTTP-date.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-retry-after
 */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

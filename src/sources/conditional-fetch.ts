import type { HttpFetcher } from './http-fetch.js';
import { SourceError } from './source-error.js';

/** A parse kept in memory with the ETag of the body it came from. */
interface Cached<T> {
  etag: string;
  value: T;
}

/** Fetches and parses URLs, re-using the last parse when the server answers 304. */
export interface ConditionalFetcher<T> {
  /**
   * @param etags the poll's URL → ETag map; updated in place on every 200.
   * @returns the parse and whether it came from the cache (a 304).
   */
  fetch(url: string, etags: Record<string, string>, signal?: AbortSignal): Promise<{ value: T; notModified: boolean }>;
}

/** Options for {@link createConditionalFetcher}. */
export interface ConditionalFetcherOptions<T> {
  http: HttpFetcher;
  accept: string;
  parse: (body: string, url: string) => T | Promise<T>;
}

/**
 * If-None-Match is sent only while we still hold the parse of that ETag's body: after a
 * restart the persisted ETag alone is useless (a 304 would leave us with nothing to show).
 * @see https://developer.mozilla.org/docs/Web/HTTP/Reference/Headers/If-None-Match
 */
export function createConditionalFetcher<T>({ http, accept, parse }: ConditionalFetcherOptions<T>): ConditionalFetcher<T> {
  const cache = new Map<string, Cached<T>>();
  return {
    async fetch(url, etags, signal) {
      const cached = cache.get(url);
      const etag = cached && etags[url] === cached.etag ? cached.etag : null;
      const result = await http.get(url, { etag, accept, signal });
      if (result.status === 304) {
        if (!cached || etag === null) {
          throw new SourceError('http_status', `${url}: 304 Not Modified to an unconditional request`, { url, statusCode: 304 });
        }
        return { value: cached.value, notModified: true };
      }
      const value = await parse(result.body, url);
      if (result.etag) {
        cache.set(url, { etag: result.etag, value });
        etags[url] = result.etag;
      } else {
        cache.delete(url);
        delete etags[url];
      }
      return { value, notModified: false };
    },
  };
}

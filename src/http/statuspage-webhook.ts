import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../shared/logger.js';
import type { RouteHandler } from './create-http-server.js';
import { readRequestBody, refuseRequest, RequestBodyError } from './read-request-body.js';

/** Where webhook routes live: `POST /webhooks/statuspage/<page id>`. */
export const WEBHOOK_PREFIX = '/webhooks/statuspage/';
/** Statuspage webhooks are one incident with its updates: far under this. */
const MAX_BODY_BYTES = 256 * 1024;

/** What the route hands on; the work itself happens later, off the request. */
export type WebhookOutcome = 'queued' | 'bad_secret' | 'unknown_page' | 'bad_payload' | 'too_large' | 'queue_full';

export interface StatuspageWebhookOptions {
  /** STATUSPAGE_WEBHOOK_SECRET. Never logged. */
  secret: string;
  pageIds: ReadonlySet<string>;
  /**
   * Checks the body and queues its work; returns a problem (answered 400) or null. Must
   * return at once: Statuspage wants an answer within 30 s and disables slow endpoints.
   */
  enqueue: (pageId: string, body: string) => { problem: string | null; full?: boolean };
  logger: Logger;
  /** Counts each request by page and outcome (the webhook metric). */
  onOutcome?: (pageId: string, outcome: WebhookOutcome) => void;
}

/** A malformed %-escape is a page we do not watch, not a crashed request. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function secretMatches(given: string | null, secret: string): boolean {
  return given !== null && timingSafeEqual(digest(given), digest(secret));
}

/** The secret from `?secret=`, `X-Webhook-Secret` or `Authorization: Bearer`. */
function givenSecret(req: IncomingMessage): string | null {
  const header = req.headers['x-webhook-secret'];
  if (typeof header === 'string' && header !== '') return header;
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '');
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get('secret');
}

/**
 * `POST /webhooks/statuspage/<page>`: Statuspage subscriber webhooks. The secret is checked
 * before the body is read (a wrong one: 401, nothing read or stored), the page next (404),
 * then the body (size-capped; 400 when it is no webhook). A good one is queued and answered
 * 202 at once; the store and the outbox do the rest in the background.
 * @see https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/
 */
export function createStatuspageWebhookRoute(options: StatuspageWebhookOptions): RouteHandler {
  const { logger } = options;
  const count = (page: string, outcome: WebhookOutcome) => options.onOutcome?.(page, outcome);
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const pageId = safeDecode(path.slice(WEBHOOK_PREFIX.length)).replace(/\/+$/, '');
    if (req.method !== 'POST') return refuseRequest(res, 405, 'POST only\n', { allow: 'POST' });
    if (!secretMatches(givenSecret(req), options.secret)) {
      // The path is logged, never the query (it may hold a secret, right or wrong).
      logger.warn({ path }, 'statuspage webhook refused: wrong or missing secret (check the URL given to Statuspage against STATUSPAGE_WEBHOOK_SECRET)');
      count('unknown', 'bad_secret');
      return refuseRequest(res, 401, 'wrong or missing secret\n');
    }
    if (!options.pageIds.has(pageId)) {
      count('unknown', 'unknown_page');
      return refuseRequest(res, 404, `no watched page "${pageId.slice(0, 40)}": use one of ${[...options.pageIds].join(', ')}\n`);
    }
    let body: string;
    try {
      body = (await readRequestBody(req, MAX_BODY_BYTES)).toString('utf8');
    } catch (error) {
      if (!(error instanceof RequestBodyError)) throw error;
      count(pageId, 'too_large');
      return refuseRequest(res, error.statusCode, `${error.message}\n`);
    }
    const { problem, full } = options.enqueue(pageId, body);
    if (full) {
      count(pageId, 'queue_full');
      return refuseRequest(res, 503, 'busy: try again shortly\n', { 'retry-after': '5' });
    }
    if (problem !== null) {
      logger.warn({ page: pageId, problem }, 'statuspage webhook refused: not a webhook payload');
      count(pageId, 'bad_payload');
      return refuseRequest(res, 400, `${problem}\n`);
    }
    count(pageId, 'queued');
    res.writeHead(202, { 'content-type': 'text/plain; charset=utf-8' }).end('queued\n');
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ReceiverMultipleAckError, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { readRequestBody, refuseRequest, RequestBodyError } from '../../http/read-request-body.js';
import type { Logger } from '../../shared/logger.js';
import { createReplayGuard, type ReplayGuard } from './receiver-replay-guard.js';
import { checkSignatureHeaders, verifySlackSignature } from './verify-signature.js';

/** Slack's payloads are a few kilobytes; a megabyte is generous and still cheap to hold. */
export const MAX_SLACK_BODY_BYTES = 1024 * 1024;

export interface SignedHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Milliseconds since the epoch; injectable so tests can sign from the past and the future. */
  now?: () => number;
  maxBodyBytes?: number;
  /** No ack by then answers 404, as Bolt does (Slack gives up after 3 s anyway). */
  ackTimeoutMs?: number;
  replayGuard?: ReplayGuard;
}

type Body = Record<string, unknown>;

/**
 * Bolt's HTTP side, ours: the bot's own HTTP server hands `/slack/events` to `handle`,
 * which refuses unsigned, out-of-window and replayed requests and oversize bodies before
 * Bolt sees a byte, then gives the verified body to `app.processEvent` and answers with
 * whatever the listener acks.
 * @see https://docs.slack.dev/tools/bolt-js/concepts/receiver
 */
export class SignedHttpReceiver implements Receiver {
  private app: App | null = null;
  private running = false;
  private readonly now: () => number;
  private readonly replays: ReplayGuard;

  constructor(private readonly options: SignedHttpReceiverOptions) {
    this.now = options.now ?? Date.now;
    this.replays = options.replayGuard ?? createReplayGuard();
  }

  init(app: App): void {
    this.app = app;
  }

  /** The socket belongs to the bot's HTTP server; starting only opens the door. */
  async start(): Promise<void> {
    this.running = true;
  }

  async stop(): Promise<void> {
    this.running = false;
  }

  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return refuseRequest(res, 405, '', { allow: 'POST' });
    const app = this.app;
    if (!app || !this.running) return void res.writeHead(503, { 'retry-after': '5' }).end();
    const headers = { signature: header(req, 'x-slack-signature'), timestamp: header(req, 'x-slack-request-timestamp') };
    const early = checkSignatureHeaders(headers, this.now());
    if (!early.ok) return this.refuse(res, 401, early.code, early.message);

    let raw: Buffer;
    try {
      raw = await readRequestBody(req, this.options.maxBodyBytes ?? MAX_SLACK_BODY_BYTES);
    } catch (error) {
      if (error instanceof RequestBodyError) return this.refuse(res, error.statusCode, error.code, error.message);
      throw error;
    }
    const check = verifySlackSignature({ ...headers, signingSecret: this.options.signingSecret, body: raw, nowMs: this.now() });
    if (!check.ok) return this.refuse(res, 401, check.code, check.message);
    if (!this.replays.firstSeen(headers.signature!, check.timestampSec, this.now())) {
      return this.refuse(res, 401, 'replayed', 'this signed request was already handled');
    }

    const body = parseBody(raw, req.headers['content-type']);
    if (!body) return this.refuse(res, 400, 'malformed_body', 'the body is neither form-encoded nor JSON');
    if (body.ssl_check === '1') return void res.writeHead(200).end();
    if (body.type === 'url_verification') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: body.challenge }));

    const ack = this.createAck(res);
    const event: ReceiverEvent = {
      body,
      ack: ack.fn,
      retryNum: Number(header(req, 'x-slack-retry-num') ?? NaN) || undefined,
      retryReason: header(req, 'x-slack-retry-reason'),
    };
    try {
      await app.processEvent(event);
    } catch (error) {
      this.options.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'Slack event handling failed');
      if (!res.headersSent) res.writeHead(500).end();
    } finally {
      ack.settled();
    }
  };

  private refuse(res: ServerResponse, status: number, code: string, reason: string): void {
    this.options.logger.warn({ code, reason, status }, 'Slack request refused');
    refuseRequest(res, status);
  }

  /** The ack Bolt hands the listener: it writes the HTTP answer, once. */
  private createAck(res: ServerResponse): { fn: ReceiverEvent['ack']; settled(): void } {
    let acked = false;
    const timer = setTimeout(() => {
      if (acked) return;
      acked = true;
      this.options.logger.error('A Slack request was not acknowledged within 3 seconds');
      if (!res.headersSent) res.writeHead(404).end();
    }, this.options.ackTimeoutMs ?? 3_001);
    const fn = async (response?: unknown): Promise<void> => {
      if (acked) throw new ReceiverMultipleAckError();
      acked = true;
      clearTimeout(timer);
      if (response === undefined || response === '') res.writeHead(200).end();
      else if (typeof response === 'string') res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(response);
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
    };
    // A listener that finished without acking still gets its 3 s, as in Bolt; an ack that came ends the timer.
    return { fn, settled: () => acked && clearTimeout(timer) };
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** Slash commands and interactivity are form-encoded (`payload` holds JSON for the latter); events are JSON. */
function parseBody(raw: Buffer, contentType: string | undefined): Body | null {
  const text = raw.toString('utf8');
  try {
    if (contentType?.split(';')[0]?.trim() === 'application/x-www-form-urlencoded') {
      const form = Object.fromEntries(new URLSearchParams(text));
      return typeof form.payload === 'string' ? (JSON.parse(form.payload) as Body) : form;
    }
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Body) : null;
  } catch {
    return null;
  }
}

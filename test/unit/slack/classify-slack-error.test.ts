import { describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { classifySlackError, isAmbiguousPostFailure } from '../../../src/platforms/slack/classify-slack-error.js';
import { DeliveryError } from '../../../src/platforms/platform.js';

const platformError = (error: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`An API error occurred: ${error}`), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error, ...extra } });

describe('classifySlackError', () => {
  it('turns a 429 into a retry after Retry-After', () => {
    const error = Object.assign(new Error('rate limited'), { code: webApi.ErrorCode.RateLimitedError, retryAfter: 7 });
    const out = classifySlackError(error, 'chat.postMessage');
    expect(out).toMatchObject({ code: 'slack_rate_limited', action: 'retry', retryAfterMs: 7000 });
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived'])('%s disables the subscription with the reason', (code) => {
    const out = classifySlackError(platformError(code), 'chat.postMessage');
    expect(out.action).toBe('disable_subscription');
    expect(out.code).toBe(`slack_${code}`);
    expect(out.message).toContain(code);
  });

  it.each(['invalid_auth', 'token_revoked', 'not_authed', 'account_inactive'])('%s halts Slack deliveries and names the token', (code) => {
    const out = classifySlackError(platformError(code), 'chat.update');
    expect(out.action).toBe('halt_platform');
    expect(out.message).toContain('SLACK_BOT_TOKEN');
  });

  it('names the missing scope', () => {
    const out = classifySlackError(platformError('missing_scope', { needed: 'channels:history' }), 'conversations.history');
    expect(out).toMatchObject({ action: 'halt_platform' });
    expect(out.message).toContain('channels:history');
  });

  it.each(['invalid_blocks', 'msg_too_long', 'message_not_found'])('%s drops the message', (code) => {
    expect(classifySlackError(platformError(code), 'chat.update').action).toBe('drop');
  });

  it('retries 5xx, network errors and Slack-side errors, and marks post failures ambiguous', () => {
    const http = Object.assign(new Error('HTTP 503'), { code: webApi.ErrorCode.HTTPError, statusCode: 503 });
    const network = Object.assign(new Error('ECONNRESET'), { code: webApi.ErrorCode.RequestError });
    for (const error of [http, network, platformError('internal_error')]) {
      expect(classifySlackError(error, 'chat.postMessage').action).toBe('retry');
    }
    expect(isAmbiguousPostFailure(classifySlackError(http, 'x'))).toBe(true);
    expect(isAmbiguousPostFailure(classifySlackError(network, 'x'))).toBe(true);
    // Slack documents internal_error / fatal_error as possibly applied: look before posting again.
    expect(isAmbiguousPostFailure(classifySlackError(platformError('internal_error'), 'x'))).toBe(true);
    expect(isAmbiguousPostFailure(classifySlackError(platformError('fatal_error'), 'x'))).toBe(true);
    // A definite refusal or a 429 was not applied.
    expect(isAmbiguousPostFailure(classifySlackError(platformError('ratelimited'), 'x'))).toBe(false);
    expect(isAmbiguousPostFailure(classifySlackError(platformError('invalid_blocks'), 'x'))).toBe(false);
  });

  it('drops a non-retryable HTTP status and passes DeliveryErrors through', () => {
    const http = Object.assign(new Error('HTTP 404'), { code: webApi.ErrorCode.HTTPError, statusCode: 404 });
    expect(classifySlackError(http, 'x').action).toBe('drop');
    const own = new DeliveryError('x', 'drop', 'm');
    expect(classifySlackError(own, 'x')).toBe(own);
  });
});

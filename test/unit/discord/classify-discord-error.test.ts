import { Client, DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/platforms/platform.js';
import { classifyDiscordError } from '../../../src/platforms/discord/classify-discord-error.js';

const URL = 'https://discord.com/api/v10/channels/1/messages';
const api = (status: number, code: number, message: string) =>
  new DiscordAPIError({ message, code }, code, status, 'POST', URL, { body: undefined, files: undefined });
const rateLimit = (retryAfter: number) =>
  new RateLimitError({
    timeToReset: retryAfter,
    limit: 5,
    method: 'POST',
    hash: 'abc',
    url: URL,
    route: '/channels/:id/messages',
    majorParameter: '1',
    global: false,
    retryAfter,
    sublimitTimeout: 0,
    scope: 'user',
  });
const networkError = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
// discord.js's own TokenInvalid (its constructor is private in the typings): login with no token throws it, offline.
const tokenInvalid = await new Client({ intents: [] }).login('').catch((error: unknown) => error);
const timeout = () => Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });

describe('classifyDiscordError', () => {
  it.each([
    ['50001 Missing Access', api(403, 50001, 'Missing Access'), 'discord_missing_access', 'disable_subscription'],
    ['50013 Missing Permissions', api(403, 50013, 'Missing Permissions'), 'discord_missing_permissions', 'disable_subscription'],
    ['10003 Unknown Channel', api(404, 10003, 'Unknown Channel'), 'discord_unknown_channel', 'disable_subscription'],
    ['401 Unauthorized', api(401, 0, '401: Unauthorized'), 'discord_unauthorized', 'halt_platform'],
    ['40001 Unauthorized', api(403, 40001, 'Unauthorized'), 'discord_unauthorized', 'halt_platform'],
    ['TokenInvalid', tokenInvalid, 'discord_unauthorized', 'halt_platform'],
    ['a 5xx', new HTTPError(503, 'Service Unavailable', 'POST', URL, { body: undefined, files: undefined }), 'discord_http_503', 'retry'],
    ['130000 overloaded', api(503, 130000, 'API resource overloaded'), 'discord_http_503', 'retry'],
    ['a network error', networkError(), 'discord_network', 'retry'],
    ['a request timeout', timeout(), 'discord_timeout', 'retry'],
    ['a 429 that reached the API error path', api(429, 0, 'You are being rate limited.'), 'discord_rate_limited', 'retry'],
    ['50035 Invalid Form Body', api(400, 50035, 'Invalid Form Body'), 'discord_invalid_form_body', 'drop'],
    ['10008 Unknown Message (card deleted)', api(404, 10008, 'Unknown Message'), 'discord_unknown_message', 'drop'],
    ['another 400', api(400, 160005, 'Thread is locked'), 'discord_rejected_160005', 'drop'],
    ['something odd', 'a string', 'discord_unexpected', 'retry'],
  ])('%s → %s (%s)', (_, error, code, action) => {
    const failure = classifyDiscordError(error);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect({ code: failure.code, action: failure.action }).toEqual({ code, action });
  });

  it('hands a long rate limit to the outbox with its Retry-After', () => {
    const failure = classifyDiscordError(rateLimit(42_000));
    expect(failure).toMatchObject({ code: 'discord_rate_limited', action: 'retry', retryAfterMs: 42_000 });
  });

  it('says what to do about a disabled channel and keeps the original error as the cause', () => {
    const original = api(403, 50001, 'Missing Access');
    const failure = classifyDiscordError(original);
    expect(failure.message).toMatch(/View Channel/);
    expect(failure.cause).toBe(original);
  });

  it('passes a DeliveryError through unchanged', () => {
    const already = new DeliveryError('x', 'drop', 'y');
    expect(classifyDiscordError(already)).toBe(already);
  });
});

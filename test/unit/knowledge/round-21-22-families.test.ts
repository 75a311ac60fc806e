import { describe, expect, it } from 'vitest';
import { parseError } from '../../../src/knowledge/parse-error.js';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 21 and 22 missed (their pastes are in test/fixtures/fix-pastes, rounds 21 and 22); each is
// worded apart from the paste it came from, and each family has a near miss that must still go where it went before.
const first = firstEntryId;

describe('a location refusal wins over the relay or page that carried it', () => {
  it.each([
    ['LiteLLM: 403 {"error":{"message":"Claude is not available in your country","code":403}} via openrouter', 'request-not-allowed-403'],
    ['we ran the installer in Macau and the download was refused, got a web page instead of a script', 'request-not-allowed-403'],
    ['base url set to my qwen relay, still 403 Forbidden from Anthropic on every call', 'request-not-allowed-403'],
  ])('answers %s as the location refusal', (paste, expected) => {
    expect(first(paste)).toBe(expected);
  });

  it('keeps a relay that refuses for its own reasons the relay', () => {
    expect(first('openrouter 403 {"error":{"message":"Your request was blocked.","code":403}}')).toBe('proxy-foreign-error');
    // Claude Code's hedge under a connection failure is not the refusal itself.
    expect(first('Unable to connect to API. Claude might not be available in your country.')).not.toBe('request-not-allowed-403');
    // A relay that did not answer, with that hedge: still the relay.
    expect(first('API Error: 502 {"error":{"message":"provider returned error","code":502}} openrouter. Claude might not be available in your country.')).toBe('proxy-foreign-error');
  });
});

describe('an OAuth server error typed with a letter off', () => {
  it('answers the login failure', () => {
    expect(first('login says 0auth error requst failed with status code 503')).toBe('oauth-login-failed');
  });

  it('keeps a 403 at login the location refusal and a 500 after login the API', () => {
    expect(first('API Error: 403 {"error":{"type":"forbidden","message":"Request not allowed"}} OAuth error: Request failed with status code 403')).toBe('request-not-allowed-403');
    expect(first('API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}')).toBe('api-error-500');
  });
});

describe("Claude Code's web-session notice is a side notice", () => {
  it('lets the credit balance answer', () => {
    const paste = 'Says I have a low credit balance though I topped up. log: Claude Code web sessions require authentication with a Claude.ai account. API key authentication is not sufficient.';
    expect(first(paste)).toBe('credit-balance-api-key');
  });

  it('still answers the notice alone', () => {
    expect(first('Error: Claude Code web sessions require authentication with a Claude.ai account. Please run /login')).toBe('login-required');
  });
});

describe("a 429 answered as an HTML page is the relay's", () => {
  it('answers the relay', () => {
    expect(first('relay says upstream 429: <!DOCTYPE html><title>Too Many Requests</title>')).toBe('proxy-foreign-error');
  });

  it('keeps a 502 page an outage page and a JSON 429 the rate limit', () => {
    expect(first('502: <html><head><title>502 Bad Gateway</title></head></html>')).toBe('gateway-error-page');
    expect(first('429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}')).toBe('rate-limit-429');
  });
});

describe('a refusal that names the model', () => {
  it.each([
    ['chat failed -> Model not found: claude-opus-4-1-beta', 'model-unavailable'],
    ['HTTP 403 {"error":{"type":"permission_error","message":"This model is not allowed","code":"model_not_allowed"}}', 'model-unavailable'],
    ['gateway: {"type":"upstream_error","responseText":{"type":"error","error":{"type":"not_found_error","message":"model: claude-2.1"}}}', 'model-unavailable'],
  ])('answers %s with the model', (paste, expected) => {
    expect(first(paste)).toBe(expected);
  });

  it('keeps a permission_error about something else a permission', () => {
    expect(first('403 {"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}')).toBe('permission-403');
  });
});

describe('turns that do not alternate are the request', () => {
  it('answers invalid-request-400 through Bedrock', () => {
    expect(first('bedrock converse ValidationException: messages: roles must alternate between "user" and "assistant"')).toBe('invalid-request-400');
    expect(first('langchain ValueError: turns must alternate between Human: and Assistant:')).toBe('invalid-request-400');
  });

  it('keeps a Bedrock access refusal the setup', () => {
    expect(first('AccessDeniedException: You don\'t have access to the model with the specified model ID. (bedrock-runtime)')).toBe('bedrock-setup');
  });
});

describe("the account's rate limit is the subscription's", () => {
  it('answers the plan window', () => {
    expect(first('Error 429 rate_limit_error: this request would exceed your account\'s rate limit, try later')).toBe('usage-limit-subscription');
  });

  it("keeps the organization's rate limit the API tier's", () => {
    expect(first('429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed your organization\'s rate limit of 50 requests per minute"}}')).toBe('rate-limit-429');
  });
});

describe('the parser reads no port as a status', () => {
  it.each(['proxy at host port=443 refused', 'connect to "port": 443 failed', 'PORT: 404 is busy', 'listening on port 500'])('%s', (paste) => {
    expect(parseError(paste).status).toBeNull();
  });

  it('still reads a status after an equals sign', () => {
    expect(parseError('request failed status=503 upstream').status).toBe(503);
  });
});

describe('the error the session stopped on answers a tie', () => {
  const log = (final: string): string => `API Error (Connection error.) · Retrying in 1 seconds… (attempt 1/10) API Error: ${final}`;

  it('answers the final 529 after one retried connection error', () => {
    expect(first(log('529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'))).toBe('overloaded-529');
  });

  it('keeps the error retried most when the final one is rarer', () => {
    const retried = 'API Error (Connection error.) · Retrying in 1 seconds… (attempt 1/10) ';
    expect(parseError(`${retried}${retried}API Error: 529 Overloaded`).retriedMost).toBe('Connection error.');
  });
});

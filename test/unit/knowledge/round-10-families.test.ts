import { describe, expect, it } from 'vitest';
import { parseError } from '../../../src/knowledge/parse-error.js';
import { readRoute } from '../../../src/knowledge/read-route.js';
import { normalizePaste } from '../../../src/knowledge/normalize-paste.js';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family round 10 missed (its pastes are in test/fixtures/fix-pastes, round: 10); each is worded apart
// from the paste it came from, and each family has a near miss that must still go elsewhere.
const first = firstEntryId;
const route = (raw: string): ReturnType<typeof readRoute> => readRoute(normalizePaste(raw));

const OVERLOADED = 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":null}';

describe('the body a paste carries outranks a client side line', () => {
  it("answers a 529 body logged beside an Axios timeout as overloaded, not as a login timeout", () => {
    expect(first(`${OVERLOADED}\n[{"error":"AxiosError: timeout of 10000ms exceeded"}]`)).toBe('overloaded-529');
    // Without an API body, or with an auth error, the timeout is still the login's.
    expect(first('Login failed: AxiosError: timeout of 5000ms exceeded')).toBe('oauth-login-failed');
  });
});

describe("the error Claude Code stopped on counts", () => {
  const timeouts = Array.from({ length: 3 }, (_, i) => `API Error (Request timed out.) · Retrying in ${i + 1} seconds… (attempt ${i + 1}/10)`);

  it('counts a final error without "Retrying in" once, so the repeated one still wins', () => {
    const paste = [...timeouts, 'API Error (502 <html><title>502 Bad Gateway</title></html>)'].join('\n');
    expect(parseError(paste).retriedMost).toBe('Request timed out.');
    expect(first(paste)).toBe('timeout-504');
  });

  it('answers a final 4xx, which no SDK retries, as the one the session stopped on', () => {
    const paste = [...timeouts, 'API Error: 400 {"error":{"code":"1211","message":"模型不存在"}}'].join('\n');
    expect(parseError(paste).retriedMost).toBe('400 {"error":{"code":"1211","message":"模型不存在"}}');
    // A final 429 is retried like the others, so it counts once and loses to the repeated timeout.
    expect(parseError([...timeouts, 'API Error: 429 rate limited'].join('\n')).retriedMost).toBe('Request timed out.');
  });
});

describe("relays' own wordings and signs", () => {
  it.each([
    ['AI_TypeValidationError: Type validation failed: Value: {"foo":1}', 'proxy-foreign-error'],
    ['{"message":"Provider returned error","code":429,"metadata":{"raw":"{\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"rate_limit_error\\"}}","provider_name":"Anthropic"}}', 'proxy-foreign-error'],
    ['ERROR | relay:78 - failed: decode error: expected value at line 1 column 1\nINFO: 10.0.0.2:0 - "POST /v1/messages HTTP/1.1" 500 Internal Server Error', 'proxy-foreign-error'],
    ['{"error":{"cause":{"cause":{}}},"endpoint":"https://my-relay.example.workers.dev/","provider":"anthropic"}', 'proxy-foreign-error'],
  ])('%s → %s', (paste, expected) => {
    expect(first(paste)).toBe(expected);
  });

  it("reads a client's custom endpoint and a server's access log for /v1/messages as a relay, not api.anthropic.com", () => {
    expect(route('{"endpoint":"https://llm.example.com/v1","provider":"anthropic"}').providers).toEqual(['gateway']);
    expect(route('{"endpoint":"https://api.anthropic.com","provider":"anthropic"}').providers).toEqual([]);
    expect(route('INFO: 1.2.3.4:0 - "POST /v1/messages?beta=true HTTP/1.0" 200 OK').providers).toEqual(['gateway']);
  });

  it('answers an empty error from api.anthropic.com itself as a connection that got no answer', () => {
    expect(first('{"error":{"cause":{}},"endpoint":"https://api.anthropic.com","provider":"anthropic"}')).toBe('network-connection');
  });
});

describe("Google's error shape", () => {
  const GOOGLE_404 = '{"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND"}}';

  it('is Vertex when Claude Code printed it, and a relay when another client did', () => {
    expect(route(`API Error: 404 ${GOOGLE_404}`).providers).toEqual(['vertex']);
    expect(first(`API Error: 404 ${GOOGLE_404}`)).toBe('vertex-setup');
    expect(route(`AI_APICallError: Last status: 404 Not Found. Error: HTTP 404: ${GOOGLE_404}`).providers).toEqual(['gateway']);
    expect(first(`AI_APICallError: Last status: 404 Not Found. Error: HTTP 404: ${GOOGLE_404}`)).toBe('proxy-foreign-error');
  });
});

describe('families with no match before', () => {
  it.each([
    ['Your session token has expired and there is no refresh token, sign in again', 'oauth-expired'],
    ['Error: Resource not found (model claude-sonnet-4-5)', 'not-found-404'],
    ['⚠ No write permission for updates (requires sudo)', 'update-failed'],
    ['Error: HTTP 401 authentication_error: invalid x-api-key. Credit balance: $25.00 in the console', 'authentication-401'],
    ['Your credit balance is too low to access the Anthropic API.', 'credit-balance-api-key'],
    ['messages.3.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`.', 'invalid-request-400'],
    ['Invalid managed config: gcpRegion: must be a GCP region (e.g. us-central1) or \'global\'', 'vertex-setup'],
  ])('%s → %s', (paste, expected) => {
    expect(first(paste)).toBe(expected);
  });

  it("answers Claude Code's output cap over a relay's stream error logged before it", () => {
    const paste =
      'API Error: {"error":{"message":"upstream stream disconnected","type":"stream_read_error"},"type":"error"}\nAPI Error: Claude\'s response exceeded the 64000 output token maximum. To configure this behavior, set the CLAUDE_CODE_MAX_OUTPUT_TOKENS environment variable.';
    expect(first(paste)).toBe('max-tokens-limit');
    expect(first('API Error: {"error":{"message":"upstream stream disconnected","type":"stream_read_error"},"type":"error"}')).toBe('proxy-foreign-error');
  });
});

import { describe, expect, it } from 'vitest';
import { NOT_ANTHROPIC_WORDING, readRoute } from '../../../src/knowledge/read-route.js';
import { builtinKnowledge, firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 19 and 20 missed (their pastes are in test/fixtures/fix-pastes, rounds 19 and 20); each is
// worded apart from the paste it came from, and each family has a near miss that must still go where it went before.
const first = firstEntryId;

describe("the API's own answer outranks a client's generic connection wrapper", () => {
  it.each([
    // Claude Code's friendly 529 beside an earlier socket failure in its error log.
    ['API Error: 529 Overloaded. Try again shortly. Errors: [{"error":"Error: The socket connection was closed unexpectedly"}]', 'overloaded-529'],
    // An organisation rate limit, with an ECONNREFUSED from another moment of the session.
    ['keep hitting 429 rate limit errors for output tokens per minute; log: Error: ECONNREFUSED at cli.js:1:2', 'rate-limit-429'],
    // Anthropic's overloaded body carried inside an SDK's connection exception.
    ['openai.APIConnectionError: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', 'overloaded-529'],
    // A field validation the API wrote, under a client's "connection error" title.
    ['Vertex connection error: messages.0.content: Input should be a valid list', 'invalid-request-400'],
  ])('answers %s by the answer inside', (paste, expected) => {
    expect(first(paste)).toBe(expected);
  });

  it('keeps real connection failures network', () => {
    expect(first('API Error (Connection error.) · Retrying in 2 seconds… (attempt 2/10)')).toBe('network-connection');
    expect(first('anthropic.APIConnectionError: Connection error.')).toBe('network-connection');
    expect(first('API Error: Connection error. read ECONNRESET')).toBe('network-connection');
    // A bare status beside the failure says no more than the failure: the stream was cut.
    expect(first('API Error: 502 terminated')).toBe('network-connection');
    expect(first('Request failed: connect ETIMEDOUT 160.79.104.10:443')).toBe('network-connection');
    // A port the parser reads as a status (443 → a 4xx) is no answer either.
    expect(first("HTTPSConnectionPool(host='api.anthropic.com', port=443): Max retries exceeded (Caused by ConnectTimeoutError)")).toBe('network-connection');
    // The user's own words outrank no error: Claude Code's wrapper still answers beside a guess in prose.
    expect(first('API Error (Connection error.) 登录失败了')).toBe('network-connection');
  });
});

describe("another service's own rate limit, not Anthropic's", () => {
  it.each([
    'Copilot Chat: Sorry, your request has been rate-limited. Please wait 45 seconds before trying again.',
    "Sorry, you've been rate-limited. Please try again later. Error Code: rate_limited",
    'Sorry, you have been rate limited for the next hour.',
  ])("answers %s as the service's", (paste) => {
    expect(first(paste)).toBe('proxy-foreign-error');
  });

  it("keeps Anthropic's and plain throttling where they were", () => {
    expect(first('API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization"}}')).toBe('rate-limit-429');
    // Kiro's own throttling stays a rate limit (round 16's rule c), and so does a user who says "rate limited".
    expect(first('Error sending prompt: Too many requests, please wait before trying again')).toBe('rate-limit-429');
    expect(first('I keep getting rate limited, 429 every few minutes')).toBe('rate-limit-429');
  });
});

describe("a vendor's endpoint in Anthropic's shape with words Anthropic never uses", () => {
  it.each([
    'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"Unauthenticated"}}',
    'upstream said HTTP 400 {"detail":"prefill servers are overloaded, retry later"}',
  ])("answers %s as the vendor's", (paste) => {
    expect(first(paste)).toBe('proxy-foreign-error');
  });

  it('reads the same wording in the route and in proxy-foreign-error', () => {
    expect(builtinKnowledge().get('proxy-foreign-error')?.match.patterns).toContain(NOT_ANTHROPIC_WORDING.source);
    expect(readRoute('{"type":"error","error":{"type":"authentication_error","message":"unauthenticated"}}')).toEqual({ providers: ['gateway'], wrappedFrom: null });
  });

  it("keeps Anthropic's own wordings where they were", () => {
    expect(first('API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}')).toBe('authentication-401');
    // "unauthenticated" in the user's words, or Google's UNAUTHENTICATED status, is not the vendor's message.
    expect(first('I am unauthenticated after the update: API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}')).toBe('authentication-401');
    expect(first('API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}} the server is overloaded')).toBe('overloaded-529');
  });
});

describe("a gateway's own configuration, host or key", () => {
  it.each([
    'API Error: 400 no configuration found for provider openai',
    "httpx.HTTPStatusError: Server error '521 ' for url 'https://relay.example.net/v1/messages'",
    'Error: Authentication Error, Invalid proxy server token passed. Create key via `/key/generate` call.',
    'ERROR: Claude API returned error status: 401 | {"metadata":{}}',
    'WARN stream relay for account team-2 failed: upstream closed',
  ])("answers %s as the gateway's", (paste) => {
    expect(first(paste)).toBe('proxy-foreign-error');
  });

  it("keeps Anthropic's and the clouds' hosts where they were", () => {
    expect(first("httpx.HTTPStatusError: Server error '529 ' for url 'https://api.anthropic.com/v1/messages'")).toBe('overloaded-529');
    expect(first("Client error '400 Bad Request' for url 'https://bedrock-runtime.us-east-1.amazonaws.com/model/x/invoke'")).toBe('bedrock-setup');
    expect(first('API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"model: Field required"}}')).toBe('invalid-request-400');
  });
});

describe("the request's own format and the login's own failure", () => {
  it.each([
    ['curl to /v1/messages answers: anthropic-version header is required', 'invalid-request-400'],
    ['{"error":{"message":"anthropic-version: header is required","type":"invalid_request_error"},"type":"error"}', 'invalid-request-400'],
    ['ValidationException: prompt must end with "\n\nAssistant:" turn', 'invalid-request-400'],
    ['claude login keeps failing: OAuth 503 Service Unavailable on the callback page', 'oauth-login-failed'],
    ['OAuth: 500 when I sign in from the CLI', 'oauth-login-failed'],
  ])('answers %s', (paste, expected) => {
    expect(first(paste)).toBe(expected);
  });

  it('keeps the near misses where they were', () => {
    // Logged in fine, then the API itself failed: that 500 is the API's.
    expect(first('Logged in with OAuth. API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}')).toBe('api-error-500');
    // A Bedrock ValidationException about the model id stays the setup.
    expect(first('ValidationException: The provided model identifier is invalid. (Service: BedrockRuntime, Status Code: 400)')).toBe('bedrock-setup');
  });
});

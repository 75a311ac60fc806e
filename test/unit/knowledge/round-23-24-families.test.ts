import { describe, expect, it } from 'vitest';
import { normalizePaste } from '../../../src/knowledge/normalize-paste.js';
import { readRoute } from '../../../src/knowledge/read-route.js';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 23 and 24 missed (their pastes are in test/fixtures/fix-pastes, rounds 23 and 24); each is
// worded apart from the paste it came from, and each family has a near miss that must still go where it went before.
const first = firstEntryId;

describe('OAuth refusals answered by what the person must do next', () => {
  it('sends an organisation that does not allow OAuth to its admin, though the status is 401', () => {
    expect(first('401 {"type":"error","error":{"type":"authentication_error","message":"OAuth authentication is currently not allowed for this organization."}}')).toBe('permission-403');
  });

  it('answers a login that breaks after the expired token with the login, not the token', () => {
    expect(first('OAuth token has expired. Please obtain a new token · Please run /login. Tried it: There was an error logging you in.')).toBe('oauth-login-failed');
    expect(first('oauth token has expired, then /login shows OAuth Request Failed')).toBe('oauth-login-failed');
  });

  it('keeps an expired token whose /login is not said to fail the expired token', () => {
    expect(first('API Error: 401 OAuth token has expired. Please obtain a new token or refresh your existing token. · Please run /login')).toBe('oauth-expired');
  });

  it('answers "not supported" from another tool as the subscription token used elsewhere', () => {
    expect(first('my relay logs: 401 OAuth authentication is currently not supported. (sent the Max plan token from ~/.claude)')).toBe('subscription-credential-elsewhere');
  });

  it("keeps the same words inside Claude Code's own API Error the login's 401", () => {
    expect(first('API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth authentication is currently not supported."}}')).toBe('authentication-401');
  });

  it("reads Claude Code's result code authentication_failed as no relay's shape", () => {
    expect(readRoute('{"is_error": true, "error": "authentication_failed", "result": "Invalid bearer token"}').providers).not.toContain('gateway');
    expect(first('action log: "error": "authentication_failed", result: Failed to authenticate. API Error: 401 Invalid bearer token')).toBe('authentication-401');
    // A relay's own string code still is.
    expect(readRoute('{"error": "upstream_timeout"}').providers).toContain('gateway');
  });
});

describe("Bedrock's token limits", () => {
  it('reads the output cap through TUI logo art drawn in block characters', () => {
    expect(normalizePaste('The maximum tokens ▀▀█ █▄▄ you requested')).toBe('The maximum tokens you requested');
    expect(first('400 Bad Request {"message":"The maximum tokens ▄▄▄ █▀█\n you requested exceeds the model limit of 8192"} bedrock-runtime')).toBe('max-tokens-limit');
  });

  it("answers the context overflow over a client's canned throttling advice", () => {
    const paste = 'ValidationException: input length and `max_tokens` exceed context limit: 150000 + 64000 > 200000. Request was throttled or rate limited. Contact AWS support to request a quota increase';
    expect(first(paste)).toBe('prompt-too-long');
  });

  it('keeps a real Bedrock throttle the quota', () => {
    expect(first('ThrottlingException: Too many tokens, please wait before trying again. (Bedrock)')).toBe('bedrock-quota');
  });
});

describe('single wordings of known families', () => {
  it.each([
    ['操作超过 10 分钟时必须使用流式传输', 'sdk-streaming-required'],
    ['HEAD https://x.claudeusercontent.com/ 503 Service Unavailable — body: unconditional drop overload', 'upstream-unavailable'],
    ['our CI failed with a GitHub permission message, but really the API key had hit its monthly spend limit', 'api-spend-limit'],
    ['AnthropicVertex(region="us-east5") -> ValueError: Could not resolve project_id', 'vertex-setup'],
    ['raise APITimeoutError(request=request) from err\nanthropic.APITimeoutError: Request timed out.\nINFO: connection closed', 'timeout-504'],
    ['Failed to connect to api.anthropic.com: Request failed with status code 403', 'request-not-allowed-403'],
  ])('answers %s', (paste, expected) => {
    expect(first(paste)).toBe(expected);
  });

  it('keeps the near misses where they were', () => {
    // A Chinese note about streaming with no ten-minute limit is no SDK refusal.
    expect(first('流式传输很慢')).not.toBe('sdk-streaming-required');
    // A monthly subscription limit in the user's words is not the API key's spend limit.
    expect(first("You've hit your monthly limit on the Pro plan")).not.toBe('api-spend-limit');
    // A connection dropped with no timeout exception stays the network.
    expect(first('anthropic.APIConnectionError: Connection error. connection closed')).toBe('network-connection');
    // Claude Code's start-up check failing without an answer stays the network.
    expect(first('Failed to connect to api.anthropic.com: ECONNREFUSED')).toBe('network-connection');
  });
});

describe('another service answered, or a relay could not read its upstream', () => {
  it.each([
    ['Provider: openai, 401 Incorrect API key provided: sk-or-v1-abc. Find your key at https://platform.openai.com/account/api-keys', 'proxy-foreign-error'],
    ['AnthropicError: {"detail":"Not Found"} (litellm proxy on :4000)', 'proxy-foreign-error'],
    ['relay log: gateway.forward_failed model=claude-opus-4 error=parse response: invalid character \'<\' looking for beginning of value', 'proxy-foreign-error'],
    ['API Error: 400 our custom corporate endpoint returned BadRequest from its own model router', 'proxy-foreign-error'],
  ])('answers %s as the other service', (paste, expected) => {
    expect(first(paste)).toBe(expected);
  });

  it("keeps a framework's detail body that carries a Bedrock error, and a product's custom endpoint, Anthropic's answer", () => {
    expect(readRoute('{"detail":"Internal Server Error from An error occurred (ValidationException)"}').providers).not.toContain('gateway');
    expect(first('custom endpoint in LibreChat: {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}')).toBe('authentication-401');
  });
});

describe('errors that name their own fix win over the vendor or relay that carried them', () => {
  it('answers a TLS failure beside a Chinese vendor as the certificate', () => {
    expect(first('zcode 报错 provider=bigmodel code=UNABLE_TO_GET_ISSUER_CERT_LOCALLY')).toBe('tls-certificate');
  });

  it("answers Anthropic's image size check through a relay as the image", () => {
    expect(first('{"error":{"code":"400","type":"invalid_params","message":"messages.3.content.0.image.source.base64: image exceeds 5 MB maximum"}}')).toBe('image-too-large');
  });

  it("keeps a field refused after a relay converted the request the relay's", () => {
    expect(first('one-api: {"message":"messages.2.content.0.text.text: Field required (request id: 20240101123456789)","type":"invalid_request_error"}')).toBe('proxy-foreign-error');
  });
});

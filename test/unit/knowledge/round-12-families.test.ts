import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family round 12 missed (its pastes are in test/fixtures/fix-pastes, round: 12); each is worded apart
// from the paste it came from, and each family has a near miss that must still go elsewhere.
const first = firstEntryId;

describe('"Invalid API key · Please run /login" with no saved login', () => {
  it.each([
    "Invalid API key · Please run /login\nkeychain read failed: errSecItemNotFound (-25300) for service 'Claude Code-credentials'",
    "ENOENT: no such file or directory, open '/home/dev/.claude/.credentials.json' … then: Invalid API key · Run /login",
    'security: SecItemCopyMatching: The specified item could not be found in the keychain.\n  ⎿  Invalid API key · Please run /login',
  ])('answers %s as login-required', (paste) => {
    expect(first(paste)).toBe('login-required');
  });

  it('keeps the near misses with their own body', () => {
    // The same notice with nothing missing is still the key itself.
    expect(first('  ⎿  Invalid API key · Please run /login')).toBe('authentication-401');
    // A keychain miss logged beside another error does not outrank that error.
    expect(first('API Error: 403 {"error":{"type":"forbidden","message":"Request not allowed"}}\nsecurity: The specified item could not be found in the keychain.'))
      .toBe('request-not-allowed-403');
  });
});

describe("a gateway's 403 about the context window", () => {
  it('answers it as the gateway enforcing its own window', () => {
    expect(first('LLM request failed (status 403 Forbidden): prompt exceeds the model\'s context window (130001 > 128000 tokens)'))
      .toBe('gateway-context-overflow');
    expect(first('Context window exceeded for this plan, upstream answered 403')).toBe('gateway-context-overflow');
  });

  it('keeps the near misses elsewhere', () => {
    // A 403 location refusal with the user mentioning the window stays a location refusal.
    expect(first('API Error: 403 {"error":{"type":"forbidden","message":"Request not allowed"}} and my context window is only 40% used'))
      .toBe('request-not-allowed-403');
    // Anthropic's own 400 wording is the context itself.
    expect(first('API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 201234 tokens > 200000 maximum"}}'))
      .toBe('prompt-too-long');
  });
});

describe('a disabled organization passed on by a relay', () => {
  it("answers it as the relay's upstream account", () => {
    expect(first('Through our zenmux key every Claude model says: 400 This organization has been disabled.')).toBe('proxy-foreign-error');
    expect(first('用中转站调用 claude-sonnet-4 返回 This organization has been disabled')).toBe('proxy-foreign-error');
    expect(first('ANTHROPIC_BASE_URL=https://relay.example.org\nAPI Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"This organization has been disabled."}}'))
      .toBe('proxy-foreign-error');
  });

  it('leaves a plain Anthropic body with no relay to organization-disabled', () => {
    // A user who says there is no relay (没有用中转: "not using a relay") has none.
    expect(first('没有用中转，直连官方接口也报 API Error: 400 This organization has been disabled.')).toBe('organization-disabled');
    expect(first('Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"This organization has been disabled."}}'))
      .toBe('organization-disabled');
  });
});

describe("Bedrock's on-demand refusal inside a relay's JSON", () => {
  it('answers it with the Bedrock fix the message names', () => {
    const relayed = '{"error":{"message":"ValidationException: The model anthropic.claude-3-haiku-20240307-v1:0 does not support on-demand throughput (request id: 20251101120000123456789)","type":"","param":"","code":null}}';
    expect(first(relayed)).toBe('bedrock-setup');
  });

  it('keeps the near misses elsewhere', () => {
    // The relay calling it its own upstream_error owns the Bedrock setup.
    expect(first('{"error":{"type":"upstream_error","message":"Invocation of model ID anthropic.claude-3-5-haiku-20241022-v1:0 with on-demand throughput isn\'t supported"}}'))
      .toBe('proxy-foreign-error');
    // A relay's JSON around another Bedrock message stays the relay's.
    expect(first('{"error":{"message":"Bedrock Runtime: operation error, StatusCode: 500 (request id: 20251101120000123456789)","type":"","param":"","code":null}}'))
      .toBe('proxy-foreign-error');
  });
});

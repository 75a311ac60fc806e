import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family round 11 missed (its pastes are in test/fixtures/fix-pastes, round: 11); each is worded apart
// from the paste it came from, and each family has a near miss that must still go elsewhere.
const first = firstEntryId;

describe('a subscription login used outside Claude Code', () => {
  it('answers the refusal from any client or relay with its own entry', () => {
    const body = '{"type":"error","error":{"type":"invalid_request_error","message":"This credential is only authorized for use with Claude Code and cannot be used for other API requests."}}';
    expect(first(`Roo Code: Provider error 400 ${body}`)).toBe('subscription-credential-elsewhere');
    expect(first(`relay upstream said: ${body} (via https://relay.example.net/v1/messages)`)).toBe('subscription-credential-elsewhere');
    // A plain invalid_request_error about a field is still the request's.
    expect(first('API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"messages.0.content: Field required"}}'))
      .toBe('invalid-request-400');
  });
});

describe('tool-order wordings with quoted block names', () => {
  it.each([
    "invalid_request_error: messages.4: 'tool_use' ids were found without 'tool_result' blocks immediately after: toolu_01X",
    '400 {"error":{"message":"messages.6.content.1: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01Y","code":"invalid_request_body"}}',
  ])('answers %s as tool-use-mismatch', (paste) => {
    expect(first(paste)).toBe('tool-use-mismatch');
  });

  it('leaves a bare tool_use mention to the body it sits in', () => {
    expect(first('API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"tool_use.name: String should match pattern"}}'))
      .toBe('invalid-request-400');
  });
});

describe('a mention of claude update is not an update failure', () => {
  it('answers the limit a user describes, not the command they name', () => {
    expect(first('Since our limit was reached, not even `claude update` runs.\nError: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed your account\'s rate limit."}}'))
      .toBe('usage-limit-subscription');
    // The command's own failure line still is.
    expect(first('$ claude update\nclaude update failed: EACCES: permission denied, mkdir')).toBe('update-failed');
  });
});

describe('location, relay crash, moderation, model and Vertex endpoint families', () => {
  it.each([
    ['App unavailable — Claude is only available in certain countries right now.', 'request-not-allowed-403'],
    ['500: panic detected, error: runtime error: invalid memory address or nil pointer dereference', 'proxy-foreign-error'],
    ['anthropic/claude-sonnet-4 requires moderation on Anthropic. Your input was flagged for "violence".', 'proxy-foreign-error'],
    ['API Error: 404 {"type":"error","error":{"type":"not_found_error","message":"Claude Mythos 2 is not available. Please use Sonnet 5."}}', 'model-unavailable'],
    ['Requests to https://global-aiplatform.googleapis.com/v1/... come back as an HTML 404 Not Found page or ECONNRESET', 'vertex-setup'],
    ['tools.2.web_fetch_20250910.allowed_domains: List should have at least 1 item', 'invalid-request-400'],
  ])('answers %s', (paste, expected) => {
    expect(first(paste)).toBe(expected);
  });

  it('keeps the near misses elsewhere', () => {
    // A country refusal worded as "not available in your country" stays a location refusal, not a model.
    expect(first('Claude is not available in your country.')).toBe('request-not-allowed-403');
    // A regional Vertex endpoint's plain 404 without the global host is not this family's rule.
    expect(first('API Error: 404 {"type":"error","error":{"type":"not_found_error","message":"Not Found"}}')).toBe('not-found-404');
    // Anthropic's own 500 body has no Go runtime text.
    expect(first('API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}')).toBe('api-error-500');
  });
});

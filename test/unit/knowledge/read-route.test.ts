import { describe, expect, it } from 'vitest';
import { readRoute } from '../../../src/knowledge/read-route.js';
import { normalizePaste } from '../../../src/knowledge/normalize-paste.js';
import { firstEntryId } from './knowledge-fixture.js';

const route = (raw: string): ReturnType<typeof readRoute> => readRoute(normalizePaste(raw));
const first = firstEntryId;

// Real captures (sources in test/fixtures/fix-pastes/pastes.jsonl, round 7).
const LITELLM_ANTHROPIC =
  'litellm.RateLimitError: AnthropicException - {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization of 20,000 input tokens per minute."}}';
const OPENAI_SDK_ANTHROPIC =
  "OpenAI API error: Error code: 429 - {'error': {'code': 'rate_limit_error', 'message': 'This request would exceed the rate limit for your organization of 20,000 input tokens per minute.', 'type': 'invalid_request_error', 'param': None}}";
const LITELLM_BEDROCK =
  '{"error":{"message":"litellm.APIConnectionError: BedrockException - {\\"message\\":\\"Model access is denied due to IAM user or service role is not authorized to perform the required AWS Marketplace actions\\"}"}}';
const ONE_HUB_PROSE = '请求自定义渠道时报错，但是请求vertex渠道时不会出现 {"type":"one_hub_error","error":{"type":"internal_error","message":"channel not implemented"}}';

describe('the route a paste came by', () => {
  it("takes Anthropic's own error type inside a library wrapper for Anthropic's, not a gateway's", () => {
    expect(route(LITELLM_ANTHROPIC)).toEqual({ providers: [], wrappedFrom: 'anthropic' });
    expect(route(OPENAI_SDK_ANTHROPIC)).toEqual({ providers: [], wrappedFrom: 'anthropic' });
    expect(first(LITELLM_ANTHROPIC)).toBe('rate-limit-429');
    expect(first(OPENAI_SDK_ANTHROPIC)).toBe('rate-limit-429');
  });

  it('keeps a relay in the path when the same Anthropic body comes through one', () => {
    const relayed = `${LITELLM_ANTHROPIC} (request id: 2025081712345678)`;
    expect(route(relayed)).toEqual({ providers: ['gateway'], wrappedFrom: null });
    expect(first(relayed)).toBe('proxy-foreign-error');
  });

  it("reads LiteLLM's provider exception as that cloud's own error", () => {
    expect(route(LITELLM_BEDROCK)).toEqual({ providers: ['bedrock'], wrappedFrom: 'bedrock' });
    expect(first(LITELLM_BEDROCK)).toBe('bedrock-setup');
  });

  it("leaves an OpenAI-style server behind LiteLLM (OpenAIException) a gateway", () => {
    expect(route('litellm.BadRequestError: OpenAIException - inference gateway: BadRequest').providers).toEqual(['gateway']);
  });

  it("does not take a cloud named in prose around a relay's own error envelope for the route", () => {
    expect(route(ONE_HUB_PROSE)).toEqual({ providers: ['gateway'], wrappedFrom: null });
    expect(first(ONE_HUB_PROSE)).toBe('proxy-foreign-error');
    // Without a relay, the word alone still names the cloud.
    expect(route('Bedrock is unable to process your request.').providers).toEqual(['bedrock']);
  });
});

describe('messages worded without a code', () => {
  it.each([
    ['API Error (Internet connection is unreliable)', 'network-connection'],
    ['Unable to connect to API due to poor internet connection Retrying in 31 seconds… (attempt 7/10)', 'network-connection'],
    ['Request timed out. Check your internet connection and proxy settings', 'network-connection'],
    ['API Error: Server is temporarily limiting requests (not your usage limit) · Rate limited', 'rate-limit-429'],
    ['Error: Can\'t invoke. Reason: Bedrock is unable to process your request.', 'bedrock-unavailable'],
    ['AWS Bedrock: The maximum tokens you requested exceed the model limit of 4096.', 'max-tokens-limit'],
    ['API Error: No region was given. The client should be instantiated with the `region` option or the `CLOUD_ML_REGION` environment variable should be set.', 'vertex-setup'],
  ])('%s → %s', (paste, expected) => {
    expect(first(paste)).toBe(expected);
  });
});

describe('widening rules (round 8t)', () => {
  it("takes Anthropic's whole error envelope inside an app's log line for Anthropic's answer", () => {
    const log = '"error": "non 200 response from anthropic: 404 Not Found Body: {"type":"error","error":{"type":"not_found_error","message":"model: claude-3-5-sonnet-20241022 "}}"';
    expect(route(log).wrappedFrom).toBe('anthropic');
    expect(first(log)).toBe('model-unavailable');
  });

  it("reads a Chinese, Japanese or Korean message inside the error body as a relay's own wording", () => {
    const relay = '{"error":{"type":"permission_error","message":"此 API Key 无权访问 Claude 服务"}}';
    expect(route(relay)).toEqual({ providers: ['gateway'], wrappedFrom: null });
    expect(first(relay)).toBe('proxy-foreign-error');
    // Chinese prose around Anthropic's own English body does not make a relay.
    expect(route('这是什么错误 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}').providers).toEqual([]);
  });

  it('answers a status no entry lists by its class, and Cloudflare 52x as an error page', () => {
    expect(first('API Error: 422 Unprocessable Entity')).toBe('invalid-request-400');
    expect(first('status code 501')).toBe('api-error-500');
    expect(first('API Error: 522')).toBe('gateway-error-page');
    // A bare Bedrock 400 is the request or the model id, not the rare data retention setting.
    expect(first('bedrock returned status 400')).toBe('bedrock-setup');
  });

  it('sends a 404 HTML page (a wrong base URL) to not-found, not to the gateway error page', () => {
    expect(first('Error: 404 <!DOCTYPE html><html><head><title>Not Found</title></head></html>')).toBe('not-found-404');
    expect(first('API Error: 502 <html><head><title>502 Bad Gateway</title></head></html>')).toBe('gateway-error-page');
  });
});

describe("LiteLLM's proxy and hyphenated proxy products", () => {
  it("lets LiteLLM's proxy say whose error it passes on, and stays a gateway when it says nobody's", () => {
    const named = "litellm.BadRequestError: BedrockException - {\"message\":\"The maximum tokens you requested exceeds the model limit of 4096.\"}\\nReceived Model Group=bedrock/anthropic.claude-v2:1";
    expect(route(named)).toEqual({ providers: ['bedrock'], wrappedFrom: 'bedrock' });
    expect(first(named)).toBe('max-tokens-limit');
    const unnamed = '{"error":{"message":"{"type":"error","error":{"type":"invalid_request_error","message":"Unexpected value(s) for the `anthropic-beta` header."}}. Received Model Group=claude-sonnet-4-5"}}';
    expect(route(unnamed)).toEqual({ providers: ['gateway'], wrappedFrom: null });
  });

  it("answers credits named beside a gateway as the gateway's own account", () => {
    expect(first('Provider: anthropic (continue-proxy) Status Code: 402 "You have no credits remaining on your Continue account."')).toBe('proxy-foreign-error');
  });
});

describe('round 8 families', () => {
  it.each([
    // Usage windows in every wording Claude Code has printed.
    ['5 hour limit reached', 'usage-limit-subscription'],
    ['5-hour limit reached ∙ resets 5am', 'usage-limit-subscription'],
    ['Opus weekly limit reached ∙ resets Oct 9, 10am', 'usage-limit-subscription'],
    ['Claude usage limit reached. Your limit will reset at 1pm (Etc/GMT+5).', 'usage-limit-subscription'],
    // The TLS chain family, by Node code and by OpenSSL wording.
    ['Error: unable to get issuer certificate (UNABLE_TO_GET_ISSUER_CERT)', 'tls-certificate'],
    ['FetchError: request to https://api.anthropic.com/v1/messages failed, reason: certificate has expired (CERT_HAS_EXPIRED)', 'tls-certificate'],
    ['[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate', 'tls-certificate'],
    // Location refusals, on the API, on Bedrock and through an app.
    ['ValidationException: Access to Anthropic models is not allowed from unsupported countries, regions, or territories.', 'request-not-allowed-403'],
    ['completion failed with status 451 Unavailable For Legal Reasons: Access to Anthropic models is not available in your region', 'request-not-allowed-403'],
    // Expired AWS credentials, with and without Bedrock named.
    ['API Error: 403 The security token included in the request is expired · Please run /login', 'bedrock-setup'],
    ['CLAUDE_CODE_USE_BEDROCK=1 API Error: 403 ExpiredToken', 'bedrock-setup'],
    // Expired Google credentials, only with Vertex named.
    ['CLAUDE_CODE_USE_VERTEX=1 on vertex: API Error: Could not refresh access token: invalid_grant', 'vertex-setup'],
  ])('%s → %s', (paste, expected) => {
    expect(first(paste)).toBe(expected);
  });

  it("does not take Claude Code's hedge under a connection failure, or a cloud region's model list, for a location refusal", () => {
    expect(first('Unable to connect to Anthropic services. Note: Claude Code might not be available in your country.')).toBe('network-connection');
    expect(first('Vertex: Publisher model claude-opus-4@20250514 is not available in this region')).not.toBe('request-not-allowed-403');
  });

  it('reads an expired AWS security token as Bedrock even when the paste never names it', () => {
    expect(route('The security token included in the request is expired').providers).toEqual(['bedrock']);
  });
});

describe('widening rules (round 9t)', () => {
  it("does not take an OAuth token endpoint's own error code for a relay's shape", () => {
    const google = 'claude hosted on vertexai: API Error: {"error":"invalid_grant","error_description":"reauth related error';
    expect(route(google).providers).toEqual(['vertex']);
    expect(first(google)).toBe('vertex-setup');
    // Another vendor's string error stays a foreign shape.
    expect(route('API Error: 400 {"error":"Model not supported"}').providers).toEqual(['gateway']);
  });

  it("answers a 404 web page at a gateway's address as not-found, not as the gateway's own error", () => {
    expect(first('OpenRouter: ProviderError: Anthropic API error (404): <!DOCTYPE html>')).toBe('not-found-404');
    expect(first('OpenRouter: API error (400): {"error":{"message":"Provider returned error"}}')).toBe('proxy-foreign-error');
  });

  it.each([
    ['after 25% of usage, it says "25% usage up, switching to Sonnet4.5"', 'model-fallback'],
    ['Error: Insufficient permissions for global npm install.', 'update-failed'],
    ['litellm.ServiceUnavailableError: BedrockException - {"message":"Too many connections, please wait before trying again."}', 'bedrock-unavailable'],
  ])('%s → %s', (paste, expected) => {
    expect(first(paste)).toBe(expected);
  });
});

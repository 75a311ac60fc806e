import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 31 to 34 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes,
// rounds 31 to 34). Each is worded apart from the paste it came from, and each family has a near miss.
const first = firstEntryId;

describe('a location refusal in the singular, as OpenAI-style APIs and their relays word it', () => {
  it('answers the wording and its code wherever a relay carried them', () => {
    const body = '{"error":{"message":"Country, region, or territory not supported","type":"request_forbidden","param":null,"code":"unsupported_country_region_territory"}}';
    expect(first(body)).toBe('request-not-allowed-403');
    expect(first(`one-api upstream said: ${body}`)).toBe('request-not-allowed-403');
  });

  it('keeps Claude Code’s hedge under a connection failure a connection failure', () => {
    expect(first('Unable to connect to Anthropic services. Claude Code might not be available in your country')).toBe('network-connection');
  });
});

describe('MCP over HTTP', () => {
  it('answers the MCP SDK’s HTTP transport errors as the MCP server’s, even with a proxy’s 502 page inside', () => {
    expect(first('Error: Streamable HTTP error: Error POSTing to endpoint (HTTP 502): <html><title>502 Bad Gateway</title></html>')).toBe('mcp-server-failed');
    expect(first('SSE error: Non-200 status code (404) from the remote MCP server')).toBe('mcp-server-failed');
  });

  it('keeps a 502 page from the API’s own address a gateway error page', () => {
    expect(first('API Error: 502 <html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>')).toBe('gateway-error-page');
  });
});

describe('plan and context wordings', () => {
  it('answers "extra usage is required for 1M context" as the 1M-context entitlement, not a used-up limit', () => {
    expect(first('Limit reached. API Error: Extra usage is required for 1M context.')).toBe('long-context-credits');
    expect(first('Limit reached · resets 5pm')).toBe('usage-limit-subscription');
  });

  it('answers a retold Opus threshold switch as the fallback', () => {
    expect(first('for a moment it said opus limit reached, switching to sonnet')).toBe('model-fallback');
    expect(first('Claude usage limit reached. Your limit will reset at 3pm')).toBe('usage-limit-subscription');
  });

  it('answers a reported max_tokens over the model’s cap as the output limit', () => {
    expect(first('the CLI sends max_tokens: 250001 with Opus 4.6, which exceeds the 128K output cap')).toBe('max-tokens-limit');
    expect(first('max_tokens defaults to 4096 here, is that the limit?')).not.toBe('max-tokens-limit');
  });

  it('answers /compact failing on a large context as the context window', () => {
    expect(first('Compaction fails with large context (400K tokens) every time')).toBe('prompt-too-long');
    expect(first('compaction worked fine today')).toBeNull();
  });

  it('answers a gateway’s English context wording as the gateway’s window', () => {
    const paste = 'API Error: 500 Input length (98000) exceeds model\'s maximum context length (65536). Check your inference gateway (127.0.0.1:4000).';
    expect(first(paste)).toBe('gateway-context-overflow');
  });
});

describe('login, network and the client in between', () => {
  it('answers a failed OAuth token refresh as the expired login', () => {
    expect(first('Error: Token refresh failed: 400 {"error":"invalid_grant","error_description":"Refresh token not found or invalid"}')).toBe('oauth-expired');
    // On Vertex the same invalid_grant is Google's credential, not the Claude login.
    expect(first('Vertex AI: google.auth.exceptions.RefreshError: invalid_grant: Token has been expired or revoked')).toBe('vertex-setup');
  });

  it('answers node-fetch’s failed request to another host as the connection, and leaves a status beside it the answer', () => {
    expect(first('API Error: request to https://oauth2.googleapis.com/token failed, reason: getaddrinfo ENOTFOUND')).toBe('network-connection');
    expect(first('request to https://relay.example.com/v1/messages failed with 502')).not.toBe('network-connection');
  });

  it('answers a preflight that came back but a fetch that failed as the browser’s CORS check', () => {
    expect(first('TypeError: Load failed. The server log shows OPTIONS /v1/messages 204 and no POST')).toBe('browser-cors');
    expect(first('TypeError: Load failed')).not.toBe('browser-cors');
  });

  it('answers the Agent SDK’s spawn line and an editor’s exit code over cli.js as the process that quit', () => {
    expect(first('Spawning Claude Code process: node /app/node_modules/@anthropic-ai/claude-agent-sdk/cli.js --output-format stream-json … it exits with 1')).toBe('process-exited');
    expect(first('Command failed with exit code 1\nfile:///usr/local/lib/node_modules/@anthropic-ai/claude-code/cli.js:2699')).toBe('process-exited');
    expect(first('Failed to start Claude’s workspace — VM service not running. The service failed to start.')).toBe('process-exited');
    // Claude's workspace that cannot reach the API is the network, not the VM service.
    expect(first("Failed to start Claude's workspace. Can't reach the Claude API from Claude's workspace.")).toBe('network-connection');
  });

  it('answers a relay’s own refusals: its client check in Chinese, a beta header it does not know, its upstream’s rate limit', () => {
    expect(first('状态码: 400 - 请勿在 Claude Code CLI 之外使用接口')).toBe('proxy-foreign-error');
    expect(first('With ANTHROPIC_BASE_URL at our gateway every request fails: the anthropic-beta header value is not recognized by the upstream API')).toBe('proxy-foreign-error');
    expect(first('{"error":{"message":"Upstream rate limit exceeded, please retry later","type":"rate_limit_error"},"type":"error"}')).toBe('proxy-foreign-error');
    expect(first('API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}')).toBe('rate-limit-429');
  });

  it('answers AWS’s TooManyRequestsException as the Bedrock quota when Bedrock is named', () => {
    expect(first('Bedrock agent with anthropic.claude-3-5-sonnet-20240620-v1:0 returns TooManyRequestsException after a few tool calls')).toBe('bedrock-quota');
    expect(first('TooManyRequestsException from the Lambda API')).not.toBe('bedrock-quota');
  });

  it('answers a 404 put down to a deprecated model as the model id', () => {
    expect(first('it broke with 404 not found for the sonnet 3.5 model. Probably deprecated.')).toBe('model-unavailable');
    expect(first('API Error: 404 {"type":"error","error":{"type":"not_found_error","message":"Not Found"}}')).toBe('not-found-404');
  });
});

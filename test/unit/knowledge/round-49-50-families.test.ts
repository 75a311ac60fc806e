import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 49 and 50 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes, rounds
// 49 and 50), worded apart from the paste it came from, with a near miss.
const first = firstEntryId;

describe('Claude Code’s auto mode notices', () => {
  it('does not take the classifier’s “Allowed by auto mode classifier” notice for the classifier being down', () => {
    const paste = '⎿ Allowed by auto mode classifier\n⎿ API Error: 400 messages.3.content.1: `thinking` or `redacted_thinking` blocks in the latest assistant message cannot be modified.';
    expect(first(paste)).toBe('tool-use-mismatch');
    expect(first('Auto mode classifier unavailable; actions will need your approval')).toBe('auto-mode-unavailable');
  });
});

describe('the API’s own request rules, whoever carried them', () => {
  it('answers an unexpected anthropic-beta value with the request (and its switch), through LiteLLM or a Vertex route too', () => {
    const viaLiteLlm =
      'API Error: 400 {"error":{"message":"{\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"invalid_request_error\\",\\"message\\":\\"Unexpected value(s) `context-1m-2025-08-07` for the `anthropic-beta` header. Please consult our documentation.\\"}}. Received Model Group=claude-opus","type":"None","param":"None","code":"400"}}';
    expect(first(viaLiteLlm)).toBe('invalid-request-400');
    expect(first('API Error: 400 {"error":{"message":"vertex-ai error: Unexpected value(s) `fast-mode-2026-02-01` for the `anthropic-beta` header.","type":"invalid_request_error","param":null}}')).toBe('invalid-request-400');
    // A proxy that says it does not know the header stays the proxy's.
    expect(first('Through my gateway at ANTHROPIC_BASE_URL every request fails: the anthropic-beta header value is not supported by the upstream')).toBe('proxy-foreign-error');
  });

  it('answers a tool schema the API refused as the request, even inside a relay’s envelope', () => {
    const paste = '400 {"type":"400","error":{"type":"system_error","message":"Provider API error: {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"invalid_request_error\\",\\"message\\":\\"tools.3.custom.input_schema: JSON schema is invalid. It must match JSON Schema draft 2020-12\\"}}"}}';
    expect(first(paste)).toBe('invalid-request-400');
    expect(first('400 {"type":"400","error":{"type":"system_error","message":"Provider API error: upstream timeout"}}')).toBe('proxy-foreign-error');
  });

  it('answers an OAuth code exchange that failed at a relay as the login', () => {
    expect(first('adding the claude account in my new-api relay: token exchange failed: POST https://console.anthropic.com/v1/oauth/token with status 404 Not Found')).toBe('oauth-login-failed');
    expect(first('my new-api relay answers 404 Not Found for POST /v1/messages')).not.toBe('oauth-login-failed');
  });
});

describe('Antigravity relays', () => {
  it('reads the relay’s retry summary and Google’s envelope around Anthropic’s body as the relay’s', () => {
    const retried = '429 {"error":{"message":"All 3 attempts failed. Last error: HTTP 429 Too Many Requests: {\\n \\"error\\": {\\n \\"code\\": 429,\\n \\"message\\": \\"Resource has been exhausted (e.g. check quota).\\",\\n \\"status\\": \\"RESOURCE_EXHAUSTED\\"\\n }\\n}","type":"overloaded_error"},"type":"error"}';
    expect(first(retried)).toBe('proxy-foreign-error');
    const enveloped = 'API Error: 400 {"error":{"code":400,"message":"{\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"invalid_request_error\\",\\"message\\":\\"messages.3.content.0.thinking.signature: Field required\\"},\\"request_id\\":\\"req_vrtx_01\\"}","status":"INVALID_ARGUMENT"}}';
    expect(first(enveloped)).toBe('proxy-foreign-error');
    // Vertex's own quota answer, in Google's shape from Claude Code on Vertex, stays Vertex's.
    expect(first('CLAUDE_CODE_USE_VERTEX=1\nAPI Error: 429 {"error":{"code":429,"message":"Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model","status":"RESOURCE_EXHAUSTED"}}')).toBe('vertex-quota');
    // Anthropic's own body from Vertex, with no envelope around it, is the request's.
    expect(first('API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"messages.3.content.0.text: field required"},"request_id":"req_vrtx_01"}')).toBe('invalid-request-400');
  });
});

describe('other clients’ and tools’ wordings', () => {
  it('reads Zed’s bare stream failure as the connection and its request-format error as the request', () => {
    expect(first('Assistant panel shows `failed to stream completion` for every prompt')).toBe('network-connection');
    expect(first('failed to stream completion\nCaused by: an error occurred while interacting with the Anthropic API: invalid_request_error: prompt is too long')).not.toBe('network-connection');
    expect(first('Error interacting with language model. Invalid request format to language model provider\'s API.')).toBe('invalid-request-400');
  });

  it('reads the VS Code Language Model API as another vendor’s service', () => {
    expect(first('API Provider: VS Code LM API\nModel: claude-sonnet\nServer error, please report the following request id: 1234')).toBe('proxy-foreign-error');
    expect(first('Server error, please report the following request id: 1234')).not.toBe('proxy-foreign-error');
  });

  it('reads curl’s aborted proxy CONNECT as the connection', () => {
    expect(first('curl --proxy http://localhost:8080 https://api.anthropic.com -I\ncurl: (56) Proxy CONNECT aborted')).toBe('network-connection');
  });

  it('reads CONNECTION_CLOSED beside MCP servers as the MCP servers, in any language', () => {
    expect(first('Beim Start melden vier MCP-Server `CONNECTION_CLOSED`, die anderen laufen.')).toBe('mcp-server-failed');
    expect(first('websocket CONNECTION_CLOSED while streaming the answer')).not.toBe('mcp-server-failed');
  });
});

import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 53 and 54 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes, rounds
// 53 and 54), worded apart from the paste it came from, with a near miss.
const first = firstEntryId;

describe('Claude Code’s own messages', () => {
  it('does not take an AxiosError from the native build’s own cli.js for a relay’s', () => {
    const paste =
      'Claude Code process exited with code 1\n[{"error":"AxiosError: Request failed with status code 403\\n    at Ab (/$bunfs/root/src/entrypoints/cli.js:12:345)\\n    at emit (node:events:92:22)","timestamp":"2026-08-01T10:00:00.000Z"}]';
    expect(first(paste)).not.toBe('proxy-foreign-error');
    // An AxiosError from a server in between, beside Claude Code, stays the relay's.
    expect(first('Claude Code through my relay: API Error: 502 AxiosError: Request failed with status code 502')).toBe('proxy-foreign-error');
  });

  it('reads the usage-policy refusal as the API’s own, although it says the request “was blocked”', () => {
    const paste =
      'API Error: Claude Code is unable to respond to this request, which appears to violate our Usage Policy (https://www.anthropic.com/legal/aup). This request was blocked because it seems to break the terms.';
    expect(first(paste)).toBe('usage-policy-refusal');
    expect(first('403 Your request was blocked.')).toBe('proxy-foreign-error');
  });

  it('reads the newer image notice and an empty /mcp list as their entries', () => {
    expect(first('API Error: an image in the conversation could not be processed and was removed.')).toBe('image-too-large');
    expect(first('/mcp says "No MCP servers configured" but claude mcp list shows two connected')).toBe('mcp-server-failed');
  });
});

describe('the API’s own rules through a relay or a library', () => {
  it('answers the thinking temperature rule and the context check as the request, whoever passed them on', () => {
    expect(first('Provider API error: `temperature` may only be set to 1 when thinking is enabled.')).toBe('invalid-request-400');
    expect(first('new-api: upstream error: input length and `max_tokens` exceed context limit: 190000 + 32000 > 200000')).not.toBe('proxy-foreign-error');
  });

  it('answers a Messages-only model sent to Text Completions as the request, not the model', () => {
    expect(first('"claude-3-opus-20240229" is not supported on this API. Please use the Messages API instead.')).toBe('invalid-request-400');
    expect(first('The model "claude-9-imaginary" is not supported by this provider')).toBe('model-unavailable');
  });

  it('answers a not_found_error whose message is the bare model id as the model', () => {
    expect(first('AnthropicException - {"type":"error","error":{"type":"not_found_error","message":"claude-3-sonnet-20240229"}}')).toBe('model-unavailable');
  });
});

describe('clients, add-ins and relays', () => {
  it('reads a client with no key or login to send as not signed in, even beside other vendors', () => {
    expect(first('The ollama part works. For Anthropic: Error: Anthropic API key not found')).toBe('login-required');
    expect(first('Claude OAuth credentials not found. Run `claude` to authenticate.')).toBe('login-required');
  });

  it('reads a Python relay’s {"detail":"missing api key"} as the relay’s check', () => {
    expect(first('unexpected status 401 Unauthorized: {"detail":"missing api key"}')).toBe('proxy-foreign-error');
  });

  it('reads an add-in’s failed fetch after an OPTIONS preflight to /v1/models as CORS', () => {
    expect(first('Failed to fetch (localhost:8082)\nINFO: 127.0.0.1:5000 - "OPTIONS /v1/models HTTP/1.1" 405 Method Not Allowed')).toBe('browser-cors');
  });

  it('reads a client’s own read time-out as a time-out', () => {
    expect(first('API Timeout (read): Request exceeded time limit')).toBe('timeout-504');
  });
});

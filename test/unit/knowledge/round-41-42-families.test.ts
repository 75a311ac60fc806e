import { describe, expect, it } from 'vitest';
import { ERROR_STRING_SHAPE, readRoute } from '../../../src/knowledge/read-route.js';
import { builtinRules, firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 41 and 42 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes, rounds
// 41 and 42). Each is worded apart from the paste it came from, and each family has a near miss.
const first = firstEntryId;

describe('MCP servers that do not connect, in Claude Code’s words and the user’s', () => {
  it('answers the failure told in words, and `claude mcp` statuses, as the MCP server', () => {
    expect(first('Claude Desktop is unable to connect to any MCP server from my config: spawn uvx ENOENT')).toBe('mcp-server-failed');
    expect(first('Remote MCP servers behind our SSO keep failing to connect after the update')).toBe('mcp-server-failed');
    expect(first('After the browser said authorised, `claude mcp list` still shows linear: ! Needs authentication')).toBe('mcp-server-failed');
    expect(first('claude mcp get notion → Failed to connect. The server answers 401 Unauthorized with www-authenticate: Bearer')).toBe('mcp-server-failed');
    // Claude Code's own start-up check is the API's connection, not an MCP server's.
    expect(first('Unable to connect to Anthropic services. Failed to connect to api.anthropic.com: ECONNREFUSED')).toBe('network-connection');
  });

  it('does not take an MCP server on this machine, or its transport error, for a relay', () => {
    const paste = '[DEBUG] MCP server "local": SSE Connection error: {"url":"http://127.0.0.1:3001/sse","error":"SSE error: Non-200 status code (405)"}';
    expect(readRoute(paste).providers).toEqual([]);
    expect(first(paste)).toBe('mcp-server-failed');
    // A relay on this machine is still one.
    expect(readRoute('ANTHROPIC_BASE_URL=http://127.0.0.1:3001 API Error: 503 {"error":{"message":"no available account"}}').providers).toEqual(['gateway']);
  });
});

describe('Claude Code’s own log and the desktop app', () => {
  it('reads Claude Code’s error log entries as its own, not a relay’s body', () => {
    const paste = 'API Error: The socket connection was closed unexpectedly.\n[{"error":"The socket connection was closed unexpectedly.","timestamp":"2026-05-01T10:00:00.000Z"}]';
    expect(readRoute(paste).providers).toEqual([]);
    expect(first(paste)).toBe('network-connection');
    expect(readRoute('API Error: 502 {"error":"bad gateway from upstream channel"}').providers).toEqual(['gateway']);
  });

  it('reads the same bare-string error shape in the route and in proxy-foreign-error', () => {
    expect(builtinRules().get('proxy-foreign-error')?.match.patterns).toContain(ERROR_STRING_SHAPE.source);
    expect(readRoute('API Error: 502 {"error":"upstream gone"}').providers).toEqual(['gateway']);
  });

  it('answers Cowork’s workspace that did not start, whatever step failed, as the process', () => {
    expect(first("Failed to start Claude's workspace: Request timed out: configure")).toBe('process-exited');
    expect(first("Failed to start Claude's workspace\nfailed to mount rootfs: file not found")).toBe('process-exited');
    expect(first("Failed to start Claude's workspace. Can't reach the Claude API from Claude's workspace.")).toBe('network-connection');
  });

  it('answers the desktop Code tab’s “Failed to load session” as the process, and an API error beside it as that error', () => {
    expect(first('Every prompt in the Code tab ends with "Failed to load session"')).toBe('process-exited');
    expect(first('Failed to load session\nAPI Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Rate limited"}}')).toBe('rate-limit-429');
  });
});

describe('windows, sizes and addresses in other servers’ words', () => {
  it('answers a served model’s window passed on by a router, and llama.cpp’s, as the gateway’s context', () => {
    const router = 'API Error: 400 {"error":{"message":"Error from provider(qwen,qwen-max: 400): This model\'s maximum context length is 32768 tokens."}}';
    expect(first(router)).toBe('gateway-context-overflow');
    expect(first('API Error: 400 {"error":{"code":400,"message":"request (9000 tokens) exceeds the available context size (4096 tokens)","type":"exceed_context_size_error"}}')).toBe('gateway-context-overflow');
    expect(first('API Error: 400 {"error":{"message":"Error from provider(qwen,qwen-max: 400): Invalid tool schema"}}')).toBe('proxy-foreign-error');
  });

  it('answers Bedrock’s body-length cap as too large and an old model’s prompt cap as too long', () => {
    const body = "ValidationException: 1 validation error detected: Value at 'body' failed to satisfy constraint: Member must have length less than or equal to 25000000";
    expect(first(`${body}\nInvokeModel on bedrock-runtime.us-east-1.amazonaws.com`)).toBe('request-too-large-413');
    expect(first('bedrock ValidationException: Malformed input request: expected maxLength: 50000, actual: 61234, please reformat your input and try again.')).toBe('prompt-too-long');
    expect(first('bedrock ValidationException: Malformed input request: #: extraneous key [foo] is not permitted, please reformat your input and try again.')).toBe('invalid-request-400');
  });

  it('answers a base URL that already ends in /v1 as the doubled path, not the model', () => {
    const paste = '"baseUrl": "https://api.anthropic.com/v1",\nHTTP 404: not_found_error: Not Found for model claude-sonnet-4-5';
    expect(first(paste)).toBe('not-found-404');
    expect(first('HTTP 404: not_found_error: model: claude-sonnet-9')).toBe('model-unavailable');
  });

  it('answers GitHub Copilot’s own refusal of the token a switcher sent as the relay’s', () => {
    expect(first('API Error: 400 bad request: Authorization header is badly formatted')).toBe('proxy-foreign-error');
    expect(first('API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"messages: at least one message is required"}}')).toBe('invalid-request-400');
  });
});

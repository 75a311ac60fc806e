import { describe, expect, it } from 'vitest';
import { NOT_ANTHROPIC_WORDING, readRoute } from '../../../src/knowledge/read-route.js';
import { builtinRules, firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 35 and 36 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes, rounds
// 35 and 36). Each is worded apart from the paste it came from, and each family has a near miss.
const first = firstEntryId;

describe('pages and windows of the servers in between', () => {
  it('answers Cloudflare’s JSON error document as an error page, though it says the origin is overloaded', () => {
    const page = 'API Error: 524 {"title":"Error 524: A timeout occurred","status":524,"detail":"The origin may be overloaded.","cloudflare_error":true,"zone":"api.anthropic.com"}';
    expect(first(page)).toBe('gateway-error-page');
    expect(first('API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toBe('overloaded-529');
  });

  it('answers a served model’s token window as the gateway’s, and leaves aider’s start-up note alone', () => {
    expect(first('API Error: 400 Invalid request: Your request exceeded model token limit: 131072 (requested: 131080)')).toBe('gateway-context-overflow');
    expect(first('Model openrouter/foo: Unknown context window size and costs, using sane defaults.')).not.toBe('gateway-context-overflow');
  });

  it('answers a request sent to …/messages without /v1 as the wrong address', () => {
    expect(first('Unknown error. Request URL: https://api.anthropic.com/messages')).toBe('not-found-404');
    const withV1 = 'POST https://api.anthropic.com/v1/messages 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}';
    expect(first(withV1)).toBe('authentication-401');
  });
});

describe('relays’ and routers’ own wordings', () => {
  it('answers them as the relay’s: no account for the model, a catalog, a suspended upstream, a generic refusal', () => {
    expect(first('API Error (500 No available Claude accounts support the requested model: claude-opus-4-1)')).toBe('proxy-foreign-error');
    expect(first("Model 'claude-opus-4-5' is not available in the active live catalog for provider 'vertex'")).toBe('proxy-foreign-error');
    expect(first('Access forbidden (403): account may be suspended or lack permissions')).toBe('proxy-foreign-error');
    expect(first('API Error: 400 The request is invalid: Invalid request parameters. Please check your input and try again.')).toBe('proxy-foreign-error');
  });

  it('reads CLIProxyAPI’s auth_unavailable inside Anthropic’s envelope as no answer of Anthropic’s', () => {
    const paste = '{"type":"error","error":{"type":"api_error","message":"auth_unavailable: no auth available"}}';
    expect(NOT_ANTHROPIC_WORDING.test(paste)).toBe(true);
    expect(readRoute(paste).wrappedFrom).toBeNull();
    expect(first(paste)).toBe('proxy-foreign-error');
    expect(builtinRules().get('proxy-foreign-error')?.match.patterns).toContain(NOT_ANTHROPIC_WORDING.source);
    expect(first('{"type":"error","error":{"type":"api_error","message":"Internal server error"}}')).toBe('api-error-500');
  });
});

describe('Claude Code’s own processes and the updater', () => {
  it('answers the web’s “Claude Code execution failed” as the process that stopped', () => {
    expect(first('Claude Code execution failed... then the web session disconnects')).toBe('process-exited');
  });

  it('answers the native updater refused by its download server as the update, and refused by the network as the network', () => {
    const url = 'https://storage.googleapis.com/claude-code-dist-x/claude-code-releases/latest';
    expect(first(`Error: Failed to fetch version from ${url}: Request failed with status code 403`)).toBe('update-failed');
    expect(first('Error: Failed to install native update')).toBe('update-failed');
    expect(first(`Error: Failed to fetch version from ${url}: ECONNREFUSED`)).toBe('network-connection');
  });

  it('answers “Invalid API key · Please run /login” beside a base URL named in prose as no saved login', () => {
    expect(first('Invalid API key · Please run /login\nthe base url I set is https://api.example.cn/v1')).toBe('login-required');
    expect(first('API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}')).toBe('authentication-401');
  });
});

describe('logs and Bedrock', () => {
  it('does not take a logged x-api-key request header for an authentication error', () => {
    expect(first('HTTP request: headers: [x-api-key: sk-2K...Ig], [anthropic-version: 2023-06-01]')).not.toBe('authentication-401');
    expect(first('Error: missing x-api-key header')).toBe('authentication-401');
  });

  it('answers botocore’s NoCredentialsError as the Bedrock setup', () => {
    expect(first('bedrock-runtime InvokeModel: botocore.exceptions.NoCredentialsError: Unable to locate credentials')).toBe('bedrock-setup');
  });

  it('reads another vendor’s Bedrock model id as Bedrock, not another vendor’s service', () => {
    const paste = 'model qwen.qwen3-coder-480b-a35b-v1:0: Validation error: The provided model identifier is invalid.';
    expect(readRoute(paste).providers).toContain('bedrock');
    expect(readRoute(paste).providers).not.toContain('gateway');
    expect(first(paste)).toBe('bedrock-setup');
  });
});

import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 45 and 46 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes, rounds
// 45 and 46). Each is worded apart from the paste it came from, and each family has a near miss.
const first = firstEntryId;

describe('Claude Code’s IDE and MCP connections', () => {
  it('answers /ide finding no IDE, or one whose folder does not match, as the MCP server the plugin runs', () => {
    expect(first('/ide\nNo available IDEs detected. Please install the plugin and restart your IDE')).toBe('mcp-server-failed');
    expect(first('Found 2 other running IDE(s). However, their workspace/project directories do not match the current cwd.')).toBe('mcp-server-failed');
    // The JetBrains plugin that could not start Claude Code at all is the process.
    expect(first('The IDE says "Cannot launch Claude Code". /ide: No available IDEs detected.')).toBe('process-exited');
  });

  it('answers an MCP server whose OAuth went through but whose reconnect did not as the MCP server', () => {
    expect(first('Got new credentials, but reconnecting to `linear` failed. Restart Claude Code to retry. The server keeps answering 401.')).toBe('mcp-server-failed');
  });
});

describe('pages, bodies and clouds', () => {
  it('answers the model message over a website’s 404 page as the wrong address', () => {
    const paste = "There's an issue with the selected model (claude-opus-4-6). It may not exist or you may not have access to it.\n" +
      '[{"error":"Error: 404 <!DOCTYPE html><html lang=\\"en\\"><head><title>Not found</title>"}]';
    expect(first(paste)).toBe('not-found-404');
  });

  it('answers a Cloudflare 5xx page pasted from its middle as the gateway’s error page', () => {
    expect(first('<div class="cf-error-footer cf-wrapper"><span>Cloudflare Ray ID: <strong>8f00</strong></span>')).toBe('gateway-error-page');
  });

  it('answers a server’s body-size cap as the request too large, and a client’s serialised connection error as the network', () => {
    expect(first('API Error: {"error":{"message":"Maximum request body size 1048576 exceeded, actual body size 2000000","code":413}}')).toBe('request-too-large-413');
    expect(first('{"error":{"message":"Connection error.","stack":"Error: Connection error.\\n    at Anthropic.makeRequest (client.mjs:1:2)"}}')).toBe('network-connection');
    expect(first('{"error":{"message":"channel unavailable","stack":"at relay"}}')).toBe('proxy-foreign-error');
  });

  it('answers Claude’s overload through Vertex as Vertex’s, and the same overload on Anthropic’s API as the 529', () => {
    expect(first("[vertex_ai] Error: {'type': 'error', 'error': {'type': 'overloaded_error', 'message': 'Overloaded'}}")).toBe('vertex-unavailable');
    expect(first('API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toBe('overloaded-529');
  });
});

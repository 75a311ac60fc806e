import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family round 29 missed (its pastes are in test/fixtures/fix-pastes, round 29), plus the MCP entry the set
// labels in a later round; each is worded apart from the paste it came from, and each family has a near miss that must not move.
const first = firstEntryId;

describe('an MCP server that did not start or connect', () => {
  it('answers the SDK’s closed transport, Claude Code’s log line and the status-bar notice', () => {
    expect(first('Error: MCP error -32000: Connection closed\n    at Client._onclose')).toBe('mcp-server-failed');
    expect(first('2026-01-08T10:51:33Z [ERROR] MCP server "playwright" Connection failed: spawn npx ENOENT')).toBe('mcp-server-failed');
    expect(first('after the update I see "2 MCP servers failed" in the corner and none of my tools load')).toBe('mcp-server-failed');
  });

  it('answers an Agent SDK init message whose server status is failed', () => {
    const paste = '{"type":"system","subtype":"init","mcp_servers":[{"name":"postgres","status":"failed"}]}';
    expect(first(paste)).toBe('mcp-server-failed');
  });

  it('leaves a certificate error from the server’s address to tls-certificate', () => {
    expect(first('MCP server "jira" Connection failed: self-signed certificate in certificate chain')).toBe('tls-certificate');
  });

  it('does not take an MCP tool’s own business error, nor a plain API timeout', () => {
    expect(first('mcp__postgres__query returned: ERROR: relation "users" does not exist')).not.toBe('mcp-server-failed');
    expect(first('Request timed out')).toBe('timeout-504');
  });
});

describe('a claude started inside another Claude Code session', () => {
  it('answers the refusal however the wrapper around it words the rest', () => {
    expect(first('my cron job dies with: Claude Code cannot be launched inside another Claude Code session. exit code 1')).toBe('nested-session');
  });

  it('takes the refusal over the wrapper’s "process exited" line', () => {
    const paste = 'Claude Code process exited with code 1\nstderr: Error: Claude Code cannot be launched inside another Claude Code session.';
    expect(first(paste)).toBe('nested-session');
  });

  it('keeps a plain exit with no refusal beside it the wrapper’s answer', () => {
    expect(first('Error: Claude Code process exited with code 1')).toBe('process-exited');
  });
});

import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 57 and 58 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes, rounds
// 57 and 58), worded apart from the paste it came from, with a near miss.
const first = firstEntryId;

describe('Claude Code’s own apps and installers', () => {
  it('reads an IDE that could not launch Claude Code and a session that stopped responding as the process', () => {
    expect(first('WebStorm plugin: Could not launch Claude Code. /ide says: No available IDEs detected.')).toBe('process-exited');
    expect(first('Something went wrong. The session stopped responding.')).toBe('process-exited');
    // An IDE list that is empty without any launch failure stays the IDE connection.
    expect(first('/ide says: No available IDEs detected.')).toBe('mcp-server-failed');
  });

  it('reads an installer that could not read the registry and Bun’s broken bin as the update', () => {
    expect(first('× Update failed\nUnable to fetch latest version from npm registry\nCheck your internet connection')).toBe('update-failed');
    expect(first('error: could not create process\nBun failed to remap this bin to its proper location within node_modules.')).toBe('update-failed');
  });

  it('reads /model refusing a 1M variant as the long-context plan', () => {
    expect(first('/model sonnet[1m] → "not available for your account"')).toBe('long-context-credits');
  });
});

describe('MCP servers', () => {
  it('reads /mcp’s failed status and its OAuth discovery error as the server’s', () => {
    const paste = 'docs MCP Server\n Status: × failed\n URL: https://mcp.example.com/mcp\n Error: HTTP 404: Invalid OAuth error response: SyntaxError. Raw body: 404 page not found';
    expect(first(paste)).toBe('mcp-server-failed');
    expect(first('/login: OAuth error: Invalid code. Please make sure the full code was copied')).toBe('oauth-login-failed');
  });
});

describe('keys, relays and the API’s own rules', () => {
  it('reads a key that lacks permissions as a permission', () => {
    expect(first('anthropic API key validation failed: anthropic API key lacks required permissions')).toBe('permission-403');
  });

  it('reads a pool relay that has no account left as the relay’s', () => {
    expect(first('API Error: No account can serve this request for claude-x: all 3 accounts are at their quota or rate limit.')).toBe('proxy-foreign-error');
  });

  it('reads DeepSeek’s key refusal as another vendor’s, not an Anthropic key', () => {
    expect(first('Error code: 401 - Authentication Fails, Your api key: ****1234 is invalid')).toBe('proxy-foreign-error');
    expect(first('API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}')).toBe('authentication-401');
  });

  it('answers the first-message rule as the request, whoever carried it', () => {
    expect(first('one-api: {"error":{"message":"messages: first message must use the \\"user\\" role (request id: 2024081100)","type":"invalid_request_error"}}')).toBe('invalid-request-400');
  });
});

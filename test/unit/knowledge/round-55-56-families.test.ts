import { describe, expect, it } from 'vitest';
import { readRoute } from '../../../src/knowledge/read-route.js';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 55 and 56 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes, rounds
// 55 and 56), worded apart from the paste it came from, with a near miss.
const first = firstEntryId;

describe('editors and the Agent SDK that cannot start Claude Code', () => {
  it('reads a missing executable, the JetBrains plugin’s own failures and a failed extension install as the process', () => {
    expect(first('ReferenceError: Claude Code executable not found at /app/node_modules/x/cli.js. Is options.pathToClaudeCodeExecutable set?')).toBe('process-exited');
    expect(first('PyCharm keeps showing "Claude Code not found" although claude runs in the terminal')).toBe('process-exited');
    expect(first('java.lang.IllegalStateException\n\tat com.anthropic.code.plugin.actions.OpenAction.run(OpenAction.kt:12)')).toBe('process-exited');
    expect(first('Error installing VS Code extension: 127: command not found')).toBe('process-exited');
  });
});

describe('MCP servers', () => {
  it('reads a server’s start-up time-out and its transport closing right after start as the server', () => {
    expect(first('Connection failed: Connection to MCP server "github" timed out after 30000ms')).toBe('mcp-server-failed');
    expect(first('[filesystem MCP] [info] Server started and connected successfully\n[filesystem MCP] [info] Server transport closed')).toBe('mcp-server-failed');
    // A plain request time-out is no MCP server's.
    expect(first('API Error: Request timed out.')).not.toBe('mcp-server-failed');
  });
});

describe('models and requests', () => {
  it('reads /model’s unknown name as the model', () => {
    expect(first("/model opus-9 → Model 'Opus 9' not found")).toBe('model-unavailable');
  });

  it('reads the trailing-whitespace rule as the request, on Bedrock too', () => {
    expect(first('ValidationException: An error occurred (ValidationException) when calling the Converse operation: messages: final assistant content cannot end with trailing whitespace')).toBe('invalid-request-400');
    expect(first('ValidationException: The provided model identifier is invalid.')).toBe('bedrock-setup');
  });

  it('reads a client’s own prompt count over its limit as the prompt', () => {
    expect(first('AI response error: Prompt token count of 50000 exceeds max token count of 8191.')).toBe('prompt-too-long');
  });
});

describe('routes', () => {
  it('does not take the client address in a local server’s access log for a relay', () => {
    const paste = 'INFO:     127.0.0.1:50123 - "POST /chat/completions HTTP/1.1" 429 Too Many Requests\nlitellm.llms.anthropic.AnthropicError: {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your rate limit"}}';
    expect(readRoute(paste).providers).not.toContain('gateway');
    expect(first(paste)).toBe('rate-limit-429');
    // A base URL on this machine is still a proxy in the path.
    expect(readRoute('ANTHROPIC_BASE_URL=http://127.0.0.1:3456 and every request fails').providers).toContain('gateway');
  });

  it('reads AIClient2API’s Kiro provider as a relay', () => {
    expect(first('[Kiro] Stream API call failed (Status: 400, Code: ERR_BAD_REQUEST)\nprovider: claude-kiro-oauth')).toBe('proxy-foreign-error');
  });
});

import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 51 and 52 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes, rounds
// 51 and 52), worded apart from the paste it came from, with a near miss.
const first = firstEntryId;

describe('Cowork, Remote Control and the desktop app', () => {
  it('reads Cowork’s “session ended unexpectedly” and a session Claude Code cannot find as the process that stopped', () => {
    expect(first('In Cowork every task stops with: The session ended unexpectedly. Please try again.')).toBe('process-exited');
    expect(first('Error: No conversation found with session ID: 0d3f6c2a-1111-4222-8333-944445555666')).toBe('process-exited');
  });

  it('reads coworkd’s upstream failure as the connection, whatever status number Cowork gives it', () => {
    expect(first('API Error: 587 {"error":"coworkd_upstream_failed","category":"unknown","detail":"unexpected EOF"}')).toBe('network-connection');
    // A real 500 from the API stays a server error.
    expect(first('API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}')).toBe('api-error-500');
  });

  it('reads Remote Control’s failures to connect as the connection, not as a time-out of the API', () => {
    expect(first('Remote Control failed to connect: Remote Control connect timed out')).toBe('network-connection');
    expect(first('Remote Control failed to connect: Remote Control initialization failed')).toBe('network-connection');
  });
});

describe('credentials Claude Code or a library could not get', () => {
  it('reads a failing apiKeyHelper as no usable key', () => {
    expect(first('Error getting API key from apiKeyHelper (in settings): apiKeyHelper did not return a valid value')).toBe('login-required');
    expect(first('Banner: Your apiKeyHelper script is failing · Run /status to see the script’s error output')).toBe('login-required');
  });

  it('reads a library’s missing ANTHROPIC_API_KEY as no key at all', () => {
    expect(first("WARNING [agent] LLM API Key environment variables not set up for ChatAnthropic, missing: ['ANTHROPIC_API_KEY']")).toBe('login-required');
    expect(first('ANTHROPIC_API_KEY is set and valid, but requests return 401 invalid x-api-key')).not.toBe('login-required');
  });

  it('reads claude.ai’s “Unable to access Claude Code” page at sign-in as an account without Claude Code', () => {
    expect(first('After /login the browser shows "Unable to access Claude Code" on the authorize page.')).toBe('subscription-required');
    expect(first('La connexion échoue : « Impossible d’accéder à Claude Code » dans le navigateur')).toBe('subscription-required');
    // The user's own words, unquoted, are no page's message.
    expect(first('I am unable to access claude code since this morning')).not.toBe('subscription-required');
  });

  it('reads /setup-bedrock refusing a Bedrock API key as the Bedrock setup', () => {
    expect(first('/setup-bedrock with AWS_BEARER_TOKEN_BEDROCK: Verification failed — API Key was rejected')).toBe('bedrock-setup');
  });
});

describe('MCP servers', () => {
  it('reads a server command missing from the PATH as the MCP server', () => {
    expect(first('Claude Desktop log: MCP server "filesystem": spawn npx ENOENT')).toBe('mcp-server-failed');
    expect(first('Error: spawn uvx ENOENT')).toBe('mcp-server-failed');
    // Claude Code itself not found is the process, not a server.
    expect(first('Error: spawn claude ENOENT')).not.toBe('mcp-server-failed');
  });

  it('reads the MCP SDK refusing a tool’s schema as the server’s definition', () => {
    expect(first("Error: Tool 'read_file' has an invalid outputSchema: JSON Schema declares an unsupported dialect")).toBe('mcp-server-failed');
  });
});

describe('models, gateways and clients', () => {
  it('reads a not_found_error for a model id as the model id, whichever vendor’s id it is', () => {
    expect(first('API Error: 404 {"type":"error","error":{"type":"not_found_error","message":"model: deepseek-chat"},"request_id":"req_011abc"}')).toBe('model-unavailable');
    expect(first('API Error: 400 {"error":{"code":400,"message":"model not found","type":"invalid_request_error"}}')).toBe('model-unavailable');
  });

  it('reads a hosted AI gateway and a token budget Anthropic never words as the gateway’s', () => {
    expect(first('Cloudflare AI Gateway: anthropic/claude-sonnet returned 401 in the playground')).toBe('proxy-foreign-error');
    expect(first('Status Code: 402\n"Daily token limit exceeded Used: 5000001, Limit: 5000000"')).toBe('proxy-foreign-error');
    expect(first('API Error: 402 {"type":"error","error":{"type":"billing_error","message":"Your credit balance is too low"}}')).not.toBe('proxy-foreign-error');
  });

  it('reads an editor plugin’s empty curl call and the SDK’s abort as the connection', () => {
    expect(first('post https://api.anthropic.com/v1/messages - curl error exit_code=nil stderr={}')).toBe('network-connection');
    expect(first('Error Details: { "message": "Request was aborted." }')).toBe('network-connection');
  });
});

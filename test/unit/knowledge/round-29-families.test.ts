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

describe('the updater’s own failure lines', () => {
  it('answers the native installer’s failed binary swap and the updater’s install error', () => {
    expect(first('Failed to copy executable from C:\\Users\\me\\.local\\share\\claude\\versions\\2.1.3 to C:\\Users\\me\\.local\\bin\\claude.exe: EBUSY')).toBe('update-failed');
    expect(first('Installing update...\nError: Failed to install update')).toBe('update-failed');
    expect(first('since yesterday claude update fails on my laptop')).toBe('update-failed');
  });

  it('keeps a mention of the update command beside a 429 the 429', () => {
    expect(first('API Error: 429 rate_limit_error, and even running claude update did not help')).toBe('rate-limit-429');
  });
});

describe('a login that went through the browser and still failed', () => {
  it('answers the post-login status check and the authorize page refusing a cut URL', () => {
    expect(first('VS Code panel: Failed to retrieve auth status after login')).toBe('oauth-login-failed');
    expect(first('over ssh I opened the link and the page says Invalid OAuth Request — Missing code_challenge parameter')).toBe('oauth-login-failed');
  });

  it('keeps an expired token after a good login the expired token', () => {
    expect(first('API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired. Please obtain a new token or refresh your existing token."}}')).toBe('oauth-expired');
  });
});

describe('a bare "it is not working" with nothing else', () => {
  it('answers the person asking whether Claude Code is down', () => {
    expect(first('is it just me? claude is not working this morning')).toBe('claude-down');
  });

  it('lets any error in the paste answer instead', () => {
    expect(first('API 400 error on tools.3.name\n\nclaude code not working')).not.toBe('claude-down');
    expect(first('claude code not working: API Error: 401 invalid x-api-key')).toBe('authentication-401');
  });
});

describe('a rate-limit line on the 1M context variant', () => {
  it('answers "Rate limit reached" with a [1m] model or "(1M context)" in the header as the long-context check', () => {
    expect(first('claude-sonnet-4-6[1m] · 12k/1000k tokens\n⎿ API Error: Rate limit reached')).toBe('long-context-credits');
    expect(first('Sonnet 4.6 (1M context) · Claude Pro\n> hi\n  ⎿  API Error: Rate limit reached')).toBe('long-context-credits');
  });

  it('keeps a rate limit on the standard window the rate limit', () => {
    expect(first('Opus 4.6 · Claude Max\n> hi\n  ⎿  API Error: Rate limit reached')).toBe('rate-limit-429');
  });
});

describe('the start-up check refused by any Anthropic host', () => {
  it('answers a 403 from console.anthropic.com as the location refusal', () => {
    expect(first('Unable to connect to Anthropic services\nFailed to connect to console.anthropic.com: Request failed with status code 403')).toBe('request-not-allowed-403');
  });

  it('keeps a refused connection with no status the network’s', () => {
    expect(first('Unable to connect to Anthropic services\nFailed to connect to console.anthropic.com: ECONNREFUSED')).toBe('network-connection');
  });
});

describe('a refused connection to a proxy on this machine, in Claude Code’s newer wording', () => {
  it('answers ConnectionRefused with a local ANTHROPIC_BASE_URL as that proxy', () => {
    expect(first('export ANTHROPIC_BASE_URL=http://localhost:4000\nAPI Error: Connection refused (ConnectionRefused)')).toBe('proxy-foreign-error');
  });

  it('keeps ConnectionRefused with no local base URL the network’s', () => {
    expect(first('API Error: Connection refused — a firewall or proxy may be blocking it (ConnectionRefused)')).toBe('network-connection');
  });
});

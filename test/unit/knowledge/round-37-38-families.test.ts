import { describe, expect, it } from 'vitest';
import { normalizePaste } from '../../../src/knowledge/normalize-paste.js';
import { FOREIGN_SERVICE, readRoute } from '../../../src/knowledge/read-route.js';
import { builtinRules, firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 37 and 38 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes, rounds
// 37 and 38). Each is worded apart from the paste it came from, and each family has a near miss.
const first = firstEntryId;

describe('Claude Code’s newer surfaces', () => {
  it('answers Claude in Chrome’s “Browser extension is not connected” as the MCP server it is', () => {
    expect(first('Claude in Chrome[tabs_context] ⎿ Browser extension is not connected. Please ensure the Claude browser extension is installed')).toBe('mcp-server-failed');
  });

  it('answers the clients that could not start Claude Code as the process', () => {
    expect(first('Error: Failed to spawn Claude Code process: spawn /home/me/.vscode-server/extensions/anthropic.claude-code/claude ENOENT')).toBe('process-exited');
    expect(first('The IntelliJ plugin opens a terminal and then reports "Cannot launch Claude Code"')).toBe('process-exited');
    expect(first('[DESKTOP_API] Failed to start scheduled task session {"scheduledTaskId":"daily","error":{"name":"Error","message":"space_migration_frozen"}}')).toBe('process-exited');
    expect(first('Session failed: /usr/bin/node: bad option: --sdk-url session_01abc')).toBe('process-exited');
  });

  it('answers Cowork’s VM that cannot boot as the process, whatever language the app speaks', () => {
    expect(first('VM boot failed: HCS operation failed: failed to create compute system: HRESULT 0x80370102')).toBe('process-exited');
    expect(first("Claude's workspace requires Virtual Machine Platform, but the virtualization service is not responding")).toBe('process-exited');
  });

  it('answers remote sessions, the desktop sign-in and an account without access by their entries', () => {
    expect(first('claude --remote "fix the tests": Error: Unable to create remote session')).toBe('login-required');
    expect(first('OAuthError: Unable to start session. Check your internet connection and try again.')).toBe('oauth-login-failed');
    expect(first('Check your internet connection and try again.')).toBe('network-connection');
    expect(first('Your account does not have access to Claude. Please login again or contact your administrator.')).toBe('subscription-required');
  });

  it('keeps an app’s list of likely causes under an exit from reading as a missing login', () => {
    const hint = 'Error: Claude Code process exited with an error. This is often caused by: • Invalid or missing API Key • Incorrect Base URL configuration\nOriginal error: Claude Code process exited with code 1';
    expect(first(hint)).toBe('process-exited');
  });
});

describe('the 1M-context model suffix', () => {
  it('keeps “sonnet[1m]” through the clean-up of terminal colour codes, so the 1M check reads it', () => {
    expect(normalizePaste('Model: sonnet[1m] \u001b[1mbold\u001b[0m')).toBe('Model: sonnet[1m] bold');
    expect(normalizePaste('[1mError[0m: failed')).toBe('Error: failed');
    expect(first('Model: sonnet[1m] - Error: rate_limit API Error: Rate limit reached')).toBe('long-context-credits');
    expect(first('Model: sonnet - API Error: Rate limit reached')).toBe('rate-limit-429');
  });
});

describe('other vendors and relays', () => {
  it('answers CLIProxyAPI’s cool-down and OpenAI’s Codex usage limit as the relay’s, not Claude’s plan', () => {
    expect(first('All credentials for model claude-sonnet-5 are cooling down via provider claude')).toBe('proxy-foreign-error');
    expect(first('{"error":{"type":"usage_limit_reached","message":"The usage limit has been reached","plan_type":"team"}}')).toBe('proxy-foreign-error');
    expect(first('Claude usage limit reached. Your limit will reset at 5pm')).toBe('usage-limit-subscription');
  });

  it('answers Google’s “User location is not supported” as a location refusal, not the Vertex setup', () => {
    const body = '{"error":{"code":400,"message":"User location is not supported for the API use.","status":"FAILED_PRECONDITION"}}';
    expect(first(body)).toBe('request-not-allowed-403');
    expect(first('Vertex AI: {"error":{"code":400,"message":"Precondition check failed.","status":"FAILED_PRECONDITION"}}')).toBe('vertex-setup');
  });

  it('reads a Gemini model behind a provider prefix as another vendor’s service', () => {
    expect(FOREIGN_SERVICE.test('[gemini-cli/gemini-3-flash-preview] [429]: You have exhausted your capacity')).toBe(true);
    expect(builtinRules().get('proxy-foreign-error')?.match.providerPatterns).toContain(FOREIGN_SERVICE.source);
    expect(readRoute('[gemini-cli/gemini-3-flash-preview] [429]: quota').providers).toContain('gateway');
  });

  it('does not blame a relay when ANTHROPIC_BASE_URL is Anthropic’s own address', () => {
    const paste = '"ANTHROPIC_API_KEY": "token from a proxy login", "ANTHROPIC_BASE_URL": "https://api.anthropic.com" → Invalid API key · Fix external API key';
    expect(first(paste)).toBe('authentication-401');
  });

  it('answers the API’s thinking-budget rule as max_tokens, even passed on by LiteLLM beside its model group', () => {
    const body = 'API Error: 400 {"error":{"message":"`max_tokens` must be greater than `thinking.budget_tokens`.\\nReceived Model Group=bedrock-claude","code":"400"}}';
    expect(first(body)).toBe('max-tokens-limit');
  });

  it('answers AWS’s wording cut off at the end of a paste as the Bedrock credential', () => {
    expect(first('Please run /login · API Error: 403 The security token included in th')).toBe('bedrock-setup');
    expect(first('the security token included in the header was fine, then API Error: 403 Request not allowed')).not.toBe('bedrock-setup');
  });
});

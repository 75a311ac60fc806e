import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 39 and 40 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes, rounds
// 39 and 40). Each is worded apart from the paste it came from, and each family has a near miss.
const first = firstEntryId;

describe('Claude Code’s own wordings that name the cause beside another line', () => {
  it('answers a throttle Claude Code says is not the usage limit as the rate limit, whatever the user adds', () => {
    const paste = 'First prompt: "API Error: Server is temporarily limiting requests (not your usage limit) · Rate limited". Then it said usage limit reached.';
    expect(first(paste)).toBe('rate-limit-429');
    expect(first('Claude usage limit reached. Your limit will reset at 3pm')).toBe('usage-limit-subscription');
  });

  it('answers a stream that went silent and then closed as the time-out, and a closed connection alone as the network', () => {
    expect(first('API Error: Stream idle timeout - no chunks received\nAPI Error: Connection closed mid-response.')).toBe('timeout-504');
    expect(first('API Error: Connection closed mid-response. The response above may be incomplete.')).toBe('network-connection');
  });

  it('answers a Go server’s bare 404 page under the model message as the wrong address', () => {
    const paste = "There's an issue with the selected model (claude-opus-4-6). It may not exist or you may not have access to it.\nError: 404 404 page not found";
    expect(first(paste)).toBe('not-found-404');
    expect(first("There's an issue with the selected model (claude-opus-4-6). It may not exist or you may not have access to it.")).toBe('model-unavailable');
  });

  it('answers Cowork’s VM service crashing as the process, not the connection it then lost', () => {
    expect(first('CoworkVMService starts and crashes after a few seconds\nError: "Connection closed before response"')).toBe('process-exited');
    expect(first('Error: "Connection closed before response"')).toBe('network-connection');
  });
});

describe('updates, logins and plans', () => {
  it('answers an update that never takes and the VS Code extension’s manifest refusal as the update', () => {
    expect(first('It keeps showing "Restart to update" and after restarting I still have the old version')).toBe('update-failed');
    expect(first('[error] [Window] Server returned 403: Error: Server returned 403\n    at Ab.getManifest (file:///opt/vscode/sharedProcessMain.js:1:2)')).toBe('update-failed');
    expect(first('[error] Server returned 403: Error: Server returned 403')).toBe('permission-403');
  });

  it('answers a client that found no Claude login in the credentials file as the failed sign-in', () => {
    expect(first("TypeError: Cannot read properties of undefined (reading 'claudeAiOauth')")).toBe('oauth-login-failed');
    expect(first('can\'t access property "claudeAiOauth", t is undefined')).toBe('oauth-login-failed');
  });

  it('answers the login page’s redirect for a Teams seat as the plan that does not sign in that way', () => {
    expect(first('Hey! We see you have a Teams subscription! To log into Claude Code with Teams, start Claude Code and login with the Console account.')).toBe('subscription-required');
  });
});

describe('Anthropic’s and OAuth’s own wordings carried by a relay', () => {
  it('answers Anthropic’s credit wording through a local router as the Console’s credits', () => {
    expect(first('ANTHROPIC_BASE_URL=http://127.0.0.1:8082 and the proxy admin shows the models, but every reply is "Credit balance is too low"')).toBe('credit-balance-api-key');
    // The relay's own account out of credits is still the relay's.
    expect(first('ANTHROPIC_BASE_URL=http://127.0.0.1:8082\nAPI Error: 402 {"error":{"message":"Insufficient credits on this relay account"}}')).toBe('proxy-foreign-error');
  });

  it('answers a relay’s failed refresh of its login as the expired login', () => {
    const paste = 'sub2api: Token refresh failed (non-retryable): status 400, body: {"error": "invalid_grant", "error_description": "Refresh token expired"}';
    expect(first(paste)).toBe('oauth-expired');
    expect(first('sub2api: account refresh failed: status 400, body: {"error": "account_locked"}')).toBe('proxy-foreign-error');
  });
});

import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family round 27 missed (its pastes are in test/fixtures/fix-pastes, round 27); each is worded apart from the
// paste it came from, and each family has a near miss that must still go where it went before.
const first = firstEntryId;

describe('the Claude Code process that quit, and the account without Claude Code', () => {
  it('answers a bare exit of the child process as process-exited', () => {
    expect(first('JetBrains plugin: Claude Code process exited with code 2 right after opening the panel')).toBe('process-exited');
  });

  it('lets the HTTP error logged beside the exit answer instead', () => {
    expect(first('API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}\nClaude Code process exited with code 1')).toBe('rate-limit-429');
    expect(first('test connection says (404) Not Found, then Claude Code process exited with code 1')).not.toBe('process-exited');
  });

  it('answers the no-access notice and the plan-required page as subscription-required', () => {
    expect(first('after /login on my work laptop: Your account does not have access to Claude Code.')).toBe('subscription-required');
    expect(first('browser page: Claude Pro or Max is required to connect to Claude Code')).toBe('subscription-required');
  });

  it('keeps someone\'s remark that they have no access to Claude out of it', () => {
    // The product's own "Your account does not have access to Claude. Please login again or contact your administrator." is
    // this entry's since round 37 (claude-code#29905); a person saying so is not.
    expect(first('my colleague does not have access to Claude yet, is there an outage?')).not.toBe('subscription-required');
  });
});

describe('network, time-outs and size', () => {
  it("reads Cowork's workspace failing to reach the API, and its retry banner alone, as the network", () => {
    expect(first("Cowork: Can't reach the Claude API from Claude's workspace, on office wifi")).toBe('network-connection');
    expect(first('Cowork keeps showing Request failed. Retrying in 12s (attempt 3 of 10)')).toBe('network-connection');
  });

  it('lets an error inside the retry banner answer for itself', () => {
    expect(first('Request failed. Retrying in 5s · API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toBe('overloaded-529');
  });

  it('reads a stream that went idle as a time-out', () => {
    expect(first('on claude.ai/code the reply stops: Stream idle timeout - partial response received')).toBe('timeout-504');
  });

  it('reads the words-swapped "too long prompt" as the context being full', () => {
    expect(first('the JetBrains panel says too long prompt and stops responding')).toBe('prompt-too-long');
  });

  it('does not read a question about how long a prompt may be as the context being full', () => {
    expect(first('how long can a prompt be before it is too long?')).not.toBe('prompt-too-long');
  });
});

describe('logins, plans and clouds', () => {
  it("reads the browser failing to reach Claude Code's local callback during login as a failed login", () => {
    expect(first("approving the login, Chrome can't establish a connection to the server at 127.0.0.1:53211")).toBe('oauth-login-failed');
    expect(first('I clicked Authorize and it sent me to sign in again, over and over')).toBe('oauth-login-failed');
  });

  it('puts a login socket error down to the network when every API call fails to connect too', () => {
    expect(first('Unable to connect to API (ECONNRESET) on each prompt; /login also says OAuth error: socket closed')).toBe('network-connection');
  });

  it('reads an expired AWS SSO session or security token as Bedrock setup', () => {
    expect(first('Bedrock: The SSO session associated with this profile has expired, every afternoon')).toBe('bedrock-setup');
    expect(first('on AWS Bedrock I get security token expired after half an hour')).toBe('bedrock-setup');
  });

  it('reads the login chooser shown with CLAUDE_CODE_USE_VERTEX=1 set as Vertex setup, and the bare variable as the backup route', () => {
    expect(first('CLAUDE_CODE_USE_VERTEX=1 is exported but claude still asks: Select login method')).toBe('vertex-setup');
    expect(first('how do I set CLAUDE_CODE_USE_VERTEX')).toBe('backup-vertex');
  });

  it('reads usage limits told in Portuguese, in Korean, or by their reset time', () => {
    expect(first('o Claude Code diz que excedi meu limite hoje cedo')).toBe('usage-limit-subscription');
    expect(first('Max 요금제인데 사용량을 초과했다고 나옵니다')).toBe('usage-limit-subscription');
    expect(first('my limit reached at noon and it said reset at 3pm')).toBe('usage-limit-subscription');
  });

  it('reads the Opus limit notice retold as the model fallback, and the 1M context error as long-context credits', () => {
    expect(first('the status line says the Opus limit has been reached although I only use Sonnet')).toBe('model-fallback');
    expect(first('the 1M context error again, though my usage limits are fine')).toBe('long-context-credits');
  });

  it("reads a cloud session's execution failure as the hosted side, and a country with a VPN as the location refusal", () => {
    expect(first('routines on the web: An error occurred while executing Claude Code, every time')).toBe('claude-down');
    expect(first('in iran, using a german VPN, every request gets refused')).toBe('request-not-allowed-403');
  });

  it('keeps a country named without a VPN or refusal out of the location family', () => {
    expect(first('our team in russia loves Claude Code')).not.toBe('request-not-allowed-403');
  });
});

describe("Cowork's own daemon", () => {
  it("reads coworkd's upstream failure as the network its VM could not reach, not a relay's body", () => {
    expect(first('API Error: 587 {"error":"coworkd_upstream_failed","category":"connection_refused","detail":"dial tcp 10.0.0.5:3128: connect: connection refused"}')).toBe('network-connection');
  });

  it('keeps a relay body in the same non-Anthropic shape with the relay', () => {
    expect(first('API Error: 587 {"error":"upstream_failed","detail":"one-api channel 3 dial tcp: connection refused"}')).toBe('proxy-foreign-error');
  });
});

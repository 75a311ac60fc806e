import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 47 and 48 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes, rounds
// 47 and 48). Each is worded apart from the paste it came from, and each family has a near miss.
const first = firstEntryId;

describe('Cowork, logins and plans', () => {
  it('answers Cowork’s API reachability check, in its log and in Portuguese, as the connection', () => {
    expect(first('Network status: CONNECTED\nAPI reachability: PROBABLY_UNREACHABLE\nAPI reachability: UNREACHABLE')).toBe('network-connection');
    expect(first('Não foi possível iniciar o espaço de trabalho do Claude - Não é possível acessar a API do Claude.')).toBe('network-connection');
    expect(first('API reachability: REACHABLE, then Failed to start Claude\'s workspace: VM boot failed')).toBe('process-exited');
  });

  it('answers Claude Code’s missing key beside a proxy named in prose as no login, and the API’s long-context refusal as the entitlement', () => {
    expect(first('I set my local CLIProxyAPI address and my key in the custom API settings, but Claude says Missing API key · Run /login')).toBe('login-required');
    expect(first('API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"The long context beta is not yet available for this subscription."}}')).toBe('long-context-credits');
  });

  it('answers a proxy’s “no access to this model or the model name is invalid” as the model', () => {
    expect(first("You don't have access to this model or the model name is invalid")).toBe('model-unavailable');
  });
});

describe('SDKs and clouds', () => {
  it('answers the SDK’s older browser refusal as the browser call, and another vendor’s still not', () => {
    expect(first("Error: It looks like you're running in a browser-like environment, which is disabled to protect your secret API credentials from attackers.")).toBe('browser-cors');
    expect(first("OpenAIError: It looks like you're running in a browser-like environment. You can avoid this error by creating an ephemeral session token")).not.toBe('browser-cors');
  });

  it('answers a name lookup that failed inside a Bedrock wrapper as the network, and Bedrock’s own 503 as Bedrock’s', () => {
    expect(first('litellm.ServiceUnavailableError: BedrockException - [Errno -2] Name or service not known')).toBe('network-connection');
    expect(first('litellm.ServiceUnavailableError: BedrockException - {"message":"Bedrock is unable to process your request."}')).toBe('bedrock-unavailable');
  });

  it('answers the API’s changed-thinking-blocks refusal with the entry that names it', () => {
    expect(first('API Error: 400 messages.1.content.3: `thinking` or `redacted_thinking` blocks in the latest assistant message cannot be modified.')).toBe('tool-use-mismatch');
  });
});

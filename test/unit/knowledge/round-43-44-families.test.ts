import { describe, expect, it } from 'vitest';
import { readRoute } from '../../../src/knowledge/read-route.js';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 43 and 44 missed and the rules now answer (their pastes are in test/fixtures/fix-pastes, rounds
// 43 and 44). Each is worded apart from the paste it came from, and each family has a near miss.
const first = firstEntryId;

describe('the API’s own request rules and a proxy’s word for a gone model, whoever carried them', () => {
  it('answers the temperature-and-top_p rule as the request, through LiteLLM, a router or an OpenAI-shaped client', () => {
    const litellm = 'litellm.BadRequestError: AnthropicException - {"error":{"type":"<nil>","message":"`temperature` and `top_p` cannot both be specified for this model. Please use only one."}}';
    expect(first(litellm)).toBe('invalid-request-400');
    expect(first('unhandled status from server: 400 {"error":{"code":"invalid_request_error","message":"temperature and top_p cannot both be specified for this model.","param":null}}')).toBe('invalid-request-400');
    expect(first('litellm.BadRequestError: {"error":{"type":"<nil>","message":"channel 3 failed"}}')).toBe('proxy-foreign-error');
  });

  it('answers a Claude model a proxy calls gone as the model, and LiteLLM’s missing key as no login', () => {
    expect(first('Through CLIProxyAPI every request returns: Claude Opus 4.1 is no longer available. Please switch to Claude Opus 4.6.')).toBe('model-unavailable');
    expect(first('litellm.AuthenticationError: Missing Anthropic API Key - A call is being made to anthropic but no key is set')).toBe('login-required');
  });
});

describe('Claude Code’s own calls and plans', () => {
  it('reads an AxiosError thrown from Claude Code’s own cli.js as Claude Code’s, not a relay’s', () => {
    const own = '[{"error":"AxiosError: Request failed with status code 401\\n    at xy (file:///usr/lib/node_modules/@anthropic-ai/claude-code/cli.js:10:20)"}]';
    expect(readRoute(own).providers).toEqual([]);
    expect(first(own)).toBe('authentication-401');
    // Beside Claude Code but thrown elsewhere (a relay's own log), it is still the relay's.
    expect(readRoute('Claude Code says hi fails; the relay log: AxiosError: Request failed with status code 502\n    at relay (/srv/app/index.js:1:2)').providers).toEqual(['gateway']);
  });

  it('answers a plan without that model and a client’s invalid model id as the model', () => {
    expect(first("Your Max plan doesn't include Opus 4.8 in Claude Code yet.")).toBe('model-unavailable');
    expect(first('anthropic/claude-haiku-9 is not a valid model ID')).toBe('model-unavailable');
  });
});

describe('other servers’ own wordings', () => {
  it('answers a relay’s overload, Continue’s secrets and a Go relay’s access log as the relay’s', () => {
    expect(first('429 当前分组上游负载已饱和，请稍后再试')).toBe('proxy-foreign-error');
    expect(first('Provider: continue-proxy Status Code: 404 "We couldn\'t find a secret with the name \\"ANTHROPIC_API_KEY\\"."')).toBe('proxy-foreign-error');
    expect(first('[GIN] 2026/01/02 - 10:00:00 | 500 | 0s | 127.0.0.1 | POST "/v1/messages?beta=true"')).toBe('proxy-foreign-error');
    expect(first('Status Code: 404 Not Found')).toBe('not-found-404');
  });

  it('answers xAI’s window as the gateway’s context, and Bedrock’s internal error and the AWS SDK’s HTTP/2 silence by their entries', () => {
    expect(first('400 "This model\'s maximum prompt length is 8192 but the request contains 9001 tokens."')).toBe('gateway-context-overflow');
    expect(first('Bedrock: The system encountered an unexpected error during processing. Try your request again.')).toBe('bedrock-unavailable');
    expect(first('Provider: bedrock Unexpected error: http2 request did not get a response')).toBe('network-connection');
  });
});

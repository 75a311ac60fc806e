import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 15 and 16 missed (their pastes are in test/fixtures/fix-pastes, rounds 15 and 16); each is
// worded apart from the paste it came from, and each family has a near miss that must still go where it went before.
const first = firstEntryId;

describe('prose-only reports name their family', () => {
  it.each([
    ['We are based in Russia and every call from the CLI gets blocked, even on a paid plan.', 'request-not-allowed-403'],
    ['Claude Code says: Document too large. Please double press esc to edit your message and try again.', 'request-too-large-413'],
    ["I can't sign in with any method: the terminal and the browser both fail.", 'oauth-login-failed'],
    ['Zed shows "Agent requires authentication" as soon as I open the Claude agent panel.', 'login-required'],
  ])('answers %s', (paste, id) => {
    expect(first(paste)).toBe(id);
  });

  it('keeps the near misses where they were', () => {
    // Being in a supported place and mentioning a country is not a refusal.
    expect(first('I am in China for a week; the CLI shows API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toBe('overloaded-529');
    // Saying login is hard, beside the expired-token body, is still the expired token.
    expect(first("can't log in again: API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"OAuth token has expired.\"}}")).toBe('oauth-expired');
    // An image that is too big has its own entry.
    expect(first('API Error: 400 image exceeds 5 MB maximum: 7340032 bytes > 5242880 bytes')).toBe('image-too-large');
  });
});

describe('errors only a relay writes', () => {
  it.each([
    'API Error: undefined is not an object (evaluating \'chunk.delta.type\')',
    '{"type":"error","error":{"type":"api_error","message":"Request failed with status code 502"}}',
    'claude code → my server log: [ERROR] [Gemini] AxiosError: Request failed with status code 429 at settle (node_modules/axios/lib/core/settle.js)',
    'proxy log: [CloudCode] Stream error at https://cloudcode-pa.googleapis.com: 429 RESOURCE_EXHAUSTED',
    'using kiro2api: upstream said 403 <!DOCTYPE html><html><head><title>Just a moment...</title>',
    'Through a relay: "ANTHROPIC_BASE_URL": "https://relay.example.net" and then Anthropic Error [502]: Unknown error',
  ])("answers %s as the relay's", (paste) => {
    expect(first(paste)).toBe('proxy-foreign-error');
  });

  it('keeps the near misses where they were', () => {
    // Claude Code's own start-up check is an Axios call too: the network, not a relay.
    expect(first('Unable to connect to Anthropic services. Failed to connect to api.anthropic.com: ERR_BAD_REQUEST')).toBe('network-connection');
    // A JavaScript TypeError in the user's own script is not Claude Code reading a foreign stream.
    expect(first('TypeError: null is not an object (evaluating \'config.model\')')).not.toBe('proxy-foreign-error');
    // A Cloudflare challenge with no relay in the path is an error page.
    expect(first('API Error: 403 <!DOCTYPE html><html><head><title>Just a moment...</title>')).not.toBe('proxy-foreign-error');
    // "Unknown error" that is not a status's message, even with a gateway set, is not the gateway's body.
    expect(first('ANTHROPIC_BASE_URL=https://relay.example.com and the log says Unknown error while parsing config')).not.toBe('proxy-foreign-error');
    // Vertex's own RESOURCE_EXHAUSTED stays Vertex's quota.
    expect(first('Vertex AI: 429 RESOURCE_EXHAUSTED Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model')).toBe('vertex-quota');
    // A connection error with a relay only named in prose: no answer came back from anyone.
    expect(first('router is up and openrouter answers curl, but API Error (Connection error.) every time')).toBe('network-connection');
  });
});

describe("a vendor service's own throttling is not Bedrock", () => {
  it('answers the wording alone as a rate limit', () => {
    expect(first('Failed to send: Too many requests, please wait before trying again.')).toBe('rate-limit-429');
  });

  it('keeps it Bedrock when Bedrock is named', () => {
    expect(first('bedrock-runtime InvokeModel: Too many requests, please wait before trying again.')).toBe('bedrock-quota');
  });
});

describe('the login, the scope and the cloud credential', () => {
  it.each([
    ['API Error: 401 OAuth token has expired · Please run /login. Then /login and the page showed 502 Bad Gateway from cloudflare.', 'oauth-login-failed'],
    ['OAuth error: socket hang up, then: API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired."}}', 'oauth-login-failed'],
    ['Zed agent: 403 {"type":"error","error":{"type":"permission_error","message":"OAuth token does not meet scope requirement any_of(user:inference, org:service_key_inference)"}}', 'subscription-credential-elsewhere'],
    ['AnthropicVertex client: google.auth: Your default credentials were not found.', 'vertex-setup'],
    ['Bedrock via LiteLLM: BedrockException - {"message":"`top_p` and `temperature` cannot both be specified for this model."}', 'invalid-request-400'],
  ])('answers %s', (paste, id) => {
    expect(first(paste)).toBe(id);
  });

  it('keeps the near misses where they were', () => {
    // /login that only brings back the same expired token stays the expired token.
    expect(first('claude login keeps returning API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired. Please obtain a new token or refresh your existing token."}}')).toBe('oauth-expired');
    // The printed "Please run /login" before a 500 is the prompt, not a failed login.
    expect(first('API Error: 401 OAuth token has expired · Please run /login · API Error: 500 Internal Server Error')).toBe('oauth-expired');
    // Claude Code's own profile-scope refusal is the login's, not a credential used elsewhere.
    expect(first('API Error: 403 OAuth token does not meet scope requirement user:profile · Please run /login')).toBe('oauth-expired');
    // A Bedrock model-id refusal stays the Bedrock setup.
    expect(first('ValidationException: The provided model identifier is invalid. (Bedrock InvokeModel)')).not.toBe('invalid-request-400');
    // Without Vertex named, the Google wording is not Vertex's setup.
    expect(first('Your default credentials were not found.')).not.toBe('vertex-setup');
  });
});

describe('"Invalid API key · Please run /login" with a gateway shown (one rule)', () => {
  it('answers it as no credential in this process when a relay or gateway is shown', () => {
    expect(first('I use a relay for Claude Code and now: Invalid API key · Please run /login')).toBe('login-required');
    expect(first('用的中轉站，一直提示 Invalid API key · Please run /login')).toBe('login-required');
  });

  it('keeps the bare prompt, and a prompt with a status, as the key itself', () => {
    expect(first('Invalid API key · Please run /login even after I logged in')).toBe('authentication-401');
    expect(first('relay in front, API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}} · Please run /login')).not.toBe('login-required');
  });
});

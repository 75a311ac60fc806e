import { describe, expect, it } from 'vitest';
import { firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 13 and 14 missed (their pastes are in test/fixtures/fix-pastes, rounds 13 and 14); each is
// worded apart from the paste it came from, and each family has a near miss that must still go where it went before.
const first = firstEntryId;

describe('a backup-route entry does not take a paste that carries an error', () => {
  it.each([
    ['Vertex call fails: POST https://undefined-aiplatform.googleapis.com/v1/projects/p1/locations/undefined/publishers/anthropic/models/claude-opus-4@20250514:rawPredict', 'vertex-setup'],
    ['Our Bedrock nightly job fails: ResourceNotFoundException: Access denied. This Model is marked by provider as Legacy.', 'bedrock-setup'],
    ['Bedrock 渠道测试失败：Provider API error: upstream said no', 'proxy-foreign-error'],
  ])('answers %s by its error', (paste, id) => {
    expect(first(paste)).toBe(id);
  });

  it('keeps questions about the backup route itself there', () => {
    expect(first('how do I move my team to Vertex as a fallback')).toBe('backup-vertex');
    expect(first('can we run claude on bedrock instead')).toBe('backup-bedrock');
  });
});

describe('a relay named only in prose or config, or a message Anthropic never writes', () => {
  it.each([
    'Sending everything via Kong gateway, then: API Error: 401 Upstream provider KIMI returned HTTP 401.',
    'API Error: 402 Insufficient account balance, top up to continue',
    'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Unexpected chat message content type image_url"}}',
    'API Error: 429 请求过于频繁，请稍后再试',
    'API Error: 400 thinking is enabled but reasoning_content is missing [trace_id=9f2c0a11]',
    '"env": {"ANTHROPIC_BASE_URL": "http://127.0.0.1:4000"}\n⎿ Unable to connect to API (ECONNREFUSED)',
    'Request to https://llm.internal.example.net/v1/messages failed with 400 Bad Request: quota lookup failed',
  ])("answers %s as the relay's", (paste) => {
    expect(first(paste)).toBe('proxy-foreign-error');
  });

  it('keeps the near misses elsewhere', () => {
    // A corporate or plain proxy is the network's, not a relay.
    expect(first('behind a corporate proxy every call says Unable to connect to API (ECONNRESET)')).toBe('network-connection');
    expect(first('using a proxy at the office: connect ETIMEDOUT 160.79.104.10:443')).toBe('network-connection');
    // Anthropic's own wording of a request problem names its fix, whoever carried it.
    expect(first('via our LiteLLM proxy: API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}'))
      .toBe('prompt-too-long');
    // Claude Code's credential prompt with a gateway configured and no request made: nothing to send, so sign in or set the token.
    expect(first('ANTHROPIC_BASE_URL is set to my gateway; any prompt answers: Invalid API key · Please run /login')).toBe('login-required');
    // The same prompt with no gateway is still the key itself.
    expect(first('  ⎿  Invalid API key · Please run /login')).toBe('authentication-401');
  });
});

describe("the error outranks the user's own words", () => {
  it('answers an SDK timeout beside prose that rules out the limit', () => {
    expect(first('anthropic.APITimeoutError: Request timed out.\nWe do not believe we are over the rate limit, one call a minute.')).toBe('timeout-504');
  });

  it('keeps a real 429 whose user also doubts the limit', () => {
    expect(first('Error code: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit"}} I don\'t think I am over the rate limit'))
      .toBe('rate-limit-429');
  });
});

describe('the other families of rounds 13 and 14', () => {
  it.each([
    ['The model "claude-2.1" has been retired; move to a current one', 'model-unavailable'],
    ['claude-3-sonnet-20240229 was retired last month and now every call fails', 'model-unavailable'],
    ['Claude is not available in our country yet, says the app', 'request-not-allowed-403'],
    ['fetch: Connect Timeout Error after 10000ms', 'network-connection'],
    ['API Error: 502 terminated', 'network-connection'],
    ['API Error: 401 OAuth access token is invalid. · Please run /login', 'oauth-expired'],
    ['claude.ai in the browser shows a blank page that only says Rate exceeded, on wifi and on mobile data', 'claude-down'],
    ['Topped up $20, yet the console still tells me to purchase credits', 'credit-balance-api-key'],
    ['Bedrock ValidationException: tools.2.input_schema: JSON schema is invalid', 'invalid-request-400'],
    ["BedrockException - Client error '400 Bad Request' for url 'https://bedrock-runtime.eu-central-1.amazonaws.com/model/x/invoke'", 'bedrock-setup'],
  ])('answers %s', (paste, id) => {
    expect(first(paste)).toBe(id);
  });

  it('keeps the near misses elsewhere', () => {
    // A retired thing that is not a model id is not the model.
    expect(first('Anthropic retired the old console address; now API Error: 404 {"type":"error","error":{"type":"not_found_error","message":"Not Found"}}'))
      .toBe('not-found-404');
    // Claude Code's hedge under a connection failure is the connection.
    expect(first('Unable to connect to API (ECONNRESET). Claude might not be available in your country')).toBe('network-connection');
    expect(first('API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}')).toBe('api-error-500');
    expect(first('API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}')).toBe('authentication-401');
    // The API's own "Rate exceeded" in a 429 body is the limit, not an outage.
    expect(first('API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Rate exceeded"}}')).toBe('rate-limit-429');
    // A Bedrock model id problem inside a ValidationException stays the setup.
    expect(first('ValidationException: The provided model identifier is invalid.')).toBe('bedrock-setup');
    // A bare 400 from a host that is not Bedrock is not the Bedrock setup.
    expect(first("Client error '400 Bad Request' for url 'https://api.example.com/v1/chat'")).not.toBe('bedrock-setup');
  });
});

// Families no entry had, which rounds 13 and 14's collectors left out; each entry names its primary source.
describe("the SDKs' refusal of a long non-streaming request", () => {
  it('answers it as the SDK check, whichever SDK printed it', () => {
    expect(first('raise ValueError("Streaming is strongly recommended for operations that may take longer than 10 minutes.")')).toBe('sdk-streaming-required');
    expect(first('Error: streaming is required for operations that may take longer than 10 minutes (max_tokens 64000)')).toBe('sdk-streaming-required');
  });

  it('keeps a real timeout a timeout', () => {
    expect(first('anthropic.APITimeoutError: Request timed out after 600 seconds')).toBe('timeout-504');
  });
});

describe('API keys turned off by the organization', () => {
  it('answers every hint Claude Code appends', () => {
    expect(first('Your organisation has disabled API key authentication · Run /login to sign in with your claude.ai account')).toBe('api-key-auth-disabled');
    expect(first('claude -p fails: Your organization has disabled API key authentication · Unset ANTHROPIC_API_KEY to use your claude.ai account instead'))
      .toBe('api-key-auth-disabled');
  });

  it('keeps the other organization wordings with their entries', () => {
    expect(first('API Error: 400 This organization has been disabled.')).toBe('organization-disabled');
    expect(first('Your organization has disabled Claude subscription access for Claude Code · Use an Anthropic API key instead')).not.toBe('api-key-auth-disabled');
  });
});

describe('a spend limit on the API account', () => {
  it('answers the limit you set and the tier cap as the spend limit, not a plan limit', () => {
    expect(first('400 invalid_request_error: You have reached your specified workspace API usage limits. You will regain access on 2027-02-01 at 00:00 UTC.'))
      .toBe('api-spend-limit');
    expect(first('{"type":"error","error":{"type":"rate_limit_error","message":"You have reached your API usage limits","details":{"error_code":"enforced_spend_limit_reached"}}}'))
      .toBe('api-spend-limit');
  });

  it("keeps a plan's usage limit and a rate limit where they were", () => {
    expect(first("You've hit your usage limit · resets 5pm (Europe/Berlin)")).toBe('usage-limit-subscription');
    expect(first('Error code: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}'))
      .toBe('rate-limit-429');
  });
});

describe('second read: signs that must stay narrow', () => {
  it('keeps a network proxy tool and an official channel out of the relay family', () => {
    expect(first('using Clash proxy on my laptop: Unable to connect to API (ECONNRESET)')).toBe('network-connection');
    expect(first('behind Zscaler proxy at work: API Error: 403 {"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}'))
      .toBe('permission-403');
    // Anthropic's own hosts are not a relay's, whatever the client says failed there.
    expect(first('Request to https://claude.ai/api/organizations failed with 403 Forbidden')).not.toBe('proxy-foreign-error');
    expect(first('通过官方渠道购买的账号，API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}')).toBe('api-error-500');
  });

  it('keeps other AWS services and a deprecation notice out of the Bedrock and model families', () => {
    expect(first('An error occurred (ResourceNotFoundException) when calling the GetItem operation: Requested resource not found (DynamoDB)')).not.toBe('bedrock-setup');
    expect(first("Warning: the model 'claude-3-7-sonnet-20250219' is deprecated and will be retired later")).not.toBe('model-unavailable');
  });
});

describe('second read: a backup question that only mentions errors', () => {
  it('stays a backup-route question', () => {
    expect(first('how do I switch to bedrock when the API has errors')).toBe('backup-bedrock');
    expect(first('vertex as a plan B if Anthropic keeps giving errors?')).toBe('backup-vertex');
  });
});

describe("Claude Code's 1M context entitlement and a held account", () => {
  it('answers both, in the API and Claude Code wordings', () => {
    expect(first('Error: 429 rate_limit_error: Extra usage is required for long context requests (sonnet[1m])')).toBe('long-context-credits');
    expect(first('Error during compaction: API Error: Usage credits required for 1M context · turn on usage credits at claude.ai/settings/usage')).toBe('long-context-credits');
    expect(first('claude -p exited: {"subtype":"error","error":"account_on_hold"}')).toBe('account-on-hold');
  });

  it('keeps a plan limit, a full context and an expired login where they were', () => {
    expect(first("You've hit your weekly limit · resets Mon 12:00am")).toBe('usage-limit-subscription');
    expect(first('API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 1000123 tokens > 1000000 maximum"}}')).toBe('prompt-too-long');
    expect(first('Login expired · Please run /login')).toBe('oauth-expired');
  });
});

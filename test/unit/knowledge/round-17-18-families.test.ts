import { describe, expect, it } from 'vitest';
import { FOREIGN_SERVICE, readRoute } from '../../../src/knowledge/read-route.js';
import { builtinKnowledge, firstEntryId } from './knowledge-fixture.js';

// One case per family rounds 17 and 18 missed (their pastes are in test/fixtures/fix-pastes, rounds 17 and 18); each is
// worded apart from the paste it came from, and each family has a near miss that must still go where it went before.
const first = firstEntryId;

const OVERLOADED = 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}';

describe("whose service answered: a model that is not Claude, or a vendor's own endpoint", () => {
  it.each([
    'Claude Code with kimi-k2-turbo-preview as the model: API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Too many requests"}}',
    'qwen3-coder-plus on DashScope behind Claude Code: API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal error"}}',
    'deepseek-chat through its anthropic endpoint: API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}',
    `MiniMax-M2 in the CLI: ${OVERLOADED}`,
    'ollama serve, model glm-4.7:cloud: API Error: 400 Field required (ref: 0b5c1e2a-1111-4222-8333-944455556666)',
    'Claude Code on the copilot-api provider: API Error: 403 Forbidden for every prompt',
    'unofficial claude.ai wrapper, sessionKey pasted from cookies: fetch https://claude.ai/api/organizations answered 403 Forbidden',
    'Continue with apiBase https://api.continue.dev/model-proxy/v1/ : Model not found for: anthropic/claude-opus-4-5',
  ])("answers %s as the vendor's", (paste) => {
    expect(first(paste)).toBe('proxy-foreign-error');
  });

  it("keeps Anthropic's own wordings that name their fix, whichever vendor carried them", () => {
    expect(first('GLM-4.6 via ANTHROPIC_BASE_URL: API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}')).toBe('prompt-too-long');
    expect(first('qwen3-coder: API Error: 400 messages.4: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01')).toBe('tool-use-mismatch');
    expect(first('kimi-k2 endpoint: API Error: 400 messages.0.content.1.image.source.base64.data: At least one of the image dimensions exceed max allowed size: 8000 pixels')).toBe('image-too-large');
    expect(first('deepseek-v3 relay: API Error: 400 max_tokens: 64000 > 8192, which is the maximum allowed number of output tokens')).toBe('max-tokens-limit');
  });

  it('keeps the near misses where they were', () => {
    // A Claude model named beside Anthropic's own body is Anthropic's answer.
    expect(first(`claude-sonnet-4-5 in the CLI: ${OVERLOADED}`)).toBe('overloaded-529');
    // The user left GLM for Claude: the 529 after that is Anthropic's own.
    expect(first(`I switched from glm-4.6 to Claude yesterday and now get ${OVERLOADED}`)).toBe('overloaded-529');
    // A vendor's model named as the one that works is a comparison, not the route.
    expect(first(`qwen works fine, only Claude fails: ${OVERLOADED}`)).toBe('overloaded-529');
    expect(first('instead of deepseek I call the API directly: API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}')).toBe('authentication-401');
    // A vendor the user tried before, or merely has installed, or a user who says they call Anthropic directly.
    expect(first(`Earlier I tried deepseek; today, on the API directly: ${OVERLOADED}`)).toBe('overloaded-529');
    expect(first(`glm-4.6 was fine for a week, then I went back to my Anthropic key: ${OVERLOADED}`)).toBe('overloaded-529');
    expect(first('I have ollama installed too. API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}')).toBe('authentication-401');
    // Part of another id (a Bedrock id for an OpenAI model) is not the model in use.
    expect(readRoute('The configured model was openai.gpt-5.5 on Bedrock').providers).not.toContain('gateway');
  });

  it('reads the same vendor signs in the route and in proxy-foreign-error', () => {
    const entry = builtinKnowledge().get('proxy-foreign-error');
    expect(entry?.match.providerPatterns).toContain(FOREIGN_SERVICE.source);
    expect(readRoute('model: glm-4.6, API Error: 500').providers).toContain('gateway');
  });
});

describe('the other families rounds 17 and 18 missed', () => {
  it.each([
    ['API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"API key is not valid for this workspace"}}', 'authentication-401'],
    ['Claude desktop behind Netskope: SSL certificate verification error as soon as Code opens', 'tls-certificate'],
    ['The reply stopped because of the max output tokens; raising them did not help', 'max-tokens-limit'],
    ['input length and max_tokens exceed context limit: 190000 + 32000 > 200000', 'prompt-too-long'],
    ['Claude keeps saying propmt is too long after a few turns', 'prompt-too-long'],
    ['调用Claude时提示：服务负载饱和，请稍后再试', 'overloaded-529'],
    ['Claude 接口一直认证失败，换了几个客户端都一样', 'authentication-401'],
    ['APIの認証に失敗しました', 'authentication-401'],
    ['After I turned on "only allow Claude Code clients" in the relay admin, Cursor gets 403', 'proxy-foreign-error'],
    ["httpx.HTTPStatusError: Client error '404 Not Found' for url 'https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-opus-4@20250514:rawPredict' (litellm)", 'vertex-setup'],
    ['Lambda calling Bedrock: UnknownOperationException', 'bedrock-setup'],
    ['Internal Server Error: An error occurred (ValidationException) when calling the InvokeModel operation: The provided model identifier is invalid.', 'bedrock-setup'],
    ['ValidationException: A ContentBlock object at messages.5 is blank; add text (Bedrock Converse, langchain-aws)', 'invalid-request-400'],
    ['Bedrock ConverseStream: ValidationException: The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn.', 'tool-use-mismatch'],
    ['token test failed — API error: model: claude-3-opus-latest', 'model-unavailable'],
    ["{'error': {'message': 'The model `claude-opus-4-1` does not exist', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}", 'model-unavailable'],
    ["POST https://api.anthropic.com/v1/chat/completions 400 - {'error': {'code': 'invalid_request_error', 'message': 'messages: roles must alternate', 'type': 'invalid_request_error', 'param': None}}", 'invalid-request-400'],
    ['my MITM proxy answers 502 upstream unreachable: connect ETIMEDOUT', 'proxy-foreign-error'],
    ['INFO: 127.0.0.1:50122 - "POST /v1/messages HTTP/1.1" 403 Forbidden', 'proxy-foreign-error'],
    ['Every call now fails with 403 even though my account is fine and the key works in curl', 'request-not-allowed-403'],
    ['出现403，账号状态正常，key 也能用', 'request-not-allowed-403'],
  ])('answers %s', (paste, id) => {
    expect(first(paste)).toBe(id);
  });

  it('keeps the near misses where they were', () => {
    expect(first('API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"messages: at least one message is required"}}')).toBe('invalid-request-400');
    // Verification switched off is not a certificate failure.
    expect(first(`SSL cert verification is disabled on my side and I still get ${OVERLOADED}`)).toBe('overloaded-529');
    expect(first(`不是负载饱和，而是 API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`)).toBe('authentication-401');
    // An OAuth failure in Chinese is not an API key's.
    expect(first('OAuth 认证失败')).not.toBe('authentication-401');
    // The network proxy's own authentication (HTTP 407) is not the API key's.
    expect(first('公司代理认证失败，curl 也连不上')).not.toBe('authentication-401');
    expect(first("Client error '400 Bad Request' for url 'https://openrouter.ai/api/v1/messages'")).toBe('proxy-foreign-error');
    expect(first('Bedrock returned InternalServerException (500), retrying')).toBe('bedrock-unavailable');
    expect(first('ValidationException: The provided model identifier is invalid. (Bedrock InvokeModel)')).toBe('bedrock-setup');
    expect(first("{'error': {'message': 'Invalid URL', 'type': 'invalid_request_error', 'param': None}} from https://api.deepseek.com/v1/chat/completions")).toBe('proxy-foreign-error');
    expect(first('read ECONNRESET')).toBe('network-connection');
    expect(first('API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}')).toBe('authentication-401');
    // A permission_error in the body outranks the user's "my account is fine".
    expect(first('API Error: 403 {"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}} my account is fine')).toBe('permission-403');
    // LiteLLM routing to another model group with a smaller output cap is the proxy's mapping.
    expect(first('{"error":{"message":"max_tokens: 21333 > 4096, which is the maximum allowed number of output tokens. Received Model Group=claude-haiku-4-5","type":"None","param":"None","code":"400"}}')).toBe('proxy-foreign-error');
  });
});

import { describe, expect, it } from 'vitest';
import { FOREIGN_SERVICE, NOT_ANTHROPIC_WORDING, readRoute } from '../../../src/knowledge/read-route.js';
import { builtinKnowledge, firstEntryId } from './knowledge-fixture.js';

// One case per family round 30 missed (other apps' wrappers, web-session libraries, Bedrock and Vertex apps; its pastes are in
// test/fixtures/fix-pastes, round 30). Each is worded apart from the paste it came from, and each family has a near miss.
const first = firstEntryId;

describe('another app wrapping a Bedrock or Vertex error', () => {
  it('reads LiteLLM’s provider-prefixed model id as the provider that answered', () => {
    const vertex = 'litellm.APIConnectionError: no ADC found for model "vertex_ai/claude-3-opus@20240229": Your default credentials were not found';
    expect(readRoute(vertex)).toEqual({ providers: ['vertex'], wrappedFrom: 'vertex' });
    expect(first(vertex)).toBe('vertex-setup');
    expect(readRoute('litellm.BadRequestError: model=bedrock/us.anthropic.claude-3-7-sonnet-20250219-v1:0 failed').wrappedFrom).toBe('bedrock');
  });

  it('reads LiteLLM’s BedrockError as Bedrock’s and an unknown cross-region prefix as the model id', () => {
    const paste = 'litellm.llms.bedrock.common_utils.BedrockError: Bedrock HTTPX: Unknown provider=eu, model=eu.anthropic.claude-3-haiku-20240307-v1:0';
    expect(readRoute(paste).providers).toEqual(['bedrock']);
    expect(first(paste)).toBe('bedrock-setup');
  });

  it('keeps a non-Claude model hosted on Bedrock that cloud’s answer, not another vendor’s', () => {
    const paste = 'ValidationException: The maximum tokens you requested exceeds the model limit of 4096 (meta llama3-70b on bedrock)';
    expect(readRoute(paste).providers).not.toContain('gateway');
    expect(first(paste)).toBe('max-tokens-limit');
  });

  it('answers an app’s AWS SSO session token wording and an SDK that wants an API key for Vertex', () => {
    expect(first('cline --provider bedrock: AWS credential provider failed: Session token not found or invalid')).toBe('bedrock-setup');
    expect(first('our Vertex deployment: Could not resolve authentication method from the environment, service account is set')).toBe('vertex-setup');
    expect(first('aider on vertex: vertexai import failed please run `pip install -U google-cloud-aiplatform "anthropic[vertex]"`')).toBe('vertex-setup');
  });

  it('keeps a relay’s LiteLLM proxy (model group) a relay, and a bare "vertex_ai" mention no wrapper', () => {
    expect(readRoute('litellm.ServiceUnavailableError: Received Model Group=vertex_ai/claude-3-5-sonnet').wrappedFrom).toBeNull();
    expect(readRoute('I read the vertex_ai docs, then got 401 invalid x-api-key').wrappedFrom).toBeNull();
  });
});

describe('a model the person switched to after the error', () => {
  it('does not read "switched to gpt-5 for now" or "gemini-2.5 meanwhile" as the service that answered', () => {
    const switched = 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}} so I switched to gpt-5 for now';
    expect(FOREIGN_SERVICE.test(switched)).toBe(false);
    expect(first(switched)).toBe('overloaded-529');
    expect(FOREIGN_SERVICE.test('Claude Code keeps answering 500, using gemini-2.5-pro meanwhile')).toBe(false);
  });

  it('still reads a non-Claude model as the one that answered', () => {
    expect(FOREIGN_SERVICE.test('the gpt-5 endpoint behind my switcher answers API Error: 400')).toBe(true);
    expect(FOREIGN_SERVICE.test('requests to gemini-2.5-pro fail with 429')).toBe(true);
  });
});

describe('unofficial claude.ai web-session libraries', () => {
  it('reads a SESSION_KEY client and claude.ai’s bare "Invalid authorization" as no Claude API answer', () => {
    expect(first('c = ClaudeClient(SESSION_KEY)\nerror: {"type":"permission_error","message":"Invalid authorization"}')).toBe('proxy-foreign-error');
    expect(NOT_ANTHROPIC_WORDING.test("{'error': {'type': 'permission_error', 'message': 'Invalid authorization'}}")).toBe(true);
    expect(builtinKnowledge().get('proxy-foreign-error')?.match.patterns).toContain(NOT_ANTHROPIC_WORDING.source);
  });

  it('lets a location refusal win over the library', () => {
    expect(first('my sessionKey is fresh but: permission_error We are unable to serve your request')).toBe('request-not-allowed-403');
  });

  it('keeps the API’s own organization refusal a permission', () => {
    expect(first('Error: 403 {"type":"error","error":{"type":"permission_error","message":"Invalid authorization for organization"}}')).toBe('permission-403');
  });
});

describe('another app’s own service in between', () => {
  it('answers a Copilot plugin’s rate limit, Kilo’s gateway and Zed’s hosted completion failure as that service’s', () => {
    expect(first('GitHub Copilot extension for VS Code with Claude Opus: you reached the rate limit, please try again later')).toBe('proxy-foreign-error');
    expect(first('picked kilo gateway in the menu and it answered Unexpected server error. Check server logs')).toBe('proxy-foreign-error');
    expect(first('completion request failed. request_id: 0a1b2c3d, code: internal_server_error, message: boom')).toBe('proxy-foreign-error');
    expect(first('claude-proxy 转发时报错：负载已经达到上限')).toBe('proxy-foreign-error');
  });

  it('keeps Claude Code’s own rate limit and usage limit with a subscription where they were', () => {
    expect(first('API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}')).toBe('rate-limit-429');
    expect(first('Claude Code on my Max plan: Claude usage limit reached. Your limit will reset at 5pm')).toBe('usage-limit-subscription');
  });
});

describe('the person’s own words for an Anthropic error', () => {
  it('answers "overload error from Anthropic", "says I have no credits" and an output token limit', () => {
    expect(first('keep getting an overload error from Anthropic on Opus')).toBe('overloaded-529');
    expect(first('the app tells me there are no credits on my Claude API account, the console shows $40')).toBe('credit-balance-api-key');
    expect(first('answers stop halfway: we keep hitting the output token limit on Bedrock with anthropic.claude-3-haiku-20240307-v1:0')).toBe(
      'max-tokens-limit',
    );
    expect(first('Claude API not available in Brazil? see https://www.anthropic.com/supported-countries')).toBe('request-not-allowed-403');
  });

  it('keeps a 401 from Anthropic with no relay named the refused key, and "not overloaded" no overload', () => {
    expect(first('API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}')).toBe('authentication-401');
    expect(first('the supported-countries page lists Canada, yet I get 401 invalid x-api-key')).toBe('authentication-401');
  });
});

describe('a subscription login in another agent app', () => {
  it('answers a setup-token in another app refused with 401 as a credential used elsewhere, and its failed refresh as the expired login', () => {
    expect(first('opencode with my sk-ant-oat01- token from `claude setup-token`: 401 Invalid bearer token')).toBe('subscription-credential-elsewhere');
    expect(first('ERROR failed to refresh OAuth token for provider anthropic: status 400 invalid_grant')).toBe('oauth-expired');
  });

  it('keeps a setup-token refused inside Claude Code’s own GitHub Action the refused key', () => {
    expect(first('token from claude setup-token stored as a secret; the action fails with API Error: 401 Invalid bearer token')).toBe('authentication-401');
  });
});

describe('a Bedrock or Vertex app’s first steps', () => {
  it('answers an error on the first question in a Bedrock app as setup, and a service account’s 401 in us-east5 as Vertex setup', () => {
    expect(first('Bedrock の社内チャットを立ち上げたが、最初のメッセージからエラーが表示される')).toBe('bedrock-setup');
    expect(readRoute('project in us-east5, claude enabled').providers).toEqual(['vertex']);
    expect(first('made a service account with the Vertex AI User role in us-east5 and get 401 every time')).toBe('vertex-setup');
  });

  it('keeps a question about Bedrock as a backup route the backup, and a relay in us-east5 the relay', () => {
    expect(first('can we switch Claude Code to Bedrock while the API is down?')).toBe('backup-bedrock');
    expect(readRoute('new-api 渠道 us-east5 返回 401').providers).toContain('gateway');
  });
});

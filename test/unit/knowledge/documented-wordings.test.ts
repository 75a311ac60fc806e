import { describe, expect, it } from 'vitest';
import { builtinRules as builtinKnowledge } from './knowledge-fixture.js';

/*
 * Every error text Anthropic's own docs (and the cloud providers' for their exceptions) print, as printed, with the
 * entry that must answer it first. Unseen pastes are mostly these wordings, so each row names the page it is from
 * (read 2026-12-03). "<…>" placeholders in the docs are filled with a plausible value.
 */
const ERRORS = 'https://code.claude.com/docs/en/errors';
const INSTALL = 'https://code.claude.com/docs/en/troubleshoot-install';
const BEDROCK = 'https://code.claude.com/docs/en/amazon-bedrock';
const VERTEX = 'https://code.claude.com/docs/en/google-vertex-ai';
const GATEWAY = 'https://code.claude.com/docs/en/llm-gateway-connect';
const APPS_GATEWAY = 'https://code.claude.com/docs/en/claude-apps-gateway-config';
const API = 'https://platform.claude.com/docs/en/api/errors';
const AWS_ERRORS = 'https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html';
const VERTEX_ERRORS = 'https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/api-errors';
const RATE_LIMITS = 'https://platform.claude.com/docs/en/api/rate-limits';
const PYTHON_SDK = 'https://platform.claude.com/docs/en/cli-sdks-libraries/sdks/python';

type Row = [message: string, expected: string, source: string];

const ROWS: Row[] = [
  // Claude Code error reference: server errors and retries.
  ['API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again in a moment. If it persists, check https://status.claude.com.', 'api-error-500', ERRORS],
  ['API Error: Repeated 529 Overloaded errors. The API is at capacity — this is usually temporary. Try again in a moment. If it persists, check https://status.claude.com.', 'overloaded-529', ERRORS],
  ['Opus is experiencing high load, please use /model to switch to Sonnet', 'overloaded-529', ERRORS],
  ['Fable is experiencing high load, please use /model to switch to Opus', 'overloaded-529', ERRORS],
  ['Request timed out', 'timeout-504', ERRORS],
  ['API Error: Server error mid-response. The response above may be incomplete.', 'api-error-500', ERRORS],
  ['API Error: Connection lost mid-response. The response above may be incomplete.', 'network-connection', ERRORS],
  ['API Error: Your computer went to sleep mid-response. The response above may be incomplete.', 'network-connection', ERRORS],
  ['Connection closed mid-response', 'network-connection', ERRORS],
  ['Connection lost before a response was produced', 'network-connection', ERRORS],
  ['Your computer went to sleep before a response was produced', 'network-connection', ERRORS],
  ['Connection lost while your computer was asleep', 'network-connection', ERRORS],
  ['Response stalled mid-stream', 'network-connection', ERRORS],
  ['API Error: The response stopped arriving. The response above may be incomplete.', 'network-connection', ERRORS],
  ['Sonnet 4.6 is temporarily unavailable, so auto mode cannot determine the safety of Bash right now. Wait a moment and then try this action again.', 'auto-mode-unavailable', ERRORS],
  ['Auto mode could not evaluate this action and is blocking it for safety — run with --debug for details', 'auto-mode-unavailable', ERRORS],
  // Usage limits.
  ["You've hit your session limit · resets 3:45pm", 'usage-limit-subscription', ERRORS],
  ["You've hit your weekly limit · resets Mon 12:00am", 'usage-limit-subscription', ERRORS],
  ["You've hit your Opus limit · resets 3:45pm", 'usage-limit-subscription', ERRORS],
  ['API Error: Server is temporarily limiting requests (not your usage limit)', 'rate-limit-429', ERRORS],
  ['API Error: Request rejected (429) · this may be a temporary capacity issue. If it persists, check https://status.claude.com.', 'rate-limit-429', ERRORS],
  ['Credit balance is too low', 'credit-balance-api-key', ERRORS],
  // Authentication.
  ['Not logged in · Please run /login', 'login-required', ERRORS],
  ['Could not resolve authentication method. Expected one of apiKey, authToken, credentials, config, or profile to be set. Or for one of the "X-Api-Key" or "Authorization" headers to be explicitly omitted', 'login-required', ERRORS],
  ['Invalid API key · Fix external API key', 'authentication-401', ERRORS],
  ['Invalid auth token · Fix external auth token · Invalid Authorization header value from ANTHROPIC_AUTH_TOKEN: it contains a line break at character 41 (120 characters on 2 lines).', 'authentication-401', ERRORS],
  ['Your ANTHROPIC_API_KEY belongs to a disabled organization · Unset the environment variable to use your subscription instead', 'organization-disabled', ERRORS],
  ['Your ANTHROPIC_API_KEY belongs to a disabled organization · Update or unset the environment variable', 'organization-disabled', ERRORS],
  ['API Error: 400 This organization has been disabled.', 'organization-disabled', ERRORS],
  ['Your organization has disabled Claude subscription access for Claude Code · Use an Anthropic API key instead, or ask your admin to enable access', 'permission-403', ERRORS],
  ["Your account is on hold and can't use Claude Code. View details or appeal: https://claude.ai/restricted", 'account-on-hold', ERRORS],
  ["Your account is on hold and can't sign in to Claude Code. View details or appeal: https://claude.ai/restricted", 'account-on-hold', ERRORS],
  ['API Error: Usage credits required for 1M context · run /usage-credits to turn them on, or /model to switch to standard context', 'long-context-credits', ERRORS],
  ['Your organization has disabled API key authentication · Run /login to sign in with your claude.ai account', 'api-key-auth-disabled', ERRORS],
  ['Your organization has disabled API key authentication · Unset ANTHROPIC_API_KEY to use your claude.ai account instead', 'api-key-auth-disabled', ERRORS],
  ['Your organization has disabled API key authentication · Unset ANTHROPIC_API_KEY and run /login to sign in with your claude.ai account', 'api-key-auth-disabled', ERRORS],
  ['Your organization has disabled API key authentication · Unset the apiKeyHelper setting and run /login to sign in with your claude.ai account', 'api-key-auth-disabled', ERRORS],
  ['OAuth token revoked · Please run /login', 'oauth-expired', ERRORS],
  ['OAuth token has expired · Please run /login', 'oauth-expired', ERRORS],
  ['Please run /login · API Error: 401 Invalid authentication credentials', 'authentication-401', ERRORS],
  ['Login expired · Please run /login', 'oauth-expired', ERRORS],
  ['Failed to authenticate: OAuth session expired and could not be refreshed', 'oauth-expired', ERRORS],
  ['Remote Control disconnected — Claude.ai login expired — run /login to restore Remote Control', 'oauth-expired', ERRORS],
  ['OAuth token does not meet scope requirement: user:profile', 'oauth-expired', ERRORS],
  ['AWS credentials expired or invalid · run /login and select "Claude Platform on AWS · refresh credentials", or run `aws sso login --profile myprofile` in another terminal · API Error: 401', 'bedrock-setup', ERRORS],
  ['AWS authentication failed · run /login and select "Claude Platform on AWS · refresh credentials", or run `aws sso login --profile myprofile` in another terminal · if credentials are current, check AWS permissions and model access · API Error: 403', 'bedrock-setup', ERRORS],
  ['API Error: AWS default-chain credential resolve timed out', 'bedrock-setup', ERRORS],
  ['Could not load AWS credentials', 'bedrock-setup', ERRORS],
  ['Google Cloud credentials expired or invalid', 'vertex-setup', ERRORS],
  ['Google Cloud authentication failed', 'vertex-setup', ERRORS],
  ['Could not load Google Cloud credentials', 'vertex-setup', ERRORS],
  // Network and connection.
  ['Unable to connect to API. Check your internet connection', 'network-connection', ERRORS],
  ['Connection refused — a firewall or proxy may be blocking it (ConnectionRefused)', 'network-connection', ERRORS],
  ["Can't reach the API server — check your internet or DNS (ENOTFOUND)", 'network-connection', ERRORS],
  ['No internet route — check your connection or VPN (EHOSTUNREACH)', 'network-connection', ERRORS],
  ["Couldn't connect through your proxy (ERR_PROXY_TUNNEL)", 'network-connection', ERRORS],
  ['Connection dropped (ECONNRESET)', 'network-connection', ERRORS],
  ['Request timed out. Check your internet connection and proxy settings', 'network-connection', ERRORS],
  ['Unable to connect to Anthropic services\nFailed to connect to api.anthropic.com: ECONNREFUSED', 'network-connection', ERRORS],
  ['Connection to api.anthropic.com timed out after 10 seconds', 'network-connection', ERRORS],
  ['Socket is closed', 'network-connection', ERRORS],
  ['API returned an empty or malformed response (HTTP 200) — check for a proxy or gateway intercepting the request.', 'proxy-foreign-error', ERRORS],
  ['Unable to connect to API: SSL certificate verification failed. Check your proxy or corporate SSL certificates', 'tls-certificate', ERRORS],
  ['Unable to connect to API: Self-signed certificate detected', 'tls-certificate', ERRORS],
  ['SSL certificate error (UNABLE_TO_GET_ISSUER_CERT_LOCALLY). If you are behind a corporate proxy or TLS-intercepting firewall, set NODE_EXTRA_CA_CERTS to your CA bundle path, or ask IT to allowlist *.anthropic.com. Run `claude doctor` for details.', 'tls-certificate', ERRORS],
  // Request errors.
  ['Prompt is too long', 'prompt-too-long', ERRORS],
  ['Context limit reached · /compact or /clear to continue', 'prompt-too-long', ERRORS],
  ['Prompt is too long · automatic compaction failed: Conversation too long', 'prompt-too-long', ERRORS],
  ['Context exceeds the 200k-token limit by 94k tokens — run /compact or /clear to continue.', 'prompt-too-long', ERRORS],
  ['Context is 94k tokens past the 200k-token compaction window — run /compact to reduce usage.', 'prompt-too-long', ERRORS],
  ['Error during compaction: Conversation too long. Press esc twice to go up a few messages and try again.', 'prompt-too-long', ERRORS],
  ['Request too large (max 32MB). Accumulated images and attachments in the conversation pushed the request over the limit. Run /compact, or double press esc to go back and remove attachments.', 'request-too-large-413', ERRORS],
  ['Image was too large. Double press esc to go back and try again with a smaller image.', 'image-too-large', ERRORS],
  ['API Error: 400 image dimensions exceed max allowed size', 'image-too-large', ERRORS],
  ['Unable to resize image — dimensions exceed the 2000x2000px limit and image processing failed. Please resize the image to reduce its pixel count.', 'image-too-large', ERRORS],
  ['API Error: 400 context_management: Extra inputs are not permitted', 'invalid-request-400', ERRORS],
  ["There's an issue with the selected model (claude-sonnet-9). It may not exist or you may not have access to it. Run /model to pick a different model.", 'model-unavailable', ERRORS],
  ['Model "claud-sonnet-5" is not a recognized model id. Did you mean \'claude-sonnet-5\'?', 'model-unavailable', ERRORS],
  ['Claude Opus is not available with the Claude Pro plan. If you have updated your subscription plan recently, run /logout and /login for the plan to take effect.', 'model-unavailable', ERRORS],
  ['API Error: 400 max_tokens must be greater than thinking.budget_tokens', 'max-tokens-limit', ERRORS],
  ['API Error: 400 due to tool use concurrency issues. Run /rewind to recover the conversation.', 'tool-use-mismatch', ERRORS],
  ['API Error: 400 messages.3.content.0: unexpected `tool_use_id` found in `tool_result` blocks', 'tool-use-mismatch', ERRORS],
  ['API Error: 400 orphaned tool_result in conversation history', 'tool-use-mismatch', ERRORS],
  ['API Error: 400 duplicate tool_use ID in conversation history', 'tool-use-mismatch', ERRORS],
  ['API Error: 400 messages.5.content.0: thinking blocks in the latest assistant message cannot be modified', 'tool-use-mismatch', ERRORS],
  ["API Error: Opus 4.6 can't help with this. Start a new session to continue.", 'usage-policy-refusal', ERRORS],
  ['Claude Code is unable to respond to this request, which appears to violate our Usage Policy', 'usage-policy-refusal', ERRORS],
  ["API Error: Opus 4.8's safeguards flagged this message. Our intentionally broad safeguards allow us to deliver more capabilities faster, but can sometimes flag legitimate cybersecurity work.", 'usage-policy-refusal', ERRORS],
  ['API Error: Output blocked by content filtering policy', 'usage-policy-refusal', ERRORS],
  // Installation and login troubleshooting.
  ['App unavailable in region', 'request-not-allowed-403', INSTALL],
  ['unable to get local issuer certificate', 'tls-certificate', INSTALL],
  ['Could not load credentials from any providers', 'bedrock-setup', INSTALL],
  // The Bedrock and Vertex pages' troubleshooting.
  ["ValidationException: Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn't supported.", 'bedrock-setup', BEDROCK],
  ['Bedrock streaming response has content-type "text/event-stream"; expected "application/vnd.amazon.eventstream". A gateway or proxy between Claude Code and Bedrock is likely transforming the response body', 'proxy-foreign-error', BEDROCK],
  ['API Error: Truncated event message received', 'proxy-foreign-error', BEDROCK],
  ['Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information. (CLAUDE_CODE_USE_VERTEX=1)', 'vertex-setup', VERTEX],
  // The LLM gateway page's troubleshooting table: the gateway's own wordings.
  ['API Error: 400 litellm.BadRequestError: ContextWindowExceededError: the request is over the deployment limit', 'gateway-context-overflow', GATEWAY],
  ['API Error: 400 prompt token count of 140213 exceeds the limit of 128000', 'gateway-context-overflow', GATEWAY],
  ["API Error: 400 thinking: Input tag 'adaptive' found using 'type' does not match any of the expected tags: 'disabled', 'enabled'", 'proxy-foreign-error', GATEWAY],
  ['ANTHROPIC_BASE_URL=https://llm-gw.corp.example\nAPI Error: 403 <html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center></body></html>', 'proxy-foreign-error', GATEWAY],
  // Claude apps gateway: its own copy for its upstreams' answers, and its operator's spend cap.
  ['API Error: 429 upstream rate limit exceeded', 'proxy-foreign-error', APPS_GATEWAY],
  ['API Error: 502 all upstreams failed (3 attempted)', 'proxy-foreign-error', APPS_GATEWAY],
  ['API Error: 400 upstream rejected the request', 'proxy-foreign-error', APPS_GATEWAY],
  ['API Error: 400 capability_rejected: prompt_too_long', 'prompt-too-long', APPS_GATEWAY],
  ['API Error: 413 request too large for this upstream', 'request-too-large-413', APPS_GATEWAY],
  ['API Error: 429 spend limit reached (daily; resets 2026-08-09 00:00 UTC)', 'proxy-foreign-error', ERRORS],
  ['spend limit unavailable', 'proxy-foreign-error', ERRORS],
  // The Claude API's error types, in their documented envelope.
  ['{"type":"error","error":{"type":"invalid_request_error","message":"messages: field required"}}', 'invalid-request-400', API],
  ['{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}', 'authentication-401', API],
  ['{"type":"error","error":{"type":"billing_error","message":"There is an issue with your billing or payment information."}}', 'billing-402', API],
  ['{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}', 'permission-403', API],
  ['{"type":"error","error":{"type":"not_found_error","message":"The requested resource was not found."}}', 'not-found-404', API],
  ['{"type":"error","error":{"type":"conflict_error","message":"The request conflicts with the current state of the resource."}}', 'conflict-409', API],
  ['{"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}', 'request-too-large-413', API],
  ['{"type":"error","error":{"type":"rate_limit_error","message":"Your account has hit a rate limit."}}', 'rate-limit-429', API],
  // Rate limits page: the tier's monthly spend cap (429, enforced_spend_limit_reached) and a limit you set (400).
  ['{"type":"error","error":{"type":"rate_limit_error","message":"You have reached your API usage limits: your organization has crossed its monthly API usage threshold, set based on your organization\'s API tier. You will regain access on 2026-09-01 at 00:00 UTC.","details":{"error_code":"enforced_spend_limit_reached"}}}', 'api-spend-limit', RATE_LIMITS],
  ['{"type":"error","error":{"type":"invalid_request_error","message":"You have reached your specified API usage limits. You will regain access on 2026-09-01 at 00:00 UTC."}}', 'api-spend-limit', RATE_LIMITS],
  ['{"type":"error","error":{"type":"invalid_request_error","message":"You have reached your specified workspace API usage limits. You will regain access on 2026-09-01 at 00:00 UTC."}}', 'api-spend-limit', RATE_LIMITS],
  // Python SDK, Long requests: the ValueError for a non-streaming request expected to take over about 10 minutes.
  ['ValueError: Streaming is strongly recommended for operations that may take longer than 10 minutes. See https://github.com/anthropics/anthropic-sdk-python#long-requests for more details', 'sdk-streaming-required', PYTHON_SDK],
  ['{"type":"error","error":{"type":"api_error","message":"An unexpected error has occurred internal to Anthropic\'s systems."}}', 'api-error-500', API],
  ['{"type":"error","error":{"type":"timeout_error","message":"The request timed out while processing."}}', 'timeout-504', API],
  ['{"type":"error","error":{"type":"overloaded_error","message":"The API is temporarily overloaded."}}', 'overloaded-529', API],
  // Bedrock's documented API error codes, as botocore prints them (HTTP status and cause from the troubleshooting page).
  ['An error occurred (ThrottlingException) when calling the InvokeModel operation: Your request was denied due to exceeding the account quotas for Amazon Bedrock.', 'bedrock-quota', AWS_ERRORS],
  ['An error occurred (ServiceQuotaExceededException) when calling the InvokeModel operation: Your request exceeds the service quota for your account.', 'bedrock-quota', AWS_ERRORS],
  ['An error occurred (AccessDeniedException) when calling the InvokeModel operation: You do not have sufficient permissions to perform the requested action.', 'bedrock-setup', AWS_ERRORS],
  ['An error occurred (ResourceNotFoundException) when calling the InvokeModel operation: Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model.', 'bedrock-setup', AWS_ERRORS],
  ['An error occurred (IncompleteSignature) when calling the InvokeModel operation: The request signature does not conform to AWS standards.', 'bedrock-setup', AWS_ERRORS],
  ['An error occurred (ServiceUnavailableException) when calling the InvokeModel operation: The service isn\'t currently available.', 'bedrock-unavailable', AWS_ERRORS],
  ['An error occurred (InternalServerException) when calling the InvokeModel operation: The request processing has failed due to a server error', 'bedrock-unavailable', AWS_ERRORS],
  ['An error occurred (ModelNotReadyException) when calling the InvokeModel operation: The model specified in the request is not ready to serve inference requests.', 'bedrock-unavailable', AWS_ERRORS],
  ['An error occurred (ModelTimeoutException) when calling the InvokeModel operation: The request took too long to process. Processing time exceeded the model timeout length.', 'bedrock-unavailable', AWS_ERRORS],
  ['An error occurred (ModelErrorException) when calling the InvokeModel operation: The request failed due to an error while processing the model.', 'bedrock-unavailable', AWS_ERRORS],
  // Vertex AI's documented API errors, in Google's error shape.
  ['{"error":{"code":429,"message":"Resource exhausted, please try again later. (aiplatform.googleapis.com)","status":"RESOURCE_EXHAUSTED"}}', 'vertex-quota', VERTEX_ERRORS],
  ['{"error":{"code":429,"message":"Too many requests. Exceeded the Provisioned Throughput. (aiplatform.googleapis.com)","status":"RESOURCE_EXHAUSTED"}}', 'vertex-quota', VERTEX_ERRORS],
  ['{"error":{"code":403,"message":"Permission \'aiplatform.endpoints.predict\' denied on resource \'//aiplatform.googleapis.com/projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5\'.","status":"PERMISSION_DENIED"}}', 'vertex-setup', VERTEX_ERRORS],
  ['{"error":{"code":401,"message":"Request had invalid authentication credentials. Expected OAuth 2 access token. (aiplatform.googleapis.com)","status":"UNAUTHENTICATED"}}', 'vertex-setup', VERTEX_ERRORS],
  ['{"error":{"code":404,"message":"Publisher Model `projects/my-project/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5@20250929` not found.","status":"NOT_FOUND"}}', 'vertex-setup', VERTEX_ERRORS],
  ['{"error":{"code":503,"message":"The service is currently unavailable. (aiplatform.googleapis.com)","status":"UNAVAILABLE"}}', 'vertex-unavailable', VERTEX_ERRORS],
  ['{"error":{"code":500,"message":"Internal error encountered. (aiplatform.googleapis.com)","status":"INTERNAL"}}', 'vertex-unavailable', VERTEX_ERRORS],
];

describe('documented error wordings', () => {
  const knowledge = builtinKnowledge();

  it('holds at least 60 rows, each from a named primary page', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
    for (const [, , source] of ROWS) expect(source).toMatch(/^https:\/\/(?:code\.claude\.com|platform\.claude\.com|docs\.aws\.amazon\.com|cloud\.google\.com)\//);
  });

  it.each(ROWS)('answers %s with %s', (message, expected) => {
    expect(knowledge.get(expected), `no entry ${expected}`).toBeDefined();
    expect(knowledge.lookup(message).best?.entry.id ?? null).toBe(expected);
  });
});

// Each wording added for the rows above, next to a text that shares its words but must not move.
const NEAR_MISSES: Array<[message: string, expected: string | null]> = [
  // "is experiencing high load" only for a model's name.
  ['our build server is experiencing high load today', null],
  // Sleep only as the stream notice, not a remark beside another error.
  ['API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}} (my computer went to sleep later)', 'overloaded-529'],
  // A gateway's own limit wording is the gateway's; Anthropic's own count ("N tokens > M maximum") is the context itself.
  ['API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 203000 tokens > 200000 maximum"}}', 'prompt-too-long'],
  // A user's own words about a spend limit are not the gateway's cap notice.
  ['Our spend limit reached its cap yesterday and was raised; now every call says API Error: 500 Internal server error', 'api-error-500'],
  // A 403 page with no gateway in the paste is still a location refusal.
  ['API Error: 403 <html><head><title>403 Forbidden</title></head><body>403 Forbidden</body></html>', 'request-not-allowed-403'],
  // An OAuth token the API calls invalid stays the token's entry, not the auth-token variable.
  ['OAuth error: invalid oauth token', 'oauth-expired'],
  // An AWS SSO login that expired is the Bedrock credentials, not Claude's login.
  ['AWS SSO login expired: Token has expired and refresh failed', 'bedrock-setup'],
  // Google's credential wording is Vertex's, not Bedrock's, and the reverse.
  ['Google Cloud credentials expired or invalid · API Error: 401', 'vertex-setup'],
  ['AWS credentials expired or invalid · API Error: 401', 'bedrock-setup'],
  // Another AWS service's signature or server failure does not name Bedrock.
  ['SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided (S3 PutObject)', null],
  ['An error occurred (InternalServerException) when calling the PutItem operation (DynamoDB)', null],
  // A relay's Google-shaped 401 is the relay's; Anthropic's own 401 is still the key.
  ['{"error":{"code":401,"message":"API key not valid","status":"UNAUTHENTICATED"}} from https://relay.example.com/v1/messages', 'proxy-foreign-error'],
  ['API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}', 'authentication-401'],
  // A plan's usage window is not the context, and a cloud region's model list is not a location refusal.
  ['Usage limit reached · resets 5pm', 'usage-limit-subscription'],
  ['The model claude-sonnet-4-5 is not available in this region', 'model-unavailable'],
  // A Bedrock outage on the streaming call is Bedrock's, not a gateway rewriting the stream.
  ['An error occurred (ServiceUnavailableException) when calling the InvokeModelWithResponseStream operation: The service is unavailable.', 'bedrock-unavailable'],
];

describe('near misses of the documented wordings', () => {
  const knowledge = builtinKnowledge();
  it.each(NEAR_MISSES)('answers %s with %s', (message, expected) => {
    expect(knowledge.lookup(message).best?.entry.id ?? null).toBe(expected);
  });
});

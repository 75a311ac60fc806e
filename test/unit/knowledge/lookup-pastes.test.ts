import { describe, expect, it } from 'vitest';
import { builtinRules as builtinKnowledge } from './knowledge-fixture.js';

const ESC = '\u001b';
const red = (text: string): string => `${ESC}[31m${text}${ESC}[39m`;

/**
 * Pastes shaped like what people post in chat and in anthropics/claude-code issues:
 * wrapped by the terminal, coloured, fenced, truncated, with Claude Code's glyphs and retry lines.
 */
const CASES: Array<{ name: string; paste: string; id: string; status?: number; requestId?: string }> = [
  // 500
  {
    name: 'full 500 body',
    paste: 'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"},"request_id":"req_011CXmPEnrV5B6xsTNUfkJBs"}',
    id: 'api-error-500',
    status: 500,
    requestId: 'req_011CXmPEnrV5B6xsTNUfkJBs',
  },
  {
    name: '500 wrapped mid-identifier by the terminal, with the ⎿ glyph',
    paste: 'hi\n  ⎿ API Error: 500 {"type":"error","error":{"type":"api_\n    error","message":"Internal server                   \n    error"},"request_id":"req_011CXmPDXt3akdhtqcAggngS"}',
    id: 'api-error-500',
    requestId: 'req_011CXmPDXt3akdhtqcAggngS',
  },
  { name: 'bare code', paste: '500', id: 'api-error-500', status: 500 },
  { name: '500 in backticks from Slack', paste: '`API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}`', id: 'api-error-500' },
  {
    name: '500 in a fenced block with language',
    paste: '```shell\nAPI Error: 500\n     {"type":"error","error":{"type":"api_error","message":"Internal server\n     error"},"request_id":"req_011Ca5jgNCxyhD3tkWe2uNr3"}\n```',
    id: 'api-error-500',
    requestId: 'req_011Ca5jgNCxyhD3tkWe2uNr3',
  },
  {
    name: '500 truncated JSON',
    paste: 'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal ser',
    id: 'api-error-500',
    status: 500,
  },
  {
    name: '500 as escaped JSON inside a bug report errors array',
    paste: '[{"error":"Error: 500 {\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"api_error\\",\\"message\\":\\"Internal server error\\"},\\"request_id\\":\\"req_011CXmPn4sWVBtPcXwdGzwZ7\\"}\\n    at g4.generate (file:///usr/local/lib/node_modules/@anthropic-ai/claude-code/cli.js:404:8909)","timestamp":"2026-02-03T15:44:34.389Z"}]',
    id: 'api-error-500',
    status: 500,
    requestId: 'req_011CXmPn4sWVBtPcXwdGzwZ7',
  },
  { name: 'newer Claude Code wording', paste: 'API Error: 500 Internal server error. This is a server-side issue, usually temporary — try again in a moment. If it persists, check status.claude.com.', id: 'api-error-500' },
  // 529
  {
    name: '529 with ANSI colour codes',
    paste: red('API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CZTL4nhJHacjs381KS9GM"}'),
    id: 'overloaded-529',
    requestId: 'req_011CZTL4nhJHacjs381KS9GM',
  },
  {
    name: '529 retry lines',
    paste: '⎿  API Error (529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":null}) · Retrying in 4 seconds… (attempt 4/10)\n  ⎿  API Error: Operation aborted',
    id: 'overloaded-529',
    status: 529,
  },
  { name: 'new retry line format', paste: '✻ 529 Overloaded · Retrying in 8s · attempt 3/10  ⎿  If it persists, check https://status.claude.com.', id: 'overloaded-529', status: 529 },
  { name: 'ANSI with the ESC byte lost in copy', paste: '[1m[31mAPI Error: 529[0m Overloaded. This is a server-side issue', id: 'overloaded-529', status: 529 },
  { name: 'name only', paste: 'overloaded', id: 'overloaded-529' },
  { name: 'message with a docs link wrapped', paste: 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded.\nhttps://docs.claude.com/en/api/errors"},"request_id":"req_011CZTEFvft13DajMTp9pp64"}', id: 'overloaded-529' },
  { name: 'repeated 529 summary', paste: 'API Error: Repeated 529 Overloaded errors', id: 'overloaded-529' },
  // 429 and limits
  { name: 'name: rate limit', paste: 'rate limit', id: 'rate-limit-429' },
  {
    name: 'per-minute token rate limit',
    paste: 'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization (abc) of 450,000 input tokens per minute."}}',
    id: 'rate-limit-429',
  },
  { name: 'Request rejected (429)', paste: 'Request rejected (429) · Server is temporarily limiting requests (not your usage limit)', id: 'rate-limit-429', status: 429 },
  { name: 'subscription limit with reset time', paste: "You've hit your limit · resets 8pm (Africa/Cairo)", id: 'usage-limit-subscription' },
  { name: 'subscription limit with curly apostrophe', paste: 'You’ve hit your session limit · resets 12:50am (America/Los_Angeles)', id: 'usage-limit-subscription' },
  {
    name: 'subscription limit message next to its 429 JSON',
    paste: "You've hit your limit · resets 4:50am (Europe/Rome)\n[{\"error\":\"Error: 429 {\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":\\\"rate_limit_error\\\",\\\"message\\\":\\\"This request would exceed your account's rate limit. Please try again later.\\\"}}\"}]",
    id: 'usage-limit-subscription',
  },
  { name: 'claude.ai style limit', paste: 'You’ve hit your limit for Claude messages. Limits will reset at 9:30 AM.', id: 'usage-limit-subscription' },
  // 400 family
  { name: 'prompt is too long, wrapped', paste: 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 207406 tokens >\n     200000 maximum"}}', id: 'prompt-too-long' },
  { name: 'prompt is too long, name only', paste: 'prompt is too long', id: 'prompt-too-long' },
  { name: 'compaction failure', paste: 'Error: Error during compaction: Error: Conversation too long. Press esc twice to go up a few messages and try again.', id: 'prompt-too-long' },
  {
    name: 'tool_use without tool_result, wrapped with backticks',
    paste: 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"messages.105: `tool_use` ids were found without \n     `tool_result` blocks immediately after: toolu_01M4XoM94B3RMyU4V5ehxVfo.\n     Each `tool_use` block must have a corresponding `tool_result` block in\n     the next message."}}',
    id: 'tool-use-mismatch',
    status: 400,
  },
  { name: 'credit balance on a subscription', paste: 'Credit balance is too low · Add funds: https://platform.claude.com/settings/billing', id: 'credit-balance-api-key' },
  {
    name: 'image over 5 MB wrapped inside "messages"',
    paste: 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"message\n    s.120.content.0.image.source.base64: image exceeds 5 MB maximum: 9427836 bytes > 5242880 \n    bytes"}}',
    id: 'image-too-large',
  },
  { name: 'image inside a tool_result path', paste: 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"messages.16.content.2.tool_result.content.0.image.source.base64: image exceeds 5 MB maximum: 6521204 bytes > 5242880 bytes"}}', id: 'image-too-large' },
  { name: 'unreadable image', paste: 'could not process image', id: 'image-too-large' },
  {
    name: 'usage policy refusal, wrapped',
    paste: '⎿ API Error: Claude Code is unable to respond to this request, which appears to violate\n     our Usage Policy (https://www.anthropic.com/legal/aup). Please double press esc to\n    edit your last message or start a new session for Claude Code to assist with a\n    different task.',
    id: 'usage-policy-refusal',
  },
  { name: 'max_tokens over the model limit', paste: 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: 64000 > 32000, which is the maximum allowed number of output tokens for claude-opus-4-20250514"}}', id: 'max-tokens-limit' },
  { name: 'response hit the output cap', paste: "API Error: Claude's response exceeded the 32000 output token maximum. To configure this behavior, set the\n     CLAUDE_CODE_MAX_OUTPUT_TOKENS environment variable.", id: 'max-tokens-limit' },
  // auth
  { name: 'OAuth expired, wrapped', paste: 'API Error: 401 \n    {"type":"error","error":{"type":"authentication_error","message":"OAuth\n     token has expired. Please obtain a new token or refresh your existing \n    token."},"request_id":"req_011CYwTjasSQ6xFJ18bMBYyB"}', id: 'oauth-expired', status: 401, requestId: 'req_011CYwTjasSQ6xFJ18bMBYyB' },
  { name: 'invalid API key', paste: 'Invalid API key · Please run /login', id: 'authentication-401' },
  { name: 'disabled organization', paste: 'API Error: 400 This organization has been disabled.', id: 'organization-disabled' },
  // models
  { name: 'selected model unavailable', paste: "There's an issue with the selected model (claude-sonnet-4-6). It may not exist or you may not have access to it. Run /model to pick a different model.", id: 'model-unavailable' },
  { name: 'model not found 404', paste: 'Error: 404 {"type":"error","error":{"type":"not_found_error","message":"model \'claude-haiku-4-5-20251001\' not found"},"request_id":"req_f8e3e09c9db9db59aa1f846a"}', id: 'model-unavailable', status: 404 },
  { name: 'model: short form', paste: '{"type":"not_found_error","message":"model: claude-3-7-sonnet-latest"}', id: 'model-unavailable' },
  // network
  { name: 'ECONNRESET', paste: 'API Error: Unable to connect to API (ECONNRESET)', id: 'network-connection' },
  { name: 'retrying connection errors', paste: 'Unable to connect to API (ECONNRESET)\nRetrying in 16 seconds… (attempt 6/10)', id: 'network-connection' },
  { name: 'self-signed cert behind a proxy', paste: '  API Error (Connection error.) · Retrying in 4 seconds… (attempt 4/10)\n    ⎿  Error (self signed certificate in certificate chain) (SELF_SIGNED_CERT_IN_CHAIN)', id: 'tls-certificate' },
  { name: 'self-signed, new wording', paste: 'API Error: Unable to connect to API: Self-signed certificate detected. Check your proxy or corporate SSL certificates', id: 'tls-certificate' },
  { name: 'timeout', paste: 'API Error: Request timed out.', id: 'timeout-504' },
  // updates
  { name: 'auto-update npm prefix', paste: '✗ Auto-update failed: no write permission to npm prefix ·', id: 'update-failed' },
  { name: 'claude update permissions', paste: 'Warning: Insufficient permissions for auto-updates\nFix: Do one of: (1) Re-install node without sudo, or (2) Use `claude install` for native installation', id: 'update-failed' },
  { name: 'npm EACCES', paste: "npm error code EACCES\nnpm error syscall rename\nnpm error path /usr/lib/node_modules/@anthropic-ai/claude-code\nnpm error Error: EACCES: permission denied, rename '/usr/lib/node_modules/@anthropic-ai/claude-code'", id: 'update-failed' },
  // cloud providers
  { name: 'Bedrock invalid security token', paste: 'API Error: 403 The security token included in the request is invalid.', id: 'bedrock-setup', status: 403 },
  { name: 'Bedrock throttling JSON', paste: '{"name":"ThrottlingException","$fault":"client","$metadata":{"httpStatusCode":429,"requestId":"8f2b1c7e-4a8b-4c1d-9e2f-3a4b5c6d7e8f","attempts":3}}', id: 'bedrock-quota', status: 429 },
  { name: 'Bedrock name only', paste: 'bedrock', id: 'backup-bedrock' },
  { name: 'Vertex quota', paste: 'API Error (429 {"error":{"code":429,"message":"Quota exceeded for aiplatform.googleapis.com/online_prediction_input_tokens_per_minute_per_base_model with base model: anthropic-claude-opus-4. Please submit a quota increase request.","status":"RESOURCE_EXHAUSTED"}}) · Retrying in 32 seconds… (attempt 7/10)', id: 'vertex-quota', status: 429 },
  { name: 'Vertex name only', paste: 'vertex', id: 'backup-vertex' },
  // gateways and proxies
  { name: 'nginx 502 page', paste: 'API Error: 502 <html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>', id: 'gateway-error-page', status: 502 },
  { name: 'HTML page HTML-escaped by Slack', paste: 'API Error: 503 &lt;!DOCTYPE html&gt;&lt;html&gt;&lt;head&gt;&lt;title&gt;503 Service Unavailable&lt;/title&gt;', id: 'gateway-error-page', status: 503 },
  { name: 'Cloudflare error code', paste: 'unexpected status 502 Bad Gateway: error code: 502, cf-ray: 9eec497c49c0d76d-HKG', id: 'gateway-error-page', status: 502 },
  { name: 'gateway 504 page', paste: '504 Gateway Time-out', id: 'gateway-error-page', status: 504 },
  { name: 'OpenAI-shaped body via a proxy', paste: 'API Error: 400 {"object":"error","message":"This model\'s maximum context length is 131072 tokens.","type":"BadRequestError","param":null,"code":400}', id: 'gateway-context-overflow' },
  { name: 'gateway provider error', paste: 'API Error: 500 Error from provider: Provider returned error.\nThis is a server-side issue, usually temporary — try again in a moment.\nIf it persists, check your inference gateway (127.0.0.1:4623).', id: 'proxy-foreign-error' },
  { name: 'empty response through a proxy', paste: 'API Error: API returned an empty or malformed response (HTTP 200) — check for a proxy or gateway intercepting the request', id: 'proxy-foreign-error', status: 200 },
  { name: 'other vendor server_error', paste: 'Error 502 Bad Gateway: {"error":{"message":"unknown provider for model gemini-claude-sonnet-4-5","type":"server_error","code":"internal_server_error"}}', id: 'proxy-foreign-error' },
  // more shapes seen in reports
  { name: 'plural codes in a sentence', paste: 'getting 529s all morning', id: 'overloaded-529', status: 529 },
  { name: 'old 500 that says Overloaded', paste: 'API Error: 500 {"type":"error","error":{"type":"api_error","message":"Overloaded"}}', id: 'api-error-500' },
  { name: 'context limit with max_tokens', paste: 'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000, decrease input length or `max_tokens` and try again"}}', id: 'prompt-too-long' },
  { name: 'Bedrock on-demand model id', paste: "API Error: 400 Invocation of model ID anthropic.claude-sonnet-4-20250514-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.", id: 'bedrock-setup' },
  { name: 'Bedrock missing AWS credentials', paste: 'Error: Could not load credentials from any providers', id: 'bedrock-setup' },
  { name: 'Vertex IAM denial', paste: "API Error: 403 Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/my-proj/locations/us-east5/publishers/anthropic/models/claude-sonnet-4@20250514'", id: 'vertex-setup', status: 403 },
  { name: 'Envoy upstream reset', paste: 'API Error: 503 upstream connect error or disconnect/reset before headers. reset reason: connection termination', id: 'upstream-unavailable', status: 503 },
  { name: 'old usage limit format', paste: 'Claude AI usage limit reached|1736467200', id: 'usage-limit-subscription' },
  { name: 'auto-update hint line', paste: '✗ Auto-update failed · Try claude doctor or npm i -g @anthropic-ai/claude-code', id: 'update-failed' },
  { name: 'ETIMEDOUT with address and port', paste: 'Error: connect ETIMEDOUT 160.79.104.10:443', id: 'network-connection' },
  // questions
  { name: 'is claude down', paste: 'is claude down?', id: 'claude-down' },
  { name: 'entry id asked for directly', paste: 'tool-use-mismatch', id: 'tool-use-mismatch' },
];

describe('lookup on real-looking pastes', () => {
  const knowledge = builtinKnowledge();

  it('has a big enough table', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('$name → $id', ({ paste, id, status, requestId }) => {
    const result = knowledge.lookup(paste);
    expect(result.best?.entry.id).toBe(id);
    if (status !== undefined) expect(result.parsed.status).toBe(status);
    if (requestId !== undefined) expect(result.parsed.requestId).toBe(requestId);
  });

  it('answers the error Claude Code kept retrying, not a one-off page between the retries', () => {
    const result = knowledge.lookup(
      'API Error (Request timed out.) · Retrying in 37 seconds… (attempt 7/10)\nAPI Error (Request timed out.) · Retrying in 34 seconds… (attempt 8/10)\nAPI Error (502 <html><head><title>502 Bad Gateway</title></head></html>) · Retrying in 38 seconds… (attempt 9/10)',
    );
    expect(result.best?.entry.id).toBe('timeout-504');
    // The details shown are the retried error's, the route and retry count the whole paste's.
    expect(result.parsed).toMatchObject({ status: null, html: false, client: 'claude-code', retry: { attempt: 7, max: 10 } });
  });

  it("lets a relay's own upstream_error rule out the cloud setup entry it wraps", () => {
    const vertex = "{'error': {'message': 'Publisher Model `projects/p/locations/us-east5/publishers/google/models/claude-sonnet-4` not found.', 'status': 'NOT_FOUND'}}";
    expect(knowledge.lookup(`404 NOT_FOUND. ${vertex}`).best?.entry.id).toBe('vertex-setup');
    const relayed = "Error code: 404 - {'error': {'message': 'Publisher Model `projects/p/locations/us-east5/publishers/google/models/claude-sonnet-4` not found.', 'type': 'upstream_error', 'code': 404}}";
    expect(knowledge.lookup(relayed).best?.entry.id).toBe('proxy-foreign-error');
  });

  // Round 9's families, each by a wording other than the paste that missed (sources in test/fixtures/fix-pastes).
  it.each([
    // continuedev/continue#11371 (a proxy's 500) and daisuke-awaji/moca#254 (Bedrock ValidationException)
    ['Provider: anthropic (continue-proxy) Status Code: 500 "{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 203052 tokens > 200000 maximum"}}"', 'prompt-too-long'],
    ['Type: ValidationException Details: The model returned the following errors: prompt is too long: 200049 tokens > 200000 maximum', 'prompt-too-long'],
    // a relay's own block page: continuedev/continue#11335
    ['Model: Claude via ClaudeLink Provider: openai Status Code: 403 403 Your request was blocked.', 'proxy-foreign-error'],
    // BerriAI/litellm#7812, anthropics/anthropic-sdk-python#404
    ['litellm.InternalServerError: AnthropicException - [Errno 101] Network is unreachable.', 'network-connection'],
    ['All my requests have started failing as APIConnectionError for last 2hrs.', 'network-connection'],
    // apify/tester-mcp-client#12, tghamm/Anthropic.SDK#128, langchain-ai/langchain-aws#141
    ['messages.27: Did not find 1 `tool_result` block(s) at the beginning of this message. Messages following `tool_use` blocks must begin with a matching number of `tool_result` blocks.', 'tool-use-mismatch'],
    ['I get the "`tool_result` blocks can only be in `user` messages" error.', 'tool-use-mismatch'],
    ['Converse operation: messages.2.content: Conversation blocks and tool result blocks cannot be provided in the same turn.', 'tool-use-mismatch'],
    // anthropics/claude-code#4778, #24541
    ['image.source.base64.data: At least one of the image dimensions exceed max allowed size: 8000 pixels', 'image-too-large'],
    ['"message":"too many images and documents: 120 + 0 > 100"', 'image-too-large'],
  ])('%s → %s', (paste, id) => {
    expect(knowledge.lookup(paste).best?.entry.id).toBe(id);
  });

  it("blames a relay for a body the client cannot read only when a third-party endpoint is in the path (zed#45761)", () => {
    const unreadable = 'An Error Happened error deserializing Antropic API response: missing type as line 1 column 160';
    expect(knowledge.lookup(`Im using z.ai with the anthropic agent protocol. ${unreadable}`).best?.entry.id).toBe('proxy-foreign-error');
    // Without a relay it can be the client's own parser after an API change: no gateway is blamed.
    expect(knowledge.lookup(unreadable).best?.entry.id).not.toBe('proxy-foreign-error');
  });

  it("keeps a relay's permission_error on the relay, and Anthropic's own permission_error on the organization", () => {
    const body = 'API Error: 403 {"type":"error","error":{"type":"permission_error","message":"This model isn\'t available right now."}}';
    expect(knowledge.lookup(body).best?.entry.id).toBe('permission-403');
    expect(knowledge.lookup(`${body}\nANTHROPIC_BASE_URL="http://127.0.0.1:5201" claude`).best?.entry.id).toBe('proxy-foreign-error');
  });

  it('offers the closest entries when nothing matches', () => {
    const result = knowledge.lookup('my keyboard is sticky');
    expect(result.best).toBeNull();
    expect(result.closest.length).toBeGreaterThan(0);
  });

  it('suggests by wording when the words are near an entry', () => {
    const result = knowledge.lookup('compaction keeps failing somehow');
    expect(result.best).toBeNull();
    expect(result.closest.map((entry) => entry.id)).toContain('prompt-too-long');
  });
});

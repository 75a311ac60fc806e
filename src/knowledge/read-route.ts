import type { ProviderHint } from './entry-schema.js';

/** Whose error a library says it wraps (LiteLLM's `BedrockException - {…}`, an SDK around Anthropic's own body). */
export type WrappedFrom = 'anthropic' | 'bedrock' | 'vertex';

/** The route a paste came by: providers it names, and whose error a library in between carried. */
export interface PasteRoute {
  providers: ProviderHint[];
  /** Set when a library or app, not a relay, carried a provider's own error: answer as that provider's. */
  wrappedFrom: WrappedFrom | null;
}

// A cloud named only by the word itself: in a relay's own error body that can be prose about another channel.
const CLOUD_WORDS: Array<[ProviderHint, RegExp]> = [
  ['bedrock', /bedrock/i],
  ['vertex', /vertex/i],
];

const CLOUD_SIGNS: Array<[ProviderHint, RegExp]> = [
  [
    'bedrock',
    /ValidationException|AccessDeniedException|ThrottlingException|ModelNotReadyException|ServiceUnavailableException|ExpiredToken(?:Exception)?\b|security token included in the request is (?:invalid|expired)|the security token included in\s+th\W*$|token has expired and refresh failed|inference[- ]profile|\b(?:us|eu|apac|global)\.anthropic\.claude|\banthropic\.claude-[\w.-]+-v\d|\b(?:qwen|meta|amazon|mistral|cohere|ai21|deepseek|writer)\.[\w.-]+-v\d+:\d+\b|aws_bearer_token|\bAWS_PROFILE\b|aws sso|botocore|too many tokens(?: per day)?, please wait|on-demand throughput|req_bdrk_|when calling the (?:InvokeModel|Converse)\w* operation/i,
  ],
  [
    'vertex',
    /aiplatform\.googleapis|CLOUD_ML_REGION|ANTHROPIC_VERTEX_PROJECT_ID|streamRawPredict|rawPredict|publishers\/anthropic|\bus-east5\b|Publisher Model|gcloud|req_vrtx_|\bclaude-[a-z0-9-]+@\d{8}\b/i,
  ],
];

// Google's status words, which every Google API answers (Gemini, Antigravity): Vertex only when no relay is in the path.
const GOOGLE_STATUS_WORDS = /RESOURCE_EXHAUSTED|FAILED_PRECONDITION|PERMISSION_DENIED|the caller does not have permission/i;

// A relay or proxy in the path: named (relays, and vendors' own Anthropic-compatible endpoints), reached by base URL, port, a client's custom
// "endpoint" or a Workers proxy, a server's own access log for POST /v1/messages (the user runs the relay), OpenRouter's envelope, or a relay's own error shape
// (its own envelope type, or a message in Chinese, Japanese or Korean: the API words its errors in English), or the Chinese word for
// relaying a request (中转, as in 中转站 "relay station"), unless the user says there is none (不用/没有中转).
// Also a relay's naming ("X2api": claude2api, kiro2api, gcli2api), a claude.ai web-session key (sk-ant-sid…, which only
// session relays send), and Google's Cloud Code endpoint (cloudcode-pa.googleapis.com), which Claude Code reaches only through a proxy.
// Go relays' "(request id: …)" is their own id; a uuid there is a vendor's own request id (Kiro, AWS).
// A local address serving MCP ("http://localhost:8080/mcp", "/sse") is an MCP server, not a relay in front of the API.
// Nor a local address in a server's access log ("INFO: 127.0.0.1:59331 - \"POST …"): that is the client calling the server, round 56.
const RELAY =
  /"endpoint"\s*:\s*"https?:\/\/(?!api\.anthropic\.com)|ANTHROPIC_PROXY_URL|\.workers\.dev\b|"POST \/v1\/(?:messages|chat\/completions)\S*\s+HTTP\/[\d.]+"\s+[1-5]\d\d|provider returned error|"provider_name"\s*:|one-api|new-api|\bz\.ai\b|bigmodel\.cn|moonshot\.(?:ai|cn)|api\.deepseek\.com|dashscope|api\.minimax|siliconflow|one[-_]hub|sub2api|zenmux|claude-relay|cliproxy|openrouter|ANTHROPIC_BASE_URL|(?:127\.0\.0\.1|localhost):\d+(?!\d|\/(?:mcp|sse)\b|\s+-\s+")|upstream_error|error from provider|upstream (?:provider \S+ returned an )?error|channel \S+ failed|no available (?:channel|account)s?|(?<!(?:不|没|没有|未|无需?)(?:用|走|经过)?)中转|switching account|\b[a-z][\w.]*-proxy\b|\(request id: (?![0-9a-f]{8}-[0-9a-f]{4}-)[\w-]{8,}\)|\b[a-z0-9]+2api\b|\bsk-ant-sid\d\d|cloudcode-pa\.googleapis|"type"\s*:\s*"<nil>"|inference gateway|do request failed|bad[ _]response[ _]status[ _]code|provider not found|invalid url \((?:GET|POST) \/|\{\s*"type"\s*:\s*"(?!error")[\w-]+_error"\s*,\s*"error"\s*:|['"]message['"]\s*:\s*['"][^"']{0,200}[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/i;

// Another app's own service in between (issue 14, round 30): a Copilot plugin's own rate limit, Kilo's gateway, Zed's hosted
// completion wording ("completion request failed. request_id: …, code: …"), each answered by that vendor, not Anthropic.
// A relay named only in the user's prose or config ("through CLIProxyAPI", "via my LiteLLM proxy", "GitHub Copilot API Gateway",
// "Claude Code proxy (http://127.0.0.1:1337)", Antigravity accounts that Claude Code reaches only through a proxy, a relay's 渠道
// "channel"), or a message Anthropic never writes (a relay's balance, trace id, chat-format or upstream-mapping wordings, a Chinese
// message right after Claude Code's "API Error: N"). A corporate, system or HTTP(S) proxy, or a network proxy tool (Zscaler,
// Squid, Clash…), is the network's, not a relay.
// Axios's "Request failed with status code N" as an API error's message, or an AxiosError of that wording beside Claude Code (which
// calls the API through the SDK's fetch), is a server in between passing on its own HTTP client's failure; not Claude Code's own
// start-up check ("Failed to connect to api.anthropic.com: ERR_BAD_REQUEST"), nor its OAuth calls, nor an AxiosError thrown from
// Claude Code's own cli.js (its own calls beside the API's, logged in its error log; round 43), nor from the native build's
// bundled cli.js (B:/~BUN/root/src/entrypoints/cli.js, /$bunfs/root/src/entrypoints/cli.js; round 53).
const RELAY_NAMED =
  /\b(?:github )?copilot (?:plugin|extension|chat)\b|\b(?:kilo|vercel ai|cloudflare ai|portkey) gateway\b|completion request failed\. request_id: [\w-]+, code: \w+|\b(?:through|via|using|behind)\s+(?:my |our |the |a |an )?(?!(?:a|an|the|my|our|your|this|that|some|any|their|its|corporate|company|office|work|school|system|http|https|socks5?|vpn|reverse|forward|transparent|network|local|outbound|egress|zscaler|netskope|squid|clash|v2ray|shadowsocks|charles|fiddler|burp|privoxy|tinyproxy)\b)[\w.-]+\s+(?:proxy|relay|gateway)\b|\bapi gateway\b|\bcustom (?:company|corporate|internal)(?: api)? (?:endpoint|base url)\b|\bclaude code proxy\b|\bantigravity\b|(?<!官方)渠道|insufficient account balance|this service has been disabled in this account for violation|in the thinking mode must be passed back|\[trace_id=[\w-]+\]|unexpected chat message content type|upstream provider \S+ returned|\bprovider api error\b|api error:? \d{3}\s+[\u3400-\u9fff]|request to https?:\/\/(?![\w.-]*(?:anthropic\.com|claude\.ai|claude\.com|amazonaws\.com|googleapis\.com)\/)[\w.-]+\.\w+\/\S* failed with \d{3}|"message"\s*:\s*"request failed with status code \d{3}"|^(?![\s\S]*(?:oauth|failed to connect to api\.anthropic\.com|AxiosError: request failed with status code \d{3}(?:\\n|\s)+at \S+ \((?:file:[^)]*claude-code|[^)]*(?:~BUN|\$bunfs)\/root\/src\/entrypoints)\/cli\.js))(?=[\s\S]*claude[- ]?code)[\s\S]*\bAxiosError: request failed with status code \d{3}/i;

// An error body in a shape the API never answers with (issue 14, round 28): Anthropic's envelope starts with "type":"error", and the
// SDKs print the body in the order it came, so an outer "type":"error" after an "error" object that keeps its own type-then-message
// order was written by a server in between (Kimi's endpoint, Go relays' structs). Not keys sorted alphabetically ("message" before
// "type" inside too): a client that decoded the body into a map (Go, jq -S) printed Anthropic's answer that way. And an XML error
// document (<?xml …?><Error><Code>AuthenticationRequired</Code>, an object store's) is never the Messages API's, which answers JSON. Google's
// error envelope around Anthropic's own body as a string ({"error":{"code":400,"message":"{\"type\":\"error\",…"}}, round 49): a relay reached Claude
// through Google's Cloud Code backend (Antigravity) and passed its envelope on; Vertex's rawPredict answers in Anthropic's shape. proxy-foreign-error's patterns carry the same source (a test checks that).
export const RELAY_SHAPE = /"error"\s*:\s*\{\s*"type"\s*:\s*"[a-z_]*"\s*,\s*"message"\s*:\s*"(?:[^"\\]|\\.){0,300}"\s*\}\s*,\s*"type"\s*:\s*"error"|<\?xml[^>]{0,80}\?>\s*<Error>|"code"\s*:\s*\d{3}\s*,\s*"message"\s*:\s*"\{\\*"type\\*"\s*:\s*\\*"error/i;

// Where the person says the key or the request goes through a relay they configured (round 28): CC Switch (a switcher that points
// Claude Code at a third-party provider, and its "本地路由" local router, not a home router 路由器 or a routing table 路由表), and a
// custom provider (自定义服务商/供应商/提供商). proxy-foreign-error's providerPatterns then read the status that relay answered.
const RELAY_CONFIGURED = /\bcc[- ]?switch\b|本地路由(?![器表])|自定义(?:的)?(?:服务商|供应商|提供商|api ?(?:服务商|供应商|提供商))|\bcustom (?:api )?provider\b/i;

// Another vendor's service answered (issue 14, rounds 17 and 18): a model that is not Claude (GLM, Qwen, Kimi, DeepSeek, GPT, Gemini,
// MiniMax, Llama), or a vendor's own Anthropic-compatible endpoint or app (ModelScope, ollama, Kimi, Copilot through a switcher or an
// API shim, Continue's hosted model proxy, an unofficial claude.ai API's sessionKey). Not when the paste names it as what the user left
// or compares with ("from glm to Claude", "instead of", "tried deepseek", "tried migrating to gpt-4o" after the error, "either Ollama or …", "qwen works / 正常", "ollama installed"), nor as part
// of another id (openai.gpt-5), nor when the user says they call Anthropic directly ("my Anthropic key", 官方 API, 直连).
// A Gemini model behind a provider prefix ("[gemini-cli/gemini-3-flash]", "vertex/gemini-3.1"): a router serving Google's model.
// proxy-foreign-error's providerPatterns carry the same source (read-route.test.ts checks that).
export const FOREIGN_SERVICE =
  /^(?![\s\S]*(?:my (?:own )?anthropic (?:api )?key|anthropic(?:.s)? api directly|directly (?:to|with|on) (?:the )?anthropic|官方\s?api|直连))[\s\S]*?(?<!\b(?:from|instead of|than|not|either|except|tried|also tried)\s+(?:the |using |with )?)(?<!\btried (?:migrat|switch|mov|chang)\w* (?:from [\w.-]+ )?to\s+)(?<!\b(?:switched|switching|moved|went back|fell back|falling back|fallen back)\s+(?:over )?to\s+(?:the |using )?)(?:(?<![-/.\w])(?:glm-?\d|glm\b|qwen|kimi\b|kimi-k\d|deepseek|gpt-\d|gemini-\d|minimax|llama-?\d|modelscope|ollama)(?![\w.:-]*\)?\s*(?:配置)?(?:正常|works?\b|worked\b|is working|are working|working (?:fine|properly)|(?:is |was )?(?:also )?installed\b)|[\w.:-]*\s+(?:for now|meanwhile|in the meantime|until\b|as a (?:workaround|fallback|stopgap)))|\/gemini-\d|\bcopilot[- ](?:api|provider|proxy|gateway)\b|\bapi\.continue\.dev\b|\bsession_?key\b)/i;

// A vendor's endpoint answering in Anthropic's shape with words Anthropic never writes (issue 14, rounds 19 and 20): a bare
// "unauthenticated" message (Anthropic's 401s say "invalid x-api-key" and the like), an inference server's "Decode server is
// overloaded" (Anthropic's overload is a 529 "Overloaded"), OpenAI's "Incorrect API key provided" (a key sent to OpenAI), a
// web framework's bare {"detail":"Method Not Allowed"} (FastAPI's default for a wrong route: the URL is no Anthropic API; and a Python relay's own
// {"detail":"missing api key"}, round 54), claude.ai's
// web endpoints' bare "Invalid authorization" to an unofficial library's session cookie (the API's 401 names the x-api-key; round 30). proxy-foreign-error's patterns carry the same source.
// A gateway's own copy for what its upstreams answered ("Upstream rate limit exceeded", "All upstreams failed (3 attempted)"; claude-apps-gateway-config, round 32).
// CLIProxyAPI's "auth_unavailable: no auth available" inside Anthropic's envelope: the proxy had no account to use (round 36).
// GitHub Copilot's API refusing the token a switcher sent ("400 bad request: Authorization header is badly formatted", round 42).
// Antigravity-Manager's retry summary over its pooled accounts ("All 2 attempts failed. Last error: HTTP 400 …", "All accounts exhausted. Last error: …", round 49).
export const NOT_ANTHROPIC_WORDING = /"message"\s*:\s*"unauthenticated"|\bupstream rate limit exceeded\b|\ball upstreams failed \(\d+ attempted\)|\bupstream rejected the request\b|\bauth_unavailable\b|\b(?:decode|prefill) (?:server|instance|worker)s? (?:is |are )?overloaded|incorrect api key provided|platform\.openai\.com\/account\/api-keys|\{\s*"detail"\s*:\s*"(?:method not allowed|not found|missing api key|invalid api key)"\s*\}|[\x27"]message[\x27"]\s*:\s*[\x27"]invalid authorization[\x27"]|\bauthorization header is badly formatted\b|\ball (?:\d+ attempts failed|accounts (?:are )?exhausted)\W{1,3}last error\b/i;

// Anthropic's own OpenAI-compatible endpoint answers in OpenAI's error shape: that shape alone is then no relay.
const ANTHROPIC_OPENAI = /https:\/\/api\.anthropic\.com\/v1(?:\/chat\/completions|\/?(?=[\s'"`]|$))/;

// Shapes that are not Anthropic's, which a relay, a gateway or another vendor's endpoint prints; an OAuth token
// endpoint's own error codes (RFC 6749 section 5.2, e.g. Google's "invalid_grant") are not a relay's, nor Claude Code's own
// error log entries ([{"error":"The socket connection was closed…","timestamp":"…"}], round 41), nor the MCP SDK's transport
// errors in Claude Code's debug log ({"url":"http://localhost:8080/mcp","error":"SSE error: Non-200 status code (202)"}).
// An error that is a bare string ("error": "…"), which Anthropic's API never sends; proxy-foreign-error's patterns carry the
// same source (a test checks that).
export const ERROR_STRING_SHAPE = /"error"\s*:\s*"(?!\w*Error\b|authentication_failed\b|invalid_grant|invalid_client|unauthorized_client|unsupported_grant_type|invalid_scope|SSE error|Streamable HTTP error)(?!(?:[^"\\]|\\.){0,1500}"\s*,\s*"timestamp"\s*:)[A-Za-z]/i;

const FOREIGN_SHAPE = new RegExp(`${/litellm|"object"\s*:\s*"error"|"type"\s*:\s*"server_error"|provider returned error|malformed response|client_validation_error|"type"\s*:\s*"\d+"|invalid_request_body|maximum context length is \d+|provider_response_error|"code"\s*:\s*"\d{3,5}"|"error"\s*:\s*\{\s*"code"\s*:\s*"[A-Za-z_]|['"]param['"]\s*:/.source}|${ERROR_STRING_SHAPE.source}`, 'i');

// Google's error body ({"error":{"code":404,"message":…,"status":"NOT_FOUND"}}).
const GOOGLE_SHAPE = /"error"\s*:\s*\{\s*"code"\s*:\s*\d{3}\s*,\s*"message"\s*:\s*"[^"]{0,300}"\s*,\s*"status"\s*:\s*"[A-Z_]+"/;

const CLAUDE_CODE = /\bapi error\b|please run \/login/i;

// LiteLLM names the provider whose own error it carries, as a library or as a proxy;
// OpenAIException means an OpenAI-style server, so it is not here.
const PROVIDER_EXCEPTIONS: Array<[WrappedFrom, RegExp]> = [
  ['anthropic', /\bAnthropic(?:Error|Exception)\b/],
  ['bedrock', /\bBedrock(?:Runtime)?(?:Exception|Error)\b/],
  ['vertex', /\bVertex_?AI(?:_?Anthropic)?Exception\b/i],
];

// Anthropic's own error types (those no other vendor uses), as the type or, on its OpenAI-compatible endpoint, the code.
const ANTHROPIC_TYPED =
  /['"](?:type|code)['"]\s*:\s*['"](?:rate_limit_error|overloaded_error|authentication_error|permission_error|not_found_error|request_too_large|billing_error|timeout_error)['"]/;
// Anthropic's whole error envelope ({"type":"error","error":{"type":…}}), which a relay that rewrites errors does not keep.
const ANTHROPIC_ENVELOPE = /"type"\s*:\s*"error"\s*,\s*"error"\s*:\s*\{\s*(?:"details"\s*:\s*null\s*,\s*)?"type"\s*:\s*"[a-z_]+"/;

// LiteLLM's proxy ("Received Model Group=…"): a proxy in the path, but one that says whose error it passes on.
const LITELLM_PROXY = /model group=/i;

// LiteLLM as a library inside another app (aider, a health check) names the provider in the model id it was given
// ("vertex_ai/claude-3-5-sonnet@20240620", "bedrock/us.anthropic.claude-…"): that provider answered, whatever LiteLLM printed around it.
const LITELLM_MODEL_PREFIX: Array<[WrappedFrom, RegExp]> = [
  ['vertex', /\bvertex_ai(?:_beta)?\/claude/i],
  ['bedrock', /\bbedrock\/(?:converse\/|invoke\/)?(?:[a-z]+\.)?anthropic\./i],
];

function readWrappedFrom(text: string, relayed: boolean): WrappedFrom | null {
  if (relayed) return null;
  const named = PROVIDER_EXCEPTIONS.find(([, pattern]) => pattern.test(text))?.[0];
  if (named !== undefined) return named;
  if (LITELLM_PROXY.test(text)) return null;
  const prefixed = LITELLM_MODEL_PREFIX.find(([, pattern]) => pattern.test(text))?.[0];
  if (prefixed !== undefined) return prefixed;
  // Whatever prints it around (a library, an app's log line), Anthropic's own body with no relay in sight is Anthropic's answer.
  return ANTHROPIC_TYPED.test(text) || ANTHROPIC_ENVELOPE.test(text) ? 'anthropic' : null;
}

/** Reads which providers a cleaned paste names and whether a library, not a relay, carried the error. */
export function readRoute(text: string): PasteRoute {
  const signed = CLOUD_SIGNS.filter(([, pattern]) => pattern.test(text)).map(([hint]) => hint);
  const cloudSigned = signed.length > 0;
  // A model that is not Claude beside a Bedrock or Vertex sign (Llama or Nova on Bedrock) is that cloud's own catalogue, not another vendor.
  const relayed =
    RELAY.test(text) || RELAY_NAMED.test(text) || RELAY_CONFIGURED.test(text) || RELAY_SHAPE.test(text) || (FOREIGN_SERVICE.test(text) && !cloudSigned) || NOT_ANTHROPIC_WORDING.test(text);
  const wrappedFrom = readWrappedFrom(text, relayed);
  const providers = new Set<ProviderHint>(signed);
  // In a relay's own error the cloud's bare name is often prose ("the vertex channel works"): it does not make the route.
  if (!relayed) for (const [hint, pattern] of CLOUD_WORDS) if (pattern.test(text)) providers.add(hint);
  if (!relayed && GOOGLE_STATUS_WORDS.test(text)) providers.add('vertex');
  if (wrappedFrom === 'bedrock' || wrappedFrom === 'vertex') providers.add(wrappedFrom);
  if (relayed || (wrappedFrom === null && (LITELLM_PROXY.test(text) || (FOREIGN_SHAPE.test(text) && !ANTHROPIC_OPENAI.test(text))))) providers.add('gateway');
  // Google's error shape with no Vertex sign: Claude Code reaches Google only through Vertex; another client got it from a relay serving Google models.
  if (!providers.has('vertex') && GOOGLE_SHAPE.test(text)) providers.add(CLAUDE_CODE.test(text) && !relayed ? 'vertex' : 'gateway');
  return { providers: [...providers].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)), wrappedFrom };
}

const ORDER: ProviderHint[] = ['bedrock', 'vertex', 'gateway'];

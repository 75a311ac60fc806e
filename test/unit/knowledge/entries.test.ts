import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_ENTRIES_DIR } from '../../../src/knowledge/load-knowledge.js';
import { builtinKnowledge } from './knowledge-fixture.js';

const OFFICIAL_HOSTS = [
  'platform.claude.com',
  'code.claude.com',
  'docs.claude.com',
  'status.claude.com',
  // Cloudflare documents its own 52x codes.
  'developers.cloudflare.com',
  'support.claude.com',
  'www.anthropic.com',
  // The cloud providers' own documentation, for their quotas and model ids.
  'docs.aws.amazon.com',
  'repost.aws',
  'cloud.google.com',
  // Node's own docs for its TLS error codes, and the IETF's RFC for HTTP 451.
  'nodejs.org',
  'www.rfc-editor.org',
  // Apple's Security framework reference, for the Keychain's own "item could not be found" wording.
  'developer.apple.com',
];

/**
 * Everything an entry may tell a user to type. Each is in DOMAIN.md or the official docs;
 * a new command goes here only after checking it exists.
 */
const ALLOWED_CODE: RegExp[] = [
  /^\/(?:login|logout|status|model|compact|clear|context|rewind|resume|feedback|doctor|usage|usage-credits|extra-usage)$/,
  /^--fallback-model$/,
  /^claude(?: (?:--continue|-c|--resume|-r|doctor|update|install|--version|project purge))?$/,
  /^unset (?:ANTHROPIC_API_KEY|ANTHROPIC_BASE_URL)$/,
  /^curl -I https:\/\/api\.anthropic\.com$/,
  /^brew upgrade claude-code$/,
  /^winget upgrade Anthropic\.ClaudeCode$/,
  /^aws (?:configure|sso login|bedrock list-inference-profiles --region <region>)$/,
  /^gcloud auth application-default login$/,
  // Documented environment variables, alone or with a value.
  /^(?:CLAUDE_CODE_USE_BEDROCK|CLAUDE_CODE_USE_VERTEX|DISABLE_AUTOUPDATER|CLAUDE_CODE_RETRY_WATCHDOG|CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS)(?:=1)?$/,
  /^(?:ANTHROPIC_API_KEY|ANTHROPIC_BASE_URL|ANTHROPIC_MODEL|ANTHROPIC_VERTEX_PROJECT_ID|AWS_REGION|AWS_PROFILE|AWS_BEARER_TOKEN_BEDROCK|CLOUD_ML_REGION|VERTEX_REGION_CLAUDE_\*|HTTPS_PROXY|NODE_EXTRA_CA_CERTS|API_TIMEOUT_MS|CLAUDE_CODE_MAX_RETRIES|CLAUDE_CODE_MAX_OUTPUT_TOKENS|ANTHROPIC_DEFAULT_SONNET_MODEL|ANTHROPIC_DEFAULT_OPUS_MODEL|CLAUDE_CODE_OAUTH_TOKEN|ANTHROPIC_AUTH_TOKEN)(?:=\S+)?$/,
  // Names and values to look at, not commands: files, keys, headers, id prefixes, topics for this bot.
  /^(?:settings\.json|env|model|fallbackModel|retry-after|anthropic-beta|us\.|global\.|anthropic\.|global|messages\.\d+|bedrock|vertex|usage limit)$/,
  // Bedrock's data retention API names and modes, and its required request fields (AWS's Bedrock docs).
  /^(?:GetAccountDataRetention|PutAccountDataRetention|default|none|provider_data_share|inherit|anthropic_version|max_tokens|messages)$/,
  // Node's X509 error codes (nodejs.org, tls), as names to look for in the paste.
  /^(?:CERT_HAS_EXPIRED|CERT_NOT_YET_VALID)$/,
  // The SDKs' streaming calls and options for a long request, and Claude Code's apiKeyHelper setting (SDK docs, errors page).
  /^(?:client\.messages\.stream\(\.\.\.\)|get_final_message\(\)|finalMessage\(\)|stream=True|timeout|apiKeyHelper|enforced_spend_limit_reached)$/,
  // The TypeScript SDK's opt-in for browser use (anthropic-sdk-typescript src/client.ts, ClientOptions).
  /^new Anthropic\(\{ apiKey, dangerouslyAllowBrowser: true \}\)$/,
  // Claude Code's suffix for a model's 1M context variant (errors page, model-config).
  /^\[1m\]$/,
  // Claude Code's MCP commands, status and startup timeout (code.claude.com mcp and env-vars pages; Agent SDK mcp page).
  /^(?:\/mcp|claude mcp list|failed|env|npx|cmd \/c|MCP_TIMEOUT|MCP_TIMEOUT=10000 claude)$/,
  // The variable Claude Code sets in the shells it spawns (env-vars page), named by the CLI's nested-session refusal.
  /^(?:CLAUDECODE|unset CLAUDECODE)$/,
  // The Agent SDK's query option that captures the CLI's stderr (Agent SDK troubleshooting, CLI process exit).
  /^stderr$/,
  // The login prompt's key and its code prompt (authentication page), for a browser on another machine.
  /^(?:c|Paste code here if prompted)$/,
  // A Vertex model id in its documented `name@date` form, as an example value.
  /^claude-sonnet-4-5@20250929$/,
];

describe('built-in knowledge entries', () => {
  const knowledge = builtinKnowledge();
  const entries = knowledge.entries;

  it('covers every API error status and the Claude Code situations of DOMAIN.md', () => {
    const statuses = new Set(entries.flatMap((entry) => entry.match.status));
    for (const status of [400, 401, 402, 403, 404, 409, 413, 429, 500, 504, 529]) expect(statuses).toContain(status);
    const ids = entries.map((entry) => entry.id);
    for (const id of [
      'prompt-too-long',
      'oauth-expired',
      'credit-balance-api-key',
      'network-connection',
      'tool-use-mismatch',
      'update-failed',
      'backup-bedrock',
      'bedrock-unavailable',
      'bedrock-data-retention',
      'vertex-unavailable',
      'backup-vertex',
      'usage-limit-subscription',
      'image-too-large',
      'usage-policy-refusal',
      'max-tokens-limit',
      'model-unavailable',
      'proxy-foreign-error',
      'gateway-error-page',
      'mcp-server-failed',
      'nested-session',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it.each(entries.map((entry) => [entry.id, entry] as const))('%s cites an official source', (_id, entry) => {
    expect(entry.sources.length).toBeGreaterThan(0);
    // Anthropic's own SDK source on GitHub counts as official (the SDK's wording of its browser refusal lives only there).
    for (const source of entry.sources) {
      if (!source.startsWith('https://github.com/anthropics/')) expect(OFFICIAL_HOSTS).toContain(new URL(source).host);
    }
  });

  it.each(entries.map((entry) => [entry.id, entry] as const))('%s is found by its own examples', (_id, entry) => {
    expect(entry.examples.length).toBeGreaterThan(0);
    const resolved = entry.examples.map((example) => knowledge.lookup(example).best?.entry.id);
    expect(resolved).toContain(entry.id);
    // Every example, not just one: an example that resolves elsewhere is a broken promise.
    expect(resolved.every((id) => id === entry.id)).toBe(true);
  });

  it.each(entries.map((entry) => [entry.id, entry] as const))('%s only tells users to run things that exist', (_id, entry) => {
    for (const step of entry.steps) {
      for (const [, code] of step.matchAll(/`([^`]+)`/g)) {
        expect(ALLOWED_CODE.some((allowed) => allowed.test(code ?? '')), `${entry.id}: \`${code}\``).toBe(true);
      }
    }
  });

  it('never mentions the two popular commands that do not exist', () => {
    for (const file of readdirSync(BUILTIN_ENTRIES_DIR)) {
      const text = readFileSync(join(BUILTIN_ENTRIES_DIR, file), 'utf8');
      expect(text, file).not.toContain('--reset-session');
      expect(text, file).not.toContain('.claude/cache');
    }
  });
});

import type { Blame } from '../knowledge/entry-schema.js';
import type { ParsedError } from '../knowledge/parse-error.js';

/** The cloud a paste came through, when it names one: their quotas and outages are not on status.claude.com. */
export type CloudProvider = 'bedrock' | 'vertex';

export const CLOUD_NAMES: Record<CloudProvider, string> = { bedrock: 'Amazon Bedrock', vertex: 'Google Vertex AI' };

export function cloudOf(parsed: ParsedError): CloudProvider | null {
  return parsed.providers.find((hint): hint is CloudProvider => hint === 'bedrock' || hint === 'vertex') ?? null;
}

const CLIENT_NAMES: Record<string, string> = { 'claude-code': 'Claude Code', sdk: 'the API from your own code (SDK)' };

/** "Claude Code on Google Vertex AI", "the API from your own code (SDK) through a proxy or gateway", or null. */
export function describeRoute(parsed: ParsedError): string | null {
  const client = parsed.client === null ? null : CLIENT_NAMES[parsed.client];
  const cloud = cloudOf(parsed);
  const via = cloud !== null ? `on ${CLOUD_NAMES[cloud]}` : parsed.providers.includes('gateway') ? 'through a proxy or gateway' : null;
  if (client && via) return `${client} ${via}`;
  if (via) return via.replace(/^on /, '').replace(/^through /, '');
  return client ?? null;
}

/**
 * What the status page can and cannot tell about this error, in one line.
 * Bedrock and Vertex quotas and outages, proxies and local setups never show there.
 */
export function coverageNote(input: { blame: Blame; parsed: ParsedError; incidentShown: boolean }): string | null {
  const cloud = cloudOf(input.parsed);
  if (cloud === 'bedrock') {
    return 'status.claude.com does not cover Amazon Bedrock: your AWS quotas and Bedrock outages show in the AWS Health Dashboard instead.';
  }
  if (cloud === 'vertex') {
    return 'status.claude.com does not cover Google Vertex AI: your project quotas and Vertex outages show in Google Cloud Service Health instead.';
  }
  if (input.blame === 'gateway' || input.parsed.providers.includes('gateway')) {
    const upstream = input.parsed.upstreamStatus;
    const said = upstream === null ? '' : ` Its message says the provider behind it answered ${upstream}.`;
    return `status.claude.com shows Anthropic's own services only; it cannot see the relay, proxy or gateway in between.${said}`;
  }
  if (input.blame === 'local') return 'The status page shows Anthropic\'s services; it cannot see your account, login, settings or network.';
  return input.incidentShown ? null : 'A new incident often reaches status.claude.com some minutes after errors start.';
}

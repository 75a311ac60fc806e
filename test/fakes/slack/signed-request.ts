import { createHmac } from 'node:crypto';

export interface SignedRequestOptions {
  secret: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Replaces the computed signature (a wrong one). */
  signature?: string;
  /** Leaves these headers out. */
  omit?: Array<'x-slack-signature' | 'x-slack-request-timestamp'>;
}

/**
 * Posts a slash command to a `/slack/events` URL the way Slack does in HTTP mode:
 * form-encoded, signed `v0=HMAC-SHA256(secret, "v0:<timestamp>:<body>")`.
 * @see https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export async function postSignedCommand(
  url: string,
  payload: Record<string, string>,
  options: SignedRequestOptions,
): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams(payload).toString();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? `v0=${createHmac('sha256', options.secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-signature': signature,
    'x-slack-request-timestamp': String(timestamp),
  };
  for (const name of options.omit ?? []) delete headers[name];
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, body: await res.text() };
}

/**
 * Delivers an Events API callback the way Slack does: JSON, signed like a command.
 * @see https://docs.slack.dev/apis/events-api/#callback-field
 */
export async function postSignedEvent(url: string, payload: Record<string, unknown>, options: SignedRequestOptions): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(payload);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? `v0=${createHmac('sha256', options.secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) }, body });
  return { status: res.status, body: await res.text() };
}

/** An `event_callback` envelope for one workspace, as Slack sends `app_uninstalled` and `tokens_revoked`. */
export function workspaceEvent(teamId: string, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'verification-token-unused',
    team_id: teamId,
    api_app_id: 'AFAKEAPP',
    event: { ...event, event_ts: `${Date.now() / 1000}` },
    type: 'event_callback',
    event_id: `Ev${Date.now()}${Math.random().toString(36).slice(2, 8)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: teamId, user_id: `UBOT${teamId}`, is_bot: true, is_enterprise_install: false }],
  };
}

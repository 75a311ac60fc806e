import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { delay, type Fault, type FaultPlan } from './fault-plan.js';
import { attachFakeSocketMode, type FakeSocketMode } from './slack/fake-socket-mode.js';
import {
  parseBody,
  truthy,
  type FakeFailure,
  type FakeSlackCall,
  type FakeSlackMessage,
  type FakeSlackUpload,
  type FakeUser,
} from './slack/fake-slack-state.js';

export type { FakeFailure, FakeSlackCall, FakeSlackMessage, FakeSlackUpload, FakeUser } from './slack/fake-slack-state.js';
export { allStrings } from '../helpers/wait-until.js';

export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
  users?: FakeUser[];
  /** Seeded faults on the delivery methods (chat.*, conversations.*); none without it. */
  faults?: FaultPlan;
  /** Scopes auth.test reports in `x-oauth-scopes`; the manifest's by default. */
  scopes?: string[];
  /** User groups `usergroups.list` answers with (needs the usergroups:read scope). */
  usergroups?: Array<{ id: string; handle: string; name: string }>;
  /** Distribution: the app's credentials, which `oauth.v2.access` checks. */
  oauth?: { clientId: string; clientSecret: string };
  /** Other workspaces that may install the app; each owns its channels (another team's token gets channel_not_found). */
  teams?: Array<{ id: string; name: string; channels?: string[] }>;
}

/** The workspace SLACK_BOT_TOKEN belongs to; it owns every channel no other team claims. */
export const HOME_TEAM = { id: 'TFAKE', name: 'Fake Team', botUserId: 'UBOT', botId: 'BBOT' };

interface FakeTeam {
  id: string;
  name: string;
  channels: Set<string>;
  /** The bot token minted at install; null before the first install. */
  token: string | null;
  revoked: boolean;
  installs: number;
}

/** The bot scopes of slack-app-manifest.yml, which a fresh install grants. */
export const MANIFEST_SCOPES = ['commands', 'chat:write', 'channels:history', 'groups:history', 'users:read', 'files:write', 'usergroups:read'];

/** Methods a fault plan may fail; the first two change what Slack stores. */
const FAULTABLE = new Set(['chat.postMessage', 'chat.update', 'conversations.history', 'conversations.replies']);
const MUTATING = new Set(['chat.postMessage', 'chat.update']);
const NO_FAULT: Fault = { kind: 'none' };

/**
 * A fake Slack on 127.0.0.1: the Web API methods the bot uses, with Slack's answers
 * and failures (429 + Retry-After, 5xx, channel errors, bad tokens), plus Socket Mode.
 * The real `@slack/bolt` / `@slack/web-api` talk to it through `SLACK_API_URL`.
 * @see https://docs.slack.dev/reference/methods
 */
export interface FakeSlack {
  /** SLACK_API_URL: `http://127.0.0.1:<port>/api/`. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly calls: FakeSlackCall[];
  readonly socket: FakeSocketMode;
  /** Every stored message (roots and replies), oldest first. */
  messages(channel?: string): FakeSlackMessage[];
  roots(channel: string): FakeSlackMessage[];
  replies(channel: string, threadTs: string): FakeSlackMessage[];
  callsOf(method: string): FakeSlackCall[];
  /** Files of the upload v2 flow (files.getUploadURLExternal → POST of the bytes → files.completeUploadExternal), in order. */
  uploads(): FakeSlackUpload[];
  /** Bodies POSTed to a slash command's response_url (`responseUrl(...)`), in order. */
  responses(): Array<Record<string, unknown>>;
  /** A response_url on this fake, for slash command payloads. */
  responseUrl(id: string): string;
  /** The next `times` calls of `method` (or of every method with `*`), optionally only those about `channel`, fail this way. */
  failNext(method: string, failure: FakeFailure, times?: number, channel?: string): void;
  /** Every call about this channel answers this Slack error (null clears it). */
  setChannelError(channel: string, error: string | null): void;
  setUser(user: FakeUser): void;
  /** What auth.test reports in `x-oauth-scopes` from now on (null: no header at all). */
  setScopes(scopes: string[] | null): void;
  /** What Slack does when someone presses "Allow" on the authorize page: a one-time code for the redirect. */
  approveInstall(teamId: string): string;
  /** The bot token of a team's latest install (null before it installed). */
  teamToken(teamId: string): string | null;
  /** Revokes a team's bot token (uninstall): every later call with it answers token_revoked. */
  revokeTeam(teamId: string): void;
  close(): Promise<void>;
}

export async function createFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botToken = options.botToken ?? 'xoxb-fake-bot-token';
  const appToken = options.appToken ?? 'xapp-fake-app-token';
  const users = new Map((options.users ?? []).map((u) => [u.id, u]));
  const stored: FakeSlackMessage[] = [];
  const calls: FakeSlackCall[] = [];
  const failures: Array<{ method: string; failure: FakeFailure; channel: string | undefined }> = [];
  const channelErrors = new Map<string, string>();
  const hanging = new Set<ServerResponse>();
  const uploads: FakeSlackUpload[] = [];
  const responses: Array<Record<string, unknown>> = [];
  let tsCounter = 0;
  let scopes: string[] | null = options.scopes ?? MANIFEST_SCOPES;
  const teams = new Map<string, FakeTeam>(
    (options.teams ?? []).map((t) => [t.id, { id: t.id, name: t.name, channels: new Set(t.channels ?? []), token: null, revoked: false, installs: 0 }]),
  );
  const codes = new Map<string, string>();
  let codeCounter = 0;

  const server = createServer((req, res) => void handle(req, res));
  const socket = attachFakeSocketMode(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const nextTs = (): string => `${1_760_000_000 + tsCounter}.${String(++tsCounter).padStart(6, '0')}`;
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void =>
    void res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const method = url.pathname.replace(/^\/api\//, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // The upload URL takes raw bytes (or a multipart form), not Web API parameters.
    if (url.pathname.startsWith('/upload/v1/')) {
      return receiveUpload(url.pathname.slice('/upload/v1/'.length), await uploadedBytes(Buffer.concat(chunks), req.headers['content-type']), res);
    }
    if (url.pathname.startsWith('/response/')) {
      responses.push(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>);
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    }
    const params = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type'], url.searchParams);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof params.token === 'string' ? params.token : null;
    const call: FakeSlackCall = { method, token, params, outcome: 'ok' };
    calls.push(call);

    const index = failures.findIndex((f) => (f.method === method || f.method === '*') && (f.channel === undefined || f.channel === params.channel));
    const failure = index === -1 ? null : failures.splice(index, 1)[0]!.failure;
    if (failure?.kind === 'rate_limit') {
      call.outcome = 'http_429';
      return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfterSeconds) });
    }
    if (failure?.kind === 'http') {
      call.outcome = `http_${failure.status}`;
      return void res.writeHead(failure.status, { 'content-type': 'text/html' }).end('<html><body>Slack is having trouble</body></html>');
    }
    const fault = failure || !options.faults || !FAULTABLE.has(method) ? NO_FAULT : options.faults.decide(method, MUTATING.has(method));
    if (fault.kind === 'rate_limit') {
      call.outcome = 'http_429';
      return send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfterSeconds) });
    }
    if (fault.kind === 'server_error') {
      call.outcome = 'http_503';
      return void res.writeHead(503, { 'content-type': 'text/html' }).end('<html><body>Slack is having trouble</body></html>');
    }
    if (fault.kind === 'drop_before') {
      call.outcome = 'dropped';
      return void req.socket.destroy();
    }
    if (failure?.kind === 'slow') await delay(failure.ms);
    if (fault.kind === 'slow') await delay(fault.ms);
    const result = failure?.kind === 'error' ? { ok: false, error: failure.error } : answer(method, token, params);
    call.outcome = result.ok ? 'ok' : String(result.error);
    const held = fault.kind === 'kill_after' && (options.faults?.killPoint(`slack ${method} ${String(params.channel)}`) ?? false);
    if (fault.kind === 'drop_after' || fault.kind === 'error_after' || held) call.fault = fault.kind;
    if (fault.kind === 'drop_after') return void req.socket.destroy();
    if (fault.kind === 'error_after') {
      // Slack documents internal_error as "some aspect of the operation may have succeeded".
      if (fault.variant < 0.5) return send(res, 200, { ok: false, error: 'internal_error' });
      return void res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>Internal Server Error</body></html>');
    }
    if (failure?.kind === 'hang_after_record' || held) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    // Slack reports a token's granted scopes on every call; auth.test is where the bot reads them.
    send(res, 200, result, method === 'auth.test' && result.ok && scopes ? { 'x-oauth-scopes': scopes.join(',') } : {});
  }

  function answer(method: string, token: string | null, p: Record<string, unknown>): Record<string, unknown> & { ok: boolean } {
    if (method === 'apps.connections.open') {
      if (token === botToken) return { ok: false, error: 'not_allowed_token_type' };
      if (token !== appToken) return { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
      return { ok: true, url: `${base.replace('http', 'ws')}${socket.path}/?ticket=${Date.now()}` };
    }
    if (method === 'oauth.v2.access') return exchangeCode(p);
    const team = teamOfToken(token);
    if (!team.ok) return team;
    const channel = typeof p.channel === 'string' ? p.channel : typeof p.channel_id === 'string' ? p.channel_id : '';
    // A channel of another workspace does not exist for this token, as on the real API.
    if (channel && ownerOf(channel) !== team.id) return { ok: false, error: 'channel_not_found' };
    const channelError = channelErrors.get(channel);
    if (channelError && method !== 'auth.test' && method !== 'users.info') return { ok: false, error: channelError };
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.invalid/', team: team.name, user: 'claude-outage-bot', team_id: team.id, user_id: team.botUserId, bot_id: team.botId };
      case 'chat.postMessage':
        return postMessage(channel, p);
      case 'chat.update': {
        const message = stored.find((m) => m.channel === channel && m.ts === p.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        Object.assign(message, pickContent(p), { edits: message.edits + 1 });
        return { ok: true, channel, ts: message.ts, text: message.text };
      }
      case 'conversations.history': {
        const withMeta = truthy(p.include_all_metadata);
        const roots = stored.filter((m) => m.channel === channel && !m.thread_ts).reverse();
        return { ok: true, messages: roots.slice(0, Number(p.limit ?? 100)).map((m) => view(m, withMeta)), has_more: false };
      }
      case 'conversations.replies': {
        const withMeta = truthy(p.include_all_metadata);
        const root = stored.find((m) => m.channel === channel && m.ts === p.ts && !m.thread_ts);
        if (!root) return { ok: false, error: 'thread_not_found' };
        const thread = [root, ...stored.filter((m) => m.channel === channel && m.thread_ts === root.ts)];
        return { ok: true, messages: thread.map((m) => view(m, withMeta)), has_more: false };
      }
      case 'files.getUploadURLExternal': {
        const length = Number(p.length);
        if (typeof p.filename !== 'string' || p.filename === '') return { ok: false, error: 'invalid_arguments' };
        if (!Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
        const fileId = `F${String(uploads.length + 1).padStart(8, '0')}`;
        uploads.push({ fileId, filename: p.filename, length, altText: typeof p.alt_text === 'string' ? p.alt_text : null, bytes: null, completed: false, channel: null, title: null });
        return { ok: true, upload_url: `${base}/upload/v1/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal':
        return completeUpload(channel, p);
      case 'usergroups.list':
        // Slack refuses without the scope, naming the one that is needed.
        if (scopes && !scopes.includes('usergroups:read')) return { ok: false, error: 'missing_scope', needed: 'usergroups:read' };
        return { ok: true, usergroups: (options.usergroups ?? []).map((g) => ({ ...g, is_usergroup: true, date_delete: 0 })) };
      case 'users.info': {
        const user = users.get(String(p.user));
        return user ? { ok: true, user: { is_admin: false, is_owner: false, is_primary_owner: false, ...user } } : { ok: false, error: 'user_not_found' };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  function teamOfToken(token: string | null): ({ ok: true; id: string; name: string; botUserId: string; botId: string }) | { ok: false; error: string } {
    if (token && token === botToken) return { ok: true, ...HOME_TEAM };
    const found = [...teams.values()].find((t) => t.token !== null && t.token === token);
    if (!found) return { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
    if (found.revoked) return { ok: false, error: 'token_revoked' };
    return { ok: true, id: found.id, name: found.name, botUserId: `UBOT${found.id}`, botId: `BBOT${found.id}` };
  }

  const ownerOf = (channel: string): string => [...teams.values()].find((t) => t.channels.has(channel))?.id ?? HOME_TEAM.id;

  /** @see https://docs.slack.dev/reference/methods/oauth.v2.access */
  function exchangeCode(p: Record<string, unknown>): Record<string, unknown> & { ok: boolean } {
    if (!options.oauth || p.client_id !== options.oauth.clientId) return { ok: false, error: 'invalid_client_id' };
    if (p.client_secret !== options.oauth.clientSecret) return { ok: false, error: 'bad_client_secret' };
    const teamId = typeof p.code === 'string' ? codes.get(p.code) : undefined;
    if (!teamId) return { ok: false, error: 'invalid_code' };
    // A code works once.
    codes.delete(p.code as string);
    const team = teams.get(teamId)!;
    team.installs += 1;
    team.token = `xoxb-${team.id}-${team.installs}-${Math.random().toString(36).slice(2, 12)}`;
    team.revoked = false;
    return {
      ok: true,
      app_id: 'AFAKEAPP',
      authed_user: { id: `UINSTALLER${team.id}` },
      scope: (scopes ?? MANIFEST_SCOPES).join(','),
      token_type: 'bot',
      access_token: team.token,
      bot_user_id: `UBOT${team.id}`,
      team: { id: team.id, name: team.name },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  /** Slack answers the upload POST with a plain 200; a length that differs from the announced one fails later. */
  function receiveUpload(fileId: string, bytes: Buffer, res: ServerResponse): void {
    const upload = uploads.find((u) => u.fileId === fileId && !u.completed);
    if (!upload) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    upload.bytes = bytes;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
  }

  function completeUpload(channel: string, p: Record<string, unknown>): Record<string, unknown> & { ok: boolean } {
    const files = Array.isArray(p.files) ? (p.files as Array<{ id?: string; title?: string }>) : [];
    if (files.length === 0) return { ok: false, error: 'invalid_arguments' };
    const found = files.map((f) => uploads.find((u) => u.fileId === f.id && !u.completed));
    // Bytes missing or not the announced length: Slack never finished receiving the file.
    if (found.some((u) => !u || u.bytes === null || u.bytes.length !== u.length)) return { ok: false, error: 'file_upload_failed' };
    files.forEach((f, i) => Object.assign(found[i]!, { completed: true, channel: channel || null, title: f.title ?? found[i]!.filename }));
    if (channel) {
      const text = typeof p.initial_comment === 'string' ? p.initial_comment : '';
      stored.push({ channel, ts: nextTs(), text, edits: 0, files: files.map((f, i) => ({ id: f.id!, title: found[i]!.title ?? '' })) });
    }
    return { ok: true, files: files.map((f, i) => ({ id: f.id, title: found[i]!.title })) };
  }

  function postMessage(channel: string, p: Record<string, unknown>): Record<string, unknown> & { ok: boolean } {
    const content = pickContent(p);
    if (!content.text && !content.blocks && !content.attachments) return { ok: false, error: 'no_text' };
    const threadTs = typeof p.thread_ts === 'string' ? p.thread_ts : undefined;
    if (threadTs && !stored.some((m) => m.channel === channel && m.ts === threadTs)) return { ok: false, error: 'thread_not_found' };
    const message: FakeSlackMessage = { channel, ts: nextTs(), text: content.text ?? '', edits: 0, ...content };
    if (threadTs) message.thread_ts = threadTs;
    if (p.metadata && typeof p.metadata === 'object') message.metadata = p.metadata as FakeSlackMessage['metadata'];
    stored.push(message);
    return { ok: true, channel, ts: message.ts, message: { text: message.text, ts: message.ts } };
  }

  return {
    apiUrl: `${base}/api/`,
    botToken,
    appToken,
    calls,
    socket,
    messages: (channel) => stored.filter((m) => channel === undefined || m.channel === channel),
    roots: (channel) => stored.filter((m) => m.channel === channel && !m.thread_ts),
    replies: (channel, threadTs) => stored.filter((m) => m.channel === channel && m.thread_ts === threadTs),
    callsOf: (method) => calls.filter((c) => c.method === method),
    uploads: () => uploads,
    responses: () => responses,
    responseUrl: (id) => `${base}/response/${id}`,
    failNext(method, failure, times = 1, channel) {
      for (let i = 0; i < times; i += 1) failures.push({ method, failure, channel });
    },
    setChannelError(channel, error) {
      if (error === null) channelErrors.delete(channel);
      else channelErrors.set(channel, error);
    },
    setUser: (user) => void users.set(user.id, user),
    setScopes: (next) => void (scopes = next),
    approveInstall(teamId) {
      if (!teams.has(teamId)) throw new Error(`fake Slack knows no team ${teamId}`);
      const code = `code-${teamId}-${++codeCounter}`;
      codes.set(code, teamId);
      return code;
    },
    teamToken: (teamId) => teams.get(teamId)?.token ?? null,
    revokeTeam(teamId) {
      const team = teams.get(teamId);
      if (team) team.revoked = true;
    },
    async close() {
      for (const res of hanging) res.destroy();
      await socket.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The upload URL takes the raw bytes or a multipart form with the file in it, as Slack documents. */
async function uploadedBytes(body: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.startsWith('multipart/form-data')) return body;
  const form = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
  const file = [...form.values()].find((value) => typeof value !== 'string');
  return file && typeof file !== 'string' ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
}

/** The fields chat.postMessage / chat.update store. */
function pickContent(p: Record<string, unknown>): Partial<Pick<FakeSlackMessage, 'text' | 'blocks' | 'attachments'>> {
  const out: Partial<Pick<FakeSlackMessage, 'text' | 'blocks' | 'attachments'>> = {};
  if (typeof p.text === 'string') out.text = p.text;
  if (Array.isArray(p.blocks)) out.blocks = p.blocks;
  if (Array.isArray(p.attachments)) out.attachments = p.attachments;
  return out;
}

/** Metadata is only returned when asked for, as on the real API. */
function view(m: FakeSlackMessage, withMetadata: boolean): Record<string, unknown> {
  const { metadata, edits: _edits, channel: _channel, ...rest } = m;
  return { type: 'message', user: 'UBOT', bot_id: 'BBOT', ...rest, ...(withMetadata && metadata ? { metadata } : {}) };
}

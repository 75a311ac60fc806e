import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachFakeGateway, type FakeGateway } from './discord/fake-discord-gateway.js';
import { delay, type Fault, type FaultPlan } from './fault-plan.js';
import {
  parseMultipart,
  snowflake,
  validateMessageBody,
  type FakeDiscordFile,
  type FakeDiscordCall,
  type FakeDiscordChannel,
  type FakeDiscordFailure,
  type FakeDiscordMessage,
  type FakeDiscordUser,
  type FakeInteractionAnswer,
} from './discord/fake-discord-state.js';
import { createFakeInteractions, type SlashCommandInput } from './discord/fake-interactions.js';

export type { FakeDiscordCall, FakeDiscordChannel, FakeDiscordFailure, FakeDiscordFile, FakeDiscordMessage, FakeInteractionAnswer } from './discord/fake-discord-state.js';
export { API_ERRORS } from './discord/fake-discord-state.js';
export type { SlashCommandInput } from './discord/fake-interactions.js';

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  heartbeatIntervalMs?: number;
  /** Seeded faults on the channel routes (messages, threads); none without it. */
  faults?: FaultPlan;
  /**
   * How long enforce_nonce dedupes. Discord documents "a few minutes"; the default
   * (forever) keeps the older tests' behaviour, a chaos run can set the real bound.
   */
  nonceWindowMs?: number;
  /** Shards GET /gateway/bot recommends (default 1); a bot identifying with another count is refused (4011). */
  shards?: number;
  /** Roles of each guild (GET /guilds/{id}/roles); every guild has @everyone (its own id). */
  roles?: Record<string, Array<{ id: string; name: string }>>;
}

const NO_FAULT: Fault = { kind: 'none' };

/**
 * A fake Discord on 127.0.0.1: the REST routes the bot uses (under `/api/v10`) with
 * Discord's answers and failures (429 + Retry-After, 5xx, 50001/50013/10003, 401,
 * enforce_nonce), plus a gateway. The real discord.js talks to it via `DISCORD_API_URL`.
 * @see https://discord.com/developers/docs/reference
 */
export interface FakeDiscord {
  /** DISCORD_API_URL: `http://127.0.0.1:<port>/api`. */
  readonly apiUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly bot: FakeDiscordUser;
  readonly gateway: FakeGateway;
  readonly calls: FakeDiscordCall[];
  /** Bodies of PUT .../commands, with the scope they were registered for. */
  readonly registrations: Array<{ guildId: string | null; commands: Array<Record<string, unknown>> }>;
  /** Messages in a channel or thread, oldest first (replies too). */
  messages(channelId: string): FakeDiscordMessage[];
  channel(channelId: string): FakeDiscordChannel | undefined;
  callsTo(method: string, path: RegExp): FakeDiscordCall[];
  /** The next `times` requests matching fail this way. */
  failNext(method: string, path: RegExp, failure: FakeDiscordFailure, times?: number): void;
  /** Every request about this channel fails this way (null clears). */
  setChannelError(channelId: string, failure: FakeDiscordFailure | null): void;
  /** Thread creation in this channel answers 50024 (e.g. a channel type without threads). */
  disallowThreads(channelId: string): void;
  /** The next matching request is carried out, but its answer is held until `release` (or the client dies). */
  holdNext(method: string, path: RegExp): { arrived: Promise<FakeDiscordCall>; release(): void };
  /** Dispatches a slash command over the gateway and resolves with the bot's answer. */
  sendCommand(input: SlashCommandInput, timeoutMs?: number): Promise<FakeInteractionAnswer>;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
interface Rule {
  method: string;
  path: RegExp;
}

export async function createFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const token = options.token ?? 'ZmFrZS1ib3QtdG9rZW4.fake.discord-bot-token-0123456789';
  const applicationId = options.applicationId ?? '1300000000000000001';
  const bot: FakeDiscordUser = { id: applicationId, username: 'Claude Outage Bot', discriminator: '0', global_name: null, avatar: null, bot: true };
  const channels = new Map<string, FakeDiscordChannel>();
  const stored: FakeDiscordMessage[] = [];
  const calls: FakeDiscordCall[] = [];
  const registrations: FakeDiscord['registrations'] = [];
  const failures: Array<Rule & { failure: FakeDiscordFailure }> = [];
  const channelErrors = new Map<string, FakeDiscordFailure>();
  const noThreads = new Set<string>();
  const holds: Array<Rule & { arrived: (call: FakeDiscordCall) => void; released: Promise<void> }> = [];
  const held = new Set<ServerResponse>();

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const gateway = attachFakeGateway({ server, base: `ws://127.0.0.1:${port}`, token, applicationId, bot, heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250, shards: options.shards });
  const interactions = createFakeInteractions(gateway, applicationId);

  const channelOf = (id: string): FakeDiscordChannel => {
    let channel = channels.get(id);
    if (!channel) {
      // Any id is a text channel of one guild: tests name channels freely.
      channel = { id, type: 0, guild_id: '900000000000000001', name: `channel-${id}`, parent_id: null };
      channels.set(id, channel);
    }
    return channel;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, '');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const contentType = req.headers['content-type'] ?? '';
    // Attachments come as multipart/form-data (payload_json + files[n]); everything else is JSON.
    const multipart = contentType.startsWith('multipart/form-data') ? await parseMultipart(Buffer.concat(chunks), contentType) : null;
    const raw = multipart ? '' : Buffer.concat(chunks).toString('utf8');
    const body = multipart ? multipart.body : raw ? (JSON.parse(raw) as Json) : {};
    const files = multipart?.files ?? [];
    const authorized = req.headers.authorization === `Bot ${token}`;
    const call: FakeDiscordCall = { method, path, query: url.search, body, status: 0, authorized };
    calls.push(call);
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      call.status = status;
      if (status === 204) return void res.writeHead(204, headers).end();
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
    };

    // Interaction callbacks and webhooks authenticate by their token in the path, not the bot token.
    const open = /^\/(interactions|webhooks)\//.test(path);
    if (!open && !authorized) return reply(401, { message: '401: Unauthorized', code: 0 });
    const failure = takeFailure(method, path);
    if (failure && !(failure.kind === 'server_error' && failure.afterEffect)) return fail(failure, reply);
    if (multipart && multipart.problems.length > 0) return reply(400, { message: 'Invalid Form Body', code: 50035, errors: multipart.problems });
    const fault = failure || !options.faults || !path.startsWith('/channels/') ? NO_FAULT : options.faults.decide(`${method} ${path}`, method !== 'GET');
    if (fault.kind === 'rate_limit') return fail({ kind: 'rate_limit', retryAfterSeconds: fault.retryAfterSeconds }, reply);
    if (fault.kind === 'server_error') return fail({ kind: 'server_error', status: fault.variant < 0.5 ? 502 : 503 }, reply);
    if (fault.kind === 'drop_before') {
      call.status = -1;
      return void req.socket.destroy();
    }
    if (fault.kind === 'slow') await delay(fault.ms);
    const outcome = route(method, path, body, files);
    if (failure) return fail(failure, reply);
    if (fault.kind === 'drop_after' || fault.kind === 'error_after' || fault.kind === 'kill_after') {
      call.status = outcome.status;
      call.fault = fault.kind;
    }
    if (fault.kind === 'drop_after') return void req.socket.destroy();
    if (fault.kind === 'error_after') return fail({ kind: 'server_error', status: 500 }, reply);
    if (fault.kind === 'kill_after' && options.faults?.killPoint(`discord ${method} ${path}`)) {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    if (fault.kind === 'kill_after') delete call.fault;
    const hold = holds.findIndex((h) => h.method === method && h.path.test(path));
    if (hold !== -1) {
      const [entry] = holds.splice(hold, 1);
      call.status = outcome.status;
      held.add(res);
      entry!.arrived(call);
      await entry!.released;
      held.delete(res);
      if (res.destroyed) return;
    }
    reply(outcome.status, outcome.body);
  }

  function takeFailure(method: string, path: string): FakeDiscordFailure | null {
    const channelId = /^\/channels\/(\d+)/.exec(path)?.[1];
    const byChannel = channelId ? channelErrors.get(channelId) : undefined;
    if (byChannel) return byChannel;
    const index = failures.findIndex((f) => f.method === method && f.path.test(path));
    return index === -1 ? null : failures.splice(index, 1)[0]!.failure;
  }

  function fail(failure: FakeDiscordFailure, reply: (status: number, body: unknown, headers?: Record<string, string>) => void): void {
    if (failure.kind === 'api_error') return reply(failure.status, { message: failure.message, code: failure.code });
    if (failure.kind === 'server_error') return reply(failure.status, { message: `${failure.status}: Internal Server Error`, code: 0 });
    const seconds = String(failure.retryAfterSeconds);
    reply(
      429,
      { message: 'You are being rate limited.', retry_after: failure.retryAfterSeconds, global: failure.global ?? false },
      {
        'retry-after': seconds,
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Date.now() / 1000 + failure.retryAfterSeconds),
        'x-ratelimit-reset-after': seconds,
        'x-ratelimit-bucket': 'fakebucket0001',
        'x-ratelimit-scope': failure.global ? 'global' : 'user',
        // Only a global limit carries this header: discord.js treats its mere presence as global.
        ...(failure.global ? { 'x-ratelimit-global': 'true' } : {}),
      },
    );
  }

  function route(method: string, path: string, body: Json, files: FakeDiscordFile[]): { status: number; body: unknown } {
    const ok = (payload: unknown, status = 200) => ({ status, body: payload });
    const error = (status: number, code: number, message: string, errors?: unknown) => ({ status, body: { message, code, ...(errors ? { errors } : {}) } });
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/gateway/bot') {
      // max_concurrency as large bots get it, so shards identify at once (discord.js spaces buckets 5 s apart).
      return ok({ url: gateway.url, shards: gateway.shards, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: gateway.shards } });
    }
    if (method === 'GET' && path === '/gateway') return ok({ url: gateway.url });
    if (method === 'GET' && path === '/users/@me') return ok(bot);
    if (method === 'GET' && path === '/applications/@me') return ok({ id: applicationId, name: bot.username, bot_public: true, flags: 0 });
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path)) && method === 'PUT') {
      if (m[1] !== applicationId) return error(403, 50001, 'Missing Access');
      const commands = (body as unknown as Array<Record<string, unknown>>).map((c) => ({ ...c, id: snowflake(), application_id: applicationId, version: snowflake() }));
      registrations.push({ guildId: m[2] ?? null, commands });
      return ok(commands);
    }
    if ((m = /^\/guilds\/(\d+)\/roles$/.exec(path)) && method === 'GET') {
      const everyone = { id: m[1]!, name: '@everyone' };
      const roles = [everyone, ...(options.roles?.[m[1]!] ?? [])];
      return ok(roles.map((r, position) => ({ ...r, color: 0, hoist: false, position, permissions: '0', managed: false, mentionable: true, flags: 0 })));
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST') return createMessage(m[1]!, body);
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
      const message = stored.find((x) => x.id === m![2] && x.channel_id === m![1]);
      if (!message) return error(404, 10008, 'Unknown Message');
      if (method === 'GET') return ok(message);
      if (method === 'PATCH') {
        const problems = validateMessageBody(body);
        if (problems.length > 0) return error(400, 50035, 'Invalid Form Body', problems);
        Object.assign(message, pick(body), { edited_timestamp: new Date().toISOString() });
        return ok(message);
      }
    }
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(path)) && method === 'POST') {
      const message = stored.find((x) => x.id === m![2] && x.channel_id === m![1]);
      if (!message) return error(404, 10008, 'Unknown Message');
      if (message.thread) return error(400, 160004, 'A thread has already been created for this message');
      if (noThreads.has(m[1]!)) return error(400, 50024, 'Cannot execute action on this channel type');
      if (typeof body.name !== 'string' || body.name.length === 0 || body.name.length > 100) return error(400, 50035, 'Invalid Form Body');
      const thread: FakeDiscordChannel = {
        id: message.id, // Discord gives a thread started on a message the message's id.
        type: 11,
        guild_id: channelOf(m[1]!).guild_id,
        name: body.name,
        parent_id: m[1]!,
        thread_metadata: { archived: false, auto_archive_duration: Number(body.auto_archive_duration ?? 1440), locked: false, archive_timestamp: new Date().toISOString() },
      };
      channels.set(thread.id, thread);
      message.thread = thread;
      return ok(thread, 201);
    }
    if ((m = /^\/channels\/(\d+)$/.exec(path))) {
      const channel = channelOf(m[1]!);
      if (method === 'PATCH' && channel.thread_metadata && typeof body.archived === 'boolean') channel.thread_metadata.archived = body.archived;
      return ok(channel);
    }
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') {
      const data = (body.data ?? {}) as Json;
      const problems = validateMessageBody(data);
      if (problems.length > 0) return error(400, 50035, 'Invalid Form Body', problems);
      const accepted = interactions.callback(m[1]!, body as { type: number; data?: FakeInteractionAnswer['data'] }, files);
      return accepted ? ok(null, 204) : error(404, 10062, 'Unknown interaction');
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path)) && method === 'PATCH') {
      const problems = validateMessageBody(body);
      if (problems.length > 0) return error(400, 50035, 'Invalid Form Body', problems);
      if (!interactions.editOriginal(m[2]!, body as FakeInteractionAnswer['data'], files)) return error(404, 10015, 'Unknown Webhook');
      return ok({ id: snowflake(), channel_id: '0', type: 20, author: bot, content: body.content ?? '', embeds: body.embeds ?? [], attachments: [], mentions: [], mention_roles: [], pinned: false, mention_everyone: false, tts: false, timestamp: new Date().toISOString(), edited_timestamp: null, flags: 0, components: [] });
    }
    return error(404, 0, `404: Not Found (${method} ${path})`);
  }

  function createMessage(channelId: string, body: Json): { status: number; body: unknown } {
    const problems = validateMessageBody(body);
    if (problems.length > 0) return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: problems } };
    const nonce = typeof body.nonce === 'string' ? body.nonce : null;
    // enforce_nonce: the same nonce from the same author answers with the message it already made.
    const window = options.nonceWindowMs ?? Number.POSITIVE_INFINITY;
    const existing =
      nonce && body.enforce_nonce === true
        ? stored.find((x) => x.nonce === nonce && x.author.id === bot.id && Date.now() - Date.parse(x.timestamp) <= window)
        : undefined;
    if (existing) return { status: 200, body: existing };
    const channel = channelOf(channelId);
    // Sending into an archived (not locked) thread unarchives it, as on Discord.
    if (channel.thread_metadata && !channel.thread_metadata.locked) channel.thread_metadata.archived = false;
    const reference = (body.message_reference ?? null) as FakeDiscordMessage['message_reference'];
    const message: FakeDiscordMessage = {
      id: snowflake(),
      channel_id: channelId,
      type: reference ? 19 : 0,
      author: bot,
      content: '',
      embeds: [],
      components: [],
      nonce,
      allowed_mentions: body.allowed_mentions,
      message_reference: reference,
      thread: null,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
      ...pick(body),
    };
    stored.push(message);
    return { status: 200, body: message };
  }

  const pick = (body: Json): Partial<FakeDiscordMessage> => ({
    ...(typeof body.content === 'string' ? { content: body.content } : {}),
    ...(Array.isArray(body.embeds) ? { embeds: body.embeds as FakeDiscordMessage['embeds'] } : {}),
    ...(Array.isArray(body.components) ? { components: body.components as unknown[] } : {}),
    ...('allowed_mentions' in body ? { allowed_mentions: body.allowed_mentions } : {}),
  });

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    token,
    applicationId,
    bot,
    gateway,
    calls,
    registrations,
    messages: (channelId) => stored.filter((x) => x.channel_id === channelId),
    channel: (channelId) => channels.get(channelId),
    callsTo: (method, path) => calls.filter((c) => c.method === method && path.test(c.path)),
    failNext(method, path, failure, times = 1) {
      for (let i = 0; i < times; i++) failures.push({ method, path, failure });
    },
    setChannelError(channelId, failure) {
      if (failure) channelErrors.set(channelId, failure);
      else channelErrors.delete(channelId);
    },
    disallowThreads: (channelId) => void noThreads.add(channelId),
    holdNext(method, path) {
      let arrived!: (call: FakeDiscordCall) => void;
      let release!: () => void;
      const arrivedPromise = new Promise<FakeDiscordCall>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.push({ method, path, arrived, released });
      return { arrived: arrivedPromise, release };
    },
    sendCommand: (input, timeoutMs) => interactions.send(input, timeoutMs),
    async close() {
      gateway.close();
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

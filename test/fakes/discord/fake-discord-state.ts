/** Data the fake Discord keeps, in Discord's own JSON shapes (snake_case, ids as strings). */

export interface FakeDiscordUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
}

export interface FakeDiscordChannel {
  id: string;
  /** 0 text, 11 public thread. */
  type: 0 | 11;
  guild_id: string;
  name: string;
  parent_id: string | null;
  thread_metadata?: { archived: boolean; auto_archive_duration: number; locked: boolean; archive_timestamp: string };
}

export interface FakeDiscordMessage {
  id: string;
  channel_id: string;
  /** 0 default, 19 reply. */
  type: 0 | 19;
  author: FakeDiscordUser;
  content: string;
  embeds: FakeEmbed[];
  components: unknown[];
  nonce: string | null;
  allowed_mentions: unknown;
  message_reference: { message_id: string; channel_id?: string } | null;
  thread: FakeDiscordChannel | null;
  timestamp: string;
  edited_timestamp: string | null;
  flags: number;
}

export interface FakeEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer?: { text: string };
  author?: { name: string };
  timestamp?: string;
}

/** One HTTP request the fake answered. */
export interface FakeDiscordCall {
  method: string;
  /** Path after `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  query: string;
  body: unknown;
  status: number;
  authorized: boolean;
  /** The fault a fault plan injected after Discord did the work (`drop_after`, `error_after`, `kill_after`). */
  fault?: string;
}

/** How a request fails. `afterEffect`: do the work first (the message exists), then answer the failure. */
export type FakeDiscordFailure =
  | { kind: 'rate_limit'; retryAfterSeconds: number; global?: boolean }
  | { kind: 'server_error'; status: 500 | 502 | 503; afterEffect?: boolean }
  | { kind: 'api_error'; status: 400 | 403 | 404; code: number; message: string };

export const API_ERRORS = {
  missingAccess: { kind: 'api_error', status: 403, code: 50001, message: 'Missing Access' },
  missingPermissions: { kind: 'api_error', status: 403, code: 50013, message: 'Missing Permissions' },
  unknownChannel: { kind: 'api_error', status: 404, code: 10003, message: 'Unknown Channel' },
} as const satisfies Record<string, FakeDiscordFailure>;

/** What Discord answered an interaction with: the immediate reply, or the deferral and its edit. */
export interface FakeInteractionAnswer {
  /** 4 reply, 5 deferred (then `data` is the edit of @original). */
  type: number;
  data: { content?: string; embeds?: FakeEmbed[]; flags?: number; allowed_mentions?: unknown };
  ephemeral: boolean;
  /** Milliseconds from dispatch to the first callback (Discord's limit is 3000). */
  callbackMs: number;
  /** Files sent with the answer (multipart `files[n]` parts). */
  files?: FakeDiscordFile[];
}

/** One `files[n]` part of a multipart request, as Discord takes attachments. */
export interface FakeDiscordFile {
  /** n of `files[n]`. */
  index: number;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/**
 * A multipart/form-data body: the JSON in `payload_json` and the `files[n]` parts.
 * @see https://discord.com/developers/docs/reference#uploading-files
 */
export async function parseMultipart(raw: Buffer, contentType: string): Promise<{ body: Record<string, unknown>; files: FakeDiscordFile[]; problems: string[] }> {
  const form = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  const problems: string[] = [];
  const files: FakeDiscordFile[] = [];
  let body: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    if (name === 'payload_json' && typeof value === 'string') body = JSON.parse(value) as Record<string, unknown>;
    else if (typeof value !== 'string') {
      const index = /^files\[(\d+)\]$/.exec(name)?.[1];
      if (index === undefined) problems.push(`${name}: file fields must be named files[n]`);
      else files.push({ index: Number(index), filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
    }
  }
  // Each attachment the payload names must come with its files[n] part.
  const data = (body.data ?? body) as { attachments?: Array<{ id?: unknown }> };
  for (const attachment of data.attachments ?? []) {
    if (!files.some((f) => String(f.index) === String(attachment.id))) problems.push(`attachments: no files[${String(attachment.id)}] part`);
  }
  return { body, files, problems };
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;

/** Ids shaped like real snowflakes (time-ordered, unique within the process). */
export function snowflake(): string {
  sequence = (sequence + 1n) % 4096n;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (BigInt(process.pid % 1024) << 12n) | sequence);
}

const EMBED_LIMITS = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, total: 6000 };

/** Discord's 50035 checks the bot can trip: content, embed and nonce limits, link buttons. Returns problems. */
export function validateMessageBody(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof body.content === 'string' && body.content.length > 2000) problems.push('content: Must be 2000 or fewer in length.');
  const embeds = Array.isArray(body.embeds) ? (body.embeds as FakeEmbed[]) : [];
  if (embeds.length > 10) problems.push('embeds: Must be 10 or fewer in length.');
  let total = 0;
  embeds.forEach((e, i) => {
    const over = (what: string, value: string | undefined, max: number) => {
      if (value !== undefined && value.length > max) problems.push(`embeds.${i}.${what}: Must be ${max} or fewer in length.`);
      total += value?.length ?? 0;
    };
    over('title', e.title, EMBED_LIMITS.title);
    over('description', e.description, EMBED_LIMITS.description);
    over('footer.text', e.footer?.text, EMBED_LIMITS.footer);
    over('author.name', e.author?.name, 256);
    if ((e.fields?.length ?? 0) > EMBED_LIMITS.fields) problems.push(`embeds.${i}.fields: Must be 25 or fewer in length.`);
    for (const f of e.fields ?? []) {
      if (!f.name || !f.value) problems.push(`embeds.${i}.fields: name and value are required`);
      over('fields.name', f.name, EMBED_LIMITS.fieldName);
      over('fields.value', f.value, EMBED_LIMITS.fieldValue);
    }
  });
  if (total > EMBED_LIMITS.total) problems.push(`embeds: Embed size exceeds maximum size of 6000 (${total})`);
  if (body.nonce !== undefined && (typeof body.nonce !== 'string' || body.nonce.length > 25)) problems.push('nonce: Must be 25 or fewer in length.');
  for (const row of (body.components as Array<{ components?: Array<{ style?: number; url?: string; label?: string }> }> | undefined) ?? []) {
    for (const button of row.components ?? []) {
      if (button.style === 5 && !(button.url && /^https?:\/\//.test(button.url))) problems.push('components: link buttons need an http(s) url');
      if ((button.label?.length ?? 0) > 80) problems.push('components: label must be 80 or fewer in length');
    }
  }
  return problems;
}

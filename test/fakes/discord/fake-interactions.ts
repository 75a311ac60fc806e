import type { FakeGateway } from './fake-discord-gateway.js';
import { snowflake, type FakeDiscordFile, type FakeInteractionAnswer } from './fake-discord-state.js';

/** A slash command as a member types it. */
export interface SlashCommandInput {
  name: string;
  options?: Array<{ name: string; type: number; value: string | number | boolean }>;
  channelId: string;
  guildId?: string;
  userId?: string;
  /** The member's permissions in the channel (bitfield). Default: Send Messages + View Channel only. */
  permissions?: bigint;
}

interface Pending {
  started: number;
  resolve: (answer: FakeInteractionAnswer) => void;
  deferred: { ephemeral: boolean; callbackMs: number } | null;
}

const EPHEMERAL = 1 << 6;
const DEFAULT_PERMISSIONS = (1n << 10n) | (1n << 11n);

/**
 * Interactions: dispatches INTERACTION_CREATE (type 2, application command) over the
 * gateway and waits for the bot's answer through the callback and webhook routes.
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding
 */
export function createFakeInteractions(gateway: FakeGateway, applicationId: string) {
  const pending = new Map<string, Pending>();
  const byToken = new Map<string, string>();

  async function send(input: SlashCommandInput, timeoutMs = 5_000): Promise<FakeInteractionAnswer> {
    const deadline = Date.now() + timeoutMs;
    while (gateway.readySessions() === 0) {
      if (Date.now() > deadline) throw new Error('fake discord: no gateway session is ready');
      await new Promise((r) => setTimeout(r, 20));
    }
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${id}`;
    const guildId = input.guildId ?? '900000000000000001';
    const user = { id: input.userId ?? '700000000000000001', username: 'member', discriminator: '0', global_name: 'Member', avatar: null };
    const answer = new Promise<FakeInteractionAnswer>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake discord: /${input.name} got no answer in ${timeoutMs} ms`)), timeoutMs);
      pending.set(id, { started: Date.now(), deferred: null, resolve: (a) => (clearTimeout(timer), resolve(a)) });
    });
    byToken.set(token, id);
    gateway.dispatch('INTERACTION_CREATE', {
      id,
      application_id: applicationId,
      type: 2,
      token,
      version: 1,
      guild_id: guildId,
      channel_id: input.channelId,
      channel: { id: input.channelId, type: 0, guild_id: guildId, name: 'alerts' },
      member: { user, roles: [], permissions: String(input.permissions ?? DEFAULT_PERMISSIONS), joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
      app_permissions: '2248473465835073',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { 0: guildId },
      context: 0,
      data: { id: snowflake(), name: input.name, type: 1, options: input.options ?? [] },
    });
    return answer;
  }

  return {
    send,
    /** POST /interactions/{id}/{token}/callback. Returns false for an unknown or answered interaction (10062). */
    callback(id: string, body: { type: number; data?: FakeInteractionAnswer['data'] }, files: FakeDiscordFile[] = []): boolean {
      const entry = pending.get(id);
      if (!entry || entry.deferred) return false;
      const ephemeral = ((body.data?.flags ?? 0) & EPHEMERAL) !== 0;
      const callbackMs = Date.now() - entry.started;
      if (body.type === 5) {
        entry.deferred = { ephemeral, callbackMs };
        return true;
      }
      pending.delete(id);
      entry.resolve({ type: body.type, data: body.data ?? {}, ephemeral, callbackMs, ...(files.length > 0 ? { files } : {}) });
      return true;
    },
    /** PATCH /webhooks/{app}/{token}/messages/@original after a deferral. */
    editOriginal(token: string, data: FakeInteractionAnswer['data'], files: FakeDiscordFile[] = []): boolean {
      const id = byToken.get(token);
      const entry = id ? pending.get(id) : undefined;
      if (!id || !entry?.deferred) return id !== undefined;
      pending.delete(id);
      entry.resolve({ type: 5, data, ephemeral: entry.deferred.ephemeral, callbackMs: entry.deferred.callbackMs, ...(files.length > 0 ? { files } : {}) });
      return true;
    },
  };
}

export type FakeInteractions = ReturnType<typeof createFakeInteractions>;

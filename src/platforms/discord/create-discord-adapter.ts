import { Client, DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, Events, GatewayIntentBits, Routes } from 'discord.js';
import type { Config } from '../../config/load-config.js';
import { errorMessage } from '../../shared/errors.js';
import type { AdapterHealth, ChatAdapterFactory } from '../chat-adapter.js';
import { buildCommandDefinitions } from './discord-commands.js';
import { checkDiscordRole } from './check-discord-role.js';
import { createDiscordPlatform } from './discord-platform.js';
import { createInteractionHandler } from './handle-interaction.js';
import { buildInviteUrl } from './invite-url.js';
import { discordRestOptions } from './rest-options.js';
import { createShardHealth } from './shard-health.js';

export interface DiscordAdapterOptions {
  /** A command still running after this is deferred (Discord's answer window is 3 s). Default 2000. */
  deferAfterMs?: number;
  /** Per REST request. Default 15 000. */
  requestTimeoutMs?: number;
  /** Longer rate limits go back to the outbox instead of being waited out (see discordRestOptions). Default 60 000. */
  maxRateLimitWaitMs?: number;
}

/** The bot-token problem, said so that the operator knows what to do next. */
function startupError(error: unknown, apiUrl: string): Error {
  const unauthorized =
    (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) ||
    (error instanceof DiscordAPIError && error.status === 401);
  if (unauthorized) {
    return new Error(
      'Discord rejected DISCORD_TOKEN (401 Unauthorized). In the Discord Developer Portal open your application → Bot → ' +
        'Reset Token, put the new bot token in DISCORD_TOKEN (not the client secret or public key), and start again.',
      { cause: error },
    );
  }
  return new Error(`Could not connect to Discord at ${apiUrl}: ${errorMessage(error)}. Check DISCORD_API_URL and the network, then start again.`, {
    cause: error,
  });
}

/**
 * Discord: a discord.js v14 client with the Guilds intent only (slash commands arrive
 * over the gateway; alerts go out over REST). Commands are registered on each start,
 * for one server when DISCORD_GUILD_ID is set (instant) or globally.
 * @see https://discord.com/developers/docs/topics/gateway
 */
export function createDiscordAdapterFactory(config: Config['discord'], options: DiscordAdapterOptions = {}): ChatAdapterFactory {
  const { deferAfterMs = 2_000, requestTimeoutMs = 15_000, maxRateLimitWaitMs = 60_000 } = options;
  return (context) => {
    const { commands, logger: parent } = context;
    const { token, applicationId } = config;
    if (!token || !applicationId) throw new Error('Discord needs both DISCORD_TOKEN and DISCORD_APPLICATION_ID.');
    const logger = parent.child({ platform: 'discord' });
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      // As many gateway shards as Discord recommends (GET /gateway/bot): one until the bot is in
      // about 1,000 servers, more after; Discord refuses a single connection past 2,500.
      shards: 'auto',
      allowedMentions: { parse: [], repliedUser: false },
      rest: discordRestOptions({ apiUrl: config.apiUrl, timeoutMs: requestTimeoutMs, maxRateLimitWaitMs }),
    });
    client.rest.on('rateLimited', (limit) => logger.warn({ route: limit.route, retryAfterMs: limit.retryAfter, global: limit.global }, 'discord rate limit: waiting'));
    client.on(Events.Error, (error) => logger.error({ err: error }, `discord client error: ${error.message}`));
    client.on(Events.Warn, (message) => logger.warn(message));
    // Gateway state for /readyz, per shard from the client's own shard events: ready only when every shard is.
    const gateway = createShardHealth();
    let stopped: AdapterHealth | null = { connected: false, detail: 'not started' };
    const since = () => context.clock.now().toISOString();
    client.on(Events.ShardDisconnect, (event, shard) => {
      gateway.set(shard, false, `gateway closed (code ${event.code}) at ${since()}; restart the bot`);
      logger.error({ code: event.code, shard }, 'discord gateway closed and will not reconnect: slash commands stop until restart');
    });
    client.on(Events.ShardReconnecting, (shard) => gateway.set(shard, false, `gateway reconnecting since ${since()}`));
    client.on(Events.ShardResume, (shard) => gateway.set(shard, true, 'gateway connected (resumed)'));
    client.on(Events.ShardReady, (shard) => gateway.set(shard, true, 'gateway connected'));

    const handle = createInteractionHandler({ commands, logger, deferAfterMs });
    client.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) void handle(interaction);
    });

    const registerCommands = async (): Promise<void> => {
      const where = config.guildId ? `server ${config.guildId}` : 'every server (global)';
      const route = config.guildId ? Routes.applicationGuildCommands(applicationId, config.guildId) : Routes.applicationCommands(applicationId);
      try {
        await client.rest.put(route, { body: buildCommandDefinitions() });
        logger.info({ guildId: config.guildId }, `slash commands registered for ${where}`);
      } catch (error) {
        // Alerts still work without commands, so this is loud but not fatal.
        const hint = config.guildId ? 'add the bot to that server with the invite URL above (or fix DISCORD_GUILD_ID)' : 'check DISCORD_APPLICATION_ID';
        logger.error({ guildId: config.guildId, status: (error as { status?: number }).status }, `could not register slash commands for ${where}: ${errorMessage(error)}; ${hint}, then restart`);
      }
    };

    return {
      platform: createDiscordPlatform({ rest: client.rest, logger }),
      alertChannels: config.alertChannels,
      health: () => stopped ?? gateway.health(client.ws.shards.size),
      checkMention: (request, wanted) => checkDiscordRole(client.rest, request, wanted),
      async start() {
        try {
          await client.login(token);
        } catch (error) {
          throw startupError(error, config.apiUrl);
        }
        const actual = client.application?.id;
        if (actual && actual !== applicationId) {
          throw new Error(`DISCORD_APPLICATION_ID is ${applicationId} but DISCORD_TOKEN belongs to application ${actual}: copy the Application ID from the Developer Portal → General Information.`);
        }
        const inviteUrl = buildInviteUrl(applicationId);
        logger.info({ inviteUrl, bot: client.user?.tag, shards: client.ws.shards.size }, `discord connected as ${client.user?.tag ?? 'the bot'}; add it to a server with ${inviteUrl}`);
        stopped = null;
        await registerCommands();
      },
      async stop() {
        stopped = { connected: false, detail: 'stopped' };
        await client.destroy();
      },
    };
  };
}

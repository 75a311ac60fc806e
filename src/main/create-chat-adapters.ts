import type { Config } from '../config/load-config.js';
import type { ChatAdapterFactory } from '../platforms/chat-adapter.js';

/**
 * The chat adapters the configuration asks for; none when no tokens are set (then the
 * console is the only channel). Each platform's library is imported only when that
 * platform is configured: discord.js and Bolt cost start-up time and tens of MiB.
 */
export async function createChatAdapterFactories(config: Config): Promise<ChatAdapterFactory[]> {
  const factories: ChatAdapterFactory[] = [];
  if (config.slack.mode !== 'off') {
    const { createSlackAdapterFactory } = await import('../platforms/slack/create-slack-adapter.js');
    factories.push(createSlackAdapterFactory(config.slack));
  }
  if (config.discord.token) {
    const { createDiscordAdapterFactory } = await import('../platforms/discord/create-discord-adapter.js');
    factories.push(createDiscordAdapterFactory(config.discord));
  }
  return factories;
}

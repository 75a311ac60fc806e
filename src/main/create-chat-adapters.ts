import type { Config } from '../config/load-config.js';
import type { ChatAdapterFactory } from '../platforms/chat-adapter.js';
import { createDiscordAdapterFactory } from '../platforms/discord/create-discord-adapter.js';
import { createSlackAdapterFactory } from '../platforms/slack/create-slack-adapter.js';

/**
 * The chat adapters the configuration asks for; none when no tokens are set
 * (then the console is the only channel). Each platform adds its line here.
 */
export function createChatAdapterFactories(config: Config): ChatAdapterFactory[] {
  const factories: ChatAdapterFactory[] = [];
  if (config.slack.mode !== 'off') factories.push(createSlackAdapterFactory(config.slack));
  if (config.discord.token) factories.push(createDiscordAdapterFactory(config.discord));
  return factories;
}

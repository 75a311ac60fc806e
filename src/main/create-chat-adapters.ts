import type { Config } from '../config/load-config.js';
import type { ChatAdapterFactory } from '../platforms/chat-adapter.js';

/**
 * The chat adapters the configuration asks for; none when no tokens are set
 * (then the console is the only channel). Each platform adds its line here.
 */
export function createChatAdapterFactories(config: Config): ChatAdapterFactory[] {
  const factories: ChatAdapterFactory[] = [];
  void config;
  return factories;
}

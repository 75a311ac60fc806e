import { pino, type Logger } from 'pino';
import { createCommands, type Commands } from '../../../src/commands/create-commands.js';
import type { Config } from '../../../src/config/load-config.js';
import { loadKnowledge } from '../../../src/knowledge/load-knowledge.js';
import type { ChatAdapterContext } from '../../../src/platforms/chat-adapter.js';
import { createLiveStatusReader } from '../../../src/store/read-live-status.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createTempStore } from '../../helpers/temp-store.js';
import type { FakeDiscord } from '../fake-discord.js';

/** A logger whose JSON lines the test can read. */
export function createCapturingLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>>; text: () => string } {
  const raw: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void raw.push(line) });
  return { logger, lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>), text: () => raw.join('') };
}

/** The `discord` part of the configuration, pointed at the fake. */
export function discordConfig(fake: FakeDiscord, overrides: Partial<Config['discord']> = {}): Config['discord'] {
  return { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, alertChannels: [], guildId: null, ...overrides };
}

/** What startBot hands an adapter, with the real commands on a temp store. */
export function createAdapterContext(logger: Logger): { context: ChatAdapterContext; commands: Commands; cleanup: () => void; store: ReturnType<typeof createTempStore>['store'] } {
  const temp = createTempStore();
  const clock = systemClock;
  const commands = createCommands({
    getLiveStatus: createLiveStatusReader({ store: temp.store, clock, pollIntervalSeconds: 30 }),
    knowledge: loadKnowledge({ extraDir: null }),
    subscriptions: temp.store.subscriptions,
    clock,
    statusPageUrl: 'https://status.claude.com',
  });
  return { context: { commands, subscriptions: temp.store.subscriptions, logger, clock }, commands, store: temp.store, cleanup: temp.cleanup };
}

import { createRequire } from 'node:module';
import { loadConfig } from '../../src/config/load-config.js';
import { startBot } from '../../src/index.js';
import { createChatAdapterFactories } from '../../src/main/create-chat-adapters.js';
import { createSilentLogger } from '../../src/shared/logger.js';

/**
 * Run as a child process (`node --import tsx`) with the bot's environment: starts the
 * bot the way `cli.ts start` does (adapters built, none connected), then prints which
 * platform libraries the process has loaded, as JSON on stdout.
 */
const config = loadConfig(process.env);
const factories = await createChatAdapterFactories(config);
// Adapters are built (their modules loaded) but only a console-only bot is started: no fake chat servers here.
const bot = factories.length === 0 ? await startBot({ config, logger: createSilentLogger(), watchGithub: false }) : null;
const loaded = Object.keys(createRequire(import.meta.url).cache);
const libraries = ['discord.js', '@slack/bolt', '@slack/web-api', '@discordjs/ws'].filter((name) => loaded.some((path) => path.includes(`/node_modules/${name}/`)));
process.stdout.write(`${JSON.stringify({ libraries, modules: loaded.length })}\n`);
await bot?.stop();

#!/usr/bin/env node
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig, type Config } from './config/load-config.js';
import { SECRET_VARIABLES } from './config/schema.js';
import { runDemo } from './main/run-demo.js';
import { startBot } from './index.js';
import { createChatAdapterFactories } from './main/create-chat-adapters.js';
import { runFixOnce, runStatusOnce } from './main/run-once.js';
import { createLogger, type Logger } from './shared/logger.js';

const HELP = `claude-outage-bot: is Claude down, and what do I do about this error?

Usage:
  claude-outage-bot [start]            run the bot (polls, alerts, slash commands)
  claude-outage-bot status [--refresh] what is broken right now (from the local database;
                                       --refresh reads the status page first)
  claude-outage-bot fix "<error>"      what an error means and what to do (or pipe it in)
  claude-outage-bot demo               replay a real incident offline, in under a minute
  claude-outage-bot help

Configuration comes from the environment and .env (see .env.example).`;

async function main(argv: string[]): Promise<number> {
  loadDotenv({ quiet: true });
  const [verb = 'start', ...rest] = argv;
  if (verb === 'help' || verb === '--help' || verb === '-h') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (verb === 'demo') return runDemo({ write: (t) => void process.stdout.write(t) });
  const config = readConfig();
  if (!config) return 2;
  const secrets = SECRET_VARIABLES.map((name) => process.env[name] ?? '').filter(Boolean);
  const logger = createLogger(config.logLevel, secrets);
  switch (verb) {
    case 'start':
      return runForever(config, logger);
    case 'status':
      process.stdout.write(`${await runStatusOnce({ config, logger, refresh: rest.includes('--refresh') })}\n`);
      return 0;
    case 'fix':
      process.stdout.write(`${await runFixOnce({ config, text: rest.length > 0 ? rest.join(' ') : await readStdin() })}\n`);
      return 0;
    default:
      process.stderr.write(`Unknown command "${verb}".\n\n${HELP}\n`);
      return 2;
  }
}

function readConfig(): Config | null {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nFix the variables above (see .env.example), then start again.\n`);
    return null;
  }
}

async function runForever(config: Config, logger: Logger): Promise<number> {
  const bot = await startBot({ config, logger, adapters: await createChatAdapterFactories(config) });
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      bot.stop().then(
        () => resolve(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`claude-outage-bot failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig, type Config } from './config/load-config.js';
import { SECRET_VARIABLES } from './config/schema.js';
import { parseCommandLine, type VerbSpec } from './main/parse-cli.js';
import type { OnceAnswer } from './main/run-once.js';
import { createLogger, createSilentLogger, type Logger } from './shared/logger.js';

const PROGRAM = 'claude-outage-bot';

/** What every verb gets: config and logger are built only for the verbs that read them. */
interface CliContext {
  config(): Config;
  /** JSON logs on stderr at LOG_LEVEL. */
  logger(): Logger;
  write(text: string): void;
  warn(text: string): void;
}

const verbose = { type: 'boolean', short: 'v', description: 'print JSON logs (at LOG_LEVEL) on stderr' } as const;

/** The verbs. Adding one is adding a row here. */
const VERBS: VerbSpec<CliContext>[] = [
  {
    name: 'start',
    summary: 'run the bot (polls, alerts, slash commands)',
    usage: 'start',
    details: 'The default when no command is given. Stops cleanly on SIGINT or SIGTERM.',
    run: (ctx) => runForever(ctx.config(), ctx.logger()),
  },
  {
    name: 'status',
    summary: 'what is broken right now',
    usage: 'status [--refresh] [--verbose]',
    details:
      'Answers from the bot\'s database (DATABASE_PATH); reads the status page first when that has never been read.\nExits 1 when the status page could not be read.',
    options: { refresh: { type: 'boolean', short: 'r', description: 'read the status page now, then answer' }, verbose },
    run: async (ctx, { values }) => {
      const config = ctx.config();
      const logger = values.verbose === true ? ctx.logger() : createSilentLogger();
      // Each verb loads its own modules: --help, --version and typos answer without loading Slack and Discord.
      const { runStatusOnce } = await import('./main/run-once.js');
      return report(ctx, await runStatusOnce({ config, logger, refresh: values.refresh === true }), true);
    },
  },
  {
    name: 'fix',
    summary: 'what an error means and what to do',
    usage: 'fix "<error>"   (or pipe the error in)',
    details: 'Give the error text as arguments, or on stdin:\n  pbpaste | claude-outage-bot fix                        (macOS)\n  xclip -o -selection clipboard | claude-outage-bot fix  (Linux, X11)\n  wl-paste | claude-outage-bot fix                       (Linux, Wayland)',
    positionals: true,
    run: async (ctx, { positionals }) => {
      const text = positionals.length > 0 ? positionals.join(' ') : await readStdin();
      if (text.trim() === '') {
        ctx.warn(`${PROGRAM} fix: give the error text, e.g. ${PROGRAM} fix "API Error: 529", or pipe it in. See "${PROGRAM} fix --help".`);
        return 2;
      }
      const { runFixOnce } = await import('./main/run-once.js');
      return report(ctx, await runFixOnce({ config: ctx.config(), text }), false);
    },
  },
  {
    name: 'incidents',
    summary: 'how often Claude broke, and for how long',
    usage: 'incidents [7d|30d|90d] [component] [page:<host>] [--backfill] [--png <file>] [--verbose]',
    details: 'Answers from the bot\'s database; reads the page\'s history first when none is stored (or with --backfill). That read never alerts.',
    options: {
      backfill: { type: 'boolean', description: 're-read incidents.json and the history feed first' },
      png: { type: 'string', description: 'save the chart as a PNG file' },
      verbose,
    },
    positionals: true,
    run: async (ctx, { values, positionals }) => {
      const logger = values.verbose === true ? ctx.logger() : createSilentLogger();
      const args = [...positionals, ...(values.backfill === true ? ['--backfill'] : []), ...(typeof values.png === 'string' ? ['--png', values.png] : [])];
      const { runIncidentsOnce } = await import('./main/run-incidents.js');
      const { code, output } = await runIncidentsOnce({ config: ctx.config(), logger, args });
      if (code === 0) ctx.write(`${output}\n`);
      else ctx.warn(output);
      return code;
    },
  },
  {
    name: 'doctor',
    summary: 'check config, database, status page, GitHub, Slack, Discord',
    usage: 'doctor',
    details: 'One line per check, with the fix for each failure. Exits 1 when a check fails, 0 otherwise (warnings included).',
    run: async (ctx) => (await import('./main/run-doctor.js')).runDoctor({ config: ctx.config(), write: ctx.write }),
  },
  {
    name: 'copy-store',
    summary: 'copy the SQLite database into Postgres (DATABASE_URL)',
    usage: 'copy-store [--from <file>]',
    details:
      'Stop the bot first. Copies every row of the SQLite file (DATABASE_PATH, or --from) into the empty Postgres\ndatabase DATABASE_URL names, in one transaction; an open incident keeps its posted cards. Exits 1 when refused.',
    options: { from: { type: 'string', description: 'the SQLite file (default: DATABASE_PATH)' } },
    run: async (ctx, { values }) =>
      (await import('./main/run-copy-store.js')).runCopyStore({ config: ctx.config(), from: typeof values.from === 'string' ? values.from : undefined, write: ctx.write, warn: ctx.warn }),
  },
  {
    name: 'demo',
    summary: 'replay a real incident offline, in under a minute',
    usage: 'demo',
    run: async (ctx) => (await import('./main/run-demo.js')).runDemo({ write: ctx.write }),
  },
];

/** Prints the answer on stdout and its notes on stderr; a status that could not read the page exits 1. */
function report(ctx: CliContext, answer: OnceAnswer, failWhenUnread: boolean): number {
  ctx.write(`${answer.text}\n`);
  for (const note of answer.notes) ctx.warn(note);
  return failWhenUnread && !answer.pageRead ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, VERBS, PROGRAM, 'start');
  const write = (text: string) => void process.stdout.write(text);
  switch (parsed.kind) {
    case 'version':
      write(`${PROGRAM} ${readVersion()}\n`);
      return 0;
    case 'help':
      write(`${parsed.text}\n`);
      return 0;
    case 'usage_error':
      process.stderr.write(`${parsed.message}\n`);
      return 2;
    case 'run': {
      loadDotenv({ quiet: true });
      let config: Config | null = null;
      const ctx: CliContext = {
        config: () => (config ??= readConfig()),
        logger: () => createLogger(ctx.config().logLevel, SECRET_VARIABLES.map((name) => process.env[name] ?? '').filter(Boolean)),
        write,
        warn: (text) => void process.stderr.write(`${text}\n`),
      };
      try {
        return await parsed.verb.run(ctx, parsed);
      } catch (error) {
        if (error instanceof ExitError) return error.exitCode;
        const what = parsed.verb.name === 'start' ? 'failed to start' : `${parsed.verb.name} failed`;
        process.stderr.write(`${PROGRAM} ${what}: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
      }
    }
  }
}

/** A bad variable is the user's to fix: the message names it; exit 2 like any usage error. */
class ExitError extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nFix the variables above (see .env.example), then start again.\n`);
    throw new ExitError(2);
  }
}

/** package.json sits two folders up from dist/src/cli.js and one up from src/cli.ts. */
function readVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PROGRAM && pkg.version) return pkg.version;
    } catch {
      // not at this level: try the next one
    }
  }
  return 'unknown';
}

/** The bot until SIGINT/SIGTERM; signal handling and the shutdown bound live in run-forever. */
async function runForever(config: Config, logger: Logger): Promise<number> {
  const [{ startBot }, { createChatAdapterFactories }, { runForever: run }] = await Promise.all([
    import('./index.js'),
    import('./main/create-chat-adapters.js'),
    import('./main/run-forever.js'),
  ]);
  return run({ start: async () => startBot({ config, logger, adapters: await createChatAdapterFactories(config) }), logger });
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
    process.stderr.write(`${PROGRAM} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

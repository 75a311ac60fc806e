import type { Config } from '../config/load-config.js';
import type { DoctorContext, DoctorResult } from '../shared/doctor-result.js';
import { checkConfig } from './check-config.js';
import { checkDatabase } from './check-database.js';
import { checkPostgres } from './check-postgres.js';
import { checkGithub } from './check-github.js';
import { checkKnowledge, type KnowledgeCheckOptions } from './check-knowledge.js';
import { checkStatuspage } from './check-statuspage.js';

export interface DoctorOptions {
  config: Config;
  write: (text: string) => void;
  /** Injectable so tests point every check at the local fakes. */
  fetch?: typeof fetch;
  /** Per-request budget (default 10 s). */
  timeoutMs?: number;
  /** Tests point the knowledge check at a broken model file. */
  knowledge?: KnowledgeCheckOptions;
}

const MARK = { ok: '✔', warn: '⚠', fail: '✖' } as const;
const USER_AGENT = 'claude-outage-bot/0.1 doctor';

/** `✔ name  detail`, and under a warning or failure the line that says what to do. */
export function formatResult(result: DoctorResult): string {
  const line = `${MARK[result.status]} ${result.name.padEnd(13)} ${result.detail}\n`;
  return result.status !== 'ok' && result.fix ? `${line}  ${' '.repeat(13)} fix: ${result.fix}\n` : line;
}

/**
 * `claude-outage-bot doctor`: checks everything the bot needs, one line each, as each
 * answer comes in. Chat checks load only when that platform is configured.
 * @returns 0 when nothing failed (warnings allowed), 1 otherwise.
 */
export async function runDoctor(options: DoctorOptions): Promise<number> {
  const { config, write } = options;
  const ctx: DoctorContext = { fetch: options.fetch ?? fetch, timeoutMs: options.timeoutMs ?? 10_000 };
  const results: DoctorResult[] = [];
  const report = (...found: DoctorResult[]): void => {
    for (const r of found) {
      results.push(r);
      write(formatResult(r));
    }
  };
  report(checkConfig(config));
  report(config.databaseUrl ? checkPostgres(config.databaseUrl, { sqlitePath: config.databasePath }) : checkDatabase(config.databasePath));
  report(checkKnowledge(config.knowledgeDir, options.knowledge));
  report(...(await checkStatuspage(config.statusPages, ctx, USER_AGENT)));
  report(await checkGithub(config.github, ctx, USER_AGENT));
  if (config.slack.mode !== 'off') {
    const { checkSlack } = await import('../platforms/slack/check-slack.js');
    report(...(await checkSlack(config.slack, ctx)));
    if (config.slack.oauth) {
      const { checkSlackInstallations } = await import('../platforms/slack/check-slack-installations.js');
      const { readSlackInstallations } = await import('./read-slack-installations.js');
      report(await checkSlackInstallations(readSlackInstallations(config), config.slack, ctx));
    }
  }
  if (config.discord.token) {
    const { checkDiscord } = await import('../platforms/discord/check-discord.js');
    report(...(await checkDiscord(config.discord, ctx)));
  }
  const failed = results.filter((r) => r.status === 'fail').length;
  const warned = results.filter((r) => r.status === 'warn').length;
  const warnings = warned > 0 ? `, ${warned} warning${warned > 1 ? 's' : ''}` : '';
  write(failed === 0 ? `\nAll ${results.length} checks passed${warnings}.\n` : `\n${failed} of ${results.length} checks failed${warnings}: see the fix under each ✖.\n`);
  return failed === 0 ? 0 : 1;
}

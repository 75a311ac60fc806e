import type { Config } from '../config/load-config.js';
import { ok, type DoctorResult } from '../shared/doctor-result.js';

/** The configuration loaded (a bad one never gets this far: loadConfig names each bad variable). */
export function checkConfig(config: Config): DoctorResult {
  const slack = config.slack.mode === 'off' ? 'Slack off' : `Slack in ${config.slack.mode === 'socket' ? 'Socket Mode' : 'HTTP mode'}`;
  const discord = config.discord.token ? `Discord on${config.discord.guildId ? ` (guild ${config.discord.guildId})` : ''}` : 'Discord off';
  const chat = config.slack.mode === 'off' && !config.discord.token ? '; no chat platform, alerts go to the console' : '';
  const fallbacks = config.statuspage.fallbackUrls.length;
  return ok(
    'config',
    `loaded: ${config.statuspage.url} every ${config.statuspage.pollIntervalSeconds} s` +
      `${fallbacks > 0 ? ` (+${fallbacks} fallback${fallbacks > 1 ? 's' : ''})` : ''}, GitHub ${config.github.repo} every ${config.github.pollIntervalSeconds} s, ` +
      `${slack}, ${discord}, HTTP on ${config.httpHost}:${config.httpPort}${chat}`,
  );
}

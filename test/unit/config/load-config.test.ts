import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { configProblems } from '../../helpers/config-problems.js';
import { configSchema } from '../../../src/config/schema.js';
import { readFileSync } from 'node:fs';

const problemsOf = configProblems;

describe('loadConfig', () => {
  it('gives every DESIGN.md default with an empty environment', () => {
    const config = loadConfig({});
    expect(config.statuspage).toEqual({ url: 'https://status.claude.com', fallbackUrls: [], pollIntervalSeconds: 30 });
    expect(config.github).toMatchObject({ apiUrl: 'https://api.github.com', token: null, repo: 'anthropics/claude-code', pollIntervalSeconds: 120, spikeThreshold: 3, spikeWindowMinutes: 30 });
    expect(config.slack).toMatchObject({ mode: 'off', apiUrl: 'https://slack.com/api/', alertChannels: [] });
    expect(config.discord).toMatchObject({ token: null, apiUrl: 'https://discord.com/api' });
    expect(config).toMatchObject({ databasePath: './data/claude-outage-bot.db', httpPort: 8080, logLevel: 'info', knowledgeDir: null });
  });

  it('parses lists, numbers and the Slack mode', () => {
    const config = loadConfig({
      STATUSPAGE_FALLBACK_URLS: 'https://anthropic.statuspage.io, https://mirror.example.com ',
      POLL_INTERVAL_SECONDS: '5',
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_APP_TOKEN: 'xapp-1-2',
      SLACK_ALERT_CHANNELS: 'C1,C2',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
    });
    expect(config.statuspage.fallbackUrls).toEqual(['https://anthropic.statuspage.io', 'https://mirror.example.com']);
    expect(config.statuspage.pollIntervalSeconds).toBe(5);
    expect(config.slack).toMatchObject({ mode: 'socket', alertChannels: ['C1', 'C2'], apiUrl: 'http://127.0.0.1:9999/api/' });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc' }).slack.mode).toBe('http');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ POLL_INTERVAL_SECONDS: '', STATUSPAGE_URL: '  ' }).statuspage.pollIntervalSeconds).toBe(30);
  });

  it('names the variable and the fix for each bad value', () => {
    const problems = problemsOf({ POLL_INTERVAL_SECONDS: 'often', STATUSPAGE_URL: 'status.claude.com', GITHUB_REPO: 'claude-code', LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('POLL_INTERVAL_SECONDS'))).toMatch(/whole number/);
    expect(problems.find((p) => p.startsWith('STATUSPAGE_URL'))).toMatch(/http\(s\) URL/);
    expect(problems.find((p) => p.startsWith('GITHUB_REPO'))).toMatch(/owner\/name/);
  });

  it('explains half-configured chat platforms', () => {
    expect(problemsOf({ SLACK_APP_TOKEN: 'xapp-1' })[0]).toMatch(/SLACK_BOT_TOKEN is not/);
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })[0]).toMatch(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
    expect(problemsOf({ DISCORD_TOKEN: 'abc.def.ghi' })[0]).toMatch(/DISCORD_APPLICATION_ID/);
  });

  it('never echoes a secret in an error', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxp-very-secret-user-token-123456' });
    const text = problems.join('\n');
    expect(text).toMatch(/SLACK_BOT_TOKEN: must be a bot token starting with xoxb-/);
    expect(text).not.toContain('very-secret-user-token');
  });

  it('listens on every interface unless HTTP_HOST says otherwise', () => {
    expect(loadConfig({}).httpHost).toBe('0.0.0.0');
    expect(loadConfig({ HTTP_HOST: '127.0.0.1' }).httpHost).toBe('127.0.0.1');
    expect(loadConfig({ HTTP_HOST: '::' }).httpHost).toBe('::');
    expect(problemsOf({ HTTP_HOST: 'http://0.0.0.0:8080' })[0]).toMatch(/^HTTP_HOST: must be an interface address/);
  });

  it('says HTTP_PORT=0 picks a free port (it does), not that it turns the server off', () => {
    const [problem] = problemsOf({ HTTP_PORT: '70000' });
    expect(problem).toMatch(/^HTTP_PORT: .*0 to pick a free port/);
    expect(problem).not.toMatch(/off/);
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    for (const name of Object.keys(configSchema.shape)) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});

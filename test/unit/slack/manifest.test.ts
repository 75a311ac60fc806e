import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_BOT_SCOPES } from '../../../src/platforms/slack/check-slack.js';
import { SLASH_COMMANDS } from '../../../src/platforms/slack/slash-commands.js';

interface Manifest {
  features: { slash_commands: Array<{ command: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean };
}

describe('slack-app-manifest.yml', () => {
  const manifest = parse(readFileSync('slack-app-manifest.yml', 'utf8')) as Manifest;

  it('declares exactly the slash commands the adapter answers', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(Object.keys(SLASH_COMMANDS).sort());
  });

  it('asks only for the scopes the bot uses, with Socket Mode on', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['channels:history', 'chat:write', 'commands', 'files:write', 'groups:history', 'usergroups:read', 'users:read']);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('is what `doctor` compares the granted scopes with', () => {
    expect([...SLACK_BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });
});

describe('slack-app-manifest.distribution.yml', () => {
  const single = parse(readFileSync('slack-app-manifest.yml', 'utf8')) as Manifest;
  const dist = parse(readFileSync('slack-app-manifest.distribution.yml', 'utf8')) as {
    features: { slash_commands: Array<{ command: string; url?: string }> };
    oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
    settings: { socket_mode_enabled: boolean; event_subscriptions: { request_url: string; bot_events: string[] } };
  };

  it('has the same commands and scopes as the one-workspace manifest', () => {
    expect(dist.features.slash_commands.map((c) => c.command)).toEqual(single.features.slash_commands.map((c) => c.command));
    expect(dist.oauth_config.scopes.bot).toEqual(single.oauth_config.scopes.bot);
  });

  it('runs in HTTP mode: commands and events at /slack/events, the redirect at /slack/oauth_redirect, uninstall events on', () => {
    expect(dist.settings.socket_mode_enabled).toBe(false);
    expect(dist.features.slash_commands.every((c) => c.url?.endsWith('/slack/events'))).toBe(true);
    expect(dist.oauth_config.redirect_urls).toEqual(['https://bot.example.com/slack/oauth_redirect']);
    expect(dist.settings.event_subscriptions.request_url).toMatch(/\/slack\/events$/);
    expect(dist.settings.event_subscriptions.bot_events.sort()).toEqual(['app_uninstalled', 'tokens_revoked']);
  });
});

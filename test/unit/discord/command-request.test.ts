import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { parseSubscriptionArgs } from '../../../src/commands/parse-subscription-args.js';
import { canManageAlerts, subscribeText, toCommandRequest, type SlashInvocation } from '../../../src/platforms/discord/command-request.js';
import { COMPONENT_CHOICES } from '../../../src/platforms/discord/discord-commands.js';

/** The live component names of status.claude.com in 2026 (DOMAIN.md). */
const LIVE = ['claude.ai', 'Claude Console (platform.claude.com)', 'Claude API (api.anthropic.com)', 'Claude Code', 'Claude Cowork', 'Claude for Government'];
const CURRENT = { components: null, minImpact: 'none' as const, earlyWarnings: true };

const invocation = (commandName: string, options: Record<string, string | boolean> = {}, permissions: bigint | null = 0n): SlashInvocation => ({
  commandName,
  userId: 'U1',
  channelId: 'C1',
  memberPermissions: permissions === null ? null : new PermissionsBitField(permissions),
  option: (name) => options[name] ?? null,
});

describe('subscribeText', () => {
  it('builds text the neutral parser understands', () => {
    const text = subscribeText(invocation('claude-subscribe', { component: 'code', components: 'api.anthropic.com, claude.ai', min_impact: 'major', early_warnings: false }));
    expect(text).toBe('code, api.anthropic.com, claude.ai, major warnings:off');
    expect(parseSubscriptionArgs(text, LIVE, CURRENT)).toMatchObject({
      ok: true,
      filters: { components: ['Claude Code', 'Claude API (api.anthropic.com)', 'claude.ai'], minImpact: 'major', earlyWarnings: false },
    });
  });

  it('adds the alert policy settings and the ping role as their own segment', () => {
    const text = subscribeText(invocation('claude-subscribe', { settings: 'remind:off quiet:22:00-07:00', ping: '123456789012345678' }));
    expect(text).toBe('remind:off quiet:22:00-07:00 ping:<@&123456789012345678>');
    const parsed = parseSubscriptionArgs(text, LIVE, CURRENT, undefined, 'discord');
    expect(parsed).toMatchObject({ ok: true, filters: CURRENT, policy: { remindMinutes: 0, quiet: { start: '22:00', end: '07:00' } }, ping: { kind: 'discord_role', id: '123456789012345678' } });
  });

  it('passes the maintenance option as maintenance:on|off, keeping the channel\'s components', () => {
    const text = subscribeText(invocation('claude-subscribe', { maintenance: false }));
    expect(text).toBe('maintenance:off');
    expect(parseSubscriptionArgs(text, LIVE, { ...CURRENT, components: ['Claude Code'] })).toMatchObject({ ok: true, filters: { components: ['Claude Code'], maintenance: false } });
    expect(subscribeText(invocation('claude-subscribe', { min_impact: 'minor', maintenance: true }))).toBe('minor maintenance:on');
  });

  it('maps every component choice to exactly one live component (or all)', () => {
    for (const choice of COMPONENT_CHOICES) {
      const parsed = parseSubscriptionArgs(subscribeText(invocation('claude-subscribe', { component: choice.value })), LIVE, CURRENT);
      expect(parsed.ok, choice.name).toBe(true);
      if (parsed.ok) expect(parsed.filters.components).toEqual(choice.value === 'all' ? null : [choice.name]);
    }
  });

  it('is empty with no options (show the current subscription)', () => {
    expect(subscribeText(invocation('claude-subscribe'))).toBe('');
  });
});

describe('toCommandRequest', () => {
  it('maps each slash command to the neutral request', () => {
    expect(toCommandRequest(invocation('claude-status'))).toEqual({ command: 'status', text: '', platform: 'discord', userId: 'U1', channelId: 'C1', isAdmin: false });
    expect(toCommandRequest(invocation('claude-fix', { error: ' 529 overloaded ', share: true }))?.text).toBe('529 overloaded --share');
    expect(toCommandRequest(invocation('claude-unsubscribe'))?.command).toBe('unsubscribe');
    expect(toCommandRequest(invocation('other-bot-command'))).toBeNull();
  });

  it('counts Manage Channels, Manage Server and Administrator as allowed; nothing else, and nobody in DMs', () => {
    expect(canManageAlerts(new PermissionsBitField(PermissionFlagsBits.ManageChannels))).toBe(true);
    expect(canManageAlerts(new PermissionsBitField(PermissionFlagsBits.ManageGuild))).toBe(true);
    expect(canManageAlerts(new PermissionsBitField(PermissionFlagsBits.Administrator))).toBe(true);
    expect(canManageAlerts(new PermissionsBitField(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageMessages))).toBe(false);
    expect(canManageAlerts(null)).toBe(false);
    expect(toCommandRequest(invocation('claude-subscribe', {}, PermissionFlagsBits.ManageChannels))?.isAdmin).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { parseMinutes, parseWantedMention } from '../../../src/commands/parse-policy-setting.js';
import { parseSubscriptionArgs } from '../../../src/commands/parse-subscription-args.js';
import { DEFAULT_POLICY } from '../../../src/incidents/channel-policy.js';

const LIVE = ['claude.ai', 'Claude Code', 'Claude API (api.anthropic.com)'];
const CURRENT = { components: ['Claude Code'], minImpact: 'minor' as const, earlyWarnings: false };

describe('alert policy settings in /claude-subscribe', () => {
  it('reads each setting and keeps the filters when only settings are given', () => {
    const parsed = parseSubscriptionArgs('flap:30m min-duration:5m remind:4h ping-min:critical quiet:22:00-07:00 tz:europe/berlin', LIVE, CURRENT);
    expect(parsed).toEqual({
      ok: true,
      filters: CURRENT,
      policy: { flapWindowMinutes: 30, minDegradedMinutes: 5, remindMinutes: 240, ping: null, pingMinImpact: 'critical', quiet: { start: '22:00', end: '07:00' }, timeZone: 'Europe/Berlin' },
      ping: undefined,
    });
  });

  it('turns settings off with off, and keeps the old syntax working beside them', () => {
    const current = { ...DEFAULT_POLICY, quiet: { start: '22:00', end: '07:00' } };
    const parsed = parseSubscriptionArgs('Claude Code, major warnings:on remind:off flap:off quiet:off', LIVE, CURRENT, current);
    expect(parsed).toMatchObject({ ok: true, filters: { components: ['Claude Code'], minImpact: 'major', earlyWarnings: true }, policy: { remindMinutes: 0, flapWindowMinutes: 0, quiet: null } });
    // Old syntax alone still rewrites the filters exactly as before (components reset to all).
    expect(parseSubscriptionArgs('major', LIVE, CURRENT)).toMatchObject({ ok: true, filters: { components: null, minImpact: 'major' }, policy: DEFAULT_POLICY });
  });

  it.each([
    ['remind:5m', /between 15 min and 7 days/],
    ['remind:soon', /needs a duration/],
    ['flap:30d', /between 1 min and 7 days/],
    ['quiet:22-07', /quiet:22:00-07:00/],
    ['quiet:25:00-07:00', /needs a range/],
    ['quiet:07:00-07:00', /needs a range/],
    ['tz:Mars/Olympus', /not a time zone/],
    ['ping-min:none', /minor, major or critical/],
    ['ping:everyone', /user group or user/],
  ])('refuses %s with what to type instead', (text, problem) => {
    const parsed = parseSubscriptionArgs(text, LIVE, CURRENT, DEFAULT_POLICY, 'slack');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });

  it('reads durations', () => {
    expect([parseMinutes('90'), parseMinutes('15m'), parseMinutes('15min'), parseMinutes('2h'), parseMinutes('1h30m'), parseMinutes('1d'), parseMinutes('h')]).toEqual([90, 15, 15, 120, 90, 1440, null]);
  });

  it('reads pings the way each platform sends them, and nothing else', () => {
    expect(parseWantedMention('<!subteam^S0ONCALL|@oncall>', 'slack')).toEqual({ kind: 'slack_group', id: 'S0ONCALL' });
    expect(parseWantedMention('S0ONCALL', 'slack')).toEqual({ kind: 'slack_group', id: 'S0ONCALL' });
    expect(parseWantedMention('<@U0ALICE>', 'slack')).toEqual({ kind: 'slack_user', id: 'U0ALICE' });
    expect(parseWantedMention('@oncall', 'slack')).toEqual({ kind: 'slack_handle', handle: 'oncall' });
    expect(parseWantedMention('<@&123456789012345678>', 'discord')).toEqual({ kind: 'discord_role', id: '123456789012345678' });
    // Broadcasts and forged forms are never a ping target.
    for (const bad of ['<!channel>', '<!here>', '<!everyone>', '@here', '<!subteam^S1|x> <!channel>', '<@&1>']) {
      expect(parseWantedMention(bad, 'slack'), bad).toBeNull();
    }
    for (const bad of ['@everyone', '<@123456789012345678>', '<@&12>', '<!subteam^S0ONCALL>']) expect(parseWantedMention(bad, 'discord'), bad).toBeNull();
    expect(parseWantedMention('<@&123456789012345678>', 'console')).toBeNull();
  });
});

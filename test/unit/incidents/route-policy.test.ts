import { describe, expect, it } from 'vitest';
import { isFlapReopen } from '../../../src/delivery/flap-window.js';
import { DEFAULT_POLICY, type ChannelPolicy } from '../../../src/incidents/channel-policy.js';
import type { IncidentEvent } from '../../../src/incidents/events.js';
import { isQuietAt, quietEndAfter } from '../../../src/incidents/quiet-hours.js';
import { firstReminderAt, pingFor, reminderDecision, routeByPolicy } from '../../../src/incidents/route-policy.js';
import { incident } from '../../helpers/incident-builders.js';

const berlinNights: ChannelPolicy = { ...DEFAULT_POLICY, quiet: { start: '22:00', end: '07:00' }, timeZone: 'Europe/Berlin' };
const component = (to: 'degraded_performance' | 'major_outage' | 'operational', at = '2026-11-25T23:30:00.000Z'): IncidentEvent => ({
  kind: 'component_changed', dedupKey: `c:${to}@${at}`, incidentKey: null, at, componentId: 'c1', componentName: 'Claude Code', from: 'operational', to,
});
const opened = (code: string): IncidentEvent => ({ kind: 'opened', dedupKey: `open:${code}`, incidentKey: `statuspage:${code}`, at: '2026-11-25T23:00:00.000Z' });

describe('quiet hours in the channel time zone', () => {
  it('crosses midnight, start inclusive, end exclusive (Berlin is UTC+1 in November)', () => {
    expect(isQuietAt(berlinNights, new Date('2026-11-25T20:59:00Z'))).toBe(false); // 21:59 local
    expect(isQuietAt(berlinNights, new Date('2026-11-25T21:00:00Z'))).toBe(true); // 22:00
    expect(isQuietAt(berlinNights, new Date('2026-11-26T05:59:00Z'))).toBe(true); // 06:59
    expect(isQuietAt(berlinNights, new Date('2026-11-26T06:00:00Z'))).toBe(false); // 07:00
    expect(isQuietAt(DEFAULT_POLICY, new Date('2026-11-26T03:00:00Z'))).toBe(false);
  });

  it('ends at the local end time, also across a daylight-saving change', () => {
    expect(quietEndAfter(berlinNights, new Date('2026-11-25T23:17:30Z')).toISOString()).toBe('2026-11-26T06:00:00.000Z');
    // 29 March 2026: Berlin moves from UTC+1 to UTC+2 at 02:00 local; 07:00 local is then 05:00 UTC.
    expect(quietEndAfter(berlinNights, new Date('2026-03-28T23:00:00Z')).toISOString()).toBe('2026-03-29T05:00:00.000Z');
  });
});

describe('routing by policy', () => {
  const night = new Date('2026-11-25T23:30:00Z');
  it('holds minor events during quiet hours and lets major and critical through', () => {
    expect(routeByPolicy(berlinNights, component('degraded_performance'), null, false, night)).toEqual({ kind: 'hold', digestAt: '2026-11-26T06:00:00.000Z' });
    expect(routeByPolicy(berlinNights, component('major_outage'), null, false, night)).toEqual({ kind: 'send' });
    const minor = incident('m1', [['investigating', '2026-11-25T23:00:00.000Z']], { impact: 'minor' });
    const major = incident('m2', [['investigating', '2026-11-25T23:00:00.000Z']], { impact: 'major' });
    expect(routeByPolicy(berlinNights, opened('m1'), minor, false, night).kind).toBe('hold');
    expect(routeByPolicy(berlinNights, opened('m2'), major, false, night).kind).toBe('send');
    // A card the channel already has is brought to resolution, quiet or not.
    expect(routeByPolicy(berlinNights, opened('m1'), minor, true, night).kind).toBe('send');
    expect(routeByPolicy(berlinNights, opened('m1'), minor, false, new Date('2026-11-25T12:00:00Z')).kind).toBe('send');
  });

  it('lets a component-only degradation settle for the minimum duration; recoveries go at once', () => {
    const policy = { ...DEFAULT_POLICY, minDegradedMinutes: 5 };
    expect(routeByPolicy(policy, component('degraded_performance'), null, false, night)).toEqual({ kind: 'settle', dueAt: '2026-11-25T23:35:00.000Z' });
    expect(routeByPolicy(policy, component('operational'), null, false, night)).toEqual({ kind: 'send' });
    expect(routeByPolicy(DEFAULT_POLICY, component('degraded_performance'), null, false, night)).toEqual({ kind: 'send' });
  });
});

describe('reminders', () => {
  const open = incident('r1', [['investigating', '2026-11-25T10:00:00.000Z']]);
  it('are set for open official incidents only, and not when off', () => {
    expect(firstReminderAt(DEFAULT_POLICY, open, '2026-11-25T10:00:30.000Z')).toBe('2026-11-25T12:00:30.000Z');
    expect(firstReminderAt({ ...DEFAULT_POLICY, remindMinutes: 0 }, open, '2026-11-25T10:00:30.000Z')).toBeNull();
    expect(firstReminderAt(DEFAULT_POLICY, { ...open, source: 'github' }, '2026-11-25T10:00:30.000Z')).toBeNull();
    const resolved = incident('r2', [['investigating', '2026-11-25T10:00:00.000Z'], ['resolved', '2026-11-25T10:30:00.000Z']]);
    expect(firstReminderAt(DEFAULT_POLICY, resolved, '2026-11-25T10:30:00.000Z')).toBeNull();
  });

  it('wait for 2 h of silence: an update since moves the reminder instead of posting it', () => {
    expect(reminderDecision(DEFAULT_POLICY, open, new Date('2026-11-25T12:00:30Z'))).toEqual({ post: true, nextAt: '2026-11-25T14:00:30.000Z' });
    const talking = incident('r1', [['investigating', '2026-11-25T10:00:00.000Z'], ['identified', '2026-11-25T11:30:00.000Z']]);
    expect(reminderDecision(DEFAULT_POLICY, talking, new Date('2026-11-25T12:00:30Z'))).toEqual({ post: false, nextAt: '2026-11-25T13:30:00.000Z' });
  });
});

describe('flap window', () => {
  it('counts a reopen within the window (by event times) and none when off', () => {
    expect(isFlapReopen('2026-11-25T12:00:00Z', '2026-11-25T12:15:00Z', 15)).toBe(true);
    expect(isFlapReopen('2026-11-25T12:00:00Z', '2026-11-25T12:15:01Z', 15)).toBe(false);
    expect(isFlapReopen('2026-11-25T12:00:00Z', '2026-11-25T12:00:03Z', 0)).toBe(false);
    expect(isFlapReopen('2026-11-25T12:00:00Z', '2026-11-25T11:59:00Z', 15)).toBe(false);
  });
});

describe('who is pinged', () => {
  const group = { ...DEFAULT_POLICY, ping: { kind: 'slack_group' as const, id: 'S0ONCALL' } };
  const at = (impact: 'minor' | 'major' | 'critical', over = {}) => incident('p1', [['investigating', '2026-11-25T10:00:00.000Z']], { impact, ...over });
  it('the channel mention, on official incidents from the minimum up, on its own platform only', () => {
    expect(pingFor(group, at('major'), 'slack')).toEqual({ kind: 'slack_group', id: 'S0ONCALL' });
    expect(pingFor(group, at('critical'), 'slack')).not.toBeNull();
    expect(pingFor(group, at('minor'), 'slack')).toBeNull();
    expect(pingFor({ ...group, pingMinImpact: 'minor' }, at('minor'), 'slack')).not.toBeNull();
    expect(pingFor(group, at('critical'), 'discord')).toBeNull();
    expect(pingFor(DEFAULT_POLICY, at('critical'), 'slack')).toBeNull();
  });

  it('never for a GitHub early warning, however bad', () => {
    expect(pingFor({ ...group, pingMinImpact: 'minor' }, at('critical', { source: 'github' }), 'slack')).toBeNull();
  });
});

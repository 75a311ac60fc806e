import { describe, expect, it } from 'vitest';
import { createIncidentsCommand } from '../../../src/commands/incidents.js';
import { parseIncidentsArgs } from '../../../src/commands/incidents-args.js';
import type { CommandRequest } from '../../../src/commands/reply.js';
import { createDurationNote } from '../../../src/incidents/history-card-note.js';
import type { PastIncident } from '../../../src/incidents/history-model.js';
import type { Incident } from '../../../src/incidents/model.js';
import { renderReplyForConsole } from '../../../src/platforms/console/render-reply.js';

const NAMES = ['claude.ai', 'Claude Console (platform.claude.com)', 'Claude API (api.anthropic.com)', 'Claude Code'];
const now = new Date('2026-10-08T03:00:00Z');
const clock = { now: () => now };
const H = 3_600_000;

const past = (key: string, startIso: string, hours: number | null, components: string[], impact: PastIncident['impact'] = 'minor'): PastIncident => ({
  key,
  name: `Incident ${key}`,
  impact,
  url: `https://status.claude.com/incidents/${key}`,
  createdAt: startIso,
  resolvedAt: hours === null ? null : new Date(Date.parse(startIso) + hours * H).toISOString(),
  components,
});
const HISTORY = [
  past('a', '2026-10-07T01:00:00.000Z', 1, ['Claude Code'], 'major'),
  past('b', '2026-10-01T01:00:00.000Z', 2, ['Claude API (api.anthropic.com)']),
  past('c', '2026-09-01T01:00:00.000Z', 3, []),
  past('d', '2026-08-01T01:00:00.000Z', 4, ['Claude Code'], 'critical'),
];
const request = (text: string, platform: CommandRequest['platform'] = 'slack'): CommandRequest => ({ command: 'incidents', text, platform, userId: 'U', channelId: 'C', isAdmin: false });
const command = (renderChart?: () => Promise<Uint8Array>) =>
  createIncidentsCommand({
    readHistory: (since, until) => HISTORY.filter((i) => i.createdAt >= since && i.createdAt <= until),
    componentNames: () => NAMES,
    renderChart,
    clock,
    statusPageUrl: 'https://status.claude.com',
  });
const text = (reply: Awaited<ReturnType<ReturnType<typeof command>>>) => JSON.stringify(reply.blocks);

describe('parseIncidentsArgs', () => {
  it('accepts the watched page by host or a word of it, and names the page it reads otherwise', () => {
    const hosts = ['status.claude.com'];
    expect(parseIncidentsArgs('30d page:status.claude.com', NAMES, hosts)).toMatchObject({ ok: true, days: 30 });
    expect(parseIncidentsArgs('page:https://status.claude.com/ 7d', NAMES, hosts)).toMatchObject({ ok: true, days: 7 });
    expect(parseIncidentsArgs('page:claude', NAMES, hosts)).toMatchObject({ ok: true, days: 90 });
    expect(parseIncidentsArgs('page:githubstatus.com', NAMES, hosts)).toEqual({ ok: false, problem: '"githubstatus.com" is not a page I watch: I read status.claude.com.' });
  });

  it('reads a period, a component (a unique part of its name) and share, in any order', () => {
    expect(parseIncidentsArgs('', NAMES)).toEqual({ ok: true, days: 90, component: null, share: false });
    expect(parseIncidentsArgs('code 7d share', NAMES)).toEqual({ ok: true, days: 7, component: 'Claude Code', share: true });
    expect(parseIncidentsArgs('30 Claude API (api.anthropic.com)', NAMES)).toMatchObject({ ok: true, days: 30, component: 'Claude API (api.anthropic.com)' });
  });

  it('names the problem: a period not kept, an ambiguous or unknown component', () => {
    expect(parseIncidentsArgs('14d', NAMES)).toMatchObject({ ok: false, problem: expect.stringContaining('7d, 30d or 90d') });
    expect(parseIncidentsArgs('claude', NAMES)).toMatchObject({ ok: false, problem: expect.stringContaining('matches several components') });
    expect(parseIncidentsArgs('toaster', NAMES)).toMatchObject({ ok: false, problem: expect.stringContaining('not a period') });
  });
});

describe('/claude-incidents', () => {
  it('answers 30 days: counts by impact, median and longest, time per component, latest with links', async () => {
    const reply = await command()(request('30d'));
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.summary).toBe('2 incident(s) in the last 30 days; median 1 h 30 min');
    const all = text(reply);
    expect(all).toContain('2 (1 major, 1 minor)');
    expect(all).toContain('2 h: Incident b');
    expect(all).toContain('Claude API (api.anthropic.com): 2 h in 1 incident');
    expect(all).toContain('https://status.claude.com/incidents/a');
    expect(reply.image).toBeUndefined();
  });

  it('filters by component and says how many incidents named none', async () => {
    const reply = await command()(request('90d code'));
    expect(reply.summary).toBe('2 incident(s) in the last 90 days · Claude Code; median 2 h 30 min');
    expect(text(reply)).toContain('1 incident(s) in the period name no component');
  });

  it('attaches the chart, drawn on demand, when a renderer is given', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const withChart = await command(async () => png)(request('7d share'));
    expect(withChart.visibility).toBe('in_channel');
    expect(withChart.image).toMatchObject({ filename: 'claude-incidents-7d.png', title: 'Claude incidents, last 7 days' });
    // Drawn on demand: the platform answers first, then draws.
    expect(await withChart.image!.render()).toBe(png);
    const broken = await command(async () => Promise.reject(new Error('no font')))(request('7d'));
    await expect(broken.image!.render()).rejects.toThrow('no font');
  });

  it('prints a text chart on the console, one character a day', async () => {
    const out = renderReplyForConsole(await command()(request('7d', 'console')));
    const code = out.split('\n').find((line) => line.includes('Claude Code'))!;
    // Oct 2 … Oct 8: incident a (major) on Oct 7.
    expect(code.trim().endsWith('·····M·')).toBe(true);
    expect(out).not.toContain('add `share`');
  });

  it('with nothing stored says so instead of inventing numbers', async () => {
    const empty = createIncidentsCommand({ readHistory: () => [], componentNames: () => [], clock, statusPageUrl: 'https://status.claude.com' });
    const reply = await empty(request(''));
    expect(text(reply)).toContain('No incidents in the last 90 days');
    expect(reply.summary).toBe('0 incident(s) in the last 90 days');
  });
});

describe('the resolved card note', () => {
  const resolved = (hours: number): Incident => ({
    key: 'statuspage:new',
    source: 'statuspage',
    name: 'New',
    status: 'resolved',
    impact: 'minor',
    url: null,
    createdAt: '2026-10-08T00:00:00.000Z',
    updatedAt: '2026-10-08T00:00:00.000Z',
    resolvedAt: new Date(Date.parse('2026-10-08T00:00:00.000Z') + hours * H).toISOString(),
    components: [],
    updates: [],
  });
  const five = [1, 2, 3, 4, 5].map((h, i) => past(`p${i}`, `2026-09-1${i}T00:00:00.000Z`, h, []));

  it('compares the duration with the last 90 days (median of the others)', () => {
    const note = createDurationNote({ readHistory: () => five, clock });
    expect(note(resolved(4.5))).toEqual(["Longer than 80 % of the last 90 days' incidents (median 3 h)."]);
    expect(note(resolved(1.5))).toEqual(["Shorter than 80 % of the last 90 days' incidents (median 3 h)."]);
  });

  it('says nothing while open, for GitHub warnings, or with fewer than five to compare', () => {
    const note = createDurationNote({ readHistory: () => five, clock });
    expect(note({ ...resolved(2), status: 'monitoring', resolvedAt: null })).toEqual([]);
    expect(note({ ...resolved(2), source: 'github' })).toEqual([]);
    expect(createDurationNote({ readHistory: () => five.slice(1), clock })(resolved(2))).toEqual([]);
    // The incident itself is not one of "the others".
    expect(createDurationNote({ readHistory: () => [...five.slice(1), { ...five[0]!, key: 'statuspage:new' }], clock })(resolved(2))).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildHistoryBars } from '../../../src/incidents/history-bars.js';
import { NOT_STATED, pastIncidentOf, periodStart, type PastIncident } from '../../../src/incidents/history-model.js';
import { computeHistoryStats, durationMs, median, shareShorter } from '../../../src/incidents/history-stats.js';
import { formatDuration } from '../../../src/shared/clock.js';
import { parseStatuspageFeed } from '../../../src/sources/statuspage-feed.js';
import { parseIncidentsJson } from '../../../src/sources/statuspage-json.js';

// Real payloads (test/fixtures/SOURCES.md): status.claude.com/history.atom of 2026-10-08 (4 entries)
// and githubstatus.com incidents.json of 2024-09-17 (2 incidents). Every number below is worked out by hand.
const claudeFeed = readFileSync('test/fixtures/claude-status-history.head4.atom', 'utf8');
const githubJson = readFileSync('test/fixtures/statuspage-incidents.githubstatus.stactus.json', 'utf8');
const MIN = 60_000;

async function claudeHistory(): Promise<PastIncident[]> {
  const incidents = await parseStatuspageFeed(claudeFeed, { url: 'https://status.claude.com/history.atom' });
  return incidents.map(pastIncidentOf);
}
const githubHistory = (): PastIncident[] => parseIncidentsJson(githubJson, { url: 'https://www.githubstatus.com/api/v2/incidents.json' }).map(pastIncidentOf);

describe('history statistics on the real Claude feed (4 incidents, Oct 6-7 2026)', () => {
  const now = new Date('2026-10-08T03:00:00Z');

  it('counts by impact, open, timed, median and longest', async () => {
    const stats = computeHistoryStats(await claudeHistory(), periodStart(now, 7), now);
    expect(stats.since).toBe('2026-10-02T00:00:00.000Z');
    expect(stats.total).toBe(4);
    // The feed never says impact.
    expect(stats.byImpact).toEqual({ critical: 0, major: 0, minor: 0, none: 0, unknown: 4 });
    // 978mjkgw6mh7 was still "Monitoring" when the feed was fetched.
    expect(stats.open).toBe(1);
    // vmys9qn874h4 has one "Resolved" line only (posted after the fact): no duration.
    expect(stats.timed).toBe(2);
    // ch27pb90bn85 12:24 → 12:43 = 19 min; wf2v8ms031sx 01:20 → 02:33 = 73 min; median (19 + 73) / 2 = 46 min.
    expect(stats.medianMs).toBe(46 * MIN);
    expect(stats.longest?.incident.key).toBe('statuspage:wf2v8ms031sx');
    expect(stats.longest?.ms).toBe(73 * MIN);
    // Newest start first: 21:23 (spend limits) after 13:25 (the open one).
    expect(stats.recent.map((i) => i.key)).toEqual(['statuspage:vmys9qn874h4', 'statuspage:978mjkgw6mh7', 'statuspage:wf2v8ms031sx', 'statuspage:ch27pb90bn85']);
  });

  it('adds up time in an incident per component, overlaps once, open ones up to now', async () => {
    const stats = computeHistoryStats(await claudeHistory(), periodStart(now, 7), now);
    // 19 min + 73 min + (Oct 7 13:25 → Oct 8 03:00 = 815 min); vmys9qn874h4 lies inside the open one and lasts 0.
    expect(stats.components).toEqual([{ name: NOT_STATED, incidents: 4, degradedMs: 907 * MIN }]);
    expect(formatDuration(907 * MIN)).toBe('15 h 7 min');
  });

  it('colours one bar a day by the worst impact, and counts incidents per week', async () => {
    const bars = buildHistoryBars(await claudeHistory(), ['Claude API'], periodStart(now, 7), 7, now);
    expect(bars.days).toEqual(['2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08']);
    expect(bars.rows.map((r) => r.component)).toEqual(['Claude API', NOT_STATED]);
    expect(bars.rows[0]!.days.every((d) => d === null)).toBe(true);
    expect(bars.rows[1]!.days).toEqual([null, null, null, null, 'unknown', 'unknown', 'unknown']);
    expect(bars.weeks).toEqual([{ start: '2026-10-02', byImpact: { critical: 0, major: 0, minor: 0, none: 0, unknown: 4 } }]);
  });

  it('leaves out what started before the period', async () => {
    // From Oct 7 00:00 on: ch27pb90bn85 (Oct 6) is out.
    const stats = computeHistoryStats(await claudeHistory(), periodStart(now, 2), now);
    expect(stats.total).toBe(3);
    expect(stats.medianMs).toBe(73 * MIN);
  });
});

describe('history statistics on real incidents.json (githubstatus.com, Sep 16 2024)', () => {
  const now = new Date('2024-09-17T08:08:17Z');

  it('uses impact and components from the JSON API', () => {
    const stats = computeHistoryStats(githubHistory(), periodStart(now, 7), now);
    expect(stats.byImpact).toMatchObject({ major: 1, minor: 1, unknown: 0 });
    // 21:31:02.719 → 22:08:39.333 = 2,256,614 ms; 13:29:47.163 → 14:28:03.812 = 3,496,649 ms.
    expect(stats.medianMs).toBe((2_256_614 + 3_496_649) / 2);
    expect(formatDuration(stats.medianMs!)).toBe('48 min');
    expect(stats.longest).toMatchObject({ ms: 3_496_649, incident: { key: 'statuspage:r3x7x31k7nn1', impact: 'minor' } });
    expect(stats.components).toEqual([
      { name: NOT_STATED, incidents: 1, degradedMs: 3_496_649 },
      { name: 'Actions', incidents: 1, degradedMs: 2_256_614 },
      { name: 'Pages', incidents: 1, degradedMs: 2_256_614 },
    ]);
    const bars = buildHistoryBars(githubHistory(), ['Actions', 'Pages'], periodStart(now, 7), 7, now);
    expect(bars.rows.map((r) => [r.component, r.days[5]])).toEqual([['Actions', 'major'], ['Pages', 'major'], [NOT_STATED, 'minor']]);
  });
});

describe('helpers', () => {
  it('median of odd, even and no values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('an incident opened and resolved in the same minute has no duration', () => {
    const base = { key: 'k', name: 'n', impact: null, url: null, components: [] };
    expect(durationMs({ ...base, createdAt: '2026-10-07T21:23:00Z', resolvedAt: '2026-10-07T21:23:00Z' })).toBeNull();
    expect(durationMs({ ...base, createdAt: '2026-10-07T21:23:00Z', resolvedAt: null })).toBeNull();
    expect(durationMs({ ...base, createdAt: '2026-10-07T21:23:00Z', resolvedAt: '2026-10-07T22:23:00Z' })).toBe(60 * MIN);
  });

  it('shareShorter needs five to compare with', () => {
    expect(shareShorter(50, [10, 20, 30, 40])).toBeNull();
    expect(shareShorter(50, [10, 20, 30, 40, 60])).toBe(80);
    expect(shareShorter(5, [10, 20, 30, 40, 60])).toBe(0);
  });
});

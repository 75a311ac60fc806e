import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/sources/source-error.js';
import { parseStatuspageFeed } from '../../../src/sources/statuspage-feed.js';
import { parseIncidentsJson, parseMaintenancesJson, parseSummaryJson } from '../../../src/sources/statuspage-json.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const url = 'https://www.githubstatus.com/api/v2/incidents.json';

describe('parseIncidentsJson on githubstatus.com incidents.json', () => {
  const incidents = parseIncidentsJson(fixture('statuspage-incidents.githubstatus.stactus.json'), { url });

  it('maps both incidents with impact, times, URL and components', () => {
    expect(incidents.map((i) => [i.key, i.status, i.impact, i.updates.length])).toEqual([
      ['statuspage:69sb0f8lydp4', 'resolved', 'major', 6],
      ['statuspage:r3x7x31k7nn1', 'resolved', 'minor', 6],
    ]);
    expect(incidents[0]).toMatchObject({
      source: 'statuspage',
      name: 'Incident with Pages and Actions',
      url: 'https://www.githubstatus.com/incidents/69sb0f8lydp4',
      createdAt: '2024-09-16T21:31:02.719Z',
      updatedAt: '2024-09-16T22:08:39.349Z',
      resolvedAt: '2024-09-16T22:08:39.333Z',
      components: [
        { id: 'br0l2tvcx85d', name: 'Actions' },
        { id: 'vg70hn9s2tyj', name: 'Pages' },
      ],
    });
  });

  it('orders updates oldest first with minute keys and affected component names', () => {
    const updates = incidents[0]?.updates ?? [];
    expect(updates[0]).toEqual({
      key: 'statuspage:69sb0f8lydp4@2024-09-16T21:31#0',
      status: 'investigating',
      body: 'We are investigating reports of degraded performance for Actions and Pages',
      at: '2024-09-16T21:31:02.798Z',
      affectedComponents: ['Pages', 'Actions'],
    });
    expect(updates.at(-1)).toMatchObject({ key: 'statuspage:69sb0f8lydp4@2024-09-16T22:08#0', status: 'resolved' });
  });

  it('turns HTML in bodies into plain text', () => {
    const ssh = incidents[1]?.updates.find((u) => u.body.startsWith('We are seeing up to 2%'));
    expect(ssh?.body).toBe(
      'We are seeing up to 2% of Git SSH connections failing.\nWe have taken suspected problematic hosts out of rotation and are monitoring for recovery and continuing to investigate.',
    );
  });
});

describe('parseSummaryJson', () => {
  it('reads components.json (no incidents key) into page and components', () => {
    const summary = parseSummaryJson(fixture('statuspage-components.githubstatus.stactus.json'), { url });
    expect(summary.page).toEqual({ name: 'GitHub', url: 'https://www.githubstatus.com', indicator: 'none', description: '' });
    expect(summary.components).toEqual([
      { id: '8l4ygp009s5s', name: 'Git Operations', status: 'operational', group: false, position: 1 },
      { id: '4230lsnqdsld', name: 'Webhooks', status: 'operational', group: false, position: 2 },
    ]);
    expect(summary.incidents).toEqual([]);
  });

  it('reads an incident.io-style summary: no incidents key, maintenances in progress and announced, groups', () => {
    const body = JSON.stringify({
      page: { id: '01HXYZ', name: 'OpenAI', url: 'https://status.openai.com/' },
      status: { indicator: 'maintenance', description: 'Maintenance' },
      components: [
        { id: 'grp1', name: 'APIs', status: 'operational', group: true, position: 1 },
        { id: 'c1', name: 'Chat', status: 'under_maintenance', group_id: 'grp1', position: 2, extra: { ignored: true } },
      ],
      scheduled_maintenances: [
        { id: 'mnt1', name: 'DB upgrade', status: 'in_progress', impact: 'maintenance', created_at: '2026-05-01T00:00:00Z', updated_at: '2026-05-05T02:00:00Z', incident_updates: [{ status: 'in_progress', body: 'Started.', display_at: '2026-05-05T02:00:00Z' }] },
        { id: 'mnt2', name: 'Later', status: 'scheduled', impact: 'maintenance', created_at: '2026-05-01T00:00:00Z', incident_updates: [] },
      ],
    });
    const summary = parseSummaryJson(body, { url: 'https://status.openai.com/api/v2/summary.json' });
    expect(summary.page?.indicator).toBe('maintenance');
    expect(summary.components.map((c) => [c.id, c.group, c.status])).toEqual([
      ['grp1', true, 'operational'],
      ['c1', false, 'under_maintenance'],
    ]);
    expect(summary.incidents.map((i) => [i.key, i.status, i.impact])).toEqual([
      ['statuspage:mnt1', 'in_progress', 'maintenance'],
      ['statuspage:mnt2', 'scheduled', 'maintenance'],
    ]);
    expect(summary.incidents[0]).toMatchObject({ url: 'https://status.openai.com/incidents/mnt1' });
    expect(summary).toMatchObject({ listsIncidents: false, listsMaintenances: true });
  });

  it('falls back to the base URL, then the shortlink, for incident URLs', () => {
    const incident = { id: 'x1', name: 'X', status: 'investigating', impact: 'minor', shortlink: 'https://stspg.io/x1', created_at: '2026-01-01T00:00:00Z' };
    const noPage = JSON.stringify({ incidents: [incident] });
    expect(parseSummaryJson(noPage, { url, baseUrl: 'https://status.example.com/' }).incidents[0]?.url).toBe('https://status.example.com/incidents/x1');
    expect(parseSummaryJson(noPage, { url }).incidents[0]?.url).toBe('https://stspg.io/x1');
  });
});

describe('update keys agree between the JSON API and the feed', () => {
  it('gives the real Claude incident the same keys from both (the feed has minutes only)', async () => {
    const [, fromFeed] = await parseStatuspageFeed(fixture('claude-status-history.head4.atom'), { url: 'https://status.claude.com/history.atom' });
    const json = JSON.stringify({
      page: { id: 'tymt9n04zgry', name: 'Claude', url: 'https://status.claude.com' },
      incidents: [
        {
          id: '978mjkgw6mh7', name: 'Elevated errors on platform.claude.com', status: 'monitoring', impact: 'minor',
          created_at: '2026-10-07T13:25:41.120Z', updated_at: '2026-10-07T21:45:27.000Z',
          // Newest first, seconds the feed does not show; display_at differs from created_at once.
          incident_updates: [
            { status: 'monitoring', body: 'm', created_at: '2026-10-07T21:44:58.000Z', display_at: '2026-10-07T21:44:58.000Z' },
            { status: 'identified', body: 'i', created_at: '2026-10-07T17:28:03.000Z', display_at: '2026-10-07T17:28:03.000Z' },
            { status: 'investigating', body: 'u', created_at: '2026-10-07T16:40:00.000Z', display_at: '2026-10-07T16:36:12.000Z' },
            { status: 'investigating', body: 'v', created_at: '2026-10-07T13:25:41.000Z', display_at: '2026-10-07T13:25:41.000Z' },
          ],
        },
      ],
    });
    const [fromJson] = parseIncidentsJson(json, { url });
    expect(fromJson?.updates.map((u) => u.key)).toEqual(fromFeed?.updates.map((u) => u.key));
    expect(fromJson?.updates.map((u) => u.status)).toEqual(fromFeed?.updates.map((u) => u.status));
    expect(fromJson?.url).toBe(fromFeed?.url);
  });

  it('numbers updates that share a minute, oldest first, in both', async () => {
    const json = JSON.stringify({
      incidents: [
        {
          id: 'same1', name: 'S', status: 'identified', impact: 'minor', created_at: '2026-02-02T10:00:05Z',
          incident_updates: [
            { status: 'identified', body: 'second', display_at: '2026-02-02T10:00:50Z' },
            { status: 'investigating', body: 'first', display_at: '2026-02-02T10:00:05Z' },
          ],
        },
      ],
    });
    const [fromJson] = parseIncidentsJson(json, { url, baseUrl: 'https://status.example.com' });
    const html =
      "<p><small>Feb <var data-var='date'> 2</var>, <var data-var='time'>10:00</var> UTC</small><br><strong>Identified</strong> - second</p>" +
      "<p><small>Feb <var data-var='date'> 2</var>, <var data-var='time'>10:00</var> UTC</small><br><strong>Investigating</strong> - first</p>";
    const feed = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><link rel="alternate" href="https://status.example.com"/><title>T</title>
<entry><id>1</id><published>2026-02-02T10:01:00Z</published><updated>2026-02-02T10:01:00Z</updated><link rel="alternate" href="https://status.example.com/incidents/same1"/><title>S</title>
<content type="html">${html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</content></entry></feed>`;
    const [fromFeed] = await parseStatuspageFeed(feed, { url });
    const expected = [
      ['statuspage:same1@2026-02-02T10:00#0', 'first'],
      ['statuspage:same1@2026-02-02T10:00#1', 'second'],
    ];
    expect(fromJson?.updates.map((u) => [u.key, u.body])).toEqual(expected);
    expect(fromFeed?.updates.map((u) => [u.key, u.body])).toEqual(expected);
  });
});

describe('lenient parsing', () => {
  it('maps unknown enum values safely and drops items it cannot read', () => {
    const body = JSON.stringify({
      page: { name: 'P', url: 'https://status.example.com' },
      status: { indicator: 'CRITICAL', description: 'Down' },
      components: [
        { id: 'a', name: 'A', status: 'full_outage' },
        { id: 'b', name: 'B', status: 'sort_of_fine' },
        { name: 'no id' },
      ],
      incidents: [
        { id: 'u1', name: 'Unknown', status: 'exploding', impact: 'catastrophic', created_at: '2026-03-01T00:00:00Z',
          incident_updates: [{ status: 'wobbling', body: 'later', display_at: '2026-03-01T00:05:00Z' }, { status: 'identified', body: 'first', display_at: '2026-03-01T00:01:00Z' }] },
        { id: 'u2', name: 'Gone', status: 'archived', resolved_at: '2026-03-02T00:00:00Z', created_at: '2026-03-01T00:00:00Z' },
        { name: 'no id at all' },
      ],
    });
    const summary = parseSummaryJson(body, { url });
    expect(summary.page?.indicator).toBe('critical');
    expect(summary.components.map((c) => c.status)).toEqual(['major_outage', 'degraded_performance']);
    expect(summary.incidents.map((i) => [i.key, i.status, i.impact])).toEqual([
      ['statuspage:u1', 'investigating', null],
      ['statuspage:u2', 'resolved', null],
    ]);
    expect(summary.incidents[0]?.updates.map((u) => u.status)).toEqual(['identified', 'identified']);
    expect(summary.incidents[1]?.resolvedAt).toBe('2026-03-02T00:00:00.000Z');
  });

  it('throws typed errors for empty, invalid and wrong-shaped documents', () => {
    const codeOf = (fn: () => unknown): string | null => {
      try {
        fn();
        return null;
      } catch (error) {
        return error instanceof SourceError ? error.code : 'untyped';
      }
    };
    expect(codeOf(() => parseSummaryJson('  ', { url }))).toBe('empty');
    expect(codeOf(() => parseSummaryJson('{"page": {"name": "cut', { url }))).toBe('unparsable');
    expect(codeOf(() => parseSummaryJson('[1,2]', { url }))).toBe('unparsable');
    expect(codeOf(() => parseIncidentsJson('{"page": {}}', { url }))).toBe('unparsable');
  });
});

describe('parseMaintenancesJson (scheduled-maintenances.json)', () => {
  it('reads the API docs example: every entry is a maintenance whatever its wire impact, with its window in UTC', () => {
    const maintenances = parseMaintenancesJson(fixture('statuspage-scheduled-maintenances.metastatuspage-docs.json'), { url: 'http://metastatuspage.com/api/v2/scheduled-maintenances.json' });
    expect(maintenances.map((m) => [m.key, m.status, m.impact, m.scheduledFor, m.scheduledUntil])).toEqual([
      ['statuspage:w1zdr745wmfy', 'scheduled', 'maintenance', '2014-05-18T04:00:00.000Z', '2014-05-18T05:30:00.000Z'],
      ['statuspage:k7mf5z1gz05c', 'in_progress', 'maintenance', '2014-05-14T20:30:00.000Z', '2014-05-14T22:30:00.000Z'],
    ]);
    expect(maintenances[1]?.updates.map((u) => [u.status, u.at])).toEqual([
      ['scheduled', '2014-05-14T20:27:18.845Z'],
      ['in_progress', '2014-05-14T20:34:20.036Z'],
    ]);
    expect(maintenances[1]?.url).toBe('http://metastatuspage.com/incidents/k7mf5z1gz05c');
  });

  it('refuses a document without the list (a page that does not serve it is told apart from an empty one)', () => {
    expect(() => parseMaintenancesJson('{"page": {"id": "x"}}', { url })).toThrow(SourceError);
    expect(parseMaintenancesJson('{"scheduled_maintenances": []}', { url })).toEqual([]);
  });
});

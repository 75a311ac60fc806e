import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src/sources/source-error.js';
import { parseStatuspageFeed } from '../../../src/sources/statuspage-feed.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const URL_ = 'https://status.claude.com/history.atom';

const escape = (html: string): string => html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal Atom feed in the Statuspage layout, around hand-written entry HTML. */
function atom(entries: Array<{ link: string; updated: string; title?: string; html: string }>): string {
  const body = entries
    .map(
      (e) => `<entry><id>tag:status.example.com,2005:Incident/1</id><published>${e.updated}</published><updated>${e.updated}</updated>
<link rel="alternate" type="text/html" href="${e.link}"/><title>${e.title ?? 'Something broke'}</title>
<content type="html">${escape(e.html)}</content></entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?><feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">
<id>tag:status.example.com,2005:/history</id><link rel="alternate" type="text/html" href="https://status.example.com"/>
<title>Example Status - Incident History</title><updated>2026-01-01T00:00:00Z</updated>${body}</feed>`;
}

/** One update line in the exact status.claude.com markup. */
const line = (month: string, day: number, time: string, word: string, text: string): string =>
  `<p> <small>${month} <var data-var='date'>${String(day).padStart(2, ' ')}</var>, <var data-var='time'>${time}</var> UTC</small><br> <strong>${word}</strong> - ${text} </p>`;

describe('parseStatuspageFeed on the real status.claude.com Atom feed', () => {
  it('reads all four entries with their updates, statuses and years', async () => {
    const incidents = await parseStatuspageFeed(fixture('claude-status-history.head4.atom'), { url: URL_ });
    expect(incidents.map((i) => [i.key, i.name, i.status, i.updates.length])).toEqual([
      ['statuspage:vmys9qn874h4', 'Issue with spend limits', 'resolved', 1],
      ['statuspage:978mjkgw6mh7', 'Elevated errors on platform.claude.com', 'monitoring', 4],
      ['statuspage:wf2v8ms031sx', 'Elevated errors loading usage data on platform.claude.com', 'resolved', 2],
      ['statuspage:ch27pb90bn85', 'Elevated errors for Claude Opus 5.5', 'resolved', 3],
    ]);
    for (const incident of incidents) {
      expect(incident).toMatchObject({ source: 'statuspage', impact: null, components: [] });
      expect(incident.url).toBe(`https://status.claude.com/incidents/${incident.key.slice('statuspage:'.length)}`);
    }
  });

  it('orders updates oldest first, maps "Update" to the previous status and keys them by minute', async () => {
    const [, platform] = await parseStatuspageFeed(fixture('claude-status-history.head4.atom'), { url: URL_ });
    expect(platform?.updates.map((u) => [u.at, u.status])).toEqual([
      ['2026-10-07T13:25:00.000Z', 'investigating'],
      ['2026-10-07T16:36:00.000Z', 'investigating'], // "Update"
      ['2026-10-07T17:28:00.000Z', 'identified'],
      ['2026-10-07T21:44:00.000Z', 'monitoring'],
    ]);
    expect(platform?.updates[0]?.key).toBe('statuspage:978mjkgw6mh7@2026-10-07T13:25#0');
    expect(platform?.updates[3]?.body).toMatch(/^We've mitigated the errors loading usage data on platform\.claude\.com/);
    expect(platform).toMatchObject({ createdAt: '2026-10-07T13:25:00.000Z', updatedAt: '2026-10-07T21:45:27.000Z', resolvedAt: null });
  });

  it('sets resolvedAt from the Resolved line', async () => {
    const incidents = await parseStatuspageFeed(fixture('claude-status-history.head4.atom'), { url: URL_ });
    const opus = incidents.find((i) => i.key === 'statuspage:ch27pb90bn85');
    expect(opus?.resolvedAt).toBe('2026-10-06T12:43:00.000Z');
    expect(opus?.updates.map((u) => u.status)).toEqual(['investigating', 'identified', 'resolved']);
  });
});

describe('parseStatuspageFeed on other Statuspage layouts', () => {
  it('reads an RSS feed (description holds the same HTML, <br />, no dates but pubDate)', async () => {
    const html = `${line('Oct', 7, '21:23', 'Resolved', 'Fixed &amp; verified.').replace('<br>', '<br />')} ${line('Oct', 7, '20:05', 'Investigating', 'Looking into it.')}`;
    const rss = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example Status - Incident History</title>
<link>https://status.example.com</link><description>Statuspage</description>
<item><title>API errors</title><description>${escape(html)}</description><pubDate>Tue, 07 Oct 2026 21:23:29 +0000</pubDate>
<link>https://status.example.com/incidents/abc123xyz</link><guid>https://status.example.com/incidents/abc123xyz</guid></item></channel></rss>`;
    const [incident] = await parseStatuspageFeed(rss, { url: 'https://status.example.com/history.rss' });
    expect(incident).toMatchObject({ key: 'statuspage:abc123xyz', name: 'API errors', status: 'resolved', resolvedAt: '2026-10-07T21:23:00.000Z' });
    expect(incident?.updates.map((u) => [u.at, u.status, u.body])).toEqual([
      ['2026-10-07T20:05:00.000Z', 'investigating', 'Looking into it.'],
      ['2026-10-07T21:23:00.000Z', 'resolved', 'Fixed & verified.'],
    ]);
  });

  it('maps a leading "Update" to investigating and later ones to the previous status', async () => {
    const html = [line('Mar', 3, '10:30', 'Update', 'Still watching.'), line('Mar', 3, '10:00', 'Monitoring', 'Fix deployed.'), line('Mar', 3, '09:00', 'Update', 'We are looking.')].join(' ');
    const [incident] = await parseStatuspageFeed(atom([{ link: 'https://status.example.com/incidents/u1', updated: '2026-03-03T10:30:00Z', html }]), { url: URL_ });
    expect(incident?.updates.map((u) => u.status)).toEqual(['investigating', 'monitoring', 'monitoring']);
    expect(incident?.status).toBe('monitoring');
  });

  it('puts a "Dec 31" update under an entry dated Jan 2 in the previous year', async () => {
    const html = [line('Jan', 2, '01:00', 'Resolved', 'Done.'), line('Jan', 1, '00:10', 'Identified', 'Found it.'), line('Dec', 31, '23:50', 'Investigating', 'Errors.')].join(' ');
    const [incident] = await parseStatuspageFeed(atom([{ link: 'https://status.example.com/incidents/ny1', updated: '2027-01-02T01:00:40Z', html }]), { url: URL_ });
    expect(incident?.updates.map((u) => u.at)).toEqual(['2026-12-31T23:50:00.000Z', '2027-01-01T00:10:00.000Z', '2027-01-02T01:00:00.000Z']);
    expect(incident?.createdAt).toBe('2026-12-31T23:50:00.000Z');
  });

  it('never dates an update after the entry date plus one day', async () => {
    // Entry dated Dec 31: a "Dec 30" line is this year, not next year.
    const html = line('Dec', 30, '12:00', 'Investigating', 'Errors.');
    const [incident] = await parseStatuspageFeed(atom([{ link: 'https://status.example.com/incidents/d1', updated: '2026-12-31T08:00:00Z', html }]), { url: URL_ });
    expect(incident?.updates[0]?.at).toBe('2026-12-30T12:00:00.000Z');
  });

  it('reads lines without <var> tags, with extra spaces, and without <small> or <strong>', async () => {
    const noVar = `<p><small>Oct  7,  21:23   UTC</small><br /><strong>Resolved</strong>  -  All good.</p><p><small>Oct  7, 20:00 UTC</small><br/><strong>Investigating</strong> - Errors.</p>`;
    const plain = `<p>Oct 7, 21:23 UTC<br>Resolved - All good.</p><p>Oct 7, 20:00 UTC<br>Investigating - Errors.</p>`;
    for (const html of [noVar, plain]) {
      const [incident] = await parseStatuspageFeed(atom([{ link: 'https://status.example.com/incidents/nv1', updated: '2026-10-07T21:23:10Z', html }]), { url: URL_ });
      expect(incident?.updates.map((u) => [u.at, u.status, u.body])).toEqual([
        ['2026-10-07T20:00:00.000Z', 'investigating', 'Errors.'],
        ['2026-10-07T21:23:00.000Z', 'resolved', 'All good.'],
      ]);
    }
  });

  it('converts local zones (PDT) to UTC and tolerates // in incident.io links', async () => {
    const html = `<p><small>Oct <var data-var='date'>7</var>, <var data-var='time'>14:23</var> PDT</small><br><strong>Investigating</strong> - Slow.</p>`;
    const [incident] = await parseStatuspageFeed(atom([{ link: 'https://status.openai.com//incidents/01JABCDEF', updated: '2026-10-07T21:30:00Z', html }]), { url: URL_ });
    expect(incident?.key).toBe('statuspage:01JABCDEF');
    expect(incident?.updates[0]?.at).toBe('2026-10-07T21:23:00.000Z');
  });

  it('maps maintenance words (impact maintenance: never an outage) and skips maintenances that have not started', async () => {
    const done = [line('May', 5, '04:00', 'Completed', 'Done.'), line('May', 5, '02:00', 'In progress', 'Started.'), line('May', 1, '09:00', 'Scheduled', 'Planned.')].join(' ');
    const planned = line('May', 4, '09:00', 'Scheduled', 'Next week.');
    const incidents = await parseStatuspageFeed(
      atom([
        { link: 'https://status.example.com/incidents/m1', updated: '2026-05-05T04:00:00Z', html: done },
        { link: 'https://status.example.com/incidents/m2', updated: '2026-05-04T09:00:00Z', html: planned },
      ]),
      { url: URL_ },
    );
    expect(incidents.map((i) => i.key)).toEqual(['statuspage:m1']);
    expect(incidents[0]?.updates.map((u) => u.status)).toEqual(['scheduled', 'in_progress', 'completed']);
    expect(incidents[0]?.resolvedAt).toBe('2026-05-05T04:00:00.000Z');
    expect(incidents[0]?.impact).toBe('maintenance');
  });
});

describe('incident.io feeds (status.openai.com/history.atom)', () => {
  it('reads every entry of the real feed: its latest update at the entry time, its affected components, keys as statuspage:<id>', async () => {
    const incidents = await parseStatuspageFeed(fixture('openai-status-incidentio-history.head3.atom'), { url: 'https://status.openai.com/history.atom' });
    expect(incidents.map((i) => [i.key, i.status, i.resolvedAt, i.url])).toEqual([
      ['statuspage:01M2EWYR55J47M2BPG9WC76VEG', 'resolved', '2026-09-14T03:57:19.771Z', 'https://status.openai.com/incidents/01M2EWYR55J47M2BPG9WC76VEG'],
      ['statuspage:01M2DV6788RRSDZ5K98S5HN0A8', 'resolved', '2026-09-13T17:47:55.091Z', 'https://status.openai.com/incidents/01M2DV6788RRSDZ5K98S5HN0A8'],
      ['statuspage:01M27VK1VN54RQJGJEHB5JTQJJ', 'resolved', '2026-09-11T11:21:43.949Z', 'https://status.openai.com/incidents/01M27VK1VN54RQJGJEHB5JTQJJ'],
    ]);
    expect(incidents[2]?.updates).toEqual([
      { key: 'statuspage:01M27VK1VN54RQJGJEHB5JTQJJ@2026-09-11T11:21#0', status: 'resolved', body: 'All impacted services have now fully recovered.', at: '2026-09-11T11:21:43.949Z', affectedComponents: ['Chat Completions', 'Responses'] },
    ]);
    expect(incidents[0]?.impact).toBeNull();
  });

  it('reads incident.io maintenance words as a maintenance, and skips an entry with no status line', async () => {
    const entry = (word: string, code: string) => ({ link: `https://status.example.com//incidents/${code}`, updated: '2026-12-03T10:00:00Z', html: `<b>Status: ${word}</b><br/><br/>Work under way.` });
    const incidents = await parseStatuspageFeed(atom([entry('Maintenance in progress', '01MNT'), entry('Identified', '01INC'), { ...entry('x', '01BAD'), html: 'no status here' }]), { url: URL_ });
    expect(incidents.map((i) => [i.key, i.status, i.impact])).toEqual([
      ['statuspage:01MNT', 'in_progress', 'maintenance'],
      ['statuspage:01INC', 'identified', null],
    ]);
  });
});

describe('parseStatuspageFeed failures', () => {
  const failure = async (xml: string): Promise<SourceError> => {
    const error: unknown = await parseStatuspageFeed(xml, { url: URL_ }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    return error as SourceError;
  };

  it('says `empty` for a valid feed with no entries, and for an empty body', async () => {
    expect((await failure(atom([]))).code).toBe('empty');
    expect((await failure('')).code).toBe('empty');
  });

  it('says `unparsable` for invalid XML', async () => {
    const error = await failure('<?xml version="1.0"?><feed><entry><title>broken</entry></feed');
    expect(error).toMatchObject({ code: 'unparsable', url: URL_ });
  });

  it('says `unparsable` for XML that is not a feed, or has no readable incident', async () => {
    expect((await failure('<?xml version="1.0"?><html><body/></html>')).code).toBe('unparsable');
    expect((await failure(atom([{ link: 'https://example.com/blog/1', updated: '2026-01-01T00:00:00Z', html: '<p>Hello</p>' }]))).code).toBe('unparsable');
  });
});

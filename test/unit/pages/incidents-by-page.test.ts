import { describe, expect, it } from 'vitest';
import { parseIncidentsArgs } from '../../../src/commands/incidents-args.js';
import { createIncidentsCommand } from '../../../src/commands/incidents.js';
import type { PastIncident } from '../../../src/incidents/history-model.js';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const past = (key: string, name: string): PastIncident => ({ key, name, impact: 'major', url: null, createdAt: '2026-11-20T10:00:00.000Z', resolvedAt: '2026-11-20T11:00:00.000Z', components: ['API'] });
const PAGES = [
  { id: 'claude', url: 'https://status.claude.com' },
  { id: 'openai', url: 'https://status.openai.com' },
];

describe('/claude-incidents page:<id or host>', () => {
  it('names a page by id, host or a word of its host', () => {
    const hosts = ['status.claude.com', 'status.openai.com'];
    expect(parseIncidentsArgs('page:openai', [], hosts, ['claude', 'openai'])).toMatchObject({ ok: true, page: 'openai' });
    expect(parseIncidentsArgs('page:status.openai.com 7d', [], hosts, ['claude', 'openai'])).toMatchObject({ ok: true, page: 'openai', days: 7 });
    expect(parseIncidentsArgs('page:claude', [], hosts, ['claude', 'openai'])).toMatchObject({ ok: true, page: 'claude' });
    expect(parseIncidentsArgs('page:gitlab', [], hosts, ['claude', 'openai'])).toMatchObject({ ok: false, problem: expect.stringContaining('status.claude.com, status.openai.com') });
  });

  it('counts only the named page\'s incidents; without page: every page\'s', async () => {
    const command = createIncidentsCommand({
      readHistory: () => [past('statuspage:a1', 'Claude trouble'), past('openai:b1', 'OpenAI trouble'), past('openai:b2', 'More OpenAI trouble')],
      componentNames: () => ['API'],
      clock: { now: () => NOW },
      statusPageUrl: 'https://status.claude.com',
      pages: PAGES,
    });
    const ask = (text: string) => command({ command: 'incidents', text, platform: 'slack', userId: 'U1', channelId: 'C1', isAdmin: false });
    expect((await ask('30d page:openai')).summary).toMatch(/^2 incident\(s\) in the last 30 days/);
    expect((await ask('30d page:claude')).summary).toMatch(/^1 incident\(s\) in the last 30 days/);
    expect((await ask('30d')).summary).toMatch(/^3 incident\(s\) in the last 30 days/);
  });
});

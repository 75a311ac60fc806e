import { describe, expect, it } from 'vitest';
import { buildStatusReply } from '../../../src/commands/status.js';
import type { CommunitySignal, LiveStatusView } from '../../../src/incidents/live-status.js';
import { renderReplyForConsole } from '../../../src/platforms/console/render-reply.js';
import { incident } from '../../helpers/incident-builders.js';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const community = (over: Partial<CommunitySignal>): CommunitySignal => ({ windowMinutes: 30, total: 0, byClass: {}, activeWarning: null, ...over });
const status = (over: Partial<LiveStatusView>) =>
  renderReplyForConsole(
    buildStatusReply(
      { page: null, components: [], openIncidents: [], lastSuccessAt: '2026-11-25T11:59:30.000Z', lastError: null, stale: false, community: null, ...over },
      NOW,
      'https://status.claude.com',
    ),
  );

describe('/claude-status: the GitHub side', () => {
  it('says "unknown" when GitHub search has never answered, not "none"', () => {
    const out = status({ community: community({ lastReadAt: null }) });
    expect(out).toContain('GitHub reports: unknown (GitHub search has not been read).');
    expect(out).not.toContain('none');
  });

  it('says "none" once a search has answered with nothing', () => {
    expect(status({ community: community({ lastReadAt: '2026-11-25T11:58:00.000Z' }) })).toContain('GitHub reports (last 30 min): none.');
  });

  it('does not claim "no matching GitHub reports" beside an incident when GitHub was never read', () => {
    const open = [incident('abc', [['investigating', '2026-11-25T11:00:00.000Z']])];
    expect(status({ openIncidents: open, community: community({ lastReadAt: null }) })).not.toContain('no matching GitHub reports');
    expect(status({ openIncidents: open, community: community({ lastReadAt: '2026-11-25T11:58:00.000Z' }) })).toContain('no matching GitHub reports yet');
  });

  it('names the cause, not the last fallback URL, when the page was never read', () => {
    const out = status({ lastSuccessAt: null, stale: true, lastError: { code: 'network', message: 'https://anthropic.statuspage.io/history.rss: ECONNREFUSED', at: '2026-11-25T11:59:00.000Z' } });
    expect(out).toContain('(last error: ECONNREFUSED). Check https://status.claude.com directly.');
  });
});

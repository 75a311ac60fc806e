import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStatusReply } from '../../../src/commands/status.js';
import { createSubscribeCommand, createUnsubscribeCommand } from '../../../src/commands/subscribe.js';
import type { CommandRequest, Reply } from '../../../src/commands/reply.js';
import type { LiveStatusView } from '../../../src/incidents/live-status.js';
import { renderReplyForConsole } from '../../../src/platforms/console/render-reply.js';
import { component, incident } from '../../helpers/incident-builders.js';
import { createTempStore, describeEachEngine } from '../../helpers/temp-store.js';

describeEachEngine('subscribe-status', (engine) => {
  const NOW = new Date('2026-11-25T12:00:00.000Z');
  const components = [
    component('k8w3r06qmzrp', 'Claude API (api.anthropic.com)'),
    component('yyzkbfz2thpt', 'Claude Code', 'partial_outage', 2),
    component('rwppv331jlwc', 'claude.ai', 'operational', 3),
  ];
  const view = (over: Partial<LiveStatusView> = {}): LiveStatusView => ({
    page: { name: 'Claude', url: 'https://status.claude.com', indicator: 'minor', description: 'Partially Degraded Service' },
    components,
    openIncidents: [],
    lastSuccessAt: '2026-11-25T11:59:30.000Z',
    lastError: null,
    stale: false,
    community: null,
    ...over,
  });
  const text = (reply: Reply) => renderReplyForConsole(reply);

  describe('/claude-status', () => {
    it('lists components, open incidents with their latest update, and the last check', () => {
      const open = incident('abc', [['investigating', '2026-11-25T11:00:00.000Z'], ['identified', '2026-11-25T11:30:00.000Z', 'Fix is rolling out.']]);
      const out = text(buildStatusReply(view({ openIncidents: [open] }), NOW, 'https://status.claude.com'));
      expect(out).toContain('Incident abc · Identified, impact major · since Nov 25, 11:00 UTC');
      expect(out).toContain('Fix is rolling out.');
      expect(out).toContain('🟠 Claude Code: Partial outage');
      expect(out).toContain('Last checked just now');
      expect(out).not.toMatch(/Stale/);
    });

    it('warns plainly when the page could not be read for a while', () => {
      const out = text(
        buildStatusReply(
          view({ stale: true, lastSuccessAt: '2026-11-25T11:40:00.000Z', lastError: { code: 'challenge_page', message: 'HTML', at: '2026-11-25T11:59:00.000Z' } }),
          NOW,
          'https://status.claude.com',
        ),
      );
      expect(out).toMatch(/Stale: the status page was last read 20 min ago \(since then: blocked by a challenge page\)/);
    });

    it('does not call a page it never read green', () => {
      const reply = buildStatusReply(
        view({ lastSuccessAt: null, stale: true, components: [], page: null, lastError: { code: 'network', message: 'connect ECONNREFUSED', at: NOW.toISOString() } }),
        NOW,
        'https://status.claude.com',
      );
      const out = text(reply);
      expect(out).toContain('No successful read of the status page yet (last error: connect ECONNREFUSED)');
      expect(out).not.toMatch(/No open incidents|All Systems Operational/);
      expect(reply.summary).toBe('The status page has not been read yet.');
    });
  });

  describe('/claude-subscribe and /claude-unsubscribe', () => {
    let temp: ReturnType<typeof createTempStore>;
    const request = (text: string, isAdmin: boolean, command: CommandRequest['command'] = 'subscribe'): CommandRequest => ({
      command,
      text,
      platform: 'slack',
      userId: 'U1',
      channelId: 'C1',
      isAdmin,
    });
    const options = () => ({
      subscriptions: temp.store.subscriptions,
      getLiveStatus: () => view(),
      clock: { now: () => NOW },
      whoMayChange: () => 'workspace admins',
    });
    beforeEach(() => {
      temp = createTempStore(engine);
    });
    afterEach(() => temp.cleanup());

    it('lets an admin choose components (with spaces, by part), impact and warnings', async () => {
      const subscribe = createSubscribeCommand(options());
      const reply = await subscribe(request('Claude API (api.anthropic.com), code major warnings:off', true));
      expect(text(reply)).toContain('This channel will now get Claude outage alerts.');
      expect(temp.store.subscriptions.find('slack', 'C1')).toMatchObject({
        components: ['Claude API (api.anthropic.com)', 'Claude Code'],
        minImpact: 'major',
        earlyWarnings: false,
      });
      const shown = text(await subscribe(request('', false)));
      expect(shown).toContain('Components: Claude API (api.anthropic.com), Claude Code');
      expect(shown).toContain('GitHub early warnings: off');
    });

    it('refuses a user without permission, politely, and changes nothing', async () => {
      const reply = await createSubscribeCommand(options())(request('critical', false));
      expect(text(reply)).toMatch(/Sorry, only workspace admins can change/);
      expect(temp.store.subscriptions.find('slack', 'C1')).toBeNull();
      const un = await createUnsubscribeCommand(options())(request('', false, 'unsubscribe'));
      expect(text(un)).toMatch(/Sorry/);
    });

    it('answers invalid arguments with usage and the real component names', async () => {
      const reply = await createSubscribeCommand(options())(request('claude-desktop', true));
      const out = text(reply);
      expect(out).toContain('"claude-desktop" is not a component');
      expect(out).toContain('`Claude API (api.anthropic.com)`, `Claude Code`, `claude.ai`');
      expect(temp.store.subscriptions.find('slack', 'C1')).toBeNull();
      expect(text(await createSubscribeCommand(options())(request('claude', true)))).toMatch(/matches several components/);
    });

    it('shows a channel whose deliveries were stopped, and unsubscribes', async () => {
      const sub = temp.store.subscriptions.ensure('slack', 'C1', NOW.toISOString());
      temp.store.subscriptions.disable(sub.id, 'channel_not_found', NOW.toISOString());
      expect(text(await createSubscribeCommand(options())(request('', false)))).toContain('stopped (channel_not_found)');
      expect(text(await createUnsubscribeCommand(options())(request('', true, 'unsubscribe')))).toContain('no longer get');
      expect(temp.store.subscriptions.find('slack', 'C1')).toBeNull();
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSubscribeCommand, type CheckMention } from '../../../src/commands/subscribe.js';
import type { CommandRequest, Reply } from '../../../src/commands/reply.js';
import type { LiveStatusView } from '../../../src/incidents/live-status.js';
import { renderReplyForConsole } from '../../../src/platforms/console/render-reply.js';
import { createTempStore, describeEachEngine } from '../../helpers/temp-store.js';

describeEachEngine('subscribe-policy', (engine) => {
  const view: LiveStatusView = { page: null, components: [], openIncidents: [], lastSuccessAt: null, lastError: null, stale: false, community: null };
  let temp: ReturnType<typeof createTempStore>;
  let checked: string[];
  const request = (text: string, platform: CommandRequest['platform'] = 'slack'): CommandRequest => ({ command: 'subscribe', text, platform, userId: 'U1', channelId: 'C1', isAdmin: true });
  const command = (checkMention?: CheckMention) =>
    createSubscribeCommand({ subscriptions: temp.store.subscriptions, policies: temp.store.policies, getLiveStatus: () => view, clock: { now: () => new Date('2026-11-25T12:00:00Z') }, whoMayChange: () => 'admins', checkMention });
  const text = async (reply: Reply | Promise<Reply>) => renderReplyForConsole(await reply);

  beforeEach(() => {
    temp = createTempStore(engine);
    checked = [];
  });
  afterEach(() => temp.cleanup());

  describe('/claude-subscribe and the alert policy', () => {
    it('saves settings and shows them against their defaults', async () => {
      const out = await text(command()(request('remind:30m tz:America/New_York')));
      expect(out).toContain('every 30 min (default every 2 h)');
      expect(out).toContain('America/New_York (default UTC)');
      expect(out).toContain('15 min (default)');
      expect(temp.store.policies.get(temp.store.subscriptions.find('slack', 'C1')!.id)).toMatchObject({ remindMinutes: 30, timeZone: 'America/New_York' });
    });

    it('changes nothing when the ping target is not found, and refuses pings on the console', async () => {
      const missing: CheckMention = async (_r, wanted) => {
        checked.push(JSON.stringify(wanted));
        return { ok: false, problem: 'There is no user group @ghosts in this workspace.' };
      };
      expect(await text(command(missing)(request('remind:off ping:@ghosts')))).toMatch(/no user group @ghosts[\s\S]*Nothing was changed/);
      expect(checked).toEqual(['{"kind":"slack_handle","handle":"ghosts"}']);
      expect(temp.store.subscriptions.find('slack', 'C1')).toBeNull();
      expect(await text(command()(request('ping:@oncall', 'console')))).toMatch(/Pings are for Slack and Discord channels/);
    });
  });
});

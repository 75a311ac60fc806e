import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideVerdict } from '../../../src/commands/fix-verdict.js';
import { buildStatusReply } from '../../../src/commands/status.js';
import { parseError } from '../../../src/knowledge/parse-error.js';
import { createSubscribeCommand } from '../../../src/commands/subscribe.js';
import { parseSubscriptionArgs } from '../../../src/commands/parse-subscription-args.js';
import { buildIncidentCard } from '../../../src/delivery/build-card.js';
import { DEFAULT_POLICY } from '../../../src/incidents/channel-policy.js';
import { diffSnapshot } from '../../../src/incidents/diff.js';
import type { IncidentEvent } from '../../../src/incidents/events.js';
import type { LiveStatusView } from '../../../src/incidents/live-status.js';
import { closeUnlisted, durationOf } from '../../../src/incidents/maintenance.js';
import { firstReminderAt, pingFor } from '../../../src/incidents/route-policy.js';
import { wantsEvent, type Subscription } from '../../../src/incidents/subscription.js';
import { renderReplyForConsole } from '../../../src/platforms/console/render-reply.js';
import { createLiveStatusReader } from '../../../src/store/read-live-status.js';
import { component, incident, snapshot } from '../../helpers/incident-builders.js';
import { createTempStore, describeEachEngine } from '../../helpers/temp-store.js';

describeEachEngine('maintenance', (engine) => {
  const WINDOW = { scheduledFor: '2026-12-03T10:00:00.000Z', scheduledUntil: '2026-12-03T12:00:00.000Z' };
  const announced = incident('mnt1', [['scheduled', '2026-12-01T09:00:00.000Z', 'Planned.']], { impact: 'maintenance', name: 'DB upgrade', ...WINDOW });
  const running = incident('mnt1', [['scheduled', '2026-12-01T09:00:00.000Z', 'Planned.'], ['in_progress', '2026-12-03T10:04:00.000Z', 'Started.']], { impact: 'maintenance', name: 'DB upgrade', ...WINDOW });
  const completed = incident('mnt1', [['scheduled', '2026-12-01T09:00:00.000Z', 'Planned.'], ['in_progress', '2026-12-03T10:04:00.000Z', 'Started.'], ['completed', '2026-12-03T11:25:00.000Z', 'Done.']], { impact: 'maintenance', name: 'DB upgrade', resolvedAt: '2026-12-03T11:25:00.000Z', ...WINDOW });
  const sub = (overrides: Partial<Subscription> = {}): Subscription => ({ id: 1, platform: 'slack', channelId: 'C1', components: null, minImpact: 'none', earlyWarnings: true, maintenance: true, enabled: true, disabledReason: null, ...overrides });
  const opened: IncidentEvent = { kind: 'opened', dedupKey: 'open:statuspage:mnt1', incidentKey: 'statuspage:mnt1', at: announced.createdAt };

  describe('a maintenance lifecycle in the diff and the card', () => {
    it('is announced once with its window, and closes with the real duration (from its start, not its announcement)', () => {
      const first = diffSnapshot({ stored: new Map(), storedComponents: new Map(), snapshot: snapshot([announced]), newsSince: null });
      expect(first.events.map((e) => e.kind)).toEqual(['opened']);
      expect(buildIncidentCard(announced, { components: new Map() }).notes).toEqual(['Window: Dec 3, 10:00 UTC – Dec 3, 12:00 UTC']);
      const closing = diffSnapshot({ stored: new Map([[running.key, running]]), storedComponents: new Map(), snapshot: snapshot([completed]), newsSince: null });
      expect(closing.events).toMatchObject([{ kind: 'resolved', body: 'Done.', durationMs: 81 * 60_000 }]);
      expect(buildIncidentCard(completed, { components: new Map() })).toMatchObject({ resolved: true, durationText: '1 h 21 min', statusLabel: 'Completed' });
    });

    it('closes what the page stopped listing: cancelled before it ran (no duration), completed at the window end after', () => {
      const cancelled = closeUnlisted(announced, '2026-12-02T08:00:00.000Z');
      expect(cancelled).toMatchObject({ status: 'cancelled', resolvedAt: '2026-12-02T08:00:00.000Z' });
      expect(durationOf(cancelled)).toBeNull();
      expect(buildIncidentCard(cancelled, { components: new Map() })).toMatchObject({ resolved: true, durationText: null, statusLabel: 'Cancelled' });
      const late = closeUnlisted(running, '2026-12-03T14:00:00.000Z');
      expect(late).toMatchObject({ status: 'completed', resolvedAt: '2026-12-03T12:00:00.000Z' });
      expect(durationOf(late)).toBe(116 * 60_000);
      const gone = closeUnlisted(incident('inc1', [['investigating', '2026-12-03T09:00:00.000Z']]), '2026-12-03T09:30:00.000Z');
      expect(gone).toMatchObject({ status: 'resolved', resolvedAt: '2026-12-03T09:30:00.000Z' });
    });
  });

  describe('maintenances are routed by their own switch and never ping', () => {
    it('goes to channels with maintenance on, whatever their minimum impact, and to none with it off', () => {
      expect(wantsEvent(sub({ minImpact: 'major' }), opened, announced)).toBe(true);
      expect(wantsEvent(sub({ maintenance: false }), opened, announced)).toBe(false);
      const under: IncidentEvent = { kind: 'component_changed', dedupKey: 'c', incidentKey: null, at: WINDOW.scheduledFor, componentId: 'c1', componentName: 'Claude Code', from: 'operational', to: 'under_maintenance' };
      expect(wantsEvent(sub({ maintenance: false }), under, null)).toBe(false);
      expect(wantsEvent(sub({ maintenance: false }), { ...under, from: 'under_maintenance', to: 'operational' }, null)).toBe(false);
      expect(wantsEvent(sub({ minImpact: 'major' }), under, null)).toBe(true);
    });

    it('never pings nor reminds, even with ping-min none', () => {
      const policy = { ...DEFAULT_POLICY, ping: { kind: 'slack_group' as const, id: 'S1' }, pingMinImpact: 'none' as const };
      expect(pingFor(policy, running, 'slack')).toBeNull();
      expect(firstReminderAt(policy, running, running.createdAt)).toBeNull();
    });

    it('parses maintenance:on|off without touching the components or the impact', () => {
      const current = { components: ['Claude Code'], minImpact: 'minor' as const, earlyWarnings: false, maintenance: true };
      const off = parseSubscriptionArgs('maintenance:off', ['Claude Code'], current);
      expect(off).toMatchObject({ ok: true, filters: { components: ['Claude Code'], minImpact: 'minor', maintenance: false } });
      expect(parseSubscriptionArgs('Claude Code major maintenance:on', ['Claude Code'], { ...current, maintenance: false })).toMatchObject({ ok: true, filters: { minImpact: 'major', maintenance: true } });
    });
  });

  describe('/claude-fix and maintenances', () => {
    it('never blames a running maintenance for an error, even if a reader lists it as open', () => {
      const live: LiveStatusView = { page: null, components: [], openIncidents: [running], maintenances: [running], lastSuccessAt: '2026-12-03T10:05:00.000Z', lastError: null, stale: false, community: null };
      const verdict = decideVerdict({ entry: null, parsed: parseError('API Error: 500 {"type":"error","error":{"type":"api_error","message":"Internal server error"}}'), live, now: new Date('2026-12-03T10:06:00Z') });
      expect(verdict.incident).toBeNull();
      expect(verdict.outageFirst).toBe(false);
      expect(verdict.line).not.toContain('DB upgrade');
    });
  });

  describe('maintenances in the store and the commands', () => {
    let temp: ReturnType<typeof createTempStore>;
    beforeEach(() => {
      temp = createTempStore(engine);
    });
    afterEach(() => temp.cleanup());

    it('stores the switch (default on) and the window (migration 0007)', async () => {
      const { store } = temp;
      const view: LiveStatusView = { page: null, components: [], openIncidents: [], lastSuccessAt: null, lastError: null, stale: false, community: null };
      const command = createSubscribeCommand({ subscriptions: store.subscriptions, getLiveStatus: () => view, clock: { now: () => new Date('2026-12-01T00:00:00Z') }, whoMayChange: () => 'admins' });
      await command({ command: 'subscribe', text: 'major', platform: 'slack', userId: 'U1', channelId: 'C1', isAdmin: true });
      expect(store.subscriptions.find('slack', 'C1')?.maintenance).toBe(true);
      const out = renderReplyForConsole(await command({ command: 'subscribe', text: 'maintenance:off', platform: 'slack', userId: 'U1', channelId: 'C1', isAdmin: true }));
      expect(out).toContain('Maintenances: off');
      expect(store.subscriptions.find('slack', 'C1')).toMatchObject({ maintenance: false, minImpact: 'major' });
      store.incidents.save(running, '2026-12-03T10:05:00.000Z');
      expect(store.incidents.get(running.key)).toEqual(running);
    });

    it('/claude-status lists a running maintenance under its own heading, not as an open incident', () => {
      const { store } = temp;
      store.incidents.save(running, '2026-12-03T10:05:00.000Z');
      store.components.replaceAll([component('c1', 'Claude Code', 'under_maintenance')], '2026-12-03T10:05:00.000Z');
      store.components.savePage('statuspage', { name: 'Claude', url: 'https://status.claude.com', indicator: 'maintenance', description: 'Service Under Maintenance' }, '2026-12-03T10:05:00.000Z');
      store.pollState.recordSuccess('statuspage', { etags: {} }, '2026-12-03T10:05:00.000Z');
      const clock = { now: () => new Date('2026-12-03T10:05:30Z') };
      const view = createLiveStatusReader({ store, clock, pollIntervalSeconds: 30 })();
      expect(view.openIncidents).toEqual([]);
      expect(view.maintenances?.map((m) => m.key)).toEqual([running.key]);
      const reply = buildStatusReply(view, clock.now(), 'https://status.claude.com');
      const out = renderReplyForConsole(reply);
      expect(out).toContain('Maintenances');
      expect(out).toContain('DB upgrade · In progress · Window: Dec 3, 10:00 UTC – Dec 3, 12:00 UTC');
      expect(reply.summary).toBe('Service Under Maintenance');
      expect(reply.blocks.find((b) => b.type === 'notice')).toMatchObject({ level: 'ok' });
    });
  });
});

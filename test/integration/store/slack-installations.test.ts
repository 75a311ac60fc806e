import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeWorkspace } from '../../../src/store/remove-workspace.js';
import { restoreWorkspace } from '../../../src/store/restore-workspace.js';
import type { Store } from '../../../src/store/create-store.js';
import { createTempStore, describeEachEngine } from '../../helpers/temp-store.js';

describeEachEngine('slack-installations', (engine) => {
  /** The Slack installation store (migration 0011) and what an uninstall does to one workspace's channels. */

  let temp: ReturnType<typeof createTempStore>;
  let store: Store;
  const AT = '2026-12-03T10:00:00.000Z';
  const install = (teamId: string, token: string) => ({ teamId, enterpriseId: null, teamName: `Team ${teamId}`, installation: JSON.stringify({ team: { id: teamId }, bot: { token } }) });
  const subscribe = (channel: string, workspaceId?: string) =>
    store.subscriptions.upsert('slack', channel, { components: null, minImpact: 'none', earlyWarnings: true, workspaceId }, AT);

  beforeEach(() => {
    temp = createTempStore(engine);
    store = temp.store;
  });
  afterEach(() => temp.cleanup());

  describe('slack_installations', () => {
    it('stores, replaces on reinstall (keeping installedAt), lists, counts and removes one row per workspace', () => {
      store.slackInstallations.save(install('T1', 'xoxb-1'), AT);
      store.slackInstallations.save(install('T2', 'xoxb-2'), AT);
      store.slackInstallations.save(install('T1', 'xoxb-1-new'), '2026-12-03T11:00:00.000Z');
      expect(store.slackInstallations.count()).toBe(2);
      expect(store.slackInstallations.get('T1')).toMatchObject({ installedAt: AT, updatedAt: '2026-12-03T11:00:00.000Z', teamName: 'Team T1' });
      expect(JSON.parse(store.slackInstallations.get('T1')!.installation)).toMatchObject({ bot: { token: 'xoxb-1-new' } });
      expect(store.slackInstallations.list().map((i) => i.teamId)).toEqual(['T1', 'T2']);
      expect(store.slackInstallations.get('T9')).toBeNull();
      expect(store.slackInstallations.remove('T1')).toBe(true);
      expect(store.slackInstallations.remove('T1')).toBe(false);
      expect(store.slackInstallations.count()).toBe(1);
    });
  });

  describe('subscriptions remember their workspace', () => {
    it('keeps the stored workspace when a later upsert names none', () => {
      subscribe('C1', 'T1');
      expect(subscribe('C1').workspaceId).toBe('T1');
      expect(subscribe('C2').workspaceId).toBeNull();
    });
  });

  describe('removeWorkspace', () => {
    it('deletes the installation and disables only that workspace\'s channels, with the reason', () => {
      store.slackInstallations.save(install('T1', 'xoxb-1'), AT);
      store.slackInstallations.save(install('T2', 'xoxb-2'), AT);
      const a = subscribe('C1', 'T1');
      const b = subscribe('C2', 'T1');
      const c = subscribe('C3', 'T2');
      const single = subscribe('C4');
      expect(removeWorkspace(store, 'T1', 'slack_app_uninstalled', AT)).toBe(2);
      expect(store.slackInstallations.get('T1')).toBeNull();
      expect(store.slackInstallations.get('T2')).not.toBeNull();
      for (const sub of [a, b]) expect(store.subscriptions.get(sub.id)).toMatchObject({ enabled: false, disabledReason: 'slack_app_uninstalled' });
      for (const sub of [c, single]) expect(store.subscriptions.get(sub.id)).toMatchObject({ enabled: true });
      // A second uninstall event (Slack retries) changes nothing more.
      expect(removeWorkspace(store, 'T1', 'slack_app_uninstalled', AT)).toBe(0);
    });
  });

  describe('restoreWorkspace', () => {
    it('a reinstall enables again only the channels that stopped because their workspace went away', () => {
      const gone = subscribe('C1', 'T1');
      const kicked = subscribe('C2', 'T1');
      const other = subscribe('C3', 'T2');
      // C2 lost the bot on its own (not_in_channel) before the workspace uninstalled.
      store.subscriptions.disable(kicked.id, 'slack_not_in_channel', AT);
      removeWorkspace(store, 'T1', 'slack_token_revoked', AT);
      removeWorkspace(store, 'T2', 'slack_app_uninstalled', AT);
      const later = '2026-12-03T12:00:00.000Z';
      expect(restoreWorkspace(store, 'T1', ['slack_app_uninstalled', 'slack_token_revoked'], later)).toBe(1);
      expect(store.subscriptions.get(gone.id)).toMatchObject({ enabled: true, disabledReason: null, minImpact: 'none' });
      expect(store.subscriptions.get(kicked.id)).toMatchObject({ enabled: false, disabledReason: 'slack_not_in_channel' });
      // Another workspace's channels wait for their own reinstall.
      expect(store.subscriptions.get(other.id)).toMatchObject({ enabled: false, disabledReason: 'slack_app_uninstalled' });
      expect(restoreWorkspace(store, 'T1', ['slack_app_uninstalled', 'slack_token_revoked'], later)).toBe(0);
    });
  });
});

import type { Impact } from '../incidents/model.js';
import type { ChannelPlatform, Subscription } from '../incidents/subscription.js';
import type { Db } from './open-database.js';

interface Row {
  id: number;
  platform: ChannelPlatform;
  channel_id: string;
  components: string | null;
  min_impact: Impact;
  early_warnings: number;
  pages: string | null;
  maintenance: number;
  enabled: number;
  disabled_reason: string | null;
  workspace_id: string | null;
}

export interface SubscriptionFilters {
  components: string[] | null;
  minImpact: Impact;
  earlyWarnings: boolean;
  /** Page ids; null = every page; absent = keep what the channel had. */
  pages?: string[] | null;
  /** Scheduled maintenances; undefined keeps the channel's current choice (on for a new channel). */
  maintenance?: boolean;
  /** Slack: the workspace the command came from; null or undefined keeps the one stored. */
  workspaceId?: string | null;
}

export interface SubscriptionsTable {
  listEnabled(): Subscription[];
  get(id: number): Subscription | null;
  find(platform: ChannelPlatform, channelId: string): Subscription | null;
  /** Subscribes a channel configured at start-up; an existing row (and its filters) is kept. */
  ensure(platform: ChannelPlatform, channelId: string, at: string): Subscription;
  /** Sets the filters and (re-)enables the channel. */
  upsert(platform: ChannelPlatform, channelId: string, filters: SubscriptionFilters, at: string): Subscription;
  remove(platform: ChannelPlatform, channelId: string): boolean;
  disable(id: number, reason: string, at: string): void;
  /** Disables every enabled channel of one workspace; returns their ids. */
  disableWorkspace(platform: ChannelPlatform, workspaceId: string, reason: string, at: string): number[];
  /** Enables again the channels of one workspace that were stopped for `reason` (and only those); returns their ids. */
  enableWorkspace(platform: ChannelPlatform, workspaceId: string, reason: string, at: string): number[];
}

const toSubscription = (r: Row): Subscription => ({
  id: r.id,
  platform: r.platform,
  channelId: r.channel_id,
  components: r.components === null ? null : (JSON.parse(r.components) as string[]),
  minImpact: r.min_impact,
  earlyWarnings: r.early_warnings === 1,
  pages: r.pages === null ? null : (JSON.parse(r.pages) as string[]),
  maintenance: r.maintenance === 1,
  enabled: r.enabled === 1,
  disabledReason: r.disabled_reason,
  workspaceId: r.workspace_id,
});

export function createSubscriptionsTable(db: Db): SubscriptionsTable {
  const enabled = db.prepare<[], Row>('SELECT * FROM subscriptions WHERE enabled = 1 ORDER BY id');
  const byId = db.prepare<[number], Row>('SELECT * FROM subscriptions WHERE id = ?');
  const byChannel = db.prepare<[string, string], Row>('SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ?');
  const insertDefault = db.prepare(`INSERT INTO subscriptions (platform, channel_id, created_at, updated_at)
      VALUES (?, ?, ?, ?) ON CONFLICT (platform, channel_id) DO NOTHING`);
  const upsertRow = db.prepare(`INSERT INTO subscriptions
      (platform, channel_id, components, min_impact, early_warnings, pages, maintenance, enabled, disabled_reason, workspace_id, created_at, updated_at)
      VALUES (@platform, @channelId, @components, @minImpact, @earlyWarnings, @pages, COALESCE(@maintenance, 1), 1, NULL, @workspaceId, @at, @at)
    ON CONFLICT (platform, channel_id) DO UPDATE SET components = excluded.components, min_impact = excluded.min_impact,
      early_warnings = excluded.early_warnings, pages = CASE WHEN @keepPages = 1 THEN subscriptions.pages ELSE excluded.pages END,
      maintenance = COALESCE(@maintenance, subscriptions.maintenance), enabled = 1, disabled_reason = NULL,
      workspace_id = COALESCE(@workspaceId, subscriptions.workspace_id), updated_at = excluded.updated_at`);
  const deleteRow = db.prepare('DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?');
  const disableRow = db.prepare('UPDATE subscriptions SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ?');
  const disableByWorkspace = db.prepare<[string, string, string, string], { id: number }>(
    'UPDATE subscriptions SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE platform = ? AND workspace_id = ? AND enabled = 1 RETURNING id',
  );
  const enableByWorkspace = db.prepare<[string, string, string, string], { id: number }>(
    'UPDATE subscriptions SET enabled = 1, disabled_reason = NULL, updated_at = ? WHERE platform = ? AND workspace_id = ? AND enabled = 0 AND disabled_reason = ? RETURNING id',
  );

  const find = (platform: ChannelPlatform, channelId: string): Subscription | null => {
    const row = byChannel.get(platform, channelId);
    return row ? toSubscription(row) : null;
  };
  const mustFind = (platform: ChannelPlatform, channelId: string): Subscription => {
    const sub = find(platform, channelId);
    if (!sub) throw new Error(`subscription ${platform}:${channelId} vanished while being written`);
    return sub;
  };

  return {
    listEnabled: () => enabled.all().map(toSubscription),
    get: (id) => {
      const row = byId.get(id);
      return row ? toSubscription(row) : null;
    },
    find,
    ensure(platform, channelId, at) {
      insertDefault.run(platform, channelId, at, at);
      return mustFind(platform, channelId);
    },
    upsert(platform, channelId, filters, at) {
      upsertRow.run({
        platform,
        channelId,
        components: filters.components === null ? null : JSON.stringify(filters.components),
        minImpact: filters.minImpact,
        earlyWarnings: filters.earlyWarnings ? 1 : 0,
        pages: filters.pages ? JSON.stringify(filters.pages) : null,
        keepPages: filters.pages === undefined ? 1 : 0,
        maintenance: filters.maintenance === undefined ? null : filters.maintenance ? 1 : 0,
        workspaceId: filters.workspaceId ?? null,
        at,
      });
      return mustFind(platform, channelId);
    },
    remove: (platform, channelId) => deleteRow.run(platform, channelId).changes > 0,
    disable: (id, reason, at) => void disableRow.run(reason, at, id),
    disableWorkspace: (platform, workspaceId, reason, at) => disableByWorkspace.all(reason, at, platform, workspaceId).map((r) => r.id),
    enableWorkspace: (platform, workspaceId, reason, at) => enableByWorkspace.all(at, platform, workspaceId, reason).map((r) => r.id),
  };
}

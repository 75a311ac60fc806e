-- Postgres form of migrations/0011 (the same DDL: text columns and a partial index both engines read).
-- Slack distribution (issue 15): one row per workspace that installed the bot through
-- "Add to Slack". `installation` is Bolt's Installation object as JSON, bot token included
-- (the file is 0600 in a 0700 folder; see README "Slack: many workspaces").
CREATE TABLE slack_installations (
  team_id TEXT PRIMARY KEY,
  enterprise_id TEXT,
  team_name TEXT,
  installation TEXT NOT NULL,
  installed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- The workspace a channel belongs to, set when /claude-subscribe runs there; NULL for
-- channels of the single SLACK_BOT_TOKEN workspace and for the other platforms.
ALTER TABLE subscriptions ADD COLUMN workspace_id TEXT;
CREATE INDEX subscriptions_by_workspace ON subscriptions (platform, workspace_id) WHERE workspace_id IS NOT NULL;

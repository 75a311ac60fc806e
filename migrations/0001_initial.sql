-- Incidents as last seen, from any source. `key` is stable across sources and restarts.
CREATE TABLE incidents (
  key          TEXT PRIMARY KEY,
  source       TEXT NOT NULL CHECK (source IN ('statuspage', 'github')),
  name         TEXT NOT NULL,
  status       TEXT NOT NULL,
  impact       TEXT,
  url          TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  resolved_at  TEXT,
  components   TEXT NOT NULL DEFAULT '[]', -- JSON [{id, name}]
  first_seen_at TEXT NOT NULL,
  -- an early warning that this incident absorbed (GitHub spike before the page turned red)
  linked_warning_key TEXT
);
CREATE INDEX incidents_open ON incidents (resolved_at) WHERE resolved_at IS NULL;

CREATE TABLE incident_updates (
  key          TEXT PRIMARY KEY,
  incident_key TEXT NOT NULL REFERENCES incidents (key) ON DELETE CASCADE,
  status       TEXT NOT NULL,
  body         TEXT NOT NULL,
  at           TEXT NOT NULL,
  affected_components TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX incident_updates_by_incident ON incident_updates (incident_key, at);

CREATE TABLE component_states (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  status     TEXT NOT NULL,
  is_group   INTEGER NOT NULL DEFAULT 0,
  position   INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);

-- Page-level status (indicator, description), one row per source.
CREATE TABLE page_status (
  source_id   TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  url         TEXT NOT NULL,
  indicator   TEXT NOT NULL,
  description TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- Every change worth telling channels about. dedup_key makes re-seeing a change a no-op.
CREATE TABLE events (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  dedup_key    TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL,
  incident_key TEXT,
  payload      TEXT NOT NULL, -- JSON of the IncidentEvent
  created_at   TEXT NOT NULL
);

CREATE TABLE subscriptions (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  platform        TEXT NOT NULL CHECK (platform IN ('console', 'slack', 'discord')),
  channel_id      TEXT NOT NULL,
  components      TEXT, -- JSON array of component names; NULL = every component
  min_impact      TEXT NOT NULL DEFAULT 'none',
  early_warnings  INTEGER NOT NULL DEFAULT 1,
  enabled         INTEGER NOT NULL DEFAULT 1,
  disabled_reason TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (platform, channel_id)
);

-- One row per (event, subscription). The worker claims due rows and records the outcome.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  incident_key    TEXT,
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_flight', 'done', 'failed', 'skipped')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error_code TEXT,
  last_error      TEXT,
  message_ref     TEXT, -- JSON MessageRef of what this row posted
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (event_id, subscription_id)
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

-- The card (root message) of an incident in a channel: later events edit it and thread under it.
CREATE TABLE cards (
  incident_key    TEXT NOT NULL,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  message_ref     TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (incident_key, subscription_id)
);

CREATE TABLE poll_state (
  source_id          TEXT PRIMARY KEY,
  state              TEXT NOT NULL DEFAULT '{}', -- JSON PollState (ETags, cursors)
  last_attempt_at    TEXT,
  last_success_at    TEXT,
  last_error_code    TEXT,
  last_error         TEXT,
  last_error_at      TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0
);

-- Past incidents read once from incidents.json and the history feed (the backfill), so
-- /claude-incidents is useful on day one. Kept apart from `incidents` on purpose: the
-- poller's diff never reads this table, so nothing written here can ever alert.
CREATE TABLE incident_history (
  key          TEXT PRIMARY KEY, -- same identity as incidents.key, e.g. statuspage:vmys9qn874h4
  name         TEXT NOT NULL,
  status       TEXT NOT NULL,
  impact       TEXT, -- NULL when only the feed knew it (feeds never say)
  url          TEXT,
  created_at   TEXT NOT NULL,
  resolved_at  TEXT,
  components   TEXT NOT NULL DEFAULT '[]', -- JSON array of component names
  via          TEXT NOT NULL, -- the document it came from (incidents.json, history.atom)
  stored_at    TEXT NOT NULL
);
CREATE INDEX incident_history_by_time ON incident_history (created_at);
-- The 90-day question reads incidents by start time too.
CREATE INDEX IF NOT EXISTS incidents_by_created ON incidents (source, created_at);

-- GitHub issues that report API errors (the early-warning source). Stored once by
-- number: an edited title or body never makes a report new again.
CREATE TABLE github_reports (
  number        BIGINT PRIMARY KEY,
  title         TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  error_class   TEXT, -- overloaded, api_error, rate_limit, ...; NULL when the text names none
  url           TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  -- the early warning or official incident this report was counted for; NULL = not yet
  counted_for   TEXT
);
CREATE INDEX github_reports_by_time ON github_reports (created_at);
CREATE INDEX github_reports_by_incident ON github_reports (counted_for) WHERE counted_for IS NOT NULL;

-- One row per early warning (a spike of one error class). `key` is the warning's incidents.key.
CREATE TABLE github_warnings (
  key            TEXT PRIMARY KEY,
  error_class    TEXT NOT NULL,
  started_at     TEXT NOT NULL,
  ended_at       TEXT, -- cooled down or superseded; NULL while active
  -- an official incident opening before this time is still linked to the cooled warning
  link_until     TEXT,
  official_incident_key TEXT -- the status page incident that took the warning over
);
CREATE INDEX github_warnings_active ON github_warnings (ended_at) WHERE ended_at IS NULL;
CREATE INDEX github_warnings_by_official ON github_warnings (official_incident_key) WHERE official_incident_key IS NOT NULL;

-- Alert policy per channel (issue 12). No row = every default; a row is written the first
-- time an admin changes a setting. Defaults live here and in src/incidents/channel-policy.ts.
CREATE TABLE channel_policy (
  subscription_id      BIGINT PRIMARY KEY REFERENCES subscriptions (id) ON DELETE CASCADE,
  flap_window_minutes  BIGINT NOT NULL DEFAULT 15,  -- 0 = off: every episode posts its own card
  min_degraded_minutes BIGINT NOT NULL DEFAULT 0,   -- component-only degradations wait this long
  remind_minutes       BIGINT NOT NULL DEFAULT 120, -- 0 = off
  ping                 TEXT,                         -- JSON Mention, NULL = nobody
  ping_min_impact      TEXT NOT NULL DEFAULT 'major',
  quiet_start          TEXT,                         -- 'HH:MM' local, NULL = no quiet hours
  quiet_end            TEXT,
  time_zone            TEXT NOT NULL DEFAULT 'UTC',  -- IANA name
  updated_at           TEXT NOT NULL
);

-- A component notice is kept after recovery (closed) for the flap window, so a reopen edits it back.
ALTER TABLE cards ADD COLUMN closed_at TEXT;
ALTER TABLE cards ADD COLUMN flaps BIGINT NOT NULL DEFAULT 0;

-- Due times the worker loop checks (a restart loses none): a reminder per open incident and
-- channel, a digest per channel after quiet hours, a settle time for a delayed degradation.
CREATE TABLE policy_timers (
  subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('reminder', 'digest', 'settle')),
  subject         TEXT NOT NULL, -- incident key, component event id, or '' for the digest
  due_at          TEXT NOT NULL,
  fired           BIGINT NOT NULL DEFAULT 0, -- times it fired (part of the reminder's dedup key)
  PRIMARY KEY (subscription_id, kind, subject)
);
CREATE INDEX policy_timers_due ON policy_timers (due_at);

-- Events held back from a channel during quiet hours, released as one digest.
CREATE TABLE held_events (
  subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  event_id        BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  held_at         TEXT NOT NULL,
  PRIMARY KEY (subscription_id, event_id)
);

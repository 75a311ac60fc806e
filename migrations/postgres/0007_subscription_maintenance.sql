-- Maintenances have their own lifecycle (issue 11): a channel chooses whether it hears about
-- them (`maintenance:on|off` in /claude-subscribe), on by default; and an announced
-- maintenance keeps its window so cards and /claude-status can show it.
ALTER TABLE subscriptions ADD COLUMN maintenance BIGINT NOT NULL DEFAULT 1;
ALTER TABLE incidents ADD COLUMN scheduled_for TEXT;
ALTER TABLE incidents ADD COLUMN scheduled_until TEXT;

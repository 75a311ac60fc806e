-- One lane per channel (subscription) with unfinished outbox rows. The worker claims lanes
-- by next attempt time (index), then the lane's head row: O(batch), whatever the backlog.
-- Rows of one channel are delivered one at a time in id order (cards before their updates,
-- component notices in the order they happened).
CREATE TABLE outbox_lanes (
  subscription_id BIGINT PRIMARY KEY REFERENCES subscriptions (id) ON DELETE CASCADE,
  platform        TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  busy            BIGINT NOT NULL DEFAULT 0 -- 1 while the head row is in flight
);
CREATE INDEX outbox_lanes_due ON outbox_lanes (platform, busy, next_attempt_at);

-- The head of a lane, and "has this channel rows for this incident" (enqueue), without scans.
CREATE INDEX outbox_unfinished ON outbox (subscription_id, id) WHERE state IN ('pending', 'in_flight');
CREATE INDEX outbox_by_incident ON outbox (incident_key, subscription_id);

-- Sticky "Slack may have posted this": every attempt looks the message up first until it
-- is found or proven absent. `posting` is 1 while a post call is out (a crash then leaves it).
ALTER TABLE outbox ADD COLUMN outcome_unknown BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN posting BIGINT NOT NULL DEFAULT 0;
UPDATE outbox SET outcome_unknown = 1 WHERE last_error_code = 'unknown_outcome' AND state IN ('pending', 'in_flight');

INSERT INTO outbox_lanes (subscription_id, platform, next_attempt_at, busy)
  SELECT o.subscription_id, s.platform, MIN(o.next_attempt_at), 0
  FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
  WHERE o.state IN ('pending', 'in_flight') GROUP BY o.subscription_id, s.platform;

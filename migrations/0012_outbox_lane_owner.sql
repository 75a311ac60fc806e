-- Replicas (issue 15): which process holds a busy lane. A replica that dies leaves its lanes
-- busy; another one frees them (their rows looked up before posting again) once it knows the
-- owner is gone. One process on SQLite frees every busy lane at start, as before.
ALTER TABLE outbox_lanes ADD COLUMN claimed_by TEXT;

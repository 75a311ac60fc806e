-- One row the readiness check rewrites: a real write proves the database takes writes
-- (a read-only file, a lost volume or a full disk fail it), where a read would not.
CREATE TABLE health_probe (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  written_at TEXT NOT NULL
);

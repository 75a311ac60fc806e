-- A claimed row counts as "may have posted" from its claim on: at start-up every row left in
-- flight is looked up before it posts again. The per-post flag (a commit before every post,
-- the largest single cost of a fan-out after the post itself) is gone.
ALTER TABLE outbox DROP COLUMN posting;

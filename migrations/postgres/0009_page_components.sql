-- Components of several status pages side by side (issue 11): each page replaces only its own.
-- Rows from before are the claude page's (source `statuspage`); other pages' ids are `<page>:<id>`.
ALTER TABLE component_states ADD COLUMN source_id TEXT NOT NULL DEFAULT 'statuspage';
CREATE INDEX component_states_by_source ON component_states (source_id);

-- Wins can be corrected: a version for the usual stale-edit check (409).
ALTER TABLE wins ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- The project page's action card counts the plan's rows by status and deadline in SQL
-- (issue 12): with both columns in the index the count reads the index alone, not every row
-- of a large plan. The index serves whatever the one on (tenant_id, project_id) served, so
-- that one goes (one index less to write on each new row).
CREATE INDEX actions_project_status_ix ON actions (tenant_id, project_id, status, deadline);
DROP INDEX actions_project_ix;

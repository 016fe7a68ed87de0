-- The action plan is paged in SQL in its default order (deadline, rows without one last,
-- then id; issue 19's soak): an index on that order lets a page read its rows in order and
-- stop, instead of sorting the whole plan for each page. The expression is the one the
-- store's page statement orders by, so both engines match it.
CREATE INDEX actions_plan_deadline_ix ON actions (tenant_id, project_id, (COALESCE(deadline, 'Z')), id);

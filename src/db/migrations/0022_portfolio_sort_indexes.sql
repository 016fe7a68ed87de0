-- The portfolio's orders by status and by end date (issue 12): each reads the first page
-- of 20,000 projects from an index instead of sorting them all. The expressions are the
-- ones portfolio_store.cpp orders by (a rank per status; undated projects last in either
-- direction), so both engines can use them.
CREATE INDEX projects_status_rank_ix ON projects
  (tenant_id, (CASE status WHEN 'green' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END), lower(title), id);
CREATE INDEX projects_end_date_up_ix ON projects (tenant_id, (COALESCE(end_date, '~')), lower(title), id);
CREATE INDEX projects_end_date_down_ix ON projects (tenant_id, (COALESCE(end_date, '')), lower(title), id);

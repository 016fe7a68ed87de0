-- The portfolio pages through a tenant's projects in SQL (issue 12): the last update of a
-- project (its charter, a checklist item or a decision, whichever changed last) is kept on
-- the project by the store in the transaction that writes any of the three, instead of two
-- MAX() subqueries per project on every read. Backfilled here from the rows as they are.
ALTER TABLE projects ADD COLUMN last_update_at TEXT NOT NULL DEFAULT '';
UPDATE projects SET last_update_at = updated_at;
UPDATE projects SET last_update_at = (SELECT MAX(c.updated_at) FROM checklist_items c
    WHERE c.tenant_id = projects.tenant_id AND c.project_id = projects.id)
  WHERE last_update_at < (SELECT MAX(c.updated_at) FROM checklist_items c
    WHERE c.tenant_id = projects.tenant_id AND c.project_id = projects.id);
UPDATE projects SET last_update_at = (SELECT MAX(d.created_at) FROM decisions d
    WHERE d.tenant_id = projects.tenant_id AND d.project_id = projects.id)
  WHERE last_update_at < (SELECT MAX(d.created_at) FROM decisions d
    WHERE d.tenant_id = projects.tenant_id AND d.project_id = projects.id);
-- The portfolio's default order (the title, ignoring case) and its order by last update,
-- so the first page of either reads a few index entries, not every project.
CREATE INDEX projects_title_ix ON projects (tenant_id, lower(title), id);
CREATE INDEX projects_last_update_ix ON projects (tenant_id, last_update_at, id);

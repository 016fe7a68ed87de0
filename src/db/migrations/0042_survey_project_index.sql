-- A programme's effect report (issue 18, point 5) reads the surveys of its attached projects
-- by project; without this a tenant's surveys were scanned once per attached project.
CREATE INDEX surveys_project_ix ON surveys (tenant_id, project_id);

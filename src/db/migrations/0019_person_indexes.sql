-- "Mit overblik" reads one person's roles, tasks, invitations and KPIs across the tenant's
-- projects: without these it would read every row of the tenant's checklists, boards,
-- KPIs, attendance lists and roles on each start page. The roles and invitations carry what
-- is read of them, so those reads never visit the table.
CREATE INDEX project_roles_person_ix ON project_roles (tenant_id, person_id, role, project_id);
CREATE INDEX checklist_items_responsible_ix ON checklist_items (tenant_id, responsible_id);
CREATE INDEX kaizen_cards_responsible_ix ON kaizen_cards (tenant_id, responsible_id);
CREATE INDEX kpis_owner_ix ON kpis (tenant_id, owner_id);
CREATE INDEX meeting_attendance_person_ix ON meeting_attendance (tenant_id, person_id, meeting_id);

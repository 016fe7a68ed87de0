-- Meetings of a project (steering group, project group, kaizen), who attended,
-- and decisions taken at a meeting.
CREATE TABLE meetings (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  kind TEXT NOT NULL CONSTRAINT meetings_kind_ck CHECK (kind IN ('steering_group', 'project_group', 'kaizen')),
  title TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL CONSTRAINT meetings_duration_ck CHECK (duration_minutes BETWEEN 5 AND 1440),
  location TEXT,
  agenda TEXT NOT NULL,
  minutes TEXT,
  series_id TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT meetings_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT meetings_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);
CREATE INDEX meetings_project_ix ON meetings (tenant_id, project_id, starts_at);

-- One row per invited person; status stays NULL until attendance is recorded.
CREATE TABLE meeting_attendance (
  tenant_id TEXT NOT NULL,
  meeting_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  status TEXT CONSTRAINT meeting_attendance_status_ck CHECK (status IS NULL OR status IN ('present', 'absent', 'substitute')),
  substitute_person_id TEXT,
  substitute_name TEXT,
  CONSTRAINT meeting_attendance_pk PRIMARY KEY (tenant_id, meeting_id, person_id),
  CONSTRAINT meeting_attendance_meeting_fk FOREIGN KEY (tenant_id, meeting_id) REFERENCES meetings (tenant_id, id),
  CONSTRAINT meeting_attendance_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  CONSTRAINT meeting_attendance_substitute_fk FOREIGN KEY (tenant_id, substitute_person_id) REFERENCES people (tenant_id, id)
);

ALTER TABLE decisions ADD COLUMN meeting_id TEXT;
CREATE INDEX decisions_meeting_ix ON decisions (tenant_id, meeting_id);

-- The communication plan and the training plan (issue 15, points 3 and 4; seed 003's
-- dimensions "Kommunikation" and "Kompetenceudvikling").
-- A communication: why, what (the message), to whom (a stakeholder group of seed 003, a unit
-- of the tenant, all staff or citizens), how it fits the practice, the channel, when and who
-- sends it; once done, how many people it reached. "date" is a type name, hence planned_on.
CREATE TABLE communications (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  why TEXT,
  message TEXT NOT NULL,
  practice TEXT,
  audience TEXT NOT NULL CONSTRAINT communications_audience_ck CHECK (audience IN ('stakeholder_group', 'unit', 'all_staff', 'citizens')),
  stakeholder_group TEXT,
  unit_id TEXT,
  channel TEXT NOT NULL,
  planned_on TEXT NOT NULL,
  owner_id TEXT,
  done INTEGER NOT NULL DEFAULT 0,
  reach INTEGER CONSTRAINT communications_reach_ck CHECK (reach IS NULL OR reach >= 0),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT communications_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT communications_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT communications_unit_fk FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  CONSTRAINT communications_owner_fk FOREIGN KEY (tenant_id, owner_id) REFERENCES people (tenant_id, id)
);
CREATE INDEX communications_project_ix ON communications (tenant_id, project_id, planned_on);
CREATE INDEX communications_unit_ix ON communications (tenant_id, unit_id);
CREATE INDEX communications_owner_ix ON communications (tenant_id, owner_id);

-- A class of the training plan: for one audience of seed 003's roles, planned from a day to
-- a day, for up to `capacity` people, optionally for one unit and held as a meeting of the
-- project (whose attendance then counts as trained).
CREATE TABLE training_classes (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  title TEXT NOT NULL,
  audience TEXT NOT NULL CONSTRAINT training_classes_audience_ck CHECK (audience IN ('heads_of_service', 'team_leaders', 'change_agents', 'super_users', 'end_users')),
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  capacity INTEGER NOT NULL CONSTRAINT training_classes_capacity_ck CHECK (capacity >= 1),
  place TEXT,
  unit_id TEXT,
  meeting_id TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT training_classes_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT training_classes_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
  CONSTRAINT training_classes_unit_fk FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  CONSTRAINT training_classes_meeting_fk FOREIGN KEY (tenant_id, meeting_id) REFERENCES meetings (tenant_id, id)
);
CREATE INDEX training_classes_project_ix ON training_classes (tenant_id, project_id, starts_on);
CREATE INDEX training_classes_unit_ix ON training_classes (tenant_id, unit_id);
CREATE INDEX training_classes_meeting_ix ON training_classes (tenant_id, meeting_id);

-- Who was trained in a class: people of the tenant by name, or a number of people of a unit.
CREATE TABLE training_people (
  tenant_id TEXT NOT NULL,
  class_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  CONSTRAINT training_people_pk PRIMARY KEY (tenant_id, class_id, person_id),
  CONSTRAINT training_people_class_fk FOREIGN KEY (tenant_id, class_id) REFERENCES training_classes (tenant_id, id),
  CONSTRAINT training_people_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id)
);
CREATE INDEX training_people_person_ix ON training_people (tenant_id, person_id);
CREATE TABLE training_unit_counts (
  tenant_id TEXT NOT NULL,
  class_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  trained INTEGER NOT NULL CONSTRAINT training_unit_counts_trained_ck CHECK (trained >= 1),
  CONSTRAINT training_unit_counts_pk PRIMARY KEY (tenant_id, class_id, unit_id),
  CONSTRAINT training_unit_counts_class_fk FOREIGN KEY (tenant_id, class_id) REFERENCES training_classes (tenant_id, id),
  CONSTRAINT training_unit_counts_unit_fk FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
);
CREATE INDEX training_unit_counts_unit_ix ON training_unit_counts (tenant_id, unit_id);

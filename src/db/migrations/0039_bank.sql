-- The workflow bank (issue 18): a project's redesign published as a scrubbed copy that every
-- tenant may read. An entry belongs to the publishing tenant's project; each publish is a
-- new version whose snapshot (bank::Entry as JSON) never changes, so what others copied stays
-- readable after a republish or an unpublish. The classification columns repeat the current
-- version's figures for filtering; the snapshot is what is shown.
CREATE TABLE bank_entries (
  id TEXT NOT NULL CONSTRAINT bank_entries_pk PRIMARY KEY,
  tenant_id TEXT NOT NULL CONSTRAINT bank_entries_tenant_fk REFERENCES tenants (id),
  project_id TEXT NOT NULL,
  status TEXT NOT NULL CONSTRAINT bank_entries_status_ck CHECK (status IN ('published', 'unpublished')),
  current_version INTEGER NOT NULL,
  decision_id TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  method TEXT NOT NULL,
  service_area TEXT NOT NULL,
  kle TEXT,
  tenant_kind TEXT NOT NULL,
  language TEXT NOT NULL CONSTRAINT bank_entries_language_ck CHECK (language IN ('da', 'sv', 'en')),
  licence TEXT NOT NULL,
  handovers_before INTEGER,
  handovers_after INTEGER,
  lead_time_before INTEGER,
  lead_time_after INTEGER,
  published_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT bank_entries_project_uq UNIQUE (tenant_id, project_id),
  CONSTRAINT bank_entries_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);
CREATE INDEX bank_entries_listed_ix ON bank_entries (status, published_at);
CREATE INDEX bank_entries_area_ix ON bank_entries (status, service_area);
CREATE INDEX bank_entries_kle_ix ON bank_entries (status, kle);

CREATE TABLE bank_entry_versions (
  entry_id TEXT NOT NULL CONSTRAINT bank_entry_versions_entry_fk REFERENCES bank_entries (id),
  number INTEGER NOT NULL,
  decision_id TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  published_at TEXT NOT NULL,
  CONSTRAINT bank_entry_versions_pk PRIMARY KEY (entry_id, number)
);

-- Projects started from an entry (issue 18, point 3, written there): one row per adopting
-- project, in the adopting tenant; `consent` says whether the entry's page may link to it.
-- "Used by N municipalities" counts the distinct tenants.
CREATE TABLE bank_adoptions (
  tenant_id TEXT NOT NULL CONSTRAINT bank_adoptions_tenant_fk REFERENCES tenants (id),
  project_id TEXT NOT NULL,
  entry_id TEXT NOT NULL CONSTRAINT bank_adoptions_entry_fk REFERENCES bank_entries (id),
  entry_version INTEGER NOT NULL,
  consent INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  CONSTRAINT bank_adoptions_pk PRIMARY KEY (tenant_id, project_id),
  CONSTRAINT bank_adoptions_project_fk FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id)
);
CREATE INDEX bank_adoptions_entry_ix ON bank_adoptions (entry_id, tenant_id);

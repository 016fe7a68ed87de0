-- Programmes (rammeprojekter, seed 001): an umbrella organisation's member tenants,
-- the join code they use, programmes with clusters and content tracks, and the
-- projects attached to them (possibly from member tenants).

-- A member tenant has joined an umbrella tenant; only then may it see the
-- umbrella's programmes and attach its own projects to them.
CREATE TABLE umbrella_members (
  umbrella_tenant_id TEXT NOT NULL CONSTRAINT umbrella_members_umbrella_fk REFERENCES tenants (id),
  member_tenant_id TEXT NOT NULL CONSTRAINT umbrella_members_member_fk REFERENCES tenants (id),
  joined_at TEXT NOT NULL,
  joined_by TEXT,
  CONSTRAINT umbrella_members_pk PRIMARY KEY (umbrella_tenant_id, member_tenant_id),
  CONSTRAINT umbrella_members_self_ck CHECK (umbrella_tenant_id <> member_tenant_id)
);
CREATE INDEX umbrella_members_member_ix ON umbrella_members (member_tenant_id);

-- One live join code per umbrella; like tokens, only its SHA-256 is stored.
CREATE TABLE umbrella_join_codes (
  tenant_id TEXT NOT NULL CONSTRAINT umbrella_join_codes_tenant_fk REFERENCES tenants (id),
  code_hash TEXT NOT NULL CONSTRAINT umbrella_join_codes_hash_uq UNIQUE,
  created_at TEXT NOT NULL,
  CONSTRAINT umbrella_join_codes_pk PRIMARY KEY (tenant_id)
);

CREATE TABLE programmes (
  tenant_id TEXT NOT NULL CONSTRAINT programmes_tenant_fk REFERENCES tenants (id),
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT programmes_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX programmes_id_ix ON programmes (id);

CREATE TABLE programme_clusters (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  programme_id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CONSTRAINT programme_clusters_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT programme_clusters_name_uq UNIQUE (tenant_id, programme_id, name),
  CONSTRAINT programme_clusters_programme_fk FOREIGN KEY (tenant_id, programme_id)
    REFERENCES programmes (tenant_id, id)
);

CREATE TABLE programme_tracks (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  programme_id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CONSTRAINT programme_tracks_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT programme_tracks_name_uq UNIQUE (tenant_id, programme_id, name),
  CONSTRAINT programme_tracks_programme_fk FOREIGN KEY (tenant_id, programme_id)
    REFERENCES programmes (tenant_id, id)
);

-- tenant_id is the programme's owner; the project may belong to a member tenant.
CREATE TABLE programme_projects (
  tenant_id TEXT NOT NULL,
  programme_id TEXT NOT NULL,
  project_tenant_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  cluster_id TEXT,
  attached_at TEXT NOT NULL,
  attached_by TEXT,
  CONSTRAINT programme_projects_pk PRIMARY KEY (tenant_id, programme_id, project_id),
  CONSTRAINT programme_projects_programme_fk FOREIGN KEY (tenant_id, programme_id)
    REFERENCES programmes (tenant_id, id),
  CONSTRAINT programme_projects_project_fk FOREIGN KEY (project_tenant_id, project_id)
    REFERENCES projects (tenant_id, id),
  CONSTRAINT programme_projects_cluster_fk FOREIGN KEY (tenant_id, cluster_id)
    REFERENCES programme_clusters (tenant_id, id)
);
CREATE INDEX programme_projects_project_ix ON programme_projects (project_tenant_id, project_id);

CREATE TABLE programme_project_tracks (
  tenant_id TEXT NOT NULL,
  programme_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  track_id TEXT NOT NULL,
  CONSTRAINT programme_project_tracks_pk PRIMARY KEY (tenant_id, programme_id, project_id, track_id),
  CONSTRAINT programme_project_tracks_project_fk FOREIGN KEY (tenant_id, programme_id, project_id)
    REFERENCES programme_projects (tenant_id, programme_id, project_id),
  CONSTRAINT programme_project_tracks_track_fk FOREIGN KEY (tenant_id, track_id)
    REFERENCES programme_tracks (tenant_id, id)
);

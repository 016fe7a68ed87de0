-- Foundation: tenants, organisation tree, people, accounts, sessions, tokens, audit.
-- Portable to SQLite and PostgreSQL: TEXT ids (time-ordered), TEXT UTC timestamps,
-- INTEGER flags. Tenant data keys start with tenant_id so PostgreSQL can be sharded by it.

CREATE TABLE tenants (
  id TEXT NOT NULL CONSTRAINT tenants_pk PRIMARY KEY,
  slug TEXT NOT NULL CONSTRAINT tenants_slug_uq UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CONSTRAINT tenants_kind_ck CHECK (kind IN ('municipality', 'umbrella')),
  default_locale TEXT NOT NULL CONSTRAINT tenants_locale_ck CHECK (default_locale IN ('da', 'sv', 'en')),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE units (
  tenant_id TEXT NOT NULL CONSTRAINT units_tenant_fk REFERENCES tenants (id),
  id TEXT NOT NULL,
  parent_id TEXT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CONSTRAINT units_kind_ck CHECK (kind IN ('administration', 'unit', 'team')),
  manager_id TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT units_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT units_parent_fk FOREIGN KEY (tenant_id, parent_id) REFERENCES units (tenant_id, id)
);
CREATE INDEX units_parent_ix ON units (tenant_id, parent_id);

CREATE TABLE people (
  tenant_id TEXT NOT NULL CONSTRAINT people_tenant_fk REFERENCES tenants (id),
  id TEXT NOT NULL,
  unit_id TEXT,
  name TEXT NOT NULL,
  email TEXT,
  title TEXT,
  locale TEXT CONSTRAINT people_locale_ck CHECK (locale IS NULL OR locale IN ('da', 'sv', 'en')),
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT people_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT people_unit_fk FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id),
  CONSTRAINT people_email_uq UNIQUE (tenant_id, email)
);
CREATE INDEX people_unit_ix ON people (tenant_id, unit_id);
CREATE INDEX people_name_ix ON people (tenant_id, name);

CREATE TABLE accounts (
  tenant_id TEXT NOT NULL CONSTRAINT accounts_tenant_fk REFERENCES tenants (id),
  id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  email TEXT NOT NULL CONSTRAINT accounts_email_uq UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CONSTRAINT accounts_role_ck CHECK (role IN ('admin', 'member')),
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT accounts_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT accounts_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id)
);

CREATE TABLE sessions (
  token_hash TEXT NOT NULL CONSTRAINT sessions_pk PRIMARY KEY,
  tenant_id TEXT NOT NULL CONSTRAINT sessions_tenant_fk REFERENCES tenants (id),
  account_id TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  CONSTRAINT sessions_account_fk FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
);
CREATE INDEX sessions_tenant_ix ON sessions (tenant_id, account_id);

CREATE TABLE api_tokens (
  tenant_id TEXT NOT NULL CONSTRAINT api_tokens_tenant_fk REFERENCES tenants (id),
  id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL CONSTRAINT api_tokens_hash_uq UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT,
  CONSTRAINT api_tokens_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT api_tokens_account_fk FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
);

-- Failed logins, keyed by "email:…" or "addr:…"; shared by every app instance.
CREATE TABLE login_failures (
  id TEXT NOT NULL CONSTRAINT login_failures_pk PRIMARY KEY,
  limit_key TEXT NOT NULL,
  failed_at TEXT NOT NULL
);
CREATE INDEX login_failures_key_ix ON login_failures (limit_key, failed_at);

CREATE TABLE audit_log (
  tenant_id TEXT NOT NULL CONSTRAINT audit_log_tenant_fk REFERENCES tenants (id),
  id TEXT NOT NULL,
  account_id TEXT,
  person_id TEXT,
  actor_name TEXT,
  at TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  action TEXT NOT NULL CONSTRAINT audit_log_action_ck CHECK (action IN ('create', 'update', 'delete')),
  changes TEXT NOT NULL,
  CONSTRAINT audit_log_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_log_entity_ix ON audit_log (tenant_id, entity, id);

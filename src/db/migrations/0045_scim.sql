-- SCIM 2.0 provisioning (issue 19, point 5; D46): the tenant's one SCIM bearer token, kept as
-- its SHA-256 only, and the identity an identity provider knows each person by.
CREATE TABLE scim_tokens (
  tenant_id TEXT NOT NULL CONSTRAINT scim_tokens_pk PRIMARY KEY
    CONSTRAINT scim_tokens_tenant_fk REFERENCES tenants (id),
  token_hash TEXT NOT NULL CONSTRAINT scim_tokens_hash_uq UNIQUE,
  created_at TEXT NOT NULL
);

-- A person provisioned (or matched) by SCIM. `user_name_key` is userName in lower case, the
-- key that must be unique; a DELETE detaches the row (user_name_key and external_id cleared,
-- detached_at set) and the person stays, inactive, because decisions and meetings name them.
CREATE TABLE scim_users (
  tenant_id TEXT NOT NULL,
  person_id TEXT NOT NULL,
  user_name TEXT,
  user_name_key TEXT,
  external_id TEXT,
  given_name TEXT,
  family_name TEXT,
  employee_number TEXT,
  detached_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT scim_users_pk PRIMARY KEY (tenant_id, person_id),
  CONSTRAINT scim_users_person_fk FOREIGN KEY (tenant_id, person_id) REFERENCES people (tenant_id, id),
  CONSTRAINT scim_users_user_name_uq UNIQUE (tenant_id, user_name_key),
  CONSTRAINT scim_users_external_id_uq UNIQUE (tenant_id, external_id)
);

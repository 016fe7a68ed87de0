-- Single sign-on (issue 19, point 4; D47): each tenant's identity providers (OpenID Connect or
-- SAML 2.0), how their claims map to a person and a role, and whether an unknown person is
-- created at first sign-in ('jit') or refused ('invitation'). `settings` is the kind's JSON
-- (OIDC: issuer, client_id, scopes; SAML: metadata, entity ids); `secret` is write-only (the
-- OIDC client secret, the SAML SP's private key) and never leaves the server. `role_map` is a
-- JSON object from a group/role value to 'admin' or 'member'.
CREATE TABLE identity_providers (
  tenant_id TEXT NOT NULL CONSTRAINT identity_providers_tenant_fk REFERENCES tenants (id),
  id TEXT NOT NULL,
  slug TEXT NOT NULL,
  kind TEXT NOT NULL CONSTRAINT identity_providers_kind_ck CHECK (kind IN ('oidc', 'saml')),
  display_name TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  settings TEXT NOT NULL DEFAULT '{}',
  secret TEXT,
  email_claim TEXT NOT NULL DEFAULT 'email',
  employee_id_claim TEXT,
  groups_claim TEXT,
  role_map TEXT NOT NULL DEFAULT '{}',
  default_role TEXT NOT NULL DEFAULT 'member'
    CONSTRAINT identity_providers_role_ck CHECK (default_role IN ('admin', 'member')),
  provisioning TEXT NOT NULL DEFAULT 'invitation'
    CONSTRAINT identity_providers_provisioning_ck CHECK (provisioning IN ('jit', 'invitation')),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT identity_providers_pk PRIMARY KEY (tenant_id, id),
  CONSTRAINT identity_providers_slug_uq UNIQUE (tenant_id, slug)
);

-- Who a provider's subject is: once linked, a sign-in finds the person by (provider, subject)
-- and no longer by e-mail, so a changed address at the provider cannot hand the login to
-- someone else.
CREATE TABLE sso_identities (
  tenant_id TEXT NOT NULL,
  idp_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  person_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_sign_in_at TEXT NOT NULL,
  CONSTRAINT sso_identities_pk PRIMARY KEY (tenant_id, idp_id, subject),
  CONSTRAINT sso_identities_idp_fk FOREIGN KEY (tenant_id, idp_id)
    REFERENCES identity_providers (tenant_id, id),
  CONSTRAINT sso_identities_person_fk FOREIGN KEY (tenant_id, person_id)
    REFERENCES people (tenant_id, id)
);
CREATE INDEX sso_identities_person_ix ON sso_identities (tenant_id, person_id);

-- A sign-in under way, kept server-side and used once: the OIDC state (its SHA-256 is the key),
-- nonce and PKCE verifier, or a SAML AuthnRequest's id. Shared by every instance.
CREATE TABLE sso_requests (
  key_hash TEXT NOT NULL CONSTRAINT sso_requests_pk PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  idp_id TEXT NOT NULL,
  nonce TEXT,
  verifier TEXT,
  next_path TEXT,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX sso_requests_expiry_ix ON sso_requests (expires_at);

-- Assertion or token ids already accepted, until they expire, so none is accepted twice.
CREATE TABLE sso_used_ids (
  tenant_id TEXT NOT NULL,
  idp_id TEXT NOT NULL,
  used_id TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  CONSTRAINT sso_used_ids_pk PRIMARY KEY (tenant_id, idp_id, used_id)
);
CREATE INDEX sso_used_ids_expiry_ix ON sso_used_ids (expires_at);

-- The session an SSO sign-in started, so logout can end it at the provider too (the OIDC ID
-- token as hint; the SAML NameID and SessionIndex).
CREATE TABLE sso_sessions (
  session_hash TEXT NOT NULL CONSTRAINT sso_sessions_pk PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  idp_id TEXT NOT NULL,
  id_token_hint TEXT,
  name_id TEXT,
  session_index TEXT,
  expires_at TEXT NOT NULL
);

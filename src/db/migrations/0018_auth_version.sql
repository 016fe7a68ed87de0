-- The tenant's identity version: raised by every change that can take away or alter who a
-- session or API token stands for (logout, a revoked token, a changed password, role or
-- login, a person's name or language, the tenant's settings). Instances cache identities
-- and compare this number on every request, so such a change takes effect at once on all.
ALTER TABLE tenants ADD COLUMN auth_version INTEGER NOT NULL DEFAULT 0;

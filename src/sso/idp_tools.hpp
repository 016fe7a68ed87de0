#pragma once
// What an IT department does to a SAML provider besides editing it (issue 19, point 4): read
// the IdP's metadata from its address now, and give the SP a new key pair.
#include <string>

#include "core/auth_context.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "sso/identity_provider.hpp"

namespace sso {

// A new SP key pair for the tenant's SAML provider: the private key becomes its secret and the
// self-signed certificate settings.sp_certificate, so the SP metadata publishes it at once
// (the IdP must then be given the new metadata; there is no rollover window). `who` null: the
// command line. ValidationError when the provider is no SAML provider.
IdentityProvider rotate_sp_keys(soci::session& sql, const core::AuthContext* who,
                                const std::string& tenant_id, const std::string& idp_id, int days);

// POST /api/v1/identity-providers/{id}/metadata/refresh and …/sp-keys (administrators), and the
// same two as buttons on /settings/sso/{id}.
void add_idp_tool_routes(http::Router& router, db::Database& db);

}  // namespace sso

#pragma once

#include "db/database.hpp"
#include "http/router.hpp"

namespace sso::saml {

// The SAML 2.0 service provider of each of a tenant's SAML identity providers (D49):
//   GET  /sso/{tenant}/{idp}/saml/metadata  this SP's metadata for the IdP's administrators
//   GET  /sso/{tenant}/{idp}/saml/start     the AuthnRequest, HTTP-Redirect binding
//   POST /sso/{tenant}/{idp}/saml/acs       the Assertion Consumer Service, HTTP-POST binding
//   GET|POST /sso/{tenant}/{idp}/saml/logout single logout: the IdP's LogoutRequest (either
//                                            binding) or its LogoutResponse to ours (GET)
// {tenant} and {idp} are slugs. The ACS ends in sso::sign_in like every SSO protocol.
void add_routes(http::Router& router, db::Database& db);

}  // namespace sso::saml

#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/auth_context.hpp"
#include "db/database.hpp"
#include "http/router.hpp"

namespace scim {

// The SCIM service at /scim/v2 (docs/scim.md): discovery, Users and Groups.
void add_routes(http::Router& router, db::Database& db);

// /api/v1/tenant/scim-token and the settings page /settings/scim (administrators).
void add_token_routes(http::Router& router, db::Database& db);

// The page /settings/scim with the token's form (administrators).
void add_pages(http::Router& router, db::Database& db);

// The SCIM base address: the public address's when it is set, else a path.
std::string base_url();

// Who a SCIM request acts as: the tenant of its bearer token, audited as "scim".
struct Caller {
  core::AuthContext who;
  std::string base;
};
using ScimHandler = std::function<http::Response(db::Database&, http::Request&, const Caller&)>;

// A route of the SCIM service: public to the pipeline (no session, no personal token, so no
// CSRF check either) and authenticated here by the tenant's SCIM token only. The summary
// names the route in logs and tests; it is not in /api/v1's OpenAPI document (docs/scim.md).
http::Route scim_route(db::Database& db, std::string method, std::string pattern,
                       std::string summary, ScimHandler handler);
http::Response scim_json(int status, const nlohmann::json& body);
// 201 with the resource and its Location (the resource's meta.location).
http::Response scim_created(const nlohmann::json& body);
// The request's body as JSON; BadRequest ("invalidSyntax") when it is not.
nlohmann::json body_of(const http::Request& req);

// startIndex (1-based, at least 1) and count (0 to kMaxResults, default kMaxResults).
struct Window {
  long long start = 1;
  long long count = 0;
};
Window window_of(const http::Request& req);

void add_group_routes(http::Router& router, db::Database& db);

}  // namespace scim

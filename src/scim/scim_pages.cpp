// /settings/scim: the administrators' page for the SCIM token — made and shown once, revoked —
// and the address an identity provider is given.
#include "kit/pages.hpp"
#include "scim/scim_routes.hpp"
#include "scim/scim_store.hpp"
#include "web/render.hpp"

namespace scim {
namespace {

using http::Access;
using http::Request;
using http::Response;

Response scim_page(db::Database& db, const Request& req, const std::string& new_token) {
  auto view = web::base_view(req);
  {
    auto sql = db.lease();
    if (auto created = TokenStore(*sql, req.who().tenant_id).created_at()) {
      view["token_created"] = created->substr(0, 10);
    }
  }
  if (!new_token.empty()) view["new_token"] = new_token;
  view["base_url"] = base_url();
  view["base_is_path"] = base_url().front() == '/';
  view["revoked"] = req.query_param("revoked").has_value();
  return web::page(req, "scim/settings", view, {"scim_title", "settings", 200});
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/settings/scim",
        [](db::Database& db, const Request& req) { return scim_page(db, req, ""); },
        "The SCIM token for the identity provider (administrators)", Access::kAdmin},
       {"POST", "/settings/scim/token",
        [](db::Database& db, const Request& req) {
          std::string token;
          {
            auto sql = db.lease();
            token = TokenStore(*sql, req.who().tenant_id).create(req.who());
          }
          return scim_page(db, req, token);
        },
        "Make a new SCIM token and show it once", Access::kAdmin},
       {"POST", "/settings/scim/token/revoke",
        [](db::Database& db, const Request& req) {
          auto sql = db.lease();
          TokenStore(*sql, req.who().tenant_id).revoke(req.who());
          return Response::redirect("/settings/scim?revoked=1");
        },
        "Revoke the SCIM token", Access::kAdmin}});
}

}  // namespace scim

// /scim/v2/Groups: the tenant's units as SCIM groups (scim_group.hpp).
#include "core/errors.hpp"
#include "scim/scim_group_store.hpp"
#include "scim/scim_patch.hpp"
#include "scim/scim_routes.hpp"
#include "scim/scim_user.hpp"

namespace scim {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

// Entra ID asks for groups without their members (excludedAttributes=members).
bool wants_members(const Request& req) {
  auto excluded = lower(req.query_param("excludedAttributes").value_or(""));
  return excluded.find("members") == std::string::npos;
}

Response list_groups(db::Database& db, Request& req, const Caller& c) {
  Window w = window_of(req);
  bool members = wants_members(req);
  auto sql = db.lease();
  GroupStore store(*sql, c.who.tenant_id);
  auto listed = list_window<GroupView>(
      req, w, {"displayname", "id"}, [&](const Filter& f) { return store.find(f, members); },
      [&] { return store.count(); },
      [&](long long offset, long long count) { return store.page(offset, count, members); });
  json resources = json::array();
  for (const auto& g : listed.items) resources.push_back(group_json(g, c.base, members));
  return scim_json(200, list_response(resources, listed.total, w.start));
}

Response create_group(db::Database& db, Request& req, const Caller& c) {
  GroupInput input = group_from_json(body_of(req));
  auto sql = db.lease();
  return scim_created(
      group_json(GroupStore(*sql, c.who.tenant_id).create(c.who, input), c.base, true));
}

Response patch_group(db::Database& db, Request& req, const Caller& c) {
  json request = body_of(req);
  auto sql = db.lease();
  GroupStore store(*sql, c.who.tenant_id);
  json current = group_json(store.get(req.param("id")), c.base, true);
  GroupInput changed = group_from_json(apply_patch(current, request));
  auto stored = store.replace(c.who, req.param("id"), changed);
  return scim_json(200, group_json(stored, c.base, wants_members(req)));
}

}  // namespace

void add_group_routes(http::Router& router, db::Database& db) {
  router.add(scim_route(db, "GET", "/Groups", "SCIM: list or find groups (units)", list_groups));
  router.add(scim_route(db, "POST", "/Groups", "SCIM: create a group (a unit)", create_group));
  router.add(scim_route(
      db, "GET", "/Groups/{id}", "SCIM: a group",
      [](db::Database& db, Request& req, const Caller& c) {
        auto sql = db.lease();
        return scim_json(200, group_json(GroupStore(*sql, c.who.tenant_id).get(req.param("id")),
                                         c.base, wants_members(req)));
      }));
  router.add(scim_route(
      db, "PUT", "/Groups/{id}", "SCIM: replace a group and its members",
      [](db::Database& db, Request& req, const Caller& c) {
        GroupInput input = group_from_json(body_of(req));
        auto sql = db.lease();
        return scim_json(
            200,
            group_json(GroupStore(*sql, c.who.tenant_id).replace(c.who, req.param("id"), input),
                       c.base, true));
      }));
  router.add(
      scim_route(db, "PATCH", "/Groups/{id}", "SCIM: change a group or its members", patch_group));
  router.add(scim_route(db, "DELETE", "/Groups/{id}", "SCIM: remove an unused group",
                        [](db::Database& db, Request& req, const Caller& c) {
                          auto sql = db.lease();
                          GroupStore(*sql, c.who.tenant_id).remove(c.who, req.param("id"));
                          return Response::no_content();
                        }));
}

}  // namespace scim

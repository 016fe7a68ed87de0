#include "scim/scim_routes.hpp"

#include <charconv>

#include "core/errors.hpp"
#include "scim/scim_discovery.hpp"
#include "scim/scim_patch.hpp"
#include "scim/scim_store.hpp"
#include "web/public_url.hpp"

namespace scim {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

Caller authenticate(db::Database& db, const Request& req) {
  auto header = req.header("authorization").value_or("");
  if (header.size() > 7 && lower(header.substr(0, 7)) == "bearer ") {
    auto sql = db.lease();
    if (auto tenant = TokenStore::tenant_of(*sql, header.substr(7))) {
      Caller c;
      c.who.tenant_id = *tenant;
      c.who.name = "scim";
      c.who.role = "member";
      c.base = base_url();
      return c;
    }
  }
  throw core::Unauthorized("send the tenant's SCIM token as Authorization: Bearer");
}

long long number(const Request& req, const std::string& name, long long fallback) {
  const std::string text = req.query_param(name).value_or("");
  if (text.empty()) return fallback;
  long long value = 0;
  const char* last = text.data() + text.size();
  auto [end, error] = std::from_chars(text.data(), last, value);
  if (error != std::errc() || end != last) {
    throw core::BadRequest(name + " must be a whole number", "invalidValue");
  }
  return value;
}

json user_resource(const StoredUser& s, const Caller& c) {
  Meta meta = s.meta;
  meta.location = c.base + "/Users/" + meta.id;
  return user_json(s.user, meta);
}

Response list_users(db::Database& db, Request& req, const Caller& c) {
  Window w = window_of(req);
  auto sql = db.lease();
  UserStore store(*sql, c.who.tenant_id);
  auto listed = list_window<StoredUser>(
      req, w, {"username", "externalid"}, [&](const Filter& f) { return store.find(f); },
      [&] { return store.count(); },
      [&](long long offset, long long count) { return store.page(offset, count); });
  json resources = json::array();
  for (const auto& s : listed.items) resources.push_back(user_resource(s, c));
  return scim_json(200, list_response(resources, listed.total, w.start));
}

Response patch_user(db::Database& db, Request& req, const Caller& c) {
  json request = body_of(req);
  auto sql = db.lease();
  UserStore store(*sql, c.who.tenant_id);
  json current = user_resource(store.get(req.param("id")), c);
  User changed = user_from_json(apply_patch(current, request));
  return scim_json(200, user_resource(store.replace(c.who, req.param("id"), changed), c));
}

}  // namespace

std::string base_url() { return web::public_url() + "/scim/v2"; }

Response scim_json(int status, const json& body) {
  auto r = Response::json(status, body);
  r.content_type = "application/scim+json";
  return r;
}

Response scim_created(const json& body) {
  auto r = scim_json(201, body);
  r.header("Location", body["meta"]["location"].get<std::string>());
  return r;
}

json body_of(const Request& req) {
  auto body = json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    throw core::BadRequest("the body must be a JSON object", "invalidSyntax");
  }
  return body;
}

Window window_of(const Request& req) {
  Window w;
  w.start = std::max(1LL, number(req, "startIndex", 1));
  w.count = std::clamp(number(req, "count", kMaxResults), 0LL, kMaxResults);
  return w;
}

http::Route scim_route(db::Database& db, std::string method, std::string pattern,
                       std::string summary, ScimHandler handler) {
  http::Route route;
  route.doc.summary = std::move(summary);
  route.doc.tag = "scim";
  route.method = std::move(method);
  route.pattern = "/scim/v2" + pattern;
  route.access = http::Access::kPublic;
  route.identify = false;
  route.handler = [&db, handler = std::move(handler)](Request& req) {
    Caller caller = authenticate(db, req);
    return handler(db, req, caller);
  };
  return route;
}

void add_routes(http::Router& router, db::Database& db) {
  router.add(scim_route(db, "GET", "/ServiceProviderConfig", "SCIM: what the service supports",
                        [](auto&, auto&, const Caller& c) {
                          return scim_json(200, service_provider_config(c.base));
                        }));
  router.add(scim_route(
      db, "GET", "/ResourceTypes", "SCIM: the resource types",
      [](auto&, auto&, const Caller& c) { return scim_json(200, resource_types(c.base)); }));
  router.add(
      scim_route(db, "GET", "/Schemas", "SCIM: the User, Group and enterprise schemas",
                 [](auto&, auto&, const Caller& c) { return scim_json(200, schemas(c.base)); }));
  router.add(scim_route(db, "GET", "/Users", "SCIM: list or find users", list_users));
  router.add(scim_route(db, "POST", "/Users", "SCIM: create a user",
                        [](db::Database& db, Request& req, const Caller& c) {
                          User user = user_from_json(body_of(req));
                          auto sql = db.lease();
                          return scim_created(user_resource(
                              UserStore(*sql, c.who.tenant_id).create(c.who, user), c));
                        }));
  router.add(scim_route(db, "GET", "/Users/{id}", "SCIM: a user",
                        [](db::Database& db, Request& req, const Caller& c) {
                          auto sql = db.lease();
                          return scim_json(
                              200, user_resource(
                                       UserStore(*sql, c.who.tenant_id).get(req.param("id")), c));
                        }));
  router.add(scim_route(
      db, "PUT", "/Users/{id}", "SCIM: replace a user",
      [](db::Database& db, Request& req, const Caller& c) {
        User user = user_from_json(body_of(req));
        auto sql = db.lease();
        return scim_json(
            200, user_resource(
                     UserStore(*sql, c.who.tenant_id).replace(c.who, req.param("id"), user), c));
      }));
  router.add(scim_route(db, "PATCH", "/Users/{id}", "SCIM: change a user", patch_user));
  router.add(scim_route(db, "DELETE", "/Users/{id}", "SCIM: deactivate and detach a user",
                        [](db::Database& db, Request& req, const Caller& c) {
                          auto sql = db.lease();
                          UserStore(*sql, c.who.tenant_id).detach(c.who, req.param("id"));
                          return Response::no_content();
                        }));
  add_group_routes(router, db);
}

}  // namespace scim

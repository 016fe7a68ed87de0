#pragma once

#include <concepts>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "core/auth_context.hpp"
#include "core/input.hpp"
#include "db/database.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "http/router.hpp"
#include "kit/fields.hpp"

namespace kit {

// Who may act on a tenant-scoped resource: any member of the tenant, or only its
// administrators (refused by the pipeline before the handler runs).
enum class TenantRight { kMember, kAdmin };

inline http::Access access_for(TenantRight right) {
  return right == TenantRight::kAdmin ? http::Access::kAdmin : http::Access::kAuthenticated;
}

// GET|POST /api/v1/<plural>/{id}/<name>: the kit loads the object (NotFound first) and
// `run` answers, on the request's session.
template <typename T>
struct TenantAction {
  std::string name;  // the last address segment: "nearest-manager"
  std::string method = "GET";
  TenantRight right = TenantRight::kMember;
  std::string summary;
  std::string response_schema;
  std::function<http::Response(const T&, soci::session&, http::Request&)> run;
  std::string request_schema;  // the JSON body's component, if any
};

// A resource of the caller's tenant (not of a project), declared once;
// add_tenant_routes turns it into
//   GET    /api/v1/<plural>        list, cursor paged by id      (any member)
//   POST   /api/v1/<plural>        create                        (create_right)
//   GET    /api/v1/<plural>/{id}   one                           (any member)
//   PATCH  /api/v1/<plural>/{id}   partial update, version → 409 (update_right, may_change)
//   DELETE /api/v1/<plural>/{id}   remove                        (remove_right, may_change)
// with not-found before forbidden, the list envelope and the OpenAPI entries. The store
// is constructed per request from the session and the caller's tenant id, and offers
//   std::vector<T> list(const http::Page& page)                  // limit+1 rows by id
//   T get(const std::string& id)                                  // NotFound outside the tenant
//   T create(const core::AuthContext* who, const T& fields)
//   T update(const core::AuthContext* who, const T& changed, long long expected_version)
//   void remove(const core::AuthContext* who, const std::string& id
//               [, std::optional<long long> expected_version])   // If-Match, when it takes one
// A store without `update` gets no PATCH.
template <typename T, typename Store>
struct TenantResource {
  std::string plural;  // "units": the address segment
  std::string schema;  // "Unit": the OpenAPI component
  std::string tag;     // OpenAPI tag (default: plural)
  std::string noun;    // "unit": for summaries
  Fields<T> fields;
  TenantRight create_right = TenantRight::kAdmin;
  TenantRight update_right = TenantRight::kAdmin;
  TenantRight remove_right = TenantRight::kAdmin;
  // Optional: a rule on the loaded object before PATCH and DELETE (throws Forbidden).
  std::function<void(const T&, const core::AuthContext&)> may_change;
  // Answers carrying one object send its version as ETag too.
  bool etag = false;
  // OpenAPI summaries; empty ones are made from the noun.
  struct Summaries {
    std::string list, create, get, update, remove;
  } summaries;
  // Optional: the list as the request narrows it (?unit_id=), instead of store.list(page).
  std::function<std::vector<T>(Store&, const http::Page&, const http::Request&)> list;
  // Optional: what a create reads beyond the field table, and its OpenAPI properties.
  std::function<void(core::Input&, T&)> read_new;
  nlohmann::json read_new_schema = nlohmann::json::object();
  // Optional: the object as the caller reads it (e.g. whether the caller's tenant owns it).
  std::function<T(T, const core::AuthContext&)> for_reader;
  std::vector<TenantAction<T>> actions;

  http::Response answer(int status, T t, const http::Request& req) const {
    auto body = fields.to_json(for_reader ? for_reader(std::move(t), req.who()) : std::move(t));
    auto response = http::Response::json(status, body);
    if (etag && body.contains("version"))
      response.header("ETag",
                      "\"" + std::to_string(body["version"].template get<long long>()) + "\"");
    return response;
  }
};

template <typename Store, typename T>
concept TenantUpdatable = requires(Store s, const core::AuthContext* who, const T& t) {
  { s.update(who, t, 1LL) } -> std::convertible_to<T>;
};

template <typename Store>
concept RemovableAtVersion = requires(Store s, const core::AuthContext* who, const std::string& id,
                                      std::optional<long long> v) {
  s.remove(who, id, v);
};

template <typename T, typename Store>
void add_tenant_routes(http::Router& router, db::Database& db, TenantResource<T, Store> declared) {
  using http::Request;
  using http::Response;
  if (declared.tag.empty()) declared.tag = declared.plural;
  auto shared = std::make_shared<const TenantResource<T, Store>>(std::move(declared));
  const auto& r = *shared;
  auto input_schema = r.fields.input_schema();
  input_schema["properties"].update(r.read_new_schema);
  http::register_schema(r.schema, r.fields.schema());
  http::register_schema(r.schema + "Input", input_schema);
  const std::string collection = "/api/v1/" + r.plural;
  const std::string item = collection + "/{id}";
  auto or_else = [](const std::string& given, std::string made) {
    return given.empty() ? made : given;
  };
  // The object in the caller's tenant, and may_change passed for writes.
  auto load = [shared](Store& store, const Request& req, bool changing) {
    T t = store.get(req.param("id"));
    if (changing && shared->may_change) shared->may_change(t, req.who());
    return t;
  };

  router.add({"GET",
              collection,
              http::Access::kAuthenticated,
              [&db, shared](Request& req) {
                const auto& r = *shared;
                auto page = http::Page::from(req);
                auto sql = db.lease();
                Store store(*sql, req.who().tenant_id);
                nlohmann::json items = nlohmann::json::array();
                for (auto& t : r.list ? r.list(store, page, req) : store.list(page))
                  items.push_back(r.for_reader ? r.fields.to_json(r.for_reader(t, req.who()))
                                               : r.fields.to_json(t));
                return Response::json(200, http::page_body(std::move(items), page));
              },
              {or_else(r.summaries.list, "List " + r.plural), r.tag, "", r.schema, true}});
  router.add({"POST",
              collection,
              access_for(r.create_right),
              [&db, shared](Request& req) {
                const auto& r = *shared;
                auto input = core::Input::from_json_body(req.body);
                T fresh{};
                if (r.read_new) r.read_new(input, fresh);
                T parsed = r.fields.parse_new(input, std::move(fresh));
                auto sql = db.lease();
                T stored = Store(*sql, req.who().tenant_id).create(&req.who(), parsed);
                return r.answer(201, stored, req)
                    .header("Location", "/api/v1/" + r.plural + "/" + stored.id);
              },
              {or_else(r.summaries.create, "Add a " + r.noun), r.tag, r.schema + "Input", r.schema,
               false, 201}});
  router.add({"GET",
              item,
              http::Access::kAuthenticated,
              [&db, shared, load](Request& req) {
                auto sql = db.lease();
                Store store(*sql, req.who().tenant_id);
                return shared->answer(200, load(store, req, false), req);
              },
              {or_else(r.summaries.get, "Read a " + r.noun), r.tag, "", r.schema}});
  if constexpr (TenantUpdatable<Store, T>) {
    router.add({"PATCH",
                item,
                access_for(r.update_right),
                [&db, shared, load](Request& req) {
                  const auto& r = *shared;
                  auto sql = db.lease();
                  Store store(*sql, req.who().tenant_id);
                  T current = load(store, req, true);
                  auto input = core::Input::from_json_body(req.body);
                  T changed = r.fields.apply(input, current);
                  long long version = http::required_version(req, input.raw());
                  return r.answer(200, store.update(&req.who(), changed, version), req);
                },
                {or_else(r.summaries.update, "Change a " + r.noun + " (needs the current version)"),
                 r.tag, r.schema + "Input", r.schema}});
  }
  router.add({"DELETE",
              item,
              access_for(r.remove_right),
              [&db, load](Request& req) {
                auto sql = db.lease();
                Store store(*sql, req.who().tenant_id);
                T t = load(store, req, true);
                if constexpr (RemovableAtVersion<Store>) {
                  store.remove(&req.who(), t.id, http::optional_version(req));
                } else {
                  store.remove(&req.who(), t.id);
                }
                return Response::no_content();
              },
              {or_else(r.summaries.remove, "Remove a " + r.noun), r.tag, "", "", false, 204}});
  for (const auto& action : r.actions) {
    router.add({action.method,
                item + "/" + action.name,
                access_for(action.right),
                [&db, shared, &action, load](Request& req) {
                  auto sql = db.lease();
                  Store store(*sql, req.who().tenant_id);
                  T t = load(store, req, false);
                  return action.run(t, *sql, req);
                },
                {action.summary, r.tag, action.request_schema, action.response_schema}});
  }
}

}  // namespace kit

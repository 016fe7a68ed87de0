#pragma once

#include <concepts>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "db/database.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "http/router.hpp"
#include "kit/fields.hpp"
#include "kit/scope.hpp"

namespace kit {

// A project-scoped resource declared once; add_api_routes turns it into
//   GET    /api/v1/projects/{id}/<plural>     list, cursor paged   (right: read)
//   POST   /api/v1/projects/{id}/<plural>     create               (right: create)
//   GET    /api/v1/<plural>/{id}              one                  (right: read)
//   PATCH  /api/v1/<plural>/{id}              partial update       (right: update)
//   DELETE /api/v1/<plural>/{id}              remove               (right: remove)
// with not-found before forbidden, 409 with the current object on a stale version, the
// list envelope and the OpenAPI entries. Which operations exist follows from the store:
// a store without `update` gets no PATCH. The store is constructed per request from the
// session and the tenant id, and offers
//   std::vector<T> list(const std::string& project_id, const http::Page& page)  // limit+1 rows
//   T get(const std::string& id)                                  // NotFound outside the tenant
//   T create(const core::AuthContext* who, const std::string& project_id, const T& fields)
//   T update(const core::AuthContext* who, const T& changed, long long expected_version)
//   void remove(const core::AuthContext* who, const std::string& id)
// T has `id` and `project_id`.

// POST /api/v1/<plural>/{id}/<name>: an action on one object (move a card, restore a
// version). The kit loads the object (NotFound first) and checks `right`; `run` does the
// rest and answers.
template <typename T>
struct ItemAction {
  std::string name;  // the last address segment: "move"
  ProjectRight right = ProjectRight::kEdit;
  std::string summary;
  std::string request_schema;   // OpenAPI component of the body, if any
  std::string response_schema;  // OpenAPI component of the answer, if any
  std::function<http::Response(const T&, const ProjectScope&, http::Request&)> run;
  int success_status = 200;
  std::string method = "POST";
  bool list = false;  // the answer is the list envelope (a GET of the object's rows)
};

// GET /api/v1/<plural>/{id}/<name>: what belongs to the object (its rows, in the list
// envelope, when `list`), for anyone who may read the object.
template <typename T>
ItemAction<T> read_action(std::string name, std::string summary, std::string response_schema,
                          decltype(ItemAction<T>::run) run, bool list = false) {
  return {.name = std::move(name),
          .right = ProjectRight::kRead,
          .summary = std::move(summary),
          .response_schema = std::move(response_schema),
          .run = std::move(run),
          .method = "GET",
          .list = list};
}

template <typename T, typename Store>
struct Resource {
  std::string plural;  // "wins": the address segment
  std::string schema;  // "Win": the OpenAPI component
  std::string tag;     // OpenAPI tag (default: plural)
  std::string noun;    // "win": for summaries and messages
  Fields<T> fields;
  ProjectRight create_right = ProjectRight::kEdit;
  ProjectRight update_right = ProjectRight::kEdit;
  ProjectRight remove_right = ProjectRight::kEdit;
  // The list's cursor key: the field the store orders by before id ("" orders by id only).
  std::string cursor_key;
  // Optional: defaults for a new object before the input is read (e.g. today's date).
  std::function<T(const ProjectScope&)> fresh;
  // Optional: the object as the caller reads it (texts kept as messages in their language).
  std::function<T(T, const std::string& locale)> for_reader;
  // Optional: the object completed for this request, before for_reader (a KPI: whether a
  // value is due by the caller's calendar).
  std::function<T(T, const http::Request&)> for_request;
  // Optional: the whole list in the order asked for (filters, a chosen sort), paged in
  // memory by http::page_in_order, instead of the store's keyset `list`.
  std::function<nlohmann::json(const ProjectScope&, const http::Request&)> list_in_order;
  // Optional: the list's OpenAPI summary, e.g. to name the filters list_in_order reads.
  std::string list_summary;
  // Optional: a create that makes the object from something else the body names (a
  // suggestion accepted) and stores it; nullopt reads the fields as usual.
  std::function<std::optional<T>(const ProjectScope&, core::Input&)> create_from;
  std::vector<ItemAction<T>> actions;
  // Optional: rights that depend on what is written (a card raised straight into a later
  // column needs more than raising one); runs on the parsed object before the store.
  std::function<void(const ProjectScope&, const T&)> field_rights;
  // Optional: the list answered whole (a conditional GET, fields beside the items), after
  // the read right was checked.
  std::function<http::Response(const ProjectScope&, const http::Request&)> list_response;
  // GET and PATCH of one object answer with ETag "<version>", which If-Match takes back.
  bool version_etag = false;
  // Optional: one object as GET, POST and PATCH answer it, with what hangs on it (a
  // meeting's attendance and decisions); the list keeps the field table's JSON.
  std::function<nlohmann::json(const T&, const ProjectScope&, const http::Request&)> detail;

  http::Response one(const T& t, const ProjectScope& scope, const http::Request& req,
                     int status = 200) const {
    auto response = http::Response::json(status, detail ? detail(t, scope, req) : output(t, req));
    if constexpr (requires { t.version; }) {
      if (version_etag && status == 200) {
        std::string tag(1, '"');
        tag.append(std::to_string(t.version)).push_back('"');
        response.header("ETag", std::move(tag));
      }
    }
    return response;
  }
  nlohmann::json output(T t, const http::Request& req) const {
    if (for_request) t = for_request(std::move(t), req);
    return fields.to_json(for_reader ? for_reader(std::move(t), req.locale) : std::move(t));
  }
};

template <typename Store, typename T>
concept Updatable = requires(Store s, const core::AuthContext* who, const T& t) {
  { s.update(who, t, 1LL) } -> std::convertible_to<T>;
};

// A store without `list` answers its collection only through Resource::list_in_order.
template <typename Store, typename T>
concept Listable = requires(Store s, const std::string& id, const http::Page& page) {
  { s.list(id, page) } -> std::convertible_to<std::vector<T>>;
};

template <typename Store>
concept Removable = requires(Store s, const core::AuthContext* who, const std::string& id) {
  s.remove(who, id);
};

// The object in the caller's tenant with the caller's scope in its project; NotFound
// before anything about rights is said.
template <typename T, typename Store>
std::pair<T, ProjectScope> load(soci::session& sql, const http::Request& req,
                                const std::string& id) {
  T item = Store(sql, req.who().tenant_id).get(id);
  return {item, ProjectScope(sql, req, item.project_id)};
}

// On a page of project `{id}`: the object the address names as `{param}`, with the
// caller's scope; NotFound (`not_found`) unless it belongs to that project.
template <typename T, typename Store>
std::pair<T, ProjectScope> load_in_project(soci::session& sql, const http::Request& req,
                                           const std::string& param, const std::string& not_found) {
  auto loaded = load<T, Store>(sql, req, req.param(param));
  if (loaded.first.project_id != req.param("id")) throw core::NotFound(not_found);
  return loaded;
}

// A page's delete form: the object of `{param}` in project `{id}` (as load_in_project)
// removed when the caller may edit the project; the removed object is returned.
template <typename T, typename Store>
T remove_in_project(db::Database& db, const http::Request& req, const std::string& param,
                    const std::string& not_found) {
  auto sql = db.lease();
  auto [item, scope] = load_in_project<T, Store>(*sql, req, param, not_found);
  scope.require(ProjectRight::kEdit);
  Store(*sql, scope.tenant_id()).remove(&req.who(), item.id);
  return item;
}

// The handler of a route about the project `{id}`: the caller's scope in it, given to
// `answer` once `right` is checked.
template <typename Answer>
http::Handler on_project(db::Database& db, ProjectRight right, Answer answer) {
  return [&db, right, answer](http::Request& req) {
    auto sql = db.lease();
    ProjectScope scope(*sql, req, req.param("id"));
    scope.require(right);
    return answer(scope, req);
  };
}

// The handler of a route about one object (/api/v1/<plural>/{id}…): the object (NotFound
// first) and the caller's scope in its project, given to `answer` once `right` is checked.
template <typename T, typename Store, typename Answer>
http::Handler on_item(db::Database& db, ProjectRight right, Answer answer) {
  return [&db, right, answer](http::Request& req) {
    auto sql = db.lease();
    auto [t, scope] = load<T, Store>(*sql, req, req.param("id"));
    scope.require(right);
    return answer(t, scope, req);
  };
}

// One page of the store's keyset list; a store without `list` declares list_response or
// list_in_order.
template <typename T, typename Store>
http::Response keyset_list(const Resource<T, Store>& r, soci::session& sql,
                           const ProjectScope& scope, const http::Request& req) {
  if constexpr (Listable<Store, T>) {
    auto page = http::Page::from(req);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& t : Store(sql, scope.tenant_id()).list(scope.project().id, page))
      items.push_back(r.output(t, req));
    return http::Response::json(200, http::page_body(std::move(items), page, r.cursor_key));
  } else {
    throw std::logic_error(r.plural + ": a store without list needs list_in_order");
  }
}

template <typename T, typename Store>
void add_api_routes(http::Router& router, db::Database& db, Resource<T, Store> declared) {
  using http::Access;
  using http::Request;
  using http::Response;
  // The routes keep the declaration alive as long as the router.
  if (declared.tag.empty()) declared.tag = declared.plural;
  auto shared = std::make_shared<const Resource<T, Store>>(std::move(declared));
  const auto& r = *shared;
  http::register_schema(r.schema, r.fields.schema());
  http::register_schema(r.schema + "Input", r.fields.input_schema());
  const std::string collection = "/api/v1/projects/{id}/" + r.plural;
  const std::string item = "/api/v1/" + r.plural + "/{id}";

  router.add({"GET",
              collection,
              Access::kAuthenticated,
              on_project(db, ProjectRight::kRead,
                         [shared](const ProjectScope& scope, Request& req) {
                           const auto& r = *shared;
                           if (r.list_response) return r.list_response(scope, req);
                           if (r.list_in_order)
                             return Response::json(
                                 200, http::page_in_order(req, r.list_in_order(scope, req)));
                           return keyset_list(r, scope.sql(), scope, req);
                         }),
              {r.list_summary.empty() ? "The project's " + r.plural : r.list_summary, r.tag, "",
               r.schema, true}});
  router.add({"POST",
              collection,
              Access::kAuthenticated,
              on_project(db, r.create_right,
                         [shared](const ProjectScope& scope, Request& req) {
                           const auto& r = *shared;
                           auto input = core::Input::from_json_body(req.body);
                           if (auto made =
                                   r.create_from ? r.create_from(scope, input) : std::nullopt)
                             return Response::json(201, r.output(*made, req))
                                 .header("Location", "/api/v1/" + r.plural + "/" + made->id);
                           T fresh = r.fresh ? r.fresh(scope) : T{};
                           T parsed = r.fields.parse_new(input, std::move(fresh));
                           if (r.field_rights) r.field_rights(scope, parsed);
                           T stored = Store(scope.sql(), scope.tenant_id())
                                          .create(&scope.who(), scope.project().id, parsed);
                           return r.one(stored, scope, req, 201)
                               .header("Location", "/api/v1/" + r.plural + "/" + stored.id);
                         }),
              {"Add a " + r.noun, r.tag, r.schema + "Input", r.schema, false, 201}});
  router.add({"GET",
              item,
              Access::kAuthenticated,
              on_item<T, Store>(db, ProjectRight::kRead,
                                [shared](const T& t, const ProjectScope& scope, Request& req) {
                                  return shared->one(t, scope, req);
                                }),
              {"One " + r.noun, r.tag, "", r.schema}});
  if constexpr (Updatable<Store, T>) {
    router.add(
        {"PATCH",
         item,
         Access::kAuthenticated,
         on_item<T, Store>(
             db, r.update_right,
             [shared](const T& current, const ProjectScope& scope, Request& req) {
               const auto& r = *shared;
               auto input = core::Input::from_json_body(req.body);
               long long version = http::required_version(req, input.raw());
               T changed = r.fields.apply(input, current);
               if (r.field_rights) r.field_rights(scope, changed);
               T stored =
                   Store(scope.sql(), scope.tenant_id()).update(&scope.who(), changed, version);
               return r.one(stored, scope, req);
             }),
         {"Change a " + r.noun + " (needs the current version)", r.tag, r.schema + "Input",
          r.schema}});
  }
  if constexpr (Removable<Store>) {
    router.add(
        {"DELETE",
         item,
         Access::kAuthenticated,
         on_item<T, Store>(db, r.remove_right,
                           [](const T& t, const ProjectScope& scope, Request&) {
                             Store(scope.sql(), scope.tenant_id()).remove(&scope.who(), t.id);
                             return Response::no_content();
                           }),
         {"Remove a " + r.noun, r.tag, "", "", false, 204}});
  }
  for (const auto& action : r.actions) {
    router.add(
        {action.method,
         item + "/" + action.name,
         Access::kAuthenticated,
         on_item<T, Store>(db, action.right,
                           [shared, &action](const T& t, const ProjectScope& scope, Request& req) {
                             return action.run(t, scope, req);
                           }),
         {action.summary, r.tag, action.request_schema, action.response_schema, action.list,
          action.success_status}});
  }
}

}  // namespace kit

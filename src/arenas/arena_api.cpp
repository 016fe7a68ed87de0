// Agile arenas as JSON API: a tenant-scoped resource declared on the kit (managers start
// arenas; the process leader, whoever started it and administrators change them), with the
// pulse items, the log and growing into a project as routes of their own.
#include <nlohmann/json.hpp>

#include "arenas/arena_growth.hpp"
#include "arenas/arena_routes.hpp"
#include "arenas/arena_store.hpp"
#include "core/errors.hpp"
#include "http/openapi.hpp"
#include "kit/routes.hpp"
#include "kit/tenant_resource.hpp"

namespace arenas {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

Arena for_reader(Arena a, const core::AuthContext& who) {
  a.overdue = is_overdue(a, who.today());
  return a;
}

Response answer(int status, const Arena& a, const Request& req) {
  return Response::json(status, to_json(for_reader(a, req.who())));
}

std::vector<Arena> list_arenas(ArenaStore& store, const http::Page& page, const Request& req) {
  auto status = req.query_param("status").value_or("");
  if (!status.empty() && std::find(kStatuses.begin(), kStatuses.end(), status) == kStatuses.end())
    throw core::ValidationError("status", "must be one of open, running, done, stopped");
  return store.list(page, status);
}

Response tick_item(ArenaStore& store, const Request& req) {
  require_arena(store, req.param("id"), req.who(), ArenaRight::kWork);
  auto input = core::Input::from_json_body(req.body);
  auto done = input.optional_bool("done");
  if (!done && input.ok()) input.fail("done", core::Message{"err.required"});
  input.check();
  return answer(200, store.tick(&req.who(), req.param("id"), req.param("item"), *done), req);
}

Response add_log(ArenaStore& store, const Request& req) {
  require_arena(store, req.param("id"), req.who(), ArenaRight::kWork);
  auto input = core::Input::from_json_body(req.body);
  return answer(201, store.add_log(&req.who(), req.param("id"), parse_log(input)), req);
}

Response grow(db::Database& db, const Request& req) {
  auto sql = db.lease();
  ArenaStore store(*sql, req.who().tenant_id);
  auto arena = require_arena(store, req.param("id"), req.who(), ArenaRight::kEdit);
  auto input = core::Input::from_json_body(req.body);
  auto project = grow_into_project(*sql, req.who(), arena, input);
  return answer(201, store.get(arena.id), req).header("Location", "/api/v1/projects/" + project.id);
}

void register_schemas() {
  http::register_schema("ArenaTick", {{"type", "object"},
                                      {"required", {"done"}},
                                      {"properties", {{"done", {{"type", "boolean"}}}}}});
  http::register_schema("ArenaLogInput",
                        {{"type", "object"},
                         {"required", {"tried"}},
                         {"properties",
                          {{"tried", {{"type", "string"}, {"maxLength", kGoalMax}}},
                           {"result", {{"type", "string"}, {"maxLength", kGoalMax}}},
                           {"logged_on", {{"type", "string"}, {"format", "date"}}}}}});
  http::register_schema("ArenaGrow", {{"type", "object"},
                                      {"required", {"template"}},
                                      {"properties",
                                       {{"template",
                                         {{"type", "string"},
                                          {"description",
                                           "the key of one of the tenant's method templates (GET "
                                           "/api/v1/templates)"}}}}}});
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  kit::add_tenant_routes(
      router, db,
      kit::TenantResource<Arena, ArenaStore>{
          .plural = "arenas",
          .schema = "Arena",
          .noun = "arena",
          .fields = arena_fields(),
          .create_right = kit::TenantRight::kMember,
          .update_right = kit::TenantRight::kMember,
          .remove_right = kit::TenantRight::kMember,
          .may_change =
              [](const Arena& a, const core::AuthContext& who) {
                if (!may_edit(a, who))
                  throw core::Forbidden(core::Message{"arena_err_may_not_edit"});
              },
          .etag = true,
          .summaries = {.list =
                            "The organisation's agile arenas (?status=open|running|done|stopped)",
                        .create = "Start an agile arena (administrators and unit managers)",
                        .get = "One arena with its team, pulse steps and log",
                        .update = "Change an arena (the process leader, whoever started it, "
                                  "administrators; needs the current version)",
                        .remove = "Delete an arena"},
          .list = list_arenas,
          .for_reader = for_reader});
  const std::string item = "/api/v1/arenas/{id}";
  kit::add_routes(
      router, db,
      {{"POST",
        item + "/items/{item}",
        http::Access::kAuthenticated,
        kit::with_store<ArenaStore>(tick_item),
        {"Tick or untick a pulse step's checklist item (the team)", "arenas", "ArenaTick",
         "Arena"}},
       {"POST",
        item + "/log",
        http::Access::kAuthenticated,
        kit::with_store<ArenaStore>(add_log),
        {"Write down what was tried and its result (the team)", "arenas", "ArenaLogInput", "Arena",
         false, 201}},
       {"POST",
        item + "/grow",
        http::Access::kAuthenticated,
        grow,
        {"Grow the arena into a full project from any of the organisation's method templates",
         "arenas", "ArenaGrow", "Arena", false, 201}}});
}

}  // namespace arenas

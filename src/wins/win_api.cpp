// The wins log as JSON API.
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "projects/project_access.hpp"
#include "wins/win_routes.hpp"
#include "wins/win_store.hpp"

namespace wins {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

void register_schemas() {
  json text = {{"type", "string"}};
  json input = {
      {"type", "object"},
      {"required", {"text"}},
      {"properties",
       {{"text", {{"type", "string"}, {"maxLength", kWinTextMax}}},
        {"kind", {{"enum", kKinds}}},
        {"happened_on", {{"type", "string"}, {"format", "date"}}},
        {"link",
         {{"type", {"string", "null"}},
          {"description", "a web address or an address inside fremdrift (/projects/…)"}}}}}};
  http::register_schema("WinInput", input);
  json win = input;
  win.erase("required");
  for (const char* k : {"id", "project_id", "created_at"}) win["properties"][k] = text;
  win["properties"]["automatic"] = {
      {"type", "boolean"},
      {"description", "recorded by fremdrift (a step adopted, a KPI on target, a card done)"}};
  http::register_schema("Win", win);
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  router.add({"GET",
              "/api/v1/projects/{id}/wins",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
                json items = json::array();
                for (const auto& w :
                     WinStore(*sql, req.who().tenant_id).of_project(req.param("id")))
                  items.push_back(to_json(w));
                return Response::json(200, {{"items", items}, {"next_cursor", nullptr}});
              },
              {"The project's wins log, newest first", "wins", "", "Win", true}});
  router.add({"POST",
              "/api/v1/projects/{id}/wins",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
                auto input = core::Input::from_json_body(req.body);
                auto w = parse_win(input);
                input.check();
                auto stored =
                    WinStore(*sql, req.who().tenant_id).create(&req.who(), req.param("id"), w);
                return Response::json(201, to_json(stored));
              },
              {"Record a win (needs the edit right)", "wins", "WinInput", "Win", false, 201}});
  router.add({"DELETE",
              "/api/v1/wins/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                WinStore store(*sql, req.who().tenant_id);
                auto w = store.get(req.param("id"));
                projects::require_right(*sql, req.who(), w.project_id, ProjectRight::kEdit);
                store.remove(&req.who(), w.id);
                return Response::no_content();
              },
              {"Remove a win from the log", "wins", "", "", false, 204}});
}

}  // namespace wins

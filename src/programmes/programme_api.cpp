#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "programmes/programme_access.hpp"
#include "programmes/programme_routes.hpp"
#include "programmes/programme_store.hpp"

namespace programmes {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

void register_schemas() {
  json names = {{"type", "array"}, {"items", {{"type", "string"}, {"maxLength", 100}}}};
  json group = {{"type", "object"},
                {"properties", {{"id", {{"type", "string"}}}, {"name", {{"type", "string"}}}}}};
  http::register_schema("ProgrammeGroup", group);
  http::register_schema("ProgrammeGroupInput",
                        {{"type", "object"},
                         {"required", {"name"}},
                         {"properties", {{"name", {{"type", "string"}, {"maxLength", 100}}}}}});
  http::register_schema("ProgrammeInput", {{"type", "object"},
                                           {"properties",
                                            {{"title", {{"type", "string"}, {"maxLength", 200}}},
                                             {"description", {{"type", {"string", "null"}}}},
                                             {"clusters", names},
                                             {"tracks", names},
                                             {"version", {{"type", "integer"}}}}}});
  http::register_schema(
      "Programme",
      {{"type", "object"},
       {"properties",
        {{"id", {{"type", "string"}}},
         {"title", {{"type", "string"}}},
         {"description", {{"type", {"string", "null"}}}},
         {"owner", {{"type", "object"}, {"description", "{id, name} of the owning tenant"}}},
         {"own", {{"type", "boolean"}, {"description", "the caller's tenant owns it"}}},
         {"clusters",
          {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/ProgrammeGroup"}}}}},
         {"tracks",
          {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/ProgrammeGroup"}}}}},
         {"project_count", {{"type", "integer"}}},
         {"version", {{"type", "integer"}}}}}});
  json placement = {
      {"cluster", {{"type", {"string", "null"}}, {"description", "name or id"}}},
      {"tracks",
       {{"type", "array"}, {"items", {{"type", "string"}}}, {"description", "names or ids"}}}};
  http::register_schema("ProgrammePlacement", {{"type", "object"}, {"properties", placement}});
  placement["project_id"] = {{"type", "string"}};
  http::register_schema(
      "ProgrammeAttach",
      {{"type", "object"}, {"required", {"project_id"}}, {"properties", placement}});
  http::register_schema(
      "ProgrammeProject",
      {{"type", "object"},
       {"description", "Only what the programme shares of a project"},
       {"properties",
        {{"project_id", {{"type", "string"}}},
         {"tenant", {{"type", "object"}, {"description", "{id, name}"}}},
         {"own", {{"type", "boolean"}}},
         {"title", {{"type", "string"}}},
         {"template", {{"type", "string"}}},
         {"phase", {{"type", "string"}}},
         {"status", {{"enum", {"green", "yellow", "red"}}}},
         {"last_update", {{"type", "string"}, {"format", "date-time"}}},
         {"cluster",
          {{"oneOf", {{{"$ref", "#/components/schemas/ProgrammeGroup"}}, {{"type", "null"}}}}}},
         {"tracks",
          {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/ProgrammeGroup"}}}}},
         {"attached_at", {{"type", "string"}}}}}});
}

Programme load(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return ProgrammeStore(*sql, req.who().tenant_id).get(req.param("id"));
}

GroupKind kind_of(const std::string& segment) {
  return segment == "clusters" ? GroupKind::kCluster : GroupKind::kTrack;
}

// ?cluster= (id, or "none"), ?track= (id), ?status= narrow the list.
bool keep(const AttachedProject& a, const Request& req) {
  if (auto c = req.query_param("cluster"); c && !c->empty()) {
    if (*c == "none" ? a.cluster_id.has_value() : a.cluster_id.value_or("") != *c) return false;
  }
  if (auto t = req.query_param("track"); t && !t->empty()) {
    if (std::find(a.track_ids.begin(), a.track_ids.end(), *t) == a.track_ids.end()) return false;
  }
  if (auto s = req.query_param("status"); s && !s->empty() && a.status != *s) return false;
  return true;
}

void add_group_routes(http::Router& router, db::Database& db, const std::string& segment) {
  std::string base = "/api/v1/programmes/{id}/" + segment;
  std::string item = base + (segment == "clusters" ? "/{cluster_id}" : "/{track_id}");
  std::string param = segment == "clusters" ? "cluster_id" : "track_id";
  std::string noun = segment == "clusters" ? "cluster" : "content track";
  GroupKind kind = kind_of(segment);
  router.add({"POST",
              base,
              Access::kAuthenticated,
              [&db, kind](Request& req) {
                auto sql = db.lease();
                ProgrammeStore store(*sql, req.who().tenant_id);
                auto p = store.get(req.param("id"));
                require_manage(p, req.who());
                auto input = core::Input::from_json_body(req.body);
                auto name = parse_group_name(input);
                input.check();
                return Response::json(201, to_json(store.add_group(&req.who(), p, kind, name)));
              },
              {"Add a " + noun + " to the programme", "programmes", "ProgrammeGroupInput",
               "ProgrammeGroup", false, 201}});
  router.add(
      {"PATCH",
       item,
       Access::kAuthenticated,
       [&db, kind, param](Request& req) {
         auto sql = db.lease();
         ProgrammeStore store(*sql, req.who().tenant_id);
         auto p = store.get(req.param("id"));
         if (!find_group(kind == GroupKind::kCluster ? p.clusters : p.tracks, req.param(param)))
           throw core::NotFound("no such cluster or track in the programme");
         require_manage(p, req.who());
         auto input = core::Input::from_json_body(req.body);
         auto name = parse_group_name(input);
         input.check();
         return Response::json(
             200, to_json(store.rename_group(&req.who(), p, kind, req.param(param), name)));
       },
       {"Rename a " + noun, "programmes", "ProgrammeGroupInput", "ProgrammeGroup"}});
  router.add(
      {"DELETE",
       item,
       Access::kAuthenticated,
       [&db, kind, param](Request& req) {
         auto sql = db.lease();
         ProgrammeStore store(*sql, req.who().tenant_id);
         auto p = store.get(req.param("id"));
         if (!find_group(kind == GroupKind::kCluster ? p.clusters : p.tracks, req.param(param)))
           throw core::NotFound("no such cluster or track in the programme");
         require_manage(p, req.who());
         store.remove_group(&req.who(), p, kind, req.param(param));
         return Response::no_content();
       },
       {"Remove a " + noun + " (its projects stay in the programme)", "programmes", "", "", false,
        204}});
}

void add_project_routes(http::Router& router, db::Database& db) {
  router.add({"GET",
              "/api/v1/programmes/{id}/projects",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto page = http::Page::from(req);
                auto sql = db.lease();
                ProgrammeStore store(*sql, req.who().tenant_id);
                auto p = store.get(req.param("id"));
                json items = json::array();
                for (const auto& a : store.projects(p)) {
                  if (a.project_id <= page.after || !keep(a, req)) continue;
                  items.push_back(to_json(a, p, req.who().tenant_id));
                  items.back()["id"] = a.project_id;  // the cursor
                  if (items.size() > static_cast<std::size_t>(page.limit)) break;
                }
                auto body = http::page_body(std::move(items), page);
                for (auto& i : body["items"]) i.erase("id");
                return Response::json(200, body);
              },
              {"The programme's projects: phase, status, last update, tenant, cluster, tracks "
               "(?cluster=ID|none&track=ID&status=)",
               "programmes", "", "ProgrammeProject", true}});
  router.add({"POST",
              "/api/v1/programmes/{id}/projects",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                ProgrammeStore store(*sql, req.who().tenant_id);
                auto p = store.get(req.param("id"));
                auto input = core::Input::from_json_body(req.body);
                auto project_id = input.required_text("project_id", 64);
                auto placement = parse_placement(input);
                input.check();
                require_attach(*sql, req.who(), project_id);
                auto a = store.attach(&req.who(), p, project_id, placement);
                return Response::json(201, to_json(a, p, req.who().tenant_id));
              },
              {"Attach a project of your organisation (cluster and tracks by name or id)",
               "programmes", "ProgrammeAttach", "ProgrammeProject", false, 201}});
  router.add({"PATCH",
              "/api/v1/programmes/{id}/projects/{project_id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                ProgrammeStore store(*sql, req.who().tenant_id);
                auto p = store.get(req.param("id"));
                auto a = store.attached(p, req.param("project_id"));
                if (!a) throw core::NotFound("the project is not in the programme");
                require_placement(*sql, req.who(), p, *a);
                auto input = core::Input::from_json_body(req.body);
                auto placement = parse_placement(input);
                input.check();
                auto after = store.place(&req.who(), p, a->project_id, placement);
                return Response::json(200, to_json(after, p, req.who().tenant_id));
              },
              {"Move an attached project to another cluster or change its tracks", "programmes",
               "ProgrammePlacement", "ProgrammeProject"}});
  router.add({"DELETE",
              "/api/v1/programmes/{id}/projects/{project_id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                ProgrammeStore store(*sql, req.who().tenant_id);
                auto p = store.get(req.param("id"));
                auto a = store.attached(p, req.param("project_id"));
                if (!a) throw core::NotFound("the project is not in the programme");
                require_placement(*sql, req.who(), p, *a);
                store.detach(&req.who(), p, a->project_id);
                return Response::no_content();
              },
              {"Take a project out of the programme (the project itself stays)", "programmes", "",
               "", false, 204}});
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  router.add({"GET",
              "/api/v1/programmes",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto page = http::Page::from(req);
                auto sql = db.lease();
                json items = json::array();
                for (const auto& p :
                     ProgrammeStore(*sql, req.who().tenant_id).page(page.after, page.limit))
                  items.push_back(to_json(p, req.who().tenant_id));
                return Response::json(200, http::page_body(std::move(items), page));
              },
              {"Programmes of your organisation and of the umbrella organisations it joined",
               "programmes", "", "Programme", true}});
  router.add({"POST",
              "/api/v1/programmes",
              Access::kAdmin,
              [&db](Request& req) {
                auto input = core::Input::from_json_body(req.body);
                auto fields = parse_programme(input, true);
                input.check();
                auto sql = db.lease();
                auto p = ProgrammeStore(*sql, req.who().tenant_id).create(&req.who(), fields);
                return Response::json(201, to_json(p, req.who().tenant_id));
              },
              {"Create a programme with clusters and content tracks (administrators)", "programmes",
               "ProgrammeInput", "Programme", false, 201}});
  router.add({"GET",
              "/api/v1/programmes/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                return Response::json(200, to_json(load(db, req), req.who().tenant_id));
              },
              {"Read a programme", "programmes", "", "Programme"}});
  router.add({"PATCH",
              "/api/v1/programmes/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                ProgrammeStore store(*sql, req.who().tenant_id);
                require_manage(store.get(req.param("id")), req.who());
                auto input = core::Input::from_json_body(req.body);
                auto fields = parse_programme(input, false);
                input.check();
                long long version = http::required_version(req, input.raw());
                auto p = store.update(&req.who(), req.param("id"), version, fields);
                return Response::json(200, to_json(p, req.who().tenant_id));
              },
              {"Change title or description (needs the current version)", "programmes",
               "ProgrammeInput", "Programme"}});
  router.add({"DELETE",
              "/api/v1/programmes/{id}",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                ProgrammeStore store(*sql, req.who().tenant_id);
                require_manage(store.get(req.param("id")), req.who());
                store.remove(&req.who(), req.param("id"));
                return Response::no_content();
              },
              {"Delete a programme; its projects stay with their organisations", "programmes", "",
               "", false, 204}});
  add_project_routes(router, db);
  add_group_routes(router, db, "clusters");
  add_group_routes(router, db, "tracks");
}

}  // namespace programmes

// Programmes as JSON API: the programme itself is a tenant-scoped resource on the kit
// (administrators create, the owner's administrators change); its clusters, tracks and
// attached projects are routes of their own below it.
#include <functional>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "http/openapi.hpp"
#include "http/paging.hpp"
#include "kit/routes.hpp"
#include "kit/tenant_resource.hpp"
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
  http::register_schema("ProgrammeGroup", group_fields().schema());
  http::register_schema("ProgrammeGroupInput", group_fields().input_schema());
  json placement = {
      {"cluster", {{"type", {"string", "null"}}, {"description", "name or id"}}},
      {"tracks",
       {{"type", "array"}, {"items", {{"type", "string"}}}, {"description", "names or ids"}}}};
  http::register_schema("ProgrammePlacement", {{"type", "object"}, {"properties", placement}});
  placement["project_id"] = {{"type", "string"}};
  http::register_schema(
      "ProgrammeAttach",
      {{"type", "object"}, {"required", {"project_id"}}, {"properties", placement}});
  json group_ref = {{"$ref", "#/components/schemas/ProgrammeGroup"}};
  http::register_schema("ProgrammeProject",
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
                           {"cluster", {{"oneOf", {group_ref, {{"type", "null"}}}}}},
                           {"tracks", {{"type", "array"}, {"items", group_ref}}},
                           {"attached_at", {{"type", "string"}}}}}});
}

// The programme named by the address as the caller sees it (NotFound otherwise), on one
// session with its store.
struct Visible {
  soci::session& sql;
  ProgrammeStore store;
  Programme programme;
};

using VisibleRun = std::function<Response(Visible&, const Request&)>;

// A route below the programme named by the address.
kit::Route on_programme(std::string method, std::string path, VisibleRun run, http::ApiDoc doc) {
  return {std::move(method), std::move(path), Access::kAuthenticated,
          [run = std::move(run)](db::Database& db, const Request& req) {
            auto sql = db.lease();
            ProgrammeStore store(*sql, req.who().tenant_id);
            Programme p = store.get(req.param("id"));
            Visible visible{*sql, store, std::move(p)};
            return run(visible, req);
          },
          std::move(doc)};
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

// A cluster or track of the programme, NotFound before the manage right is checked.
void require_group(const Programme& p, GroupKind kind, const std::string& id,
                   const core::AuthContext& who) {
  if (!find_group(kind == GroupKind::kCluster ? p.clusters : p.tracks, id))
    throw core::NotFound("no such cluster or track in the programme");
  require_manage(p, who);
}

std::vector<kit::Route> group_routes(const std::string& segment) {
  const bool clusters = segment == "clusters";
  const std::string base = "/api/v1/programmes/{id}/" + segment;
  const std::string param = clusters ? "cluster_id" : "track_id";
  const std::string noun = clusters ? "cluster" : "content track";
  const GroupKind kind = clusters ? GroupKind::kCluster : GroupKind::kTrack;
  return {on_programme("POST", base,
                       [kind](Visible& v, const Request& req) {
                         require_manage(v.programme, req.who());
                         auto input = core::Input::from_json_body(req.body);
                         auto name = parse_group_name(input);
                         auto g = v.store.add_group(&req.who(), v.programme, kind, name);
                         return Response::json(201, to_json(g));
                       },
                       {"Add a " + noun + " to the programme", "programmes", "ProgrammeGroupInput",
                        "ProgrammeGroup", false, 201}),
          on_programme("PATCH", base + "/{" + param + "}",
                       [kind, param](Visible& v, const Request& req) {
                         require_group(v.programme, kind, req.param(param), req.who());
                         auto input = core::Input::from_json_body(req.body);
                         auto name = parse_group_name(input);
                         auto g = v.store.rename_group(&req.who(), v.programme, kind,
                                                       req.param(param), name);
                         return Response::json(200, to_json(g));
                       },
                       {"Rename a " + noun, "programmes", "ProgrammeGroupInput", "ProgrammeGroup"}),
          on_programme("DELETE", base + "/{" + param + "}",
                       [kind, param](Visible& v, const Request& req) {
                         require_group(v.programme, kind, req.param(param), req.who());
                         v.store.remove_group(&req.who(), v.programme, kind, req.param(param));
                         return Response::no_content();
                       },
                       {"Remove a " + noun + " (its projects stay in the programme)", "programmes",
                        "", "", false, 204})};
}

// The attached project named by the address, with the right to change where it sits.
AttachedProject placed(Visible& v, const Request& req) {
  auto a = v.store.attached(v.programme, req.param("project_id"));
  if (!a) throw core::NotFound("the project is not in the programme");
  require_placement(v.sql, req.who(), v.programme, *a);
  return *a;
}

Response list_projects(Visible& v, const Request& req) {
  auto page = http::Page::from(req);
  json items = json::array();
  for (const auto& a : v.store.projects(v.programme)) {
    if (a.project_id <= page.after || !keep(a, req)) continue;
    items.push_back(to_json(a, v.programme, req.who().tenant_id));
    items.back()["id"] = a.project_id;  // the cursor
    if (items.size() > static_cast<std::size_t>(page.limit)) break;
  }
  auto body = http::page_body(std::move(items), page);
  for (auto& i : body["items"]) i.erase("id");
  return Response::json(200, body);
}

Response attach_project(Visible& v, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto project_id = input.required_text("project_id", 64);
  auto placement = parse_placement(input);
  input.check();
  require_attach(v.sql, req.who(), project_id);
  auto a = v.store.attach(&req.who(), v.programme, project_id, placement);
  return Response::json(201, to_json(a, v.programme, req.who().tenant_id));
}

Response move_project(Visible& v, const Request& req) {
  auto a = placed(v, req);
  auto input = core::Input::from_json_body(req.body);
  auto placement = parse_placement(input);
  input.check();
  auto after = v.store.place(&req.who(), v.programme, a.project_id, placement);
  return Response::json(200, to_json(after, v.programme, req.who().tenant_id));
}

Response detach_project(Visible& v, const Request& req) {
  v.store.detach(&req.who(), v.programme, placed(v, req).project_id);
  return Response::no_content();
}

std::vector<kit::Route> project_routes() {
  const std::string base = "/api/v1/programmes/{id}/projects";
  return {on_programme("GET", base, list_projects,
                       {"The programme's projects: phase, status, last update, tenant, cluster, "
                        "tracks (?cluster=ID|none&track=ID&status=)",
                        "programmes", "", "ProgrammeProject", true}),
          on_programme("POST", base, attach_project,
                       {"Attach a project of your organisation (cluster and tracks by name or id)",
                        "programmes", "ProgrammeAttach", "ProgrammeProject", false, 201}),
          on_programme("PATCH", base + "/{project_id}", move_project,
                       {"Move an attached project to another cluster or change its tracks",
                        "programmes", "ProgrammePlacement", "ProgrammeProject"}),
          on_programme("DELETE", base + "/{project_id}", detach_project,
                       {"Take a project out of the programme (the project itself stays)",
                        "programmes", "", "", false, 204})};
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  kit::add_tenant_routes(
      router, db,
      kit::TenantResource<Programme, ProgrammeStore>{
          .plural = "programmes",
          .schema = "Programme",
          .noun = "programme",
          .fields = programme_fields(),
          .update_right = kit::TenantRight::kMember,
          .remove_right = kit::TenantRight::kMember,
          .may_change = require_manage,
          .summaries = {.list = "Programmes of your organisation and of the umbrella "
                                "organisations it joined",
                        .create = "Create a programme with clusters and content tracks "
                                  "(administrators)",
                        .get = "Read a programme",
                        .update = "Change title or description (needs the current version)",
                        .remove = "Delete a programme; its projects stay with their "
                                  "organisations"},
          .read_new = read_group_names,
          .read_new_schema = group_names_schema(),
          .for_reader = for_reader});
  kit::add_routes(router, db, project_routes());
  kit::add_routes(router, db, group_routes("clusters"));
  kit::add_routes(router, db, group_routes("tracks"));
}

}  // namespace programmes

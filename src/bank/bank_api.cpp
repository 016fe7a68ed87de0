// The workflow bank's API (issue 18, points 1 and 2). Publishing needs the project's decide
// right (the steering group decides); reading and searching the bank is open to every
// logged-in user of any tenant.
#include "bank/adoption_store.hpp"
#include "bank/bank_input.hpp"
#include "bank/bank_routes.hpp"
#include "bank/bank_store.hpp"
#include "bank/project_source.hpp"
#include "bank/snapshot.hpp"
#include "core/errors.hpp"
#include "http/openapi.hpp"
#include "kit/routes.hpp"
#include "projects/project_scope.hpp"

namespace bank {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;
using projects::ProjectScope;

Response publish(const ProjectScope& scope, const Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto c = parse_classification(input, req.who().tenant_locale);
  bool preview = input.optional_bool("preview").value_or(false);
  input.check();
  auto entry = build_entry(read_project(scope.sql(), scope.tenant_id(), scope.project().id), c);
  if (preview) return Response::json(200, {{"preview", true}, {"snapshot", to_json(entry)}});
  BankStore store(scope.sql(), scope.tenant_id());
  auto listed = store.publish(&req.who(), scope.project().id, entry);
  return Response::json(200, to_json(store.get(listed.id)));
}

Response unpublish(const ProjectScope& scope, const Request& req) {
  return Response::json(
      200,
      to_json(BankStore(scope.sql(), scope.tenant_id()).unpublish(&req.who(), scope.project().id)));
}

Response of_project(const ProjectScope& scope, const Request& /*req*/) {
  BankStore store(scope.sql(), scope.tenant_id());
  auto listed = store.of_project(scope.project().id);
  if (!listed) throw core::NotFound("bank entry");
  return Response::json(200, to_json(store.get(listed->id)));
}

Response search(BankStore& store, const Request& req) {
  auto filters = parse_search(req);
  return Response::json(200, search_body(store.search(filters), filters));
}

// With the consented headlines of the projects started from it (bank/adoption_store.hpp).
Response show(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto body =
      to_json(BankStore(*sql, req.who().tenant_id).get(req.param("entry"), parse_version(req)));
  body["started_projects"] = started_projects(*sql, req.param("entry"));
  return Response::json(200, body);
}

json nullable(const char* type) { return {{"type", {type, "null"}}}; }

void register_schemas() {
  const json text = {{"type", "string"}};
  http::register_schema(
      "BankPublishInput",
      {{"type", "object"},
       {"required", {"summary", "service_area", "licence", "contact_role"}},
       {"properties",
        {{"summary", {{"type", "string"}, {"maxLength", 4000}}},
         {"service_area", {{"type", "string"}, {"enum", kServiceAreas}}},
         {"kle",
          {{"type", {"string", "null"}},
           {"description", "KL's task number, e.g. 27.24 or 27.24.00"}}},
         {"tags", {{"type", "array"}, {"items", text}}},
         {"licence", {{"type", "string"}, {"enum", kLicences}}},
         {"contact_role",
          {{"type", "string"}, {"description", "a project role to ask (never a person)"}}},
         {"language", {{"type", "string"}, {"enum", kLanguages}}},
         {"preview",
          {{"type", "boolean"},
           {"description", "answer the scrubbed copy that would be published, store nothing"}}}}}});
  http::register_schema(
      "BankSnapshot",
      {{"type", "object"},
       {"description", "the published copy: no person, address or id of the publishing tenant"},
       {"properties",
        {{"title", text},
         {"summary", text},
         {"method", text},
         {"service_area", text},
         {"kle", nullable("string")},
         {"tags", {{"type", "array"}, {"items", text}}},
         {"licence", text},
         {"contact_role", text},
         {"language", text},
         {"as_is_bpmn", nullable("string")},
         {"redesign_bpmn", nullable("string")},
         {"figures", {{"type", "array"}, {"items", {{"type", "object"}}}}},
         {"kpis", {{"type", "array"}, {"items", {{"type", "object"}}}}},
         {"tasks", {{"type", "array"}, {"items", {{"type", "object"}}}}},
         {"lessons", {{"type", "array"}, {"items", text}}},
         {"lanes", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}});
  json listed = {
      {"type", "object"},
      {"properties",
       {{"id", text},
        {"status", {{"type", "string"}, {"enum", {"published", "unpublished"}}}},
        {"version", {{"type", "integer"}}},
        {"title", text},
        {"summary", text},
        {"method", text},
        {"service_area", text},
        {"kle", nullable("string")},
        {"tenant_kind", text},
        {"language", text},
        {"licence", text},
        {"figures",
         {{"type", "object"},
          {"description", "handovers and lead_time_minutes, before and after"}}},
        {"publisher", {{"type", "string"}, {"description", "the publishing municipality's name"}}},
        {"used_by",
         {{"type", "integer"}, {"description", "municipalities that started a project from it"}}},
        {"published_at", text},
        {"updated_at", text}}}};
  http::register_schema("BankListed", listed);
  json entry = listed;
  entry["properties"]["shown_version"] = {{"type", "integer"}};
  entry["properties"]["snapshot"] = {{"$ref", "#/components/schemas/BankSnapshot"}};
  entry["properties"]["versions"] = {{"type", "array"}, {"items", {{"type", "object"}}}};
  entry["properties"]["started_projects"] = {
      {"type", "array"},
      {"items", {{"$ref", "#/components/schemas/BankHeadline"}}},
      {"description", "projects started from it whose municipality agreed to be shown"}};
  entry["properties"]["preview"] = {{"type", "boolean"},
                                    {"description", "true: only `snapshot`, nothing stored"}};
  http::register_schema("BankEntry", entry);
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  const auto user = http::Access::kAuthenticated;
  kit::add_routes(
      router, db,
      {{"POST",
        "/api/v1/projects/{id}/publish",
        user,
        projects::scoped(ProjectRight::kDecide, publish),
        {"Publish the project's redesign to the workflow bank as a scrubbed copy, recorded as a "
         "steering-group decision (a new version each time); with preview, answer the copy and "
         "store nothing",
         "bank", "BankPublishInput", "BankEntry"}},
       {"GET",
        "/api/v1/projects/{id}/publish",
        user,
        projects::scoped(ProjectRight::kRead, of_project),
        {"The project's bank entry (404 when never published)", "bank", "", "BankEntry"}},
       {"DELETE",
        "/api/v1/projects/{id}/publish",
        user,
        projects::scoped(ProjectRight::kDecide, unpublish),
        {"Take the project's entry out of the bank by a steering-group decision; its versions "
         "stay, and what others copied stays theirs",
         "bank", "", "BankListed"}},
       {"GET",
        "/api/v1/bank",
        user,
        kit::with_store<BankStore>(search),
        {"Search the workflow bank across all municipalities: ?q= (da/sv/en, any inflection), "
         "?area=, ?kle= (a number or its start), ?tenant_kind=, ?effect=fewer_handovers,"
         "shorter_lead_time, ranked; ?cursor=&limit=",
         "bank", "", "BankListed", true}},
       {"GET",
        "/api/v1/bank/{entry}",
        user,
        show,
        {"A bank entry: its current version (or ?version=n), the versions and how many "
         "municipalities use it; 404 when unpublished",
         "bank", "", "BankEntry"}}});
}

}  // namespace bank

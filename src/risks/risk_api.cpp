// The risk log as JSON API: a project-scoped resource on the kit, its heat maps and exports.
#include "kit/exports.hpp"
#include "kit/resource.hpp"
#include "risks/risk_routes.hpp"
#include "risks/risk_store.hpp"
#include "web/i18n.hpp"

namespace risks {
namespace {

using http::Request;
using http::Response;
using kit::ProjectScope;
using nlohmann::json;

// POST /api/v1/risks/{id}/actions: {"mitigation": n} (0-based) or {"occurred": true}.
Response raise_action(const Risk& risk, const ProjectScope& scope, Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto index = input.optional_int("mitigation", 0, kMitigationsMax - 1);
  bool occurred = input.optional_bool("occurred").value_or(false);
  if (input.ok() && !index && !occurred)
    input.fail("mitigation", core::Message{"risk_err_action_source"});
  input.check();
  auto link = RiskStore(scope.sql(), scope.tenant_id())
                  .raise_action(&scope.who(), risk,
                                index ? std::optional<std::size_t>(*index) : std::nullopt);
  return Response::json(201, link).header(
      "Location", "/api/v1/actions/" + link["action_id"].get<std::string>());
}

core::Table export_table(const std::vector<Risk>& rows, const std::string& locale) {
  auto t = [&](const char* key) { return web::t(locale, key); };
  core::Table table = {{t("risk_title"), t("risk_owner"), t("risk_probability"),
                        t("risk_consequence"), t("risk_score"), t("risk_probability_after"),
                        t("risk_consequence_after"), t("risk_score_after"), t("risk_status"),
                        t("risk_next_review"), t("risk_mitigations"), t("risk_cause"),
                        t("risk_consequence_text"), t("risk_description"), t("risk_what_now")}};
  auto opt = [](const std::optional<long long>& v) { return v ? std::to_string(*v) : ""; };
  for (const auto& r : rows) {
    std::string mitigations;
    for (const auto& m : r.mitigations) mitigations += (mitigations.empty() ? "" : "\n") + m;
    table.push_back({r.title, r.owner_name.value_or(""), std::to_string(r.probability),
                     std::to_string(r.consequence),
                     std::to_string(score(r.probability, r.consequence)), opt(r.probability_after),
                     opt(r.consequence_after), opt(score_after(r)),
                     web::t(locale, "risk_status_" + r.status), r.next_review, mitigations, r.cause,
                     r.consequence_text, r.description, r.what_now.value_or("")});
  }
  return table;
}

void register_schemas() {
  json matrix = {{"type", "object"},
                 {"properties",
                  {{"cells",
                    {{"type", "array"},
                     {"description", "25 cells, probability 5→1, consequence 1→5"},
                     {"items",
                      {{"type", "object"},
                       {"properties",
                        {{"probability", {{"type", "integer"}}},
                         {"consequence", {{"type", "integer"}}},
                         {"score", {{"type", "integer"}}},
                         {"band", {{"enum", {"low", "medium", "high"}}}},
                         {"count", {{"type", "integer"}}}}}}}}},
                   {"total", {{"type", "integer"}}}}}};
  http::register_schema(
      "RiskMatrix",
      {{"type", "object"},
       {"properties",
        {{"before", matrix},
         {"after", matrix},
         {"bands",
          {{"type", "object"},
           {"properties",
            {{"low_max", {{"type", "integer"}}}, {"high_min", {{"type", "integer"}}}}}}}}}});
  http::register_schema(
      "RiskActionInput",
      {{"type", "object"},
       {"properties",
        {{"mitigation", {{"type", "integer"}, {"minimum", 0}, {"description", "0-based"}}},
         {"occurred", {{"type", "boolean"}, {"description", "from what happens now"}}}}}});
  http::register_schema("RiskAction", {{"type", "object"},
                                       {"properties",
                                        {{"source", {{"enum", {"mitigation", "occurred"}}}},
                                         {"text", {{"type", "string"}}},
                                         {"action_id", {{"type", "string"}}}}}});
}

}  // namespace

void add_api_routes(http::Router& router, db::Database& db) {
  register_schemas();
  kit::add_api_routes(
      router, db,
      kit::Resource<Risk, RiskStore>{
          .plural = "risks",
          .schema = "Risk",
          .noun = "risk",
          .fields = risk_fields(),
          .actions = {{.name = "actions",
                       .summary = "Turn a mitigation, or what happens now that the risk "
                                  "occurred, into an action-plan row",
                       .request_schema = "RiskActionInput",
                       .response_schema = "RiskAction",
                       .run = raise_action,
                       .success_status = 201}}});
  kit::add_table_exports(
      router, db,
      {.name = "risks",
       .summary = "The risk log",
       .sheet = "risk_sheet",
       .table = [](const ProjectScope& scope, const Request& req) {
         return export_table(
             RiskStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id), req.locale);
       }});
  router.add({"GET",
              "/api/v1/projects/{id}/risk-matrix",
              http::Access::kAuthenticated,
              kit::on_project(db, kit::ProjectRight::kRead,
                              [](const ProjectScope& scope, Request&) {
                                RiskStore store(scope.sql(), scope.tenant_id());
                                return Response::json(
                                    200, matrices_json(store.of_project(scope.project().id),
                                                       store.bands()));
                              }),
              {"The project's 5×5 heat map: risks per probability and consequence, before and "
               "after mitigation (closed risks left out)",
               "risks", "", "RiskMatrix"}});
  add_overall_maps(router, db);
}

}  // namespace risks

// Benefits realisation as JSON API: a project-scoped resource declared on the kit, with the
// Revisit phase's judgement as an action and the plan as spreadsheets.
#include "benefits/benefit_api.hpp"

#include "benefits/benefit_reader.hpp"
#include "benefits/benefit_routes.hpp"
#include "benefits/benefit_store.hpp"
#include "benefits/benefit_view.hpp"
#include "http/openapi.hpp"
#include "http/ordered_list.hpp"
#include "http/paging.hpp"
#include "kit/exports.hpp"
#include "kit/resource.hpp"
#include "projects/project_input.hpp"

namespace benefits {
namespace {

using http::Request;
using http::Response;
using kit::ProjectScope;
using nlohmann::json;

json plan_json(const ProjectScope& scope, const Request& req) {
  return http::json_items(
      BenefitReader(scope.sql(), scope.tenant_id(), scope.project().id, req.who().today())
          .plan(scope.checked()));
}

json detail(const Benefit& b, const ProjectScope& scope, const Request& req) {
  return to_json(
      BenefitReader(scope.sql(), scope.tenant_id(), b.project_id, req.who().today()).complete(b));
}

Response judge(const Benefit& b, const ProjectScope& scope, Request& req) {
  auto input = core::Input::from_json_body(req.body);
  auto judgement = parse_judgement(input, req.who().today());
  long long version = http::required_version(req, input.raw());
  auto after =
      BenefitStore(scope.sql(), scope.tenant_id()).judge(&req.who(), b, judgement, version);
  return Response::json(200, detail(after, scope, req));
}

}  // namespace

Judgement parse_judgement(core::Input& input, const std::string& today) {
  Judgement j;
  j.realisation = input.required_choice("realisation", kJudgements);
  j.reason = input.required_text("reason", core::kTextMax);
  j.decided_on = input.optional_text("decided_on", 10).value_or("");
  if (j.decided_on.empty()) {
    j.decided_on = today;
  } else if (!core::is_valid_date(j.decided_on)) {
    input.fail("decided_on", core::Message{"err.date"});
  }
  j.decided_by = input.optional_text("decided_by", core::kNameMax).value_or("");
  if (j.decided_by.empty()) j.decided_by = projects::decision_body("steering_group");
  input.check();
  return j;
}

void add_api_routes(http::Router& router, db::Database& db) {
  kit::add_api_routes(
      router, db,
      kit::Resource<Benefit, BenefitStore>{
          .plural = "benefits",
          .schema = "Benefit",
          .noun = "benefit",
          .fields = benefit_fields(),
          .fresh =
              [](const ProjectScope& scope) {
                return BenefitStore(scope.sql(), scope.tenant_id())
                    .with_role_defaults({}, scope.project().id);
              },
          .list_in_order = plan_json,
          .list_summary = "The benefits realisation plan: the project's benefits by target date",
          .actions = {{.name = "judge",
                       .right = kit::ProjectRight::kDecide,
                       .summary = "Judge the benefit in the Revisit phase (realised, partly, "
                                  "not_realised, with a reason); recorded as a decision",
                       .request_schema = "BenefitJudgement",
                       .response_schema = "Benefit",
                       .run = judge}},
          .detail = detail});
  http::register_schema(
      "BenefitJudgement",
      {{"type", "object"},
       {"required", {"realisation", "reason", "version"}},
       {"properties",
        {{"realisation", {{"enum", kJudgements}}},
         {"reason", {{"type", "string"}, {"maxLength", core::kTextMax}}},
         {"decided_on", {{"type", "string"}, {"format", "date"}, {"description", "default today"}}},
         {"decided_by",
          {{"type", "string"}, {"description", "who decided; default the steering group"}}},
         {"version", {{"type", "integer"}}}}}});
  kit::add_table_exports(router, db,
                         {.name = "benefits",
                          .file = "benefits-plan",
                          .summary = "The benefits realisation plan",
                          .sheet = "benefit_sheet",
                          .date_columns = {kTargetDateColumn},
                          .table = [](const ProjectScope& scope, const Request& req) {
                            return export_table(scope, req);
                          }});
}

}  // namespace benefits

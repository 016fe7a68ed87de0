// The common indicators as a resource every tenant reads, and a KPI's benchmark.
#include "benchmarks/benchmark_routes.hpp"
#include "benchmarks/indicator_store.hpp"
#include "core/errors.hpp"
#include "http/openapi.hpp"
#include "kit/routes.hpp"
#include "kit/tenant_resource.hpp"
#include "projects/project_scope.hpp"

namespace benchmarks {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

json number_or_null(const std::optional<Quartiles>& q, double Quartiles::*member) {
  return q ? json(q.value().*member) : json();
}

void register_schemas() {
  const json number = {{"type", {"number", "null"}}};
  json period = {{"type", "object"},
                 {"properties",
                  {{"period", {{"type", "string"}}},
                   {"value", {{"type", {"number", "null"}}, {"description", "this KPI's value"}}},
                   {"shown",
                    {{"type", "boolean"},
                     {"description",
                      "false: too few others contribute, or showing would single one out; "
                      "no count is given"}}},
                   {"median", number},
                   {"lower_quartile", number},
                   {"upper_quartile", number}}}};
  http::register_schema(
      "KpiBenchmark",
      {{"type", "object"},
       {"properties",
        {{"kpi_id", {{"type", "string"}}},
         {"indicator", {{"$ref", "#/components/schemas/Indicator"}}},
         {"group", {{"enum", kGroups}}},
         {"my_group", {{"type", {"string", "null"}}}},
         {"groups", {{"type", "array"}, {"items", {{"type", "string"}}}}},
         {"min_tenants",
          {{"type", "integer"},
           {"description", "the fewest other municipalities a shown figure is made of"}}},
         {"periods", {{"type", "array"}, {"items", period}}}}}});
}

Response benchmark(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto kpi = kpis::KpiStore(*sql, req.who().tenant_id).get(req.param("id"));
  projects::ProjectScope(*sql, req, kpi.project_id).require(projects::ProjectRight::kRead);
  auto b = BenchmarkStore(*sql, req.who().tenant_id)
               .of_kpi(kpi, req.query_param("group").value_or("all"), req.who().today());
  return Response::json(200, to_json(b, kpi.id));
}

std::vector<Indicator> listed(IndicatorStore& store, const http::Page& page, const Request& req) {
  IndicatorFilter filter{req.query_param("q").value_or(""), req.query_param("source").value_or("")};
  if (!filter.source.empty() &&
      std::find(kSources.begin(), kSources.end(), filter.source) == kSources.end())
    throw core::ValidationError("source",
                                core::Message{"err.one_of", {{"values", "kolada, flis"}}});
  if (filter.q.size() > core::kNameMax)
    throw core::ValidationError(
        "q", core::Message{"err.length_between", {{"min", 0}, {"max", core::kNameMax}}});
  return store.list(page, filter);
}

}  // namespace

json to_json(const Benchmark& b, const std::string& kpi_id) {
  auto line = period_line(b.indicator);
  json periods = json::array();
  for (const auto& p : b.periods)
    periods.push_back({{"period", kpis::format_period(line, p.period)},
                       {"value", p.mine ? json(*p.mine) : json()},
                       {"shown", p.peers.has_value()},
                       {"median", number_or_null(p.peers, &Quartiles::median)},
                       {"lower_quartile", number_or_null(p.peers, &Quartiles::lower)},
                       {"upper_quartile", number_or_null(p.peers, &Quartiles::upper)}});
  return {{"kpi_id", kpi_id},  {"indicator", indicator_fields().to_json(b.indicator)},
          {"group", b.group},  {"my_group", b.my_group.empty() ? json() : json(b.my_group)},
          {"groups", kGroups}, {"min_tenants", kMinTenants},
          {"periods", periods}};
}

void check_kpi_indicator(soci::session& sql, const kpis::KpiSaved& saved) {
  const auto& kpi = saved.object;
  if (!kpi.indicator_id) return;
  auto indicator = IndicatorStore(sql, saved.tenant_id).find(*kpi.indicator_id);
  if (!indicator)
    throw core::ValidationError("indicator_id", core::Message{"benchmark_err_no_such_indicator"});
  if (auto why = misfit(*indicator, kpi)) throw core::ValidationError("indicator_id", *why);
}

void add_api_routes(http::Router& router, db::Database& db) {
  kit::add_tenant_routes(
      router, db,
      kit::TenantResource<Indicator, IndicatorStore>{
          .plural = "indicators",
          .schema = "Indicator",
          .tag = "benchmarks",
          .noun = "common indicator",
          .fields = indicator_fields(),
          .may_change =
              [](const Indicator& i, const core::AuthContext&) {
                if (!i.mine) throw core::Forbidden(core::Message{"benchmark_err_not_yours"});
              },
          .summaries = {.list = "The shared catalogue of common indicators (?q= words, "
                                "?source=kolada|flis), every municipality's",
                        .create = "Add a common indicator (administrators of any municipality; "
                                  "409 when the source's external code is taken)",
                        .remove = "Remove an indicator the caller's municipality added, while "
                                  "no KPI is compared on it (409 otherwise)"},
          .list = listed});
  register_schemas();
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/kpis/{id}/benchmark",
        http::Access::kAuthenticated,
        benchmark,
        {"The KPI against the other opted-in municipalities' KPIs on its common indicator: "
         "per period the median and quartiles of the others (?group=all|under_20k|20k_50k|"
         "50k_100k|over_100k), shown only where enough contribute; 403 unless the "
         "municipality opted in, 422 without an indicator",
         "benchmarks", "", "KpiBenchmark"}}});
}

}  // namespace benchmarks

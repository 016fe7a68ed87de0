// The project's KPIs: a page of their own and a section of the project page, one row per
// KPI with its last value, whether one is due and whether its chart shows a signal.
#include "kpis/kpi_chart.hpp"
#include "kpis/kpi_pages.hpp"
#include "kpis/kpi_store.hpp"
#include "projects/project_tabs.hpp"
#include "web/render.hpp"

namespace kpis {
namespace {

json kpi_rows(const kit::ProjectScope& scope, const Request& req) {
  json rows = json::array();
  for (const auto& [k, points, chart] : project_standings(scope)) {
    rows.push_back({{"url", kpi_url(k)},
                    {"name", k.name},
                    {"unit", k.unit},
                    {"last", k.last ? shown(req, k.last->value) : ""},
                    {"last_period", k.last ? k.last->period : ""},
                    {"due", chart.due},
                    {"signal", !chart.result.signals.empty()}});
  }
  return rows;
}

// The rows and the caller's right to add one, as both views show them.
json list_view(const kit::ProjectScope& scope, const Request& req) {
  auto view = web::base_view(req);
  view["kpis"] = kpi_rows(scope, req);
  view["has_kpis"] = !view["kpis"].empty();
  view["may_edit"] = scope.may(ProjectRight::kEdit);
  return view;
}

}  // namespace

Response list_page(soci::session& sql, const KpiHooks& /*hooks*/, const Request& req) {
  kit::ProjectScope scope(sql, req, req.param("id"));
  scope.require(ProjectRight::kRead);
  auto view = list_view(scope, req);
  view["project"] = {{"id", scope.project().id}, {"title", scope.project().title}};
  view["project_nav"] =
      projects::project_tabs(req.locale, scope.project().id, scope.project().title, "kpis");
  return web::page(req, "kpis/list", view, {"kpi_list_title", "projects", 200});
}

projects::NextStepSource next_steps() {
  return [](const kit::ProjectScope& scope) {
    std::vector<projects::NextStep> steps;
    const std::string& id = scope.project().id;
    for (const auto& k : KpiStore(scope.sql(), scope.tenant_id()).without_baseline(id)) {
      steps.push_back({core::Message{"next.kpi_without_baseline", {{"kpi", k.name}}},
                       "/projects/" + id + "/kpis/" + k.id + "/edit", "next.kpi_link"});
    }
    return steps;
  };
}

projects::PageSection project_page_section() {
  return [](const kit::ProjectScope& scope, const Request& req) {
    auto view = list_view(scope, req);
    view["project_id"] = scope.project().id;
    return web::render_template("kpis/project_section", view);
  };
}

}  // namespace kpis

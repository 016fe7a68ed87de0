// The heat map across projects: the tenant's portfolio and a programme's attached projects
// (which may belong to member tenants of an umbrella: only counts per cell cross, never a
// risk's title or text). As JSON and as a page linked from the portfolio and the programme.
#include "kit/pages.hpp"
#include "kit/routes.hpp"
#include "programmes/programme_store.hpp"
#include "risks/risk_routes.hpp"
#include "risks/risk_store.hpp"
#include "risks/risk_view.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace risks {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

struct Scope {
  std::string title;  // the programme's or the tenant's name
  std::string back;   // the page the map belongs to
  std::vector<Risk> risks;
  Bands bands;
};

// Every risk of the attached projects, read in each project's own tenant.
std::vector<Risk> risks_of(soci::session& sql,
                           const std::vector<programmes::AttachedProject>& attached) {
  std::vector<Risk> out;
  for (const auto& a : attached)
    for (auto& r : RiskStore(sql, a.tenant_id).of_project(a.project_id))
      out.push_back(std::move(r));
  return out;
}

// Programme `{id}`'s projects; NotFound when the caller's tenant does not see the programme.
Scope programme_scope(soci::session& sql, const Request& req) {
  programmes::ProgrammeStore store(sql, req.who().tenant_id);
  auto programme = store.get(req.param("id"));
  return {programme.title, "/programmes/" + programme.id, risks_of(sql, store.projects(programme)),
          RiskStore(sql, req.who().tenant_id).bands()};
}

Scope portfolio_scope(soci::session& sql, const Request& req) {
  RiskStore store(sql, req.who().tenant_id);
  return {req.who().tenant_name, "/portfolio", store.of_tenant(), store.bands()};
}

using ScopeOf = Scope (*)(soci::session&, const Request&);

kit::Handle matrix_json(ScopeOf scope_of) {
  return [scope_of](db::Database& db, const Request& req) {
    auto sql = db.lease();
    auto s = scope_of(*sql, req);
    return Response::json(200, matrices_json(s.risks, s.bands));
  };
}

// Both maps side by side: before and after mitigation; no cell links (the risks behind a
// count may be another tenant's).
kit::Handle map_page(ScopeOf scope_of, const char* heading) {
  return [scope_of, heading](db::Database& db, const Request& req) {
    auto sql = db.lease();
    auto s = scope_of(*sql, req);
    auto view = web::base_view(req);
    view["name"] = s.title;
    view["heading"] = web::t(req.locale, heading);
    view["back"] = s.back;
    view["before"] = heat_map_html(s.risks, s.bands, {req.locale, "", false});
    view["after"] = heat_map_html(s.risks, s.bands, {req.locale, "", true});
    return web::page(req, "risks/overall_map", view, {"risk_map_title", "portfolio"});
  };
}

// The section on a page that lists the projects: both maps and the way to the map's page.
std::string section(const Request& req, const std::vector<Risk>& risks, const Bands& bands,
                    const std::string& more) {
  json v = {{"lang", req.locale}, {"more", more}};
  v["before"] = heat_map_html(risks, bands, {req.locale, "", false});
  v["after"] = heat_map_html(risks, bands, {req.locale, "", true});
  return web::render_template("risks/overall_section", v);
}

}  // namespace

programmes::PageSections overall_map_sections() {
  return {[](soci::session& sql, const Request& req,
             const std::vector<programmes::AttachedProject>& attached) {
            return section(req, risks_of(sql, attached),
                           RiskStore(sql, req.who().tenant_id).bands(),
                           "/programmes/" + req.param("id") + "/risks");
          },
          [](soci::session& sql, const Request& req) {
            RiskStore store(sql, req.who().tenant_id);
            return section(req, store.of_tenant(), store.bands(), "/portfolio/risks");
          }};
}

void add_overall_maps(http::Router& router, db::Database& db) {
  const auto user = http::Access::kAuthenticated;
  kit::add_routes(
      router, db,
      {{"GET",
        "/api/v1/portfolio/risk-matrix",
        user,
        matrix_json(portfolio_scope),
        {"The heat map of every project of the tenant", "risks", "", "RiskMatrix"}},
       {"GET",
        "/api/v1/programmes/{id}/risk-matrix",
        user,
        matrix_json(programme_scope),
        {"The heat map of the projects attached to a programme (for everyone who sees the "
         "programme; counts only)",
         "risks", "", "RiskMatrix"}}});
  kit::add_page_routes(
      router, db,
      {{"GET", "/portfolio/risks", map_page(portfolio_scope, "risk_portfolio_map"),
        "The heat map of every project of the tenant"},
       {"GET", "/programmes/{id}/risks", map_page(programme_scope, "risk_programme_map"),
        "The heat map of a programme's projects"}});
}

}  // namespace risks

// The workflow bank's pages for every logged-in user: /bank (search with filters, results
// with their figures), /bank/{entry} (one version with its figures, KPIs, tasks, lessons,
// versions and who published it) and the maps of a version as BPMN files.
#include "bank/bank_input.hpp"
#include "bank/bank_routes.hpp"
#include "bank/bank_store.hpp"
#include "bank/bank_views.hpp"
#include "bank/start_section.hpp"
#include "core/errors.hpp"
#include "kit/pages.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace bank {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

std::string query_of(const SearchFilters& f) {
  std::string q = "q=" + http::url_encode(f.text);
  if (f.area) q += "&area=" + *f.area;
  if (f.kle) q += "&kle=" + *f.kle;
  if (f.tenant_kind) q += "&tenant_kind=" + *f.tenant_kind;
  if (!f.effects.empty()) q += "&effect=" + f.effects.front();
  return q;
}

Response search_page(db::Database& db, const Request& req) {
  auto f = parse_search(req);
  auto view = web::base_view(req);
  auto sql = db.lease();
  auto rows = BankStore(*sql, req.who().tenant_id).search(f);
  bool more = rows.size() > static_cast<std::size_t>(f.limit);
  if (more) rows.resize(static_cast<std::size_t>(f.limit));
  json results = json::array();
  for (const auto& r : rows) results.push_back(listed_view(req, r));
  view["results"] = results;
  view["has_results"] = !results.empty();
  view["searched"] = !f.text.empty() || f.area || f.kle || f.tenant_kind || !f.effects.empty();
  view["count"] = results.size();
  if (more)
    view["next_url"] = "/bank?" + query_of(f) + "&cursor=" + std::to_string(f.offset + rows.size());
  view["q"] = f.text;
  view["kle"] = f.kle.value_or("");
  view["areas"] = area_choices(req, f.area.value_or(""));
  web::Choices kinds = {{"municipality", web::t(req.locale, "bank_kind_municipality")},
                        {"umbrella", web::t(req.locale, "bank_kind_umbrella")}};
  view["kinds"] = web::select_options(kinds, f.tenant_kind.value_or(""));
  web::Choices effects;
  for (const auto& e : kEffects) effects.emplace_back(e, web::t(req.locale, "bank_effect_" + e));
  view["effects"] = web::select_options(effects, f.effects.empty() ? "" : f.effects.front());
  return web::page(req, "bank/search", view, {"bank_title", "bank"});
}

Response entry_page(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto shown = BankStore(*sql, req.who().tenant_id).get(req.param("entry"), parse_version(req));
  auto view = web::base_view(req);
  view["entry"] = entry_view(req, shown.entry);
  view["listed"] = listed_view(req, shown.listed);
  view["entry_html"] = web::render_template("bank/entry_body", view);
  view["shown_version"] = shown.number;
  view["is_current"] = shown.number == shown.listed.current_version;
  json versions = json::array();
  for (const auto& v : shown.versions)
    versions.push_back({{"number", v.number},
                        {"published", v.published_at.substr(0, 10)},
                        {"current", v.number == shown.number}});
  view["versions"] = versions;
  view["maps_query"] = "?version=" + std::to_string(shown.number);
  view["start_section"] =
      start_section_html(*sql, req, shown.listed.id, shown.listed.status == "published");
  return web::page(req, "bank/entry", view, {"bank_entry_title", "bank"});
}

Response map_file(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto shown = BankStore(*sql, req.who().tenant_id).get(req.param("entry"), parse_version(req));
  const std::string kind = req.param("kind");
  const auto& xml = kind == "as-is"      ? shown.entry.as_is_bpmn
                    : kind == "redesign" ? shown.entry.redesign_bpmn
                                         : std::nullopt;
  if (!xml) throw core::NotFound("map");
  return Response::attachment("application/xml", *xml,
                              kind + "-v" + std::to_string(shown.number) + ".bpmn");
}

}  // namespace

void add_pages(http::Router& router, db::Database& db) {
  add_publish_pages(router, db);
  kit::add_page_routes(
      router, db,
      {{"GET", "/bank", search_page, "Search the workflow bank"},
       {"GET", "/bank/{entry}", entry_page, "A workflow bank entry"},
       {"GET", "/bank/{entry}/maps/{kind}.bpmn", map_file, "An entry's map as a BPMN file"}});
}

}  // namespace bank

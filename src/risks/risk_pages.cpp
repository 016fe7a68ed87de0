// The risk log's pages: the log with its heat map and the form to add, and the overview's
// "top risks" section. One risk's page is in risk_page.cpp.
#include <algorithm>

#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/scope.hpp"
#include "risks/risk_form.hpp"
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
using projects::ProjectRight;

constexpr std::size_t kTopRisks = 5;
const std::vector<std::string> kSorts = {"score", "review", "title"};

// ?p=&c= (1–5 each) names a cell of the heat map; anything else shows every risk.
int scale_param(const Request& req, const char* name) {
  auto v = req.query_param(name);
  if (!v || v->size() != 1 || (*v)[0] < '1' || (*v)[0] > '5') return 0;
  return (*v)[0] - '0';
}

// The score a view ranks by: after mitigation when asked for and given.
long long shown_score(const Risk& r, bool after) {
  auto a = score_after(r);
  return after && a ? *a : score(r.probability, r.consequence);
}

bool in_cell(const Risk& r, bool after, int p, int c) {
  bool use_after = after && score_after(r).has_value();
  return r.status != "closed" && (use_after ? *r.probability_after : r.probability) == p &&
         (use_after ? *r.consequence_after : r.consequence) == c;
}

void sort_risks(std::vector<Risk>& rows, const std::string& sort, bool after) {
  std::stable_sort(rows.begin(), rows.end(), [&](const Risk& a, const Risk& b) {
    if (sort == "title") return a.title < b.title;
    if (sort == "review") {
      if (a.next_review.empty() != b.next_review.empty()) return b.next_review.empty();
      return a.next_review < b.next_review;
    }
    return shown_score(a, after) > shown_score(b, after);
  });
}

json sort_links(const Request& req, const std::string& base, const std::string& current) {
  json out = json::array();
  for (const auto& s : kSorts)
    out.push_back({{"href", base + "sort=" + s + "#risk-log"},
                   {"label", web::t(req.locale, "risk_sort_" + s)},
                   {"current", s == current}});
  return out;
}

// The log filtered to a cell (?p=&c=), sorted (?sort=), with the heat map above it.
void log_view(json& view, const Request& req, const std::vector<Risk>& risks, const Bands& bands,
              const std::string& project_id) {
  bool after = req.query_param("view").value_or("") == "after";
  int p = scale_param(req, "p"), c = scale_param(req, "c");
  auto sort = req.query_param("sort").value_or("score");
  if (std::find(kSorts.begin(), kSorts.end(), sort) == kSorts.end()) sort = "score";
  const std::string base = "/projects/" + project_id + "/risks?";
  const std::string view_q = "view=" + std::string(after ? "after" : "before") + "&";
  std::vector<Risk> shown;
  for (const auto& r : risks)
    if (p == 0 || c == 0 || in_cell(r, after, p, c)) shown.push_back(r);
  sort_risks(shown, sort, after);
  json rows = json::array();
  for (const auto& r : shown) rows.push_back(risk_row(r, req.locale));
  view["rows"] = rows;
  view["has_rows"] = !rows.empty();
  view["heat_map"] = heat_map_html(risks, bands, {req.locale, base, after, p, c});
  view["view_switch"] = view_switch(req.locale, base, after);
  view["sort_links"] = sort_links(
      req,
      base + view_q + (p && c ? "p=" + std::to_string(p) + "&c=" + std::to_string(c) + "&" : ""),
      sort);
  view["filtered"] = p != 0 && c != 0;
  view["filter_p"] = p;
  view["filter_c"] = c;
  view["clear_filter"] = base + view_q.substr(0, view_q.size() - 1) + "#risk-log";
}

Response log_page(db::Database& db, const Request& req, const json& form, const json& errors,
                  int status) {
  auto sql = db.lease();
  kit::ProjectScope scope(*sql, req, req.param("id"));
  auto view = kit::project_view(req, scope, "risks");
  RiskStore store(*sql, scope.tenant_id());
  log_view(view, req, store.of_project(scope.checked()), store.bands(), scope.project().id);
  view["may_edit"] = scope.may(ProjectRight::kEdit);
  view["errors"] = errors;
  view["form_fields"] =
      form_fields_html(scope, req, form.is_null() ? new_form() : form, errors, false);
  view["saved"] = req.query_param("saved").has_value();
  return web::page(req, "risks/log", view, {"risk_log_title", "projects", status});
}

Response save_risk(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = typed_form(form);
  return kit::project_form_post(
      db, req, ProjectRight::kEdit,
      [&](const kit::ProjectScope& scope) {
        auto input = core::Input::from_form(form);
        auto r = risk_fields().parse_new(input);
        auto stored =
            RiskStore(scope.sql(), scope.tenant_id()).create(&req.who(), scope.project().id, r);
        return Response::redirect("/projects/" + stored.project_id + "/risks/" + stored.id +
                                  "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return log_page(db, req, typed, refused.errors, refused.status);
      });
}

// The card's rows: open risks, ranked by their score after mitigation by the store.
json top_rows(const std::vector<Risk>& top, const std::string& locale) {
  json rows = json::array();
  for (const auto& r : top) {
    json row = risk_row(r, locale);
    auto s = shown_score(r, true);
    row["shown_score"] = s;
    row["shown_band"] = band(s, r.bands);
    row["shown_band_label"] = web::t(locale, "risk_band_" + band(s, r.bands));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    auto card = RiskStore(scope.sql(), scope.tenant_id()).card(scope.checked(), kTopRisks);
    view["top"] = top_rows(card.top, req.locale);
    view["has_top"] = !view["top"].empty();
    view["overdue"] = card.overdue;
    return web::render_template("risks/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  std::vector<kit::PageRoute> routes = {
      {"GET", "/projects/{id}/risks",
       [](db::Database& db, const Request& req) {
         return log_page(db, req, nullptr, json::object(), 200);
       },
       "The project's risk log and heat map"},
      {"POST", "/projects/{id}/risks", save_risk, "Record a risk from the form"}};
  for (auto& r : risk_page_routes()) routes.push_back(std::move(r));
  kit::add_page_routes(router, db, std::move(routes));
}

}  // namespace risks

// The stakeholder analysis page: the influence × interest grid, the internal and external
// lists, the suggested groups and the add form; one stakeholder's page; the overview's card.
#include <algorithm>

#include "core/input.hpp"
#include "kit/scope.hpp"
#include "kit/tool_pages.hpp"
#include "stakeholders/stakeholder_form.hpp"
#include "stakeholders/stakeholder_routes.hpp"
#include "stakeholders/stakeholder_store.hpp"
#include "stakeholders/stakeholder_view.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace stakeholders {
namespace {

using http::Request;
using http::Response;
using kit::ProjectScope;
using nlohmann::json;
// Every change on these pages needs the right to edit the project.
constexpr auto kEdit = kit::ProjectRight::kEdit;

constexpr std::size_t kSectionContacts = 3;

std::string analysis_url(const std::string& project_id) {
  return kit::tool_url(project_id, "stakeholders");
}

std::vector<Stakeholder> read_all(const ProjectScope& scope, const Request& req) {
  return kit::with_today(
      StakeholderStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id), req);
}

// The internal and the external stakeholders, each a table of their own.
json sides_view(const std::vector<Stakeholder>& all, const std::string& locale) {
  json sides = json::array();
  for (const char* key : {"internal", "external"}) {
    json rows = json::array();
    for (const auto& s : all)
      if (side(s) == key) rows.push_back(row_view(s, locale));
    sides.push_back({{"key", key},
                     {"heading", web::t(locale, std::string("stakeholder_side_") + key)},
                     {"has_rows", !rows.empty()},
                     {"rows", std::move(rows)}});
  }
  return sides;
}

// The groups not yet present, as checkboxes under internal and external.
json suggestion_sides(const json& suggestions, const std::string& locale) {
  json out = json::array();
  for (const char* key : {"internal", "external"}) {
    json groups = json::array();
    for (const auto& s : suggestions)
      if (s["side"] == key) groups.push_back(s);
    if (!groups.empty())
      out.push_back({{"heading", web::t(locale, std::string("stakeholder_side_") + key)},
                     {"groups", std::move(groups)}});
  }
  return out;
}

// The analysis; `suggest_error` says why ticked groups were not added.
Response analysis_view(soci::session& sql, const Request& req, const ProjectScope& scope,
                       const kit::Shown& shown, const std::string& suggest_error = "") {
  auto view = kit::project_view(req, scope, "stakeholders");
  auto all = read_all(scope, req);
  view["grid_columns"] = json::array({1, 2, 3, 4, 5});
  view["grid"] = grid_view(all, req.locale);
  view["quadrants"] = quadrants_view(all, req.locale);
  view["sides"] = sides_view(all, req.locale);
  auto suggestions = suggestions_json(all, req.locale);
  view["has_suggestions"] = !suggestions.empty();
  view["suggestion_sides"] = suggestion_sides(suggestions, req.locale);
  if (!suggest_error.empty()) view["suggest_error"] = suggest_error;
  if (auto added = req.query_param("added")) view["added"] = *added;
  if (kit::add_form_state(view, req, scope, shown))
    add_form(view, sql, req, shown.form.is_null() ? blank_form() : shown.form, shown.errors,
             analysis_url(scope.project().id), nullptr);
  return web::page(req, "stakeholders/analysis", view,
                   {"stakeholder_title", "projects", shown.status});
}

// One stakeholder's page; after a refused save, what was typed and (on 409) what is stored.
Response item_view(soci::session& sql, const Request& req, Stakeholder& s,
                   const ProjectScope& scope, const kit::Shown& shown) {
  auto view =
      kit::object_view(req, scope, "stakeholders", "stakeholder", row_view(s, req.locale), shown);
  if (view["may_edit"].get<bool>()) {
    if (view.contains("conflict"))
      view["conflict"]["group_label"] =
          group_label(req.locale, view["conflict"].value("group", ""));
    add_form(view, sql, req, shown.form.is_null() ? form_of(s) : shown.form, shown.errors,
             view["stakeholder"]["url"], &s);
  }
  return web::page(req, "stakeholders/stakeholder", view,
                   {"stakeholder_page_title", "projects", shown.status});
}

const kit::ToolPages<Stakeholder, StakeholderStore>& pages() {
  static const kit::ToolPages<Stakeholder, StakeholderStore> kPages{
      .path = "stakeholders",
      .param = "stakeholder",
      .noun = "stakeholder",
      .fields = stakeholder_fields,
      .typed = typed_form,
      .list_view = [](soci::session& sql, const Request& req, const ProjectScope& scope,
                      const kit::Shown& shown) { return analysis_view(sql, req, scope, shown); },
      .object_view = item_view};
  return kPages;
}

// The ticked groups of the suggested starting list, each a stakeholder named as its group.
Response add_suggested(db::Database& db, const Request& req) {
  auto form = req.form();
  std::vector<Stakeholder> ticked;
  for (const auto& g : groups())
    if (g != kOtherGroup && form.count("group_" + g))
      ticked.push_back(from_suggestion(g, req.locale));
  return kit::project_form_post(
      db, req, kEdit,
      [&](const ProjectScope& scope) {
        if (ticked.empty())
          throw core::ValidationError("group", core::Message{"stakeholder_err_none_ticked"});
        StakeholderStore(scope.sql(), scope.tenant_id())
            .create_all(&req.who(), scope.project().id, ticked);
        return Response::redirect(analysis_url(scope.project().id) +
                                  "?added=" + std::to_string(ticked.size()));
      },
      [&](const kit::FormRefusal& refused) {
        // Nothing ticked is said beside the checkboxes; a refusal of the right at the top.
        if (refused.status != 422)
          return pages().list(db, req, {nullptr, refused.errors, refused.status});
        auto sql = db.lease();
        ProjectScope scope(*sql, req, req.param("id"));
        return analysis_view(*sql, req, scope, {nullptr, json::object(), 422},
                             refused.errors.value("group", ""));
      });
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    auto card =
        StakeholderStore(scope.sql(), scope.tenant_id()).card(scope.project().id, kSectionContacts);
    std::map<std::string, long long> in_quadrant;
    for (const auto& [point, n] : card.counts)
      in_quadrant[quadrant(point.first, point.second)] += n;
    view["has_stakeholders"] = !card.counts.empty();
    view["quadrants"] = quadrant_counts(in_quadrant, req.locale);
    json contacts = json::array();
    for (auto& s : card.next_contacts) {
      s.today = req.who().today();
      contacts.push_back(row_view(s, req.locale));
    }
    view["has_contacts"] = !contacts.empty();
    view["contacts"] = std::move(contacts);
    return web::render_template("stakeholders/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  auto routes = pages().routes("The project's stakeholder analysis");
  routes.push_back({"POST", "/projects/{id}/stakeholders/suggested", add_suggested,
                    "Add the ticked groups of the suggested starting list"});
  kit::add_page_routes(router, db, std::move(routes));
}

}  // namespace stakeholders

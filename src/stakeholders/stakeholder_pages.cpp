// The stakeholder analysis page: the influence × interest grid, the internal and external
// lists, the suggested groups and the add form; one stakeholder's page; the overview's card.
#include <algorithm>

#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/resource.hpp"
#include "kit/scope.hpp"
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
  return "/projects/" + project_id + "/stakeholders";
}

std::vector<Stakeholder> read_all(const ProjectScope& scope, const Request& req) {
  auto all = StakeholderStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id);
  for (auto& s : all) s.today = req.who().today();
  return all;
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

struct Shown {
  json form;  // null: a blank form
  json errors = json::object();
  int status = 200;
  std::string suggest_error;
};

Response analysis_page(db::Database& db, const Request& req, Shown shown) {
  auto sql = db.lease();
  ProjectScope scope(*sql, req, req.param("id"));
  auto view = kit::project_view(req, scope, "stakeholders");
  auto all = read_all(scope, req);
  view["grid_columns"] = json::array({1, 2, 3, 4, 5});
  view["grid"] = grid_view(all, req.locale);
  view["quadrants"] = quadrants_view(all, req.locale);
  view["sides"] = sides_view(all, req.locale);
  auto suggestions = suggestions_json(all, req.locale);
  view["has_suggestions"] = !suggestions.empty();
  view["suggestion_sides"] = suggestion_sides(suggestions, req.locale);
  if (!shown.suggest_error.empty()) view["suggest_error"] = shown.suggest_error;
  view["saved"] = req.query_param("saved").has_value();
  if (auto added = req.query_param("added")) view["added"] = *added;
  view["may_edit"] = scope.may(kEdit);
  if (scope.may(kEdit))
    add_form(view, *sql, req, shown.form.is_null() ? blank_form() : shown.form, shown.errors,
             analysis_url(scope.project().id), nullptr);
  else if (shown.errors.contains("_form"))
    view["refused"] = shown.errors["_form"];  // a 403: the form is not shown to say it on
  return web::page(req, "stakeholders/analysis", view,
                   {"stakeholder_title", "projects", shown.status});
}

Response save_new(db::Database& db, const Request& req) {
  auto form = req.form();
  return kit::project_form_post(
      db, req, kEdit,
      [&](const ProjectScope& scope) {
        auto input = core::Input::from_form(form);
        auto s = stakeholder_fields().parse_new(input);
        StakeholderStore(scope.sql(), scope.tenant_id()).create(&req.who(), scope.project().id, s);
        return Response::redirect(analysis_url(scope.project().id) + "?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return analysis_page(db, req, {typed_form(form), refused.errors, refused.status});
      });
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
          return analysis_page(db, req, {nullptr, refused.errors, refused.status});
        return analysis_page(db, req,
                             {nullptr, json::object(), 422, refused.errors.value("group", "")});
      });
}

// The stakeholder of the address, with the caller's scope in its project.
std::pair<Stakeholder, ProjectScope> load_item(soci::session& sql, const Request& req) {
  return kit::load_in_project<Stakeholder, StakeholderStore>(
      sql, req, "stakeholder", "no stakeholder with id " + req.param("stakeholder"));
}

// One stakeholder's page; after a refused save, what was typed and (on 409) what is stored.
Response item_page(soci::session& sql, const Request& req, json form, const json& errors,
                   const json& conflict, int status) {
  auto [s, scope] = load_item(sql, req);
  s.today = req.who().today();
  auto view = kit::project_view(req, scope, "stakeholders");
  auto row = row_view(s, req.locale);
  view["delete_url"] = row["url"].get<std::string>() + "/delete";
  view["stakeholder"] = std::move(row);
  view["may_edit"] = scope.may(kEdit);
  if (!conflict.is_null()) view["conflict"] = conflict;
  if (scope.may(kEdit))
    add_form(view, sql, req, form.is_null() ? form_of(s) : form, errors, view["stakeholder"]["url"],
             &s);
  return web::page(req, "stakeholders/stakeholder", view,
                   {"stakeholder_page_title", "projects", status});
}

Response show_item(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return item_page(*sql, req, nullptr, json::object(), nullptr, 200);
}

Response save_item(db::Database& db, const Request& req) {
  auto form = req.form();
  return kit::form_update<StakeholderStore>(
      db, req, stakeholder_fields(), json(form), load_item,
      [](const Stakeholder& s) { return analysis_url(s.project_id) + "?saved=1"; },
      [&](soci::session& sql, const kit::FormRefusal& refused) {
        json typed = typed_form(form);
        kit::keep_version(typed, refused);
        json conflict = refused.current;
        if (!conflict.is_null())
          conflict["group_label"] = group_label(req.locale, conflict.value("group", ""));
        return item_page(sql, req, typed, refused.errors, conflict, refused.status);
      });
}

Response delete_item(db::Database& db, const Request& req) {
  auto s = kit::remove_in_project<Stakeholder, StakeholderStore>(
      db, req, "stakeholder", "no stakeholder with id " + req.param("stakeholder"));
  return Response::redirect(analysis_url(s.project_id) + "?saved=1");
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
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/stakeholders",
        [](db::Database& db, const Request& req) { return analysis_page(db, req, {}); },
        "The project's stakeholder analysis"},
       {"POST", "/projects/{id}/stakeholders", save_new, "Add a stakeholder from the form"},
       {"POST", "/projects/{id}/stakeholders/suggested", add_suggested,
        "Add the ticked groups of the suggested starting list"},
       {"GET", "/projects/{id}/stakeholders/{stakeholder}", show_item, "One stakeholder"},
       {"POST", "/projects/{id}/stakeholders/{stakeholder}", save_item, "Change a stakeholder"},
       {"POST", "/projects/{id}/stakeholders/{stakeholder}/delete", delete_item,
        "Remove a stakeholder"}});
}

}  // namespace stakeholders

// The budget's pages: a package's budget editor (lines per year, financing), the project's
// budget vs actual with the burn chart and the funder's view, the actuals ledger with its
// form and its import (a preview first, then all rows or none).
#include "work_packages/budget_pages.hpp"

#include <algorithm>

#include "core/imports.hpp"
#include "core/money.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/resource.hpp"
#include "kpis/kpi_import.hpp"
#include "kpis/kpi_routes.hpp"
#include "org/people_choices.hpp"
#include "projects/coverage.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"
#include "work_packages/actual_store.hpp"
#include "work_packages/budget_api.hpp"
#include "work_packages/budget_store.hpp"
#include "work_packages/budget_view.hpp"
#include "work_packages/rate_card.hpp"
#include "work_packages/work_package_store.hpp"

namespace work_packages {
namespace {

using http::Request;
using http::Response;
using kit::ProjectScope;
using nlohmann::json;
constexpr auto kEdit = kit::ProjectRight::kEdit;

std::string budget_url(const std::string& project_id) {
  return "/projects/" + project_id + "/budget";
}

// The API body back as the editor's typed rows (so the rows' numbers match its errors).
json typed_rows(const json& body) {
  json typed = json::object();
  auto text = [](const json& v) {
    return v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
  };
  for (std::size_t i = 0; i < body["lines"].size(); ++i)
    for (const auto& [k, v] : body["lines"][i].items())
      typed["l" + std::to_string(i) + "_" + k] = text(v);
  for (std::size_t i = 0; i < body["financing"].size(); ++i)
    for (const auto& [k, v] : body["financing"][i].items())
      typed["f" + std::to_string(i) + "_" + k] = text(v);
  typed["line_count"] = body["lines"].size();
  typed["financing_count"] = body["financing"].size();
  return typed;
}

// Each row's errors beside it; the rest above the editor.
void place_errors(json& form, const json& errors) {
  for (const auto& [field, message] : errors.items()) {
    bool placed = false;
    for (const char* list : {"lines", "financing"}) {
      for (auto& row : form[list]) {
        const std::string at = std::string(list) + "[" + std::to_string(row["i"].get<int>()) + "]";
        if (field == at || field.rfind(at + ".", 0) == 0) {
          row["error"] = message;
          placed = true;
        }
      }
    }
    if (!placed) form["general_errors"].push_back(message);
  }
}

Response save_budget(db::Database& db, const Request& req) {
  auto posted = req.form();
  json body = budget_body(posted);
  return kit::form_post_on(
      db, req,
      [&](soci::session& sql) {
        return kit::load_in_project<WorkPackage, WorkPackageStore>(
                   sql, req, "wp", "no work package with id " + req.param("wp"))
            .first;
      },
      [&](soci::session& sql, const WorkPackage& wp) {
        ProjectScope scope(sql, req, wp.project_id);
        scope.require(kEdit);
        core::Input input(body);
        auto budget = parse_budget(input);
        std::optional<long long> expected;
        if (body.contains("version")) expected = body["version"].get<long long>();
        BudgetStore(sql, scope.tenant_id()).put(&req.who(), wp, budget, expected);
        return Response::redirect("/projects/" + wp.project_id + "/work-packages/" + wp.id +
                                  "?saved=1#budget");
      },
      [&](soci::session& sql, const kit::FormRefusal& refused) {
        return package_page(sql, req, typed_rows(body), refused.errors, refused.status);
      });
}

json blank_actual(const Request& req) {
  return {{"date", req.who().today()},
          {"work_package_id", ""},
          {"kind", "personnel"},
          {"amount", ""},
          {"hours", ""},
          {"note", ""}};
}

// The form of one actual with the project's packages and the kinds to choose from.
void add_actual_form(json& view, const Summary& s, const json& form, const std::string& locale) {
  json packages = json::array();
  for (const auto& p : s.packages)
    packages.push_back({{"value", p.id},
                        {"label", p.title},
                        {"selected", form.value("work_package_id", "") == p.id}});
  json kinds = json::array();
  for (const auto& k : kActualKinds)
    kinds.push_back({{"value", k},
                     {"label", web::t(locale, "wp_kind_" + k)},
                     {"selected", form.value("kind", "") == k}});
  view["form"] = form;
  view["package_options"] = packages;
  view["kind_options"] = kinds;
}

// The tenant's rate card: every rate with its role or person, and (for administrators) the
// form that adds one.
void add_rate_card(json& view, soci::session& sql, const Request& req) {
  std::map<std::string, std::string> people;
  for (const auto& [id, name] : org::active_people(sql, req.who().tenant_id, 500))
    people[id] = name;
  json rates = json::array();
  for (const auto& r : RateCardStore(sql, req.who().tenant_id).all())
    rates.push_back({{"who", r.role                       ? web::t(req.locale, "role." + *r.role)
                             : people.count(*r.person_id) ? people[*r.person_id]
                                                          : *r.person_id},
                     {"rate", money_text(req.locale, r.rate)}});
  json roles = json::array();
  for (const auto& r : projects::kRoles)
    roles.push_back({{"value", r}, {"label", web::t(req.locale, "role." + r)}});
  view["rates"] = rates;
  view["has_rates"] = !rates.empty();
  view["rate_roles"] = roles;
  view["may_set_rates"] = req.who().is_admin();
}

struct Shown {
  json form;
  json errors = json::object();
  int status = 200;
  json preview;  // the import's rows checked, before they are stored
};

Response budget_page(db::Database& db, const Request& req, Shown shown) {
  auto sql = db.lease();
  ProjectScope scope(*sql, req, req.param("id"));
  auto view = kit::project_view(req, scope, "work_packages");
  auto s = summary_of(scope);
  view["summary"] = summary_view(s, req.locale);
  view["burn"] = burn_view(s, req.locale);
  auto actuals = ActualStore(*sql, scope.tenant_id()).of_project(scope.project().id);
  view["actuals"] = actuals_view(actuals, s, req.locale);
  view["has_actuals"] = !actuals.empty();
  view["saved"] = req.query_param("saved").has_value();
  if (auto n = req.query_param("imported")) view["imported"] = *n;
  view["may_edit"] = scope.may(kEdit);
  add_rate_card(view, *sql, req);
  add_actual_form(view, s, shown.form.is_null() ? blank_actual(req) : shown.form, req.locale);
  view["errors"] = shown.errors;
  if (!shown.preview.is_null()) view["preview"] = shown.preview;
  if (!scope.may(kEdit) && shown.errors.contains("_form")) view["refused"] = shown.errors["_form"];
  return web::page(req, "work_packages/budget", view,
                   {"wp_budget_title", "projects", shown.status});
}

Response save_actual(db::Database& db, const Request& req) {
  auto posted = req.form();
  json typed =
      kit::typed_fields(posted, {"date", "work_package_id", "kind", "amount", "hours", "note"});
  return kit::project_form_post(
      db, req, kEdit,
      [&](const ProjectScope& scope) {
        auto input = core::Input::from_form(posted);
        auto a = actual_fields().parse_new(input);
        ActualStore(scope.sql(), scope.tenant_id()).create(&req.who(), scope.project().id, a);
        return Response::redirect(budget_url(scope.project().id) + "?saved=1#actuals");
      },
      [&](const kit::FormRefusal& refused) {
        return budget_page(db, req, {typed, refused.errors, refused.status, nullptr});
      });
}

// The file's text for a form field: a spreadsheet's byte order mark does not belong in it.
std::string without_bom(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  return text;
}

// An administrator adds a rate to the tenant's card from the budget page.
Response save_rate(db::Database& db, const Request& req) {
  auto posted = req.form();
  return kit::project_form_post(
      db, req, kit::ProjectRight::kRead,
      [&](const ProjectScope& scope) {
        if (!req.who().is_admin()) throw core::Forbidden(core::Message{"wp_err_rates_admin"});
        auto input = core::Input::from_form(posted);
        auto rate = hourly_rate_fields().parse_new(input);
        RateCardStore(scope.sql(), scope.tenant_id()).create(&req.who(), rate);
        return Response::redirect(budget_url(scope.project().id) + "?saved=1#rates");
      },
      [&](const kit::FormRefusal& refused) {
        return budget_page(db, req,
                           {nullptr, {{"rates", refused.errors}}, refused.status, nullptr});
      });
}

// The checked rows as the preview shows them, and as the CSV its confirmation posts back.
json preview_view(const std::vector<ImportRow>& rows, const Summary& s, const std::string& locale) {
  std::map<std::string, std::string> titles;
  for (const auto& p : s.packages) titles[p.id] = p.title;
  json items = json::array();
  core::Table table = {kImportColumns};
  int errors = 0;
  for (const auto& r : rows) {
    json problems = json::array();
    for (const auto& [column, message] : r.errors)
      problems.push_back(column + ": " + web::translate_message(locale, message));
    errors += r.action == "error" ? 1 : 0;
    items.push_back({{"row", r.row},
                     {"date", r.actual.date},
                     {"package", titles[r.actual.work_package_id]},
                     {"amount", r.actual.amount ? money_text(locale, *r.actual.amount) : ""},
                     {"error", r.action == "error"},
                     {"problems", problems}});
    table.push_back({r.actual.date, r.actual.work_package_id, r.actual.kind,
                     r.actual.amount ? core::format_fixed(*r.actual.amount) : "",
                     r.actual.hours ? core::format_fixed(*r.actual.hours) : "",
                     r.actual.note.value_or("")});
  }
  return {{"rows", items},
          {"count", rows.size()},
          {"errors", errors},
          {"ready", errors == 0},
          {"csv", without_bom(core::to_csv(table))}};
}

Response import_actuals(db::Database& db, const Request& req) {
  auto form = req.form();
  const bool confirm = form.count("confirm") && form.at("confirm") == "1";
  json preview;
  return kit::project_form_post(
      db, req, kEdit,
      [&](const ProjectScope& scope) {
        core::ImportSlot slot;
        auto table = kpis::read_import_file(confirm ? (form.count("csv") ? form.at("csv") : "")
                                                    : kpis::import_upload(req));
        ActualStore store(scope.sql(), scope.tenant_id());
        auto rows = store.plan_import(scope.project().id, table);
        const bool ready = std::none_of(rows.begin(), rows.end(),
                                        [](const ImportRow& r) { return r.action == "error"; });
        if (!confirm || !ready) {
          preview = preview_view(rows, summary_of(scope), req.locale);
          throw core::ValidationError(
              "file", core::Message{ready ? "wp_import_check" : "wp_err_import_rows"});
        }
        store.apply_import(&req.who(), scope.project().id, rows);
        return Response::redirect(budget_url(scope.project().id) +
                                  "?imported=" + std::to_string(rows.size()) + "#actuals");
      },
      [&](const kit::FormRefusal& refused) {
        const bool checked = !preview.is_null() && preview["ready"].get<bool>();
        json errors = checked ? json::object() : refused.errors;
        return budget_page(db, req, {nullptr, errors, checked ? 200 : refused.status, preview});
      });
}

}  // namespace

std::string budget_html(const ProjectScope& scope, const Request& req, const WorkPackage& wp,
                        const json& typed, const json& errors) {
  auto budget = BudgetStore(scope.sql(), scope.tenant_id()).of(wp);
  auto view = kit::section_view(req, scope);
  json form = budget_form(budget, typed, req.locale);
  form["general_errors"] = json::array();
  place_errors(form, errors);
  form["has_general_errors"] = !form["general_errors"].empty();
  view["budget"] = form;
  view["figures"] = {{"total", money_text(req.locale, total(budget))},
                     {"saved", budget.version > 0}};
  view["budget_version"] = budget.version;
  view["may_edit"] = scope.may(kEdit);
  view["action"] = "/projects/" + wp.project_id + "/work-packages/" + wp.id + "/budget";
  return web::render_template("work_packages/budget_section", view);
}

void add_budget_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/budget",
        [](db::Database& db, const Request& req) { return budget_page(db, req, {}); },
        "The project's budget vs actual, burn chart, funder's view and actuals"},
       {"POST", "/projects/{id}/budget/actuals", save_actual, "Record an actual from the form"},
       {"POST", "/projects/{id}/budget/rates", save_rate,
        "Add an hourly rate to the tenant's rate card (administrators)"},
       {"POST", "/projects/{id}/budget/import", import_actuals,
        "Import actuals: a preview first, then all rows or none"},
       {"POST", "/projects/{id}/work-packages/{wp}/budget", save_budget,
        "Save a package's budget and financing"}});
}

}  // namespace work_packages

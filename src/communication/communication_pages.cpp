// The communication plan's pages: the plan by date with overdue rows marked, the add form
// and a mark-done form with the reach on each row; one row's page; the overview's card.
#include "communication/communication_form.hpp"
#include "communication/communication_routes.hpp"
#include "communication/communication_store.hpp"
#include "communication/communication_view.hpp"
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "kit/resource.hpp"
#include "kit/scope.hpp"
#include "org/unit_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace communication {
namespace {

using http::Request;
using http::Response;
using kit::ProjectScope;
using nlohmann::json;
constexpr auto kEdit = kit::ProjectRight::kEdit;
constexpr std::size_t kSectionNext = 3;

std::string plan_url(const std::string& project_id) {
  return "/projects/" + project_id + "/communication";
}

std::vector<Communication> read_plan(const ProjectScope& scope, const Request& req) {
  auto plan = CommunicationStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id);
  for (auto& c : plan) c.today = req.who().today();
  return plan;
}

// The rows and how many are planned, overdue and done (and the people reached).
void add_plan(json& view, const std::vector<Communication>& plan, const std::string& locale) {
  json rows = json::array();
  long long overdue_rows = 0;
  long long done = 0;
  long long reach = 0;
  for (const auto& c : plan) {
    rows.push_back(plan_row(c, locale));
    overdue_rows += overdue(c, c.today) ? 1 : 0;
    done += c.done ? 1 : 0;
    reach += c.reach.value_or(0);
  }
  view["has_rows"] = !plan.empty();
  view["rows"] = std::move(rows);
  view["count_planned"] = static_cast<long long>(plan.size()) - done;
  view["count_overdue"] = overdue_rows;
  view["count_done"] = done;
  if (reach > 0) view["reach_total"] = reach;
}

struct Shown {
  json form;  // null: a blank form
  json errors = json::object();
  int status = 200;
};

Response plan_page(db::Database& db, const Request& req, Shown shown) {
  auto sql = db.lease();
  ProjectScope scope(*sql, req, req.param("id"));
  auto view = kit::project_view(req, scope, "communication");
  add_plan(view, read_plan(scope, req), req.locale);
  view["saved"] = req.query_param("saved").has_value();
  view["may_edit"] = scope.may(kEdit);
  if (scope.may(kEdit)) {
    json blank = typed_plan_form({{"audience", "all_staff"}, {"channel", "intranet"}});
    add_plan_form(view, *sql, req, shown.form.is_null() ? blank : shown.form, shown.errors,
                  plan_url(scope.project().id), nullptr);
  } else if (shown.errors.contains("_form")) {
    view["refused"] = shown.errors["_form"];
  }
  return web::page(req, "communication/plan", view, {"comm_title", "projects", shown.status});
}

Response save_new(db::Database& db, const Request& req) {
  return kit::form_create<Communication, CommunicationStore>(
      db, req, communication_fields(), plan_url(req.param("id")),
      [&](const kit::FormRefusal& refused) {
        return plan_page(db, req, {typed_plan_form(req.form()), refused.errors, refused.status});
      });
}

std::pair<Communication, ProjectScope> load_row(soci::session& sql, const Request& req) {
  return kit::load_in_project<Communication, CommunicationStore>(
      sql, req, "row", "no communication with id " + req.param("row"));
}

Response row_page(soci::session& sql, const Request& req, json form, const json& errors,
                  const json& conflict, int status) {
  auto [c, scope] = load_row(sql, req);
  c.today = req.who().today();
  auto view = kit::project_view(req, scope, "communication");
  auto row = plan_row(c, req.locale);
  view["delete_url"] = row["url"].get<std::string>() + "/delete";
  view["row"] = std::move(row);
  view["may_edit"] = scope.may(kEdit);
  if (!conflict.is_null()) view["conflict"] = conflict;
  if (scope.may(kEdit))
    add_plan_form(view, sql, req, form.is_null() ? plan_form_of(c) : form, errors,
                  view["row"]["url"], &c);
  return web::page(req, "communication/row", view, {"comm_row_title", "projects", status});
}

Response show_row(db::Database& db, const Request& req) {
  auto sql = db.lease();
  return row_page(*sql, req, nullptr, json::object(), nullptr, 200);
}

// A change posted from the row's page, or done with its reach from the plan: the form's
// fields applied to the stored row at the version the form was shown with.
Response save_change(db::Database& db, const Request& req, const Form& form) {
  return kit::form_update<CommunicationStore>(
      db, req, communication_fields(), json(form), load_row,
      [](const Communication& c) { return plan_url(c.project_id) + "?saved=1"; },
      [&](soci::session& sql, const kit::FormRefusal& refused) {
        json typed = typed_plan_form(form);
        kit::keep_version(typed, refused);
        return row_page(sql, req, typed, refused.errors, refused.current, refused.status);
      });
}

Response save_row(db::Database& db, const Request& req) {
  auto form = req.form();
  if (!form.count("done")) form["done"] = "false";  // an unticked box is not sent
  return save_change(db, req, form);
}

Response mark_done(db::Database& db, const Request& req) {
  auto form = req.form();
  Form done = {{"done", "true"}, {"version", form.count("version") ? form.at("version") : ""}};
  if (form.count("reach")) done["reach"] = form.at("reach");
  return save_change(db, req, done);
}

Response delete_row(db::Database& db, const Request& req) {
  auto c = kit::remove_in_project<Communication, CommunicationStore>(
      db, req, "row", "no communication with id " + req.param("row"));
  return Response::redirect(plan_url(c.project_id) + "?saved=1");
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const ProjectScope& scope, const Request& req) {
    auto view = kit::section_view(req, scope);
    auto plan = read_plan(scope, req);
    add_plan(view, plan, req.locale);
    json next = json::array();
    for (const auto& c : upcoming(plan, req.who().today(), kSectionNext))
      next.push_back(plan_row(c, req.locale));
    view["has_next"] = !next.empty();
    view["next"] = std::move(next);
    auto classes = TrainingStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id);
    std::map<std::string, std::string> names;
    for (const auto& u : org::UnitStore(scope.sql(), scope.tenant_id()).all()) names[u.id] = u.name;
    view["has_classes"] = !classes.empty();
    view["progress"] = progress_json(classes, req.locale, names);
    return web::render_template("communication/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(
      router, db,
      {{"GET", "/projects/{id}/communication",
        [](db::Database& db, const Request& req) { return plan_page(db, req, {}); },
        "The project's communication plan"},
       {"POST", "/projects/{id}/communication", save_new, "Add a communication from the form"},
       {"GET", "/projects/{id}/communication/{row}", show_row, "One communication"},
       {"POST", "/projects/{id}/communication/{row}", save_row, "Change a communication"},
       {"POST", "/projects/{id}/communication/{row}/done", mark_done,
        "Mark a communication done with the people it reached"},
       {"POST", "/projects/{id}/communication/{row}/delete", delete_row,
        "Remove a communication"}});
  add_training_pages(router, db);
}

}  // namespace communication

// Action plan pages: the plan with filters, sorting, inline edit, suggestions from the
// redesign, exports and the CSV import with its preview; "my actions"; and the
// section on the project page.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "actions/action_routes.hpp"
#include "actions/action_store.hpp"
#include "actions/action_view.hpp"
#include "core/errors.hpp"
#include "core/imports.hpp"
#include "core/input.hpp"
#include "org/person_store.hpp"
#include "projects/project_access.hpp"
#include "projects/project_scope.hpp"
#include "projects/project_store.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace actions {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

// What a re-rendered page carries back: the typed form and its errors.
struct Typed {
  json create = json::object();  // the new-row form
  json create_errors = json::object();
  std::string row_id;  // the inline form that failed
  json row = json::object();
  json row_errors = json::object();
  std::string csv;  // the import text
  json preview;     // the import report, when previewed
  int status = 200;
};

std::string plan_url(const std::string& project_id) {
  return "/projects/" + project_id + "/actions";
}

std::string get(const std::map<std::string, std::string>& form, const char* key) {
  auto it = form.find(key);
  return it == form.end() ? std::string() : it->second;
}

json options(const std::vector<std::pair<std::string, std::string>>& values,
             const std::string& selected) {
  json out = json::array();
  for (const auto& [value, label] : values)
    out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  return out;
}

std::vector<std::pair<std::string, std::string>> status_values(const std::string& locale) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& s : kStatuses) out.emplace_back(s, status_label(locale, s));
  return out;
}

std::vector<std::pair<std::string, std::string>> people_values(soci::session& sql,
                                                               const Request& req) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& p : org::PersonStore(sql, req.who().tenant_id).page("", 200)) {
    if (p.active) out.emplace_back(p.id, p.name);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

json form_of(const Action& a) {
  return {{"task", a.task},
          {"responsible_id", a.responsible_id.value_or("")},
          {"effect", a.effect.value_or("")},
          {"how", a.how.value_or("")},
          {"deadline", a.deadline.value_or("")},
          {"status", a.status},
          {"kpi_id", a.kpi_id.value_or("")},
          {"version", std::to_string(a.version)}};
}

// The KPI column: the KPI's name linked to its page; an id that names no KPI as text.
json kpi_cell(const Action& a) {
  if (!a.kpi_id) return nullptr;
  if (!a.kpi_name) return {{"name", *a.kpi_id}};
  return {{"name", *a.kpi_name}, {"url", "/projects/" + a.project_id + "/kpis/" + *a.kpi_id}};
}

// The project's KPIs to choose from; a stored id that names none stays choosable.
json kpi_options(const std::vector<std::pair<std::string, std::string>>& kpis,
                 const std::string& selected) {
  auto values = kpis;
  bool known = selected.empty();
  for (const auto& [id, name] : kpis) known = known || id == selected;
  if (!known) values.emplace_back(selected, selected);
  return options(values, selected);
}

// A table row; `form` holds what the inline edit form shows.
json row_view(const Request& req, const Action& a, const std::string& today, const json& form,
              const json& errors, bool open,
              const std::vector<std::pair<std::string, std::string>>& people,
              const std::vector<std::pair<std::string, std::string>>& kpis) {
  std::string origin = web::t(req.locale, "action.origin." + a.origin);
  return {{"id", a.id},
          {"task", a.task},
          {"responsible_name", a.responsible_name ? json(*a.responsible_name) : json()},
          {"unit_name", a.unit_name ? json(*a.unit_name) : json()},
          {"effect", a.effect.value_or("")},
          {"how", a.how.value_or("")},
          {"deadline", a.deadline.value_or("")},
          {"status", a.status},
          {"status_label", status_label(req.locale, a.status)},
          {"overdue", is_overdue(a, today)},
          {"kpi", kpi_cell(a)},
          {"origin_label", origin},
          {"from_map", a.origin == "map_note"},
          {"project_id", a.project_id},
          {"project_title", a.project_title},
          {"form", form},
          {"errors", errors},
          {"open", open},
          {"status_options", options(status_values(req.locale), form.value("status", ""))},
          {"people", options(people, form.value("responsible_id", ""))},
          {"kpis", kpi_options(kpis, form.value("kpi_id", ""))}};
}

// ?status=&responsible_id=&overdue=&sort= kept when a heading changes the sort.
std::string query_string(const ActionQuery& q, const std::string& sort) {
  std::string out = "?sort=" + sort;
  if (!q.status.empty()) out += "&status=" + http::url_encode(q.status);
  if (!q.responsible_id.empty()) out += "&responsible_id=" + http::url_encode(q.responsible_id);
  if (q.overdue) out += "&overdue=true";
  return out;
}

ActionQuery lenient_query(const Request& req) {
  try {
    return parse_query(req.query);
  } catch (const core::ValidationError&) {
    return ActionQuery{};  // a hand-edited address shows the whole plan
  }
}

Response plan_page(db::Database& db, const Request& req, const Typed& typed) {
  auto view = web::base_view(req);
  std::string project_id = req.param("id");
  std::string today = req.who().today();
  auto query = lenient_query(req);
  {
    auto sql = db.lease();
    auto p = projects::ProjectStore(*sql, req.who().tenant_id).get(project_id);
    view["project"] = {{"id", p.id}, {"title", p.title}};
    view["may_edit"] =
        projects::may(req.who(), projects::roles_of(*sql, req.who(), p.id), ProjectRight::kEdit);
    ActionStore store(*sql, req.who().tenant_id);
    auto all = store.of_project(p.id);
    auto rows = select(all, query, today);
    auto people = people_values(*sql, req);
    auto kpis = store.project_kpis(p.id);
    json items = json::array();
    int overdue = 0;
    for (const auto& a : all) overdue += is_overdue(a, today) ? 1 : 0;
    for (const auto& a : rows) {
      bool failed = typed.row_id == a.id;
      items.push_back(row_view(req, a, today, failed ? typed.row : form_of(a),
                               failed ? typed.row_errors : json::object(), failed, people, kpis));
    }
    view["rows"] = items;
    view["has_rows"] = !items.empty();
    view["count"] = std::to_string(rows.size());
    view["total"] = std::to_string(all.size());
    view["filtered"] = rows.size() != all.size();
    view["overdue_count"] = overdue > 0 ? json(std::to_string(overdue)) : json();
    json filters = {{"statuses", options(status_values(req.locale), query.status)},
                    {"people", options(people, query.responsible_id)},
                    {"overdue", query.overdue}};
    std::vector<std::pair<std::string, std::string>> sorts;
    for (const auto& s : kSorts) sorts.emplace_back(s, web::t(req.locale, "action.sort." + s));
    filters["sorts"] = options(sorts, query.sort);
    view["filters"] = filters;
    json headings = json::object();
    for (const auto& s : kSorts) {
      headings[s] = {{"url", plan_url(p.id) + query_string(query, s)},
                     {"sort", query.sort == s ? "ascending" : "none"}};
    }
    view["headings"] = headings;
    json create = typed.create.empty() ? json{{"status", "not_started"}} : typed.create;
    view["create"] = create;
    view["create_errors"] = typed.create_errors;
    view["create_status_options"] =
        options(status_values(req.locale), create.value("status", "not_started"));
    view["create_people"] = options(people, create.value("responsible_id", ""));
    view["create_kpis"] = kpi_options(kpis, create.value("kpi_id", ""));
    json suggestions = json::array();
    for (const auto& s : store.suggestions(p.id)) suggestions.push_back(to_json(s));
    view["suggestions"] = suggestions;
    view["has_suggestions"] = !suggestions.empty();
  }
  std::string filter_qs = query_string(query, query.sort);
  view["csv_url"] = "/api/v1/projects/" + project_id + "/actions.csv" + filter_qs;
  view["xlsx_url"] = "/api/v1/projects/" + project_id + "/actions.xlsx" + filter_qs;
  view["import_csv"] = typed.csv;
  if (!typed.preview.is_null()) {
    json rows = json::array();
    for (const auto& r : typed.preview["rows"]) {
      json errors = json::array();
      for (const auto& [column, message] : r["errors"].items())
        errors.push_back(
            {{"column", column}, {"message", web::translate_message(req.locale, message)}});
      rows.push_back(
          {{"row", r["row"]},
           {"task", r["task"]},
           {"action_label", web::t(req.locale, "action.import." + r["action"].get<std::string>())},
           {"error", r["action"] == "error"},
           {"errors", errors}});
    }
    const auto& sum = typed.preview["summary"];
    view["preview"] = {{"rows", rows},
                       {"create", std::to_string(sum["create"].get<int>())},
                       {"update", std::to_string(sum["update"].get<int>())},
                       {"errors", std::to_string(sum["error"].get<int>())},
                       {"ready", sum["error"].get<int>() == 0 && !rows.empty()},
                       {"not_listed", typed.preview.value("rows_not_listed", 0) > 0
                                          ? json(typed.preview["rows_not_listed"])
                                          : json(false)}};
  }
  if (req.query_param("saved")) view["saved"] = true;
  if (req.query_param("imported")) view["imported"] = *req.query_param("imported");
  return web::page(req, "actions/plan", view, {"action.title", "projects", typed.status});
}

json form_json(const std::map<std::string, std::string>& form, bool with_version) {
  json out = json::object();
  for (const char* k : {"task", "responsible_id", "effect", "how", "deadline", "status", "kpi_id"})
    out[k] = get(form, k);
  if (with_version) out["version"] = get(form, "version");
  return out;
}

Response create(db::Database& db, const Request& req) {
  auto form = req.form();
  try {
    auto sql = db.lease();
    projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
    core::Input input(form_json(form, false), true);
    auto fields = parse_action(input, true);
    input.check();
    auto a = ActionStore(*sql, req.who().tenant_id).create(&req.who(), req.param("id"), fields);
    return Response::redirect(plan_url(req.param("id")) + "?saved=1#row-" + a.id);
  } catch (const core::ValidationError& e) {
    Typed typed;
    typed.create = form_json(form, false);
    typed.create_errors = web::form_errors(req, e.fields());
    typed.status = 422;
    return plan_page(db, req, typed);
  }
}

// The row, NotFound unless it belongs to the project in the address.
Action in_project(soci::session& sql, const Request& req) {
  auto a = ActionStore(sql, req.who().tenant_id).get(req.param("action"));
  if (a.project_id != req.param("id")) throw core::NotFound("no such action in this project");
  return a;
}

Response update(db::Database& db, const Request& req) {
  auto form = req.form();
  Typed typed;
  typed.row_id = req.param("action");
  typed.row = form_json(form, true);
  try {
    auto sql = db.lease();
    auto a = in_project(*sql, req);
    projects::require_right(*sql, req.who(), a.project_id, ProjectRight::kEdit);
    // The quick status form sends only the status; the full form sends every field.
    json body = json::object();
    for (const auto& [k, v] : typed.row.items()) {
      if (form.count(k)) body[k] = v;
    }
    core::Input input(body, true);
    auto fields = parse_action(input, false);
    auto version = input.optional_int("version", 1, 1LL << 40);
    if (!version) input.fail("version", "is required");
    input.check();
    ActionStore(*sql, req.who().tenant_id).update(&req.who(), a.id, *version, fields);
    return Response::redirect(plan_url(a.project_id) + "?saved=1#row-" + a.id);
  } catch (const core::ValidationError& e) {
    typed.row_errors = web::form_errors(req, e.fields());
    typed.status = 422;
  } catch (const core::Conflict& e) {
    // Show what is stored now, with the current version, and say why.
    typed.row["version"] = std::to_string(e.current().value("version", 0LL));
    typed.row_errors = {{"_form", web::translate_message(req.locale, e.what())}};
    typed.status = 409;
  }
  if (!form.count("task")) {
    // A failed quick status change: the other fields as stored.
    auto sql = db.lease();
    json stored = form_of(in_project(*sql, req));
    for (const auto& [k, v] : stored.items()) {
      if (!form.count(k)) typed.row[k] = v;
    }
  }
  return plan_page(db, req, typed);
}

Response accept(db::Database& db, const Request& req) {
  auto form = req.form();
  auto sql = db.lease();
  projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
  auto a = ActionStore(*sql, req.who().tenant_id)
               .accept(&req.who(), req.param("id"), get(form, "map_id"), get(form, "element_id"));
  return Response::redirect(plan_url(req.param("id")) + "?saved=1#row-" + a.id);
}

Response import(db::Database& db, const Request& req) {
  auto form = req.form();
  Typed typed;
  typed.csv = get(form, "csv");
  try {
    auto sql = db.lease();
    projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
    core::ImportSlot slot;
    ActionStore store(*sql, req.who().tenant_id);
    auto rows = store.plan_import(req.param("id"), typed.csv, import_vocabulary());
    bool failed = std::any_of(rows.begin(), rows.end(),
                              [](const ImportRow& r) { return r.action == "error"; });
    if (get(form, "confirm") == "1" && !failed && !rows.empty()) {
      store.apply_import(&req.who(), req.param("id"), rows);
      return Response::redirect(plan_url(req.param("id")) +
                                "?imported=" + std::to_string(rows.size()));
    }
    typed.preview = core::import_report(rows, [](const ImportRow& r) { return to_json(r); });
    typed.status = failed ? 422 : 200;
  } catch (const core::ValidationError& e) {
    // A wrong header: the columns it names, as a preview with no rows.
    json errors = json::object();
    for (const auto& [k, v] : e.fields()) errors[k] = v;
    typed.preview = {
        {"rows",
         json::array({{{"row", 1}, {"task", ""}, {"action", "error"}, {"errors", errors}}})},
        {"summary", {{"create", 0}, {"update", 0}, {"error", 1}}}};
    typed.status = 422;
  } catch (const core::BadRequest& e) {
    typed.preview = {
        {"rows",
         json::array(
             {{{"row", 1}, {"task", ""}, {"action", "error"}, {"errors", {{"csv", e.what()}}}}})},
        {"summary", {{"create", 0}, {"update", 0}, {"error", 1}}}};
    typed.status = 422;
  }
  return plan_page(db, req, typed);
}

Response my_actions_page(db::Database& db, const Request& req) {
  auto view = web::base_view(req);
  std::string today = req.who().today();
  json items = json::array();
  if (!req.who().person_id.empty()) {
    auto sql = db.lease();
    auto rows = ActionStore(*sql, req.who().tenant_id).of_person(req.who().person_id);
    ActionQuery q;
    q.sort = "deadline";
    for (const auto& a : select(rows, q, today)) {
      if (a.status == "dropped") continue;
      items.push_back(row_view(req, a, today, json::object(), json::object(), false, {}, {}));
    }
  }
  view["rows"] = items;
  view["has_rows"] = !items.empty();
  view["no_person"] = req.who().person_id.empty();
  return web::page(req, "actions/mine", view, {"action.mine_title", "my_actions", 200});
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto& sql = scope.sql();
    const std::string& project_id = scope.project().id;
    auto view = web::base_view(req);
    std::string today = req.who().today();
    auto rows = ActionStore(sql, req.who().tenant_id).of_project(project_id);
    int open = 0, overdue = 0, done = 0;
    for (const auto& a : rows) {
      open += a.status == "not_started" || a.status == "in_progress" ? 1 : 0;
      done += a.status == "done" ? 1 : 0;
      overdue += is_overdue(a, today) ? 1 : 0;
    }
    view["project_id"] = project_id;
    view["has_rows"] = !rows.empty();
    view["open"] = std::to_string(open);
    view["done"] = std::to_string(done);
    view["overdue"] = overdue > 0 ? json(std::to_string(overdue)) : json();
    return web::render_template("actions/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db) {
  router.add({"GET",
              "/projects/{id}/actions",
              Access::kAuthenticated,
              [&db](Request& req) { return plan_page(db, req, Typed{}); },
              {"The project's action plan", "web"}});
  router.add({"POST",
              "/projects/{id}/actions",
              Access::kAuthenticated,
              [&db](Request& req) { return create(db, req); },
              {"Add a row to the action plan from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/actions/suggestions",
              Access::kAuthenticated,
              [&db](Request& req) { return accept(db, req); },
              {"Add a redesign step's before-go-live note to the plan", "web"}});
  router.add({"POST",
              "/projects/{id}/actions/import",
              Access::kAuthenticated,
              [&db](Request& req) { return import(db, req); },
              {"Preview, then import, rows from CSV text", "web"}});
  router.add({"POST",
              "/projects/{id}/actions/{action}",
              Access::kAuthenticated,
              [&db](Request& req) { return update(db, req); },
              {"Save a row edited inline", "web"}});
  router.add({"POST",
              "/projects/{id}/actions/{action}/delete",
              Access::kAuthenticated,
              [&db](Request& req) {
                auto sql = db.lease();
                auto a = in_project(*sql, req);
                projects::require_right(*sql, req.who(), a.project_id, ProjectRight::kEdit);
                ActionStore(*sql, req.who().tenant_id).remove(&req.who(), a.id);
                return Response::redirect(plan_url(a.project_id) + "?saved=1");
              },
              {"Remove a row from the form", "web"}});
  router.add({"GET",
              "/my-actions",
              Access::kAuthenticated,
              [&db](Request& req) { return my_actions_page(db, req); },
              {"The caller's actions across projects", "web"}});
}

}  // namespace actions

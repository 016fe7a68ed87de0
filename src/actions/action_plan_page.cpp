// The action plan page: the rows with filters, sorting and inline edit forms, the
// suggestions from the redesign, the new-row form, the exports and the import preview.
#include "actions/action_plan_page.hpp"

#include <algorithm>

#include "actions/action_store.hpp"
#include "actions/action_view.hpp"
#include "core/errors.hpp"
#include "kit/scope.hpp"
#include "org/people_choices.hpp"
#include "projects/project_tabs.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace actions {
namespace {

using http::Request;
using nlohmann::json;

Choices status_values(const std::string& locale) {
  Choices out;
  for (const auto& s : kStatuses) out.emplace_back(s, status_label(locale, s));
  return out;
}

Choices people_values(soci::session& sql, const Request& req) {
  return org::active_people(sql, req.who().tenant_id, 200);
}

// What the inline form shows of a stored row.
json form_of(const Action& a) {
  json form = action_fields().form_values(a);
  json out = json::object();
  for (const char* k : {"task", "responsible_id", "effect", "how", "deadline", "status", "kpi_id"})
    out[k] = form[k];
  out["version"] = std::to_string(a.version);
  return out;
}

// The KPI column: the KPI's name linked to its page; an id that names no KPI as text.
json kpi_cell(const Action& a) {
  if (!a.kpi_id) return nullptr;
  if (!a.kpi_name) return {{"name", *a.kpi_id}};
  return {{"name", *a.kpi_name}, {"url", "/projects/" + a.project_id + "/kpis/" + *a.kpi_id}};
}

// The project's KPIs to choose from; a stored id that names none stays choosable.
json kpi_options(const Choices& kpis, const std::string& selected) {
  auto values = kpis;
  bool known = selected.empty();
  for (const auto& [id, name] : kpis) known = known || id == selected;
  if (!known) values.emplace_back(selected, selected);
  return web::select_options(values, selected);
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

// The rows, counts, filters and sortable headings.
void add_rows(json& view, const Request& req, const std::vector<Action>& all,
              const ActionQuery& query, const Typed& typed, const Choices& people,
              const Choices& kpis) {
  auto rows = select(all, query, req.who().today());
  json items = json::array();
  for (const auto& a : rows) {
    bool failed = typed.row_id == a.id;
    items.push_back(row_view(req, a, failed ? typed.row : form_of(a),
                             failed ? typed.row_errors : json::object(), failed, people, kpis));
  }
  auto overdue = std::count_if(all.begin(), all.end(),
                               [&](const Action& a) { return is_overdue(a, req.who().today()); });
  view["rows"] = items;
  view["has_rows"] = !items.empty();
  view["count"] = std::to_string(rows.size());
  view["total"] = std::to_string(all.size());
  view["filtered"] = rows.size() != all.size();
  view["overdue_count"] = overdue > 0 ? json(std::to_string(overdue)) : json();
}

void add_filters(json& view, const Request& req, const std::string& project_id,
                 const ActionQuery& query, const Choices& people) {
  Choices sorts;
  for (const auto& s : kSorts) sorts.emplace_back(s, web::t(req.locale, "action.sort." + s));
  view["filters"] = {{"statuses", web::select_options(status_values(req.locale), query.status)},
                     {"people", web::select_options(people, query.responsible_id)},
                     {"overdue", query.overdue},
                     {"sorts", web::select_options(sorts, query.sort)}};
  json headings = json::object();
  for (const auto& s : kSorts) {
    headings[s] = {{"url", plan_url(project_id) + query_string(query, s)},
                   {"sort", query.sort == s ? "ascending" : "none"}};
  }
  view["headings"] = headings;
  std::string filter_qs = query_string(query, query.sort);
  view["csv_url"] = "/api/v1/projects/" + project_id + "/actions.csv" + filter_qs;
  view["xlsx_url"] = "/api/v1/projects/" + project_id + "/actions.xlsx" + filter_qs;
}

void add_create_form(json& view, const Request& req, const Typed& typed, const Choices& people,
                     const Choices& kpis) {
  json create = typed.create.empty() ? json{{"status", "not_started"}} : typed.create;
  view["create"] = create;
  view["create_errors"] = typed.create_errors;
  view["create_status_options"] =
      web::select_options(status_values(req.locale), create.value("status", "not_started"));
  view["create_people"] = web::select_options(people, create.value("responsible_id", ""));
  view["create_kpis"] = kpi_options(kpis, create.value("kpi_id", ""));
}

// The import report as the preview table shows it, messages in the reader's language.
json preview_view(const Request& req, const json& preview) {
  json rows = json::array();
  for (const auto& r : preview["rows"]) {
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
  const auto& sum = preview["summary"];
  return {{"rows", rows},
          {"create", std::to_string(sum["create"].get<int>())},
          {"update", std::to_string(sum["update"].get<int>())},
          {"errors", std::to_string(sum["error"].get<int>())},
          {"ready", sum["error"].get<int>() == 0 && !rows.empty()},
          {"not_listed", preview.value("rows_not_listed", 0) > 0 ? json(preview["rows_not_listed"])
                                                                 : json(false)}};
}

}  // namespace

std::string plan_url(const std::string& project_id) {
  return "/projects/" + project_id + "/actions";
}

json row_view(const Request& req, const Action& a, const json& form, const json& errors, bool open,
              const Choices& people, const Choices& kpis) {
  return {
      {"id", a.id},
      {"task", a.task},
      {"responsible_name", a.responsible_name ? json(*a.responsible_name) : json()},
      {"unit_name", a.unit_name ? json(*a.unit_name) : json()},
      {"effect", a.effect.value_or("")},
      {"how", a.how.value_or("")},
      {"deadline", a.deadline.value_or("")},
      {"status", a.status},
      {"status_label", status_label(req.locale, a.status)},
      {"overdue", is_overdue(a, req.who().today())},
      {"kpi", kpi_cell(a)},
      {"origin_label", web::t(req.locale, "action.origin." + a.origin)},
      {"from_map", a.origin == "map_note"},
      {"project_id", a.project_id},
      {"project_title", a.project_title},
      {"form", form},
      {"errors", errors},
      {"open", open},
      {"status_options", web::select_options(status_values(req.locale), form.value("status", ""))},
      {"people", web::select_options(people, form.value("responsible_id", ""))},
      {"kpis", kpi_options(kpis, form.value("kpi_id", ""))}};
}

http::Response plan_page(db::Database& db, const Request& req, const Typed& typed) {
  auto view = web::base_view(req);
  auto query = lenient_query(req);
  {
    auto sql = db.lease();
    kit::ProjectScope scope(*sql, req, req.param("id"));
    const auto& p = scope.project();
    view["project"] = {{"id", p.id}, {"title", p.title}};
    view["project_nav"] = projects::project_tabs(req.locale, p.id, p.title, "actions");
    view["may_edit"] = scope.may(kit::ProjectRight::kEdit);
    ActionStore store(*sql, scope.tenant_id());
    auto people = people_values(*sql, req);
    auto kpis = store.project_kpis(p.id);
    add_rows(view, req, store.of_project(p.id), query, typed, people, kpis);
    add_filters(view, req, p.id, query, people);
    add_create_form(view, req, typed, people, kpis);
    json suggestions = json::array();
    for (const auto& s : store.suggestions(p.id)) suggestions.push_back(to_json(s));
    view["suggestions"] = suggestions;
    view["has_suggestions"] = !suggestions.empty();
  }
  view["import_csv"] = typed.csv;
  if (!typed.preview.is_null()) view["preview"] = preview_view(req, typed.preview);
  if (req.query_param("saved")) view["saved"] = true;
  if (req.query_param("imported")) view["imported"] = *req.query_param("imported");
  return web::page(req, "actions/plan", view, {"action.title", "projects", typed.status});
}

}  // namespace actions

// KPI pages: the project's KPI list, a KPI with its run chart (uPlot, with the same
// facts as a table and a text summary), the week grid, chart periods and the form.
#include <algorithm>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/imports.hpp"
#include "core/input.hpp"
#include "core/time.hpp"
#include "kpis/kpi_chart.hpp"
#include "kpis/kpi_import.hpp"
#include "kpis/kpi_routes.hpp"
#include "kpis/kpi_store.hpp"
#include "org/person_store.hpp"
#include "projects/project_access.hpp"
#include "projects/project_scope.hpp"
#include "projects/project_store.hpp"
#include "web/assets.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace kpis {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using projects::ProjectRight;

constexpr int kGridPeriods = 8;
constexpr int kPeopleMax = 500;

std::string kpi_url(const Kpi& k) { return "/projects/" + k.project_id + "/kpis/" + k.id; }

// The KPI, NotFound unless it belongs to the project in the address.
Kpi kpi_in_project(soci::session& sql, const Request& req, ProjectRight right) {
  auto k = KpiStore(sql, req.who().tenant_id).get(req.param("kpi"));
  if (k.project_id != req.param("id")) throw core::NotFound("KPI not found");
  projects::require_right(sql, req.who(), k.project_id, right);
  return k;
}

// In a form field: the value as typed back (a point; the parser takes both marks).
std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

// On the page: with the reader's decimal mark ("12,5" in Danish and Swedish).
std::string shown(const Request& req, double v) { return web::format_number(req.locale, v, 6); }

json options(const Request& req, const std::vector<std::string>& values, const std::string& prefix,
             const std::string& selected) {
  json out = json::array();
  for (const auto& v : values)
    out.push_back(
        {{"value", v}, {"label", web::t(req.locale, prefix + v)}, {"selected", v == selected}});
  return out;
}

std::string rule_label(const Request& req, const std::string& rule) {
  return web::t(req.locale, "kpi_rule_" + rule);
}

json project_view(soci::session& sql, const Request& req, const std::string& project_id) {
  auto p = projects::ProjectStore(sql, req.who().tenant_id).get(project_id);
  return {{"id", p.id}, {"title", p.title}};
}

// One row per KPI: last value, due, and whether the chart shows a signal.
json kpi_rows(soci::session& sql, const Request& req, const std::string& project_id) {
  KpiStore store(sql, req.who().tenant_id);
  json rows = json::array();
  for (const auto& k : store.of_project(project_id)) {
    auto points = store.points(k.id);
    auto chart = evaluate_chart(k, points, store.periods(k.id), req.who().today());
    rows.push_back({{"url", kpi_url(k)},
                    {"name", k.name},
                    {"unit", k.unit},
                    {"last", points.empty() ? "" : shown(req, points.back().value)},
                    {"last_period", points.empty() ? std::string()
                                                   : format_period(frequency_of(k.frequency),
                                                                   points.back().period)},
                    {"due", chart.due},
                    {"signal", !chart.result.signals.empty()}});
  }
  return rows;
}

Response list_page(db::Database& db, const Request& req) {
  auto view = web::base_view(req);
  auto sql = db.lease();
  projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kRead);
  view["project"] = project_view(*sql, req, req.param("id"));
  view["kpis"] = kpi_rows(*sql, req, req.param("id"));
  view["has_kpis"] = !view["kpis"].empty();
  view["may_edit"] = projects::ProjectScope(*sql, req, req.param("id")).may(ProjectRight::kEdit);
  return web::page(req, "kpis/list", view, {"kpi_list_title", "projects", 200});
}

// ---- the KPI form ----------------------------------------------------------------

const std::vector<std::string> kFormFields = {
    "name",     "definition", "unit",         "direction", "baseline",
    "target",   "frequency",  "start_period", "level",     "category",
    "owner_id", "map_id",     "element_id",   "rule_set",  "version"};

json typed_form(const std::map<std::string, std::string>& form) {
  json out = json::object();
  for (const auto& k : kFormFields) {
    auto it = form.find(k);
    out[k] = it == form.end() ? "" : it->second;
  }
  return out;
}

// Empty choices are left out (defaults apply); empty optional texts clear.
json form_input(const std::map<std::string, std::string>& form) {
  json out = json::object();
  for (const auto& k : kFormFields) {
    auto it = form.find(k);
    if (it == form.end() || k == "version") continue;
    bool choice = k == "direction" || k == "frequency" || k == "level" || k == "category" ||
                  k == "rule_set" || k == "name";
    if (choice && it->second.empty() && k != "name") continue;
    out[k] = it->second;
  }
  return out;
}

json form_of(const Kpi& k) {
  auto opt = [](const std::optional<double>& v) { return v ? number_text(*v) : std::string(); };
  return {{"name", k.name},
          {"definition", k.definition},
          {"unit", k.unit},
          {"direction", k.direction},
          {"baseline", opt(k.baseline)},
          {"target", opt(k.target)},
          {"frequency", k.frequency},
          {"start_period", k.start_period.value_or("")},
          {"level", k.level},
          {"category", k.category},
          {"owner_id", k.owner_id.value_or("")},
          {"map_id", k.map_id.value_or("")},
          {"element_id", k.element_id.value_or("")},
          {"rule_set", k.rule_set},
          {"version", std::to_string(k.version)}};
}

Response form_page(db::Database& db, const Request& req, json form, const json& errors,
                   int status) {
  auto view = web::base_view(req);
  auto sql = db.lease();
  projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
  view["project"] = project_view(*sql, req, req.param("id"));
  bool editing = req.path_params.count("kpi") > 0;
  if (editing) {
    auto k = kpi_in_project(*sql, req, ProjectRight::kEdit);
    view["kpi"] = {{"url", kpi_url(k)}, {"name", k.name}};
    if (form.is_null()) form = form_of(k);
  } else if (form.is_null()) {
    form = form_of(Kpi{});
  }
  view["editing"] = editing;
  view["form"] = form;
  view["errors"] = errors;
  auto value = [&](const char* k) { return form.value(k, std::string()); };
  view["direction_options"] = options(req, kDirections, "kpi_direction_", value("direction"));
  view["frequency_options"] = options(req, kFrequencies, "kpi_frequency_", value("frequency"));
  view["level_options"] = options(req, kLevels, "kpi_level_", value("level"));
  view["category_options"] = options(req, kCategories, "kpi_category_", value("category"));
  view["rule_set_options"] = options(req, kRuleSets, "kpi_rule_set_", value("rule_set"));
  json people = json::array();
  for (const auto& p : org::PersonStore(*sql, req.who().tenant_id).page("", kPeopleMax))
    people.push_back({{"value", p.id}, {"label", p.name}, {"selected", p.id == value("owner_id")}});
  view["people"] = people;
  view["action"] = editing ? kpi_url(kpi_in_project(*sql, req, ProjectRight::kEdit)) + "/edit"
                           : "/projects/" + req.param("id") + "/kpis";
  return web::page(req, "kpis/form", view,
                   {editing ? "kpi_edit_title" : "kpi_new_title", "projects", status});
}

Response save_kpi(db::Database& db, const Request& req) {
  auto form = req.form();
  std::string url;
  try {
    auto sql = db.lease();
    bool editing = req.path_params.count("kpi") > 0;
    std::optional<Kpi> existing;
    if (editing)
      existing = kpi_in_project(*sql, req, ProjectRight::kEdit);
    else
      projects::require_right(*sql, req.who(), req.param("id"), ProjectRight::kEdit);
    core::Input input(form_input(form), true);
    auto fields = parse_kpi(input, !editing);
    input.check();
    KpiStore store(*sql, req.who().tenant_id);
    if (existing) {
      auto version = std::atoll(form.count("version") ? form.at("version").c_str() : "0");
      url = kpi_url(store.update(&req.who(), existing->id, version, fields));
    } else {
      url = kpi_url(store.create(&req.who(), req.param("id"), fields));
    }
  } catch (const core::ValidationError& e) {
    return form_page(db, req, typed_form(form), web::form_errors(req, e.fields()), 422);
  } catch (const core::Conflict& e) {
    json typed = typed_form(form);
    typed["version"] = std::to_string(e.current().value("version", 0LL));
    return form_page(db, req, typed, {{"_form", web::translate_message(req.locale, e.what())}},
                     409);
  }
  return Response::redirect(url + "?saved=1");
}

// ---- the KPI page ----------------------------------------------------------------

struct PageState {
  json grid_typed = json::object();   // period → typed text
  json grid_errors = json::object();  // period → message
  json period_form = json::object();
  json period_errors = json::object();
  std::vector<MeasurementImportRow> import_rows;  // a previewed import
  bool import_previewed = false;
  json import_errors = json::object();  // the file or its header: field → message
};

json import_preview(const Request& req, const PageState& state) {
  json rows = json::array();
  int counts[3] = {0, 0, 0};
  core::ImportListing listing;
  for (const auto& r : state.import_rows) {
    counts[r.action == "create" ? 0 : r.action == "update" ? 1 : 2]++;
    if (!listing.take(r.action == "error")) continue;
    json errors = json::array();
    for (const auto& [column, message] : r.errors)
      errors.push_back({{"column", web::t(req.locale, "kpi_import_col_" + column)},
                        {"message", web::translate_message(req.locale, message)}});
    rows.push_back({{"row", r.row},
                    {"period", r.period},
                    {"value", r.measurement ? shown(req, r.measurement->value) : r.value},
                    {"action_label", web::t(req.locale, "kpi_import_" + r.action)},
                    {"error", r.action == "error"},
                    {"errors", errors}});
  }
  return {{"rows", rows},
          {"create", std::to_string(counts[0])},
          {"update", std::to_string(counts[1])},
          {"errors", std::to_string(counts[2])},
          {"ready", counts[2] == 0 && !rows.empty()},
          // Mustache shows a section for 0 too: only a count above zero is passed.
          {"not_listed", listing.omitted() > 0 ? json(listing.omitted()) : json(false)},
          {"csv", plan_csv(state.import_rows)}};
}

json grid_cells(const Kpi& k, const std::vector<ChartPoint>& points, const PageState& state,
                const std::string& today) {
  auto freq = frequency_of(k.frequency);
  auto current = period_of_date(freq, today);
  std::optional<long> start;
  if (k.start_period) start = parse_period(freq, *k.start_period);
  long p = current.value_or(0);
  while (!on_grid(freq, p, start)) --p;
  std::map<long, double> stored;
  for (const auto& pt : points) stored[pt.period] = pt.value;
  json cells = json::array();
  for (int i = kGridPeriods - 1; i >= 0; --i) {
    long period = p - i * step(freq);
    std::string text = format_period(freq, period);
    std::string value = stored.count(period) ? number_text(stored[period]) : "";
    if (state.grid_typed.contains(text)) value = state.grid_typed[text];
    json cell = {{"period", text}, {"id", "g-" + text}, {"value", value}};
    if (state.grid_errors.contains(text)) cell["error"] = state.grid_errors[text];
    cells.push_back(cell);
  }
  return cells;
}

Response kpi_page(db::Database& db, const KpiHooks& hooks, const Request& req,
                  const PageState& state, int status) {
  auto view = web::base_view(req);
  auto sql = db.lease();
  auto k = kpi_in_project(*sql, req, ProjectRight::kRead);
  KpiStore store(*sql, req.who().tenant_id);
  auto points = store.points(k.id);
  auto stored = store.periods(k.id);
  auto chart = chart_json(k, points, stored, req.who().today());
  view["project"] = project_view(*sql, req, k.project_id);
  json kv = to_json(k);
  kv["url"] = kpi_url(k);
  kv["direction_label"] = web::t(req.locale, "kpi_direction_" + k.direction);
  kv["frequency_label"] = web::t(req.locale, "kpi_frequency_" + k.frequency);
  kv["level_label"] = web::t(req.locale, "kpi_level_" + k.level);
  kv["category_label"] = web::t(req.locale, "kpi_category_" + k.category);
  kv["rule_set_label"] = web::t(req.locale, "kpi_rule_set_" + k.rule_set);
  kv["baseline_text"] = k.baseline ? number_text(*k.baseline) : "";
  kv["target_text"] = k.target ? number_text(*k.target) : "";
  if (k.owner_id) {
    if (auto person = org::PersonStore(*sql, req.who().tenant_id).find(*k.owner_id))
      kv["owner_name"] = person->name;
  }
  view["kpi"] = kv;
  view["saved"] = req.query_param("saved").has_value();
  view["chart_json"] = chart.dump();
  view["chart_labels"] = json{{"period", web::t(req.locale, "kpi_period")},
                              {"value", web::t(req.locale, "kpi_value")},
                              {"median", web::t(req.locale, "kpi_median")},
                              {"baseline", web::t(req.locale, "kpi_baseline")},
                              {"target", web::t(req.locale, "kpi_target")},
                              {"signal", web::t(req.locale, "kpi_signal")}}
                             .dump();
  view["charts"] = {{"js", web::asset_url("charts.js")}, {"css", web::asset_url("charts.css")}};
  view["due"] = chart["due"];
  // The text alternative: one row per point, and one sentence per signal.
  std::vector<bool> flagged(points.size(), false);
  for (const auto& s : chart["signals"])
    for (const auto& i : s["points"]) flagged[i.get<std::size_t>()] = true;
  json rows = json::array();
  for (const auto& period : chart["periods"]) {
    std::size_t first = period["first_point"], count = period["point_count"];
    for (std::size_t i = first; i < first + count; ++i) {
      rows.push_back(
          {{"period", chart["points"][i]["period"]},
           {"value", shown(req, points[i].value)},
           {"median", period["median"].is_null() ? std::string()
                                                 : shown(req, period["median"].get<double>())},
           {"chart_period", period["label"]},
           {"signal", flagged[i]}});
    }
  }
  view["rows"] = rows;
  view["has_points"] = !rows.empty();
  json signals = json::array();
  for (const auto& s : chart["signals"])
    signals.push_back({{"rule", rule_label(req, s["rule"])},
                       {"from", s["from"]},
                       {"to", s["to"]},
                       {"period", s["period"]}});
  view["signals"] = signals;
  view["has_signals"] = !signals.empty();
  view["too_few"] = chart["points"].size() < static_cast<std::size_t>(kMinUsefulPoints);
  json periods = json::array();
  for (const auto& p : chart["periods"]) {
    json row = {
        {"label", p["label"]},
        {"start", p["start"]},
        {"median", p["median"].is_null() ? std::string() : shown(req, p["median"].get<double>())},
        {"frozen", p["frozen"]},
        {"freeze_until", p["freeze_until"].is_null() ? json("") : p["freeze_until"]}};
    if (p.contains("id"))
      row["delete_url"] = kpi_url(k) + "/periods/" + p["id"].get<std::string>() + "/delete";
    periods.push_back(row);
  }
  view["periods"] = periods;
  view["may_edit"] = projects::ProjectScope(*sql, req, k.project_id).may(ProjectRight::kEdit);
  view["grid"] = grid_cells(k, points, state, req.who().today());
  view["grid_errors"] = !state.grid_errors.empty();
  view["period_form"] = state.period_form;
  view["period_errors"] = state.period_errors;
  view["extra_sections"] = json::array();
  for (const auto& section : hooks.page_sections)
    view["extra_sections"].push_back(section(*sql, req, k));
  if (state.import_previewed) view["preview"] = import_preview(req, state);
  json import_errors = json::array();
  for (const auto& [field, message] : state.import_errors.items())
    import_errors.push_back({{"field", field == "file" || field == "period" || field == "value"
                                           ? web::t(req.locale, "kpi_import_col_" + field)
                                           : field},
                             {"message", message}});
  view["import_errors"] = import_errors;
  view["has_import_errors"] = !import_errors.empty();
  if (auto n = req.query_param("imported")) {
    view["imported"] = {{"created", req.query_param("created").value_or("0")},
                        {"updated", req.query_param("updated").value_or("0")}};
  }
  return web::page(req, "kpis/kpi", view, {"kpi_title", "projects", status});
}

Response save_grid(db::Database& db, const KpiHooks& hooks, const Request& req) {
  auto form = req.form();
  PageState state;
  {
    auto sql = db.lease();
    auto k = kpi_in_project(*sql, req, ProjectRight::kEdit);
    json rows = json::array();
    std::vector<std::string> periods;
    for (const auto& [key, value] : form) {
      if (key.rfind("v_", 0) != 0) continue;
      std::string period = key.substr(2);
      state.grid_typed[period] = value;
      if (value.find_first_not_of(" \t") == std::string::npos) continue;
      auto number = core::parse_decimal(value);
      json v = number ? json(*number) : json(value);
      rows.push_back({{"period", period}, {"value", v}});
      periods.push_back(period);
    }
    try {
      if (rows.empty()) throw core::ValidationError("measurements", "is empty");
      auto parsed = parse_measurements(k, rows);
      KpiStore(*sql, req.who().tenant_id).push(&req.who(), k, parsed);
    } catch (const core::ValidationError& e) {
      for (const auto& [field, message] : e.fields()) {
        auto dot = field.find('.');
        std::string msg = web::translate_message(req.locale, message);
        if (dot == std::string::npos) {
          state.grid_errors["_form"] = msg;
          continue;
        }
        auto index = std::stoul(field.substr(0, dot));
        if (index < periods.size()) state.grid_errors[periods[index]] = msg;
      }
    }
  }
  if (!state.grid_errors.empty()) return kpi_page(db, hooks, req, state, 422);
  return Response::redirect("/projects/" + req.param("id") + "/kpis/" + req.param("kpi") +
                            "?saved=1#grid");
}

// The file input previews; the preview's confirmation carries the checked rows back
// as CSV text and imports them all or nothing (checked again against what is stored).
Response import_file(db::Database& db, const KpiHooks& hooks, const Request& req) {
  PageState state;
  try {
    auto sql = db.lease();
    auto k = kpi_in_project(*sql, req, ProjectRight::kEdit);
    core::ImportSlot slot;
    auto form = req.form();
    bool confirm = form.count("confirm") && form.at("confirm") == "1";
    auto table = confirm ? read_import_file(form.count("csv") ? form.at("csv") : "")
                         : read_import_file(import_upload(req));
    KpiStore store(*sql, req.who().tenant_id);
    state.import_rows = plan_measurement_import(k, table, store.stored_periods(k.id));
    state.import_previewed = true;
    bool ready = !state.import_rows.empty() &&
                 std::none_of(state.import_rows.begin(), state.import_rows.end(),
                              [](const auto& r) { return r.action == "error"; });
    if (confirm && ready) {
      auto r = store.push(&req.who(), k, measurements_of(state.import_rows));
      return Response::redirect(kpi_url(k) + "?imported=1&created=" + std::to_string(r.created) +
                                "&updated=" + std::to_string(r.updated) + "#import");
    }
    if (state.import_rows.empty())
      throw core::ValidationError("file", "has no rows below the header");
  } catch (const core::ValidationError& e) {
    state.import_previewed = false;
    state.import_rows.clear();
    state.import_errors = web::form_errors(req, e.fields());
    return kpi_page(db, hooks, req, state, 422);
  }
  return kpi_page(db, hooks, req, state, 200);
}

Response add_period(db::Database& db, const KpiHooks& hooks, const Request& req) {
  auto form = req.form();
  PageState state;
  for (const char* k : {"start", "label", "frozen", "freeze_until"})
    state.period_form[k] = form.count(k) ? form.at(k) : "";
  try {
    auto sql = db.lease();
    auto k = kpi_in_project(*sql, req, ProjectRight::kEdit);
    core::Input input(state.period_form, true);
    auto p = parse_chart_period(k, input);
    KpiStore(*sql, req.who().tenant_id).add_period(&req.who(), k, p);
  } catch (const core::ValidationError& e) {
    state.period_errors = web::form_errors(req, e.fields());
    return kpi_page(db, hooks, req, state, 422);
  }
  return Response::redirect("/projects/" + req.param("id") + "/kpis/" + req.param("kpi") +
                            "?saved=1#periods");
}

Response remove_period(db::Database& db, const Request& req) {
  auto sql = db.lease();
  auto k = kpi_in_project(*sql, req, ProjectRight::kEdit);
  KpiStore(*sql, req.who().tenant_id).remove_period(&req.who(), k, req.param("period"));
  return Response::redirect(kpi_url(k) + "?saved=1#periods");
}

}  // namespace

projects::PageSection project_page_section() {
  return [](const projects::ProjectScope& scope, const Request& req) {
    auto& sql = scope.sql();
    const std::string& project_id = scope.project().id;
    auto view = web::base_view(req);
    view["project_id"] = project_id;
    view["kpis"] = kpi_rows(sql, req, project_id);
    view["has_kpis"] = !view["kpis"].empty();
    view["may_edit"] = scope.may(ProjectRight::kEdit);
    return web::render_template("kpis/project_section", view);
  };
}

void add_pages(http::Router& router, db::Database& db, KpiHooks hooks) {
  router.add({"GET",
              "/projects/{id}/kpis",
              Access::kAuthenticated,
              [&db](Request& req) { return list_page(db, req); },
              {"The project's KPIs", "web"}});
  router.add({"GET",
              "/projects/{id}/kpis/new",
              Access::kAuthenticated,
              [&db](Request& req) { return form_page(db, req, nullptr, json::object(), 200); },
              {"Create a KPI", "web"}});
  router.add({"POST",
              "/projects/{id}/kpis",
              Access::kAuthenticated,
              [&db](Request& req) { return save_kpi(db, req); },
              {"Create a KPI from the form", "web"}});
  router.add({"GET",
              "/projects/{id}/kpis/{kpi}",
              Access::kAuthenticated,
              [&db, hooks](Request& req) { return kpi_page(db, hooks, req, PageState{}, 200); },
              {"A KPI: run chart, table, signals, week grid and chart periods", "web"}});
  router.add({"GET",
              "/projects/{id}/kpis/{kpi}/edit",
              Access::kAuthenticated,
              [&db](Request& req) { return form_page(db, req, nullptr, json::object(), 200); },
              {"Change a KPI", "web"}});
  router.add({"POST",
              "/projects/{id}/kpis/{kpi}/edit",
              Access::kAuthenticated,
              [&db](Request& req) { return save_kpi(db, req); },
              {"Change a KPI from the form", "web"}});
  router.add({"POST",
              "/projects/{id}/kpis/{kpi}/measurements",
              Access::kAuthenticated,
              [&db, hooks](Request& req) { return save_grid(db, hooks, req); },
              {"Save the week grid", "web"}});
  router.add({"POST",
              "/projects/{id}/kpis/{kpi}/import",
              Access::kAuthenticated,
              [&db, hooks](Request& req) { return import_file(db, hooks, req); },
              {"Preview a CSV or XLSX file of measurements, then import it", "web"}});
  router.add({"POST",
              "/projects/{id}/kpis/{kpi}/periods",
              Access::kAuthenticated,
              [&db, hooks](Request& req) { return add_period(db, hooks, req); },
              {"Split or freeze the chart", "web"}});
  router.add({"POST",
              "/projects/{id}/kpis/{kpi}/periods/{period}/delete",
              Access::kAuthenticated,
              [&db](Request& req) { return remove_period(db, req); },
              {"Remove a chart period", "web"}});
}

}  // namespace kpis

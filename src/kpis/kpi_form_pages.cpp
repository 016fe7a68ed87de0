// The KPI form: a new KPI, or a change to one with its version; refused posts show the
// form again with what was typed (kit::form_post).
#include <map>

#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kpis/kpi_pages.hpp"
#include "kpis/kpi_store.hpp"
#include "org/person_store.hpp"
#include "web/choices.hpp"
#include "web/render.hpp"

namespace kpis {
namespace {

constexpr int kPeopleMax = 500;

using Form = std::map<std::string, std::string>;

bool editing(const Request& req) { return req.path_params.count("kpi") > 0; }

// The stored KPI as the form shows it: numbers and the version as text.
json form_of(const Kpi& k, const std::string& locale) {
  json form = kpi_fields().form_values(k);
  form["baseline"] = k.baseline ? number_text(locale, *k.baseline) : "";
  form["target"] = k.target ? number_text(locale, *k.target) : "";
  form["version"] = std::to_string(k.version);
  return form;
}

json typed_form(const Form& form) {
  json out = json::object();
  for (const auto& [key, value] : form) out[key] = value;
  return out;
}

void add_choices(json& view, soci::session& sql, const Request& req, const json& form) {
  auto value = [&](const char* k) { return form.value(k, std::string()); };
  view["direction_options"] =
      web::translated_options(req.locale, kDirections, "kpi_direction_", value("direction"));
  view["frequency_options"] =
      web::translated_options(req.locale, kFrequencies, "kpi_frequency_", value("frequency"));
  view["level_options"] =
      web::translated_options(req.locale, kLevels, "kpi_level_", value("level"));
  view["category_options"] =
      web::translated_options(req.locale, kCategories, "kpi_category_", value("category"));
  view["rule_set_options"] =
      web::translated_options(req.locale, kRuleSets, "kpi_rule_set_", value("rule_set"));
  json people = json::array();
  for (const auto& p : org::PersonStore(sql, req.who().tenant_id).page("", kPeopleMax))
    people.push_back({{"value", p.id}, {"label", p.name}, {"selected", p.id == value("owner_id")}});
  view["people"] = people;
}

// A select of the project's maps and one of their steps, grouped by map (a redesign
// starts as a copy of the as-is map, so a step's id alone may be on both), in place of
// typing ids; it works without JavaScript.
void add_map_pickers(json& view, soci::session& sql, const KpiHooks& hooks,
                     const kit::ProjectScope& scope, const json& form) {
  if (!hooks.map_choices) return;
  std::string map_id = form.value("map_id", std::string());
  std::string element_id = form.value("element_id", std::string());
  json maps = json::array();
  json groups = json::array();
  for (const auto& m : hooks.map_choices(sql, scope.tenant_id(), scope.project().id)) {
    bool chosen = m["id"] == map_id;
    maps.push_back({{"value", m["id"]}, {"label", m["title"]}, {"selected", chosen}});
    json steps = json::array();
    for (const auto& s : m["steps"])
      steps.push_back({{"value", s["id"]},
                       {"label", s["name"].get<std::string>().empty() ? s["id"] : s["name"]},
                       {"selected", chosen && s["id"] == element_id}});
    groups.push_back({{"label", m["title"]}, {"steps", steps}});
  }
  view["map_picker"] = {{"maps", maps}, {"groups", groups}};
}

void add_indicator_picker(json& view, soci::session& sql, const KpiHooks& hooks, const json& form) {
  if (!hooks.indicator_choices) return;
  std::string chosen = form.value("indicator_id", std::string());
  json choices = json::array();
  for (const auto& i : hooks.indicator_choices(sql))
    choices.push_back({{"value", i["id"]}, {"label", i["label"]}, {"selected", i["id"] == chosen}});
  view["indicator_picker"] = {{"choices", choices}};
}

Response show_form(soci::session& sql, const KpiHooks& hooks, const Request& req, json form,
                   const json& errors, int status) {
  auto [k, scope] = editing(req) ? kpi_in_project(sql, req)
                                 : std::pair(Kpi{}, kit::ProjectScope(sql, req, req.param("id")));
  scope.require(ProjectRight::kEdit);
  auto view = kit::project_view(req, scope, "kpis");
  if (editing(req)) view["kpi"] = {{"url", kpi_url(k)}, {"name", k.name}};
  if (form.is_null()) form = form_of(k, req.locale);
  view["editing"] = editing(req);
  view["form"] = form;
  view["errors"] = errors;
  add_choices(view, sql, req, form);
  add_map_pickers(view, sql, hooks, scope, form);
  add_indicator_picker(view, sql, hooks, form);
  view["action"] =
      editing(req) ? kpi_url(k) + "/edit" : "/projects/" + scope.project().id + "/kpis";
  return web::page(req, "kpis/form", view,
                   {editing(req) ? "kpi_edit_title" : "kpi_new_title", "projects", status});
}

// Creates or changes the KPI from the form; the stored KPI.
Kpi store_form(soci::session& sql, const Request& req, const Form& form) {
  auto input = core::Input::from_form(form);
  if (!editing(req)) {
    kit::ProjectScope scope(sql, req, req.param("id"));
    scope.require(ProjectRight::kEdit);
    return KpiStore(sql, scope.tenant_id())
        .create(&req.who(), scope.project().id, kpi_fields().parse_new(input));
  }
  auto [k, scope] = kpi_in_project(sql, req);
  scope.require(ProjectRight::kEdit);
  auto version = std::atoll(form.count("version") ? form.at("version").c_str() : "0");
  return KpiStore(sql, scope.tenant_id()).update(&req.who(), kpi_fields().apply(input, k), version);
}

}  // namespace

Response form_page(soci::session& sql, const KpiHooks& hooks, const Request& req) {
  return show_form(sql, hooks, req, nullptr, json::object(), 200);
}

Response save_kpi(soci::session& sql, const KpiHooks& hooks, const Request& req) {
  auto form = req.form();
  return kit::form_post(
      req, [&] { return Response::redirect(kpi_url(store_form(sql, req, form)) + "?saved=1"); },
      [&](const kit::FormRefusal& refused) {
        json typed = typed_form(form);
        if (refused.status == 409)
          typed["version"] = std::to_string(refused.current.value("version", 0LL));
        return show_form(sql, hooks, req, typed, refused.errors, refused.status);
      });
}

}  // namespace kpis

// The KPI form: a new KPI, or a change to one with its version; refused posts show the
// form again with what was typed (kit::form_post).
#include <map>

#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kpis/kpi_pages.hpp"
#include "kpis/kpi_store.hpp"
#include "org/person_store.hpp"
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
  view["direction_options"] = options(req, kDirections, "kpi_direction_", value("direction"));
  view["frequency_options"] = options(req, kFrequencies, "kpi_frequency_", value("frequency"));
  view["level_options"] = options(req, kLevels, "kpi_level_", value("level"));
  view["category_options"] = options(req, kCategories, "kpi_category_", value("category"));
  view["rule_set_options"] = options(req, kRuleSets, "kpi_rule_set_", value("rule_set"));
  json people = json::array();
  for (const auto& p : org::PersonStore(sql, req.who().tenant_id).page("", kPeopleMax))
    people.push_back({{"value", p.id}, {"label", p.name}, {"selected", p.id == value("owner_id")}});
  view["people"] = people;
}

Response show_form(soci::session& sql, const Request& req, json form, const json& errors,
                   int status) {
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

Response form_page(soci::session& sql, const KpiHooks& /*hooks*/, const Request& req) {
  return show_form(sql, req, nullptr, json::object(), 200);
}

Response save_kpi(soci::session& sql, const KpiHooks& /*hooks*/, const Request& req) {
  auto form = req.form();
  return kit::form_post(
      req, [&] { return Response::redirect(kpi_url(store_form(sql, req, form)) + "?saved=1"); },
      [&](const kit::FormRefusal& refused) {
        json typed = typed_form(form);
        if (refused.status == 409)
          typed["version"] = std::to_string(refused.current.value("version", 0LL));
        return show_form(sql, req, typed, refused.errors, refused.status);
      });
}

}  // namespace kpis

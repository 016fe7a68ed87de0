#include "bank/bank_views.hpp"

#include <cmath>
#include <sstream>

#include "maps/map_view.hpp"
#include "projects/coverage.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"

namespace bank {
namespace {

using nlohmann::json;

bool is_minutes(const std::string& metric) { return metric.ends_with("_minutes"); }

std::string figure_text(const http::Request& req, const std::string& metric,
                        const std::optional<std::int64_t>& v) {
  if (!v) return "–";
  return is_minutes(metric) ? maps::format_minutes(req.locale, *v) : std::to_string(*v);
}

std::string number(const std::optional<double>& v) {
  if (!v) return "–";
  std::ostringstream out;
  out << std::round(*v * 100.0) / 100.0;
  return out.str();
}

json choices(const http::Request& req, const std::vector<std::string>& keys,
             const std::string& prefix, const std::string& chosen) {
  web::Choices values;
  for (const auto& k : keys) values.emplace_back(k, web::t(req.locale, prefix + k));
  return web::select_options(values, chosen);
}

// "better" when the redesign's figure is smaller (fewer handovers, less waiting …).
std::string change_class(const std::optional<std::int64_t>& before,
                         const std::optional<std::int64_t>& after) {
  if (!before || !after || *before == *after) return "";
  return *after < *before ? "better" : "worse";
}

}  // namespace

json entry_view(const http::Request& req, const Entry& e) {
  json figures = json::array();
  for (const auto& f : e.figures)
    figures.push_back({{"label", web::t(req.locale, "metric." + f.metric)},
                       {"before", figure_text(req, f.metric, f.before)},
                       {"after", figure_text(req, f.metric, f.after)},
                       {"change", change_class(f.before, f.after)}});
  json kpis = json::array();
  for (const auto& k : e.kpis)
    kpis.push_back({{"name", k.name},
                    {"definition", k.definition},
                    {"unit", k.unit},
                    {"direction", web::t(req.locale, "bank_direction_" + k.direction)},
                    {"before", number(k.median_before)},
                    {"after", number(k.median_after)},
                    {"target", number(k.target)}});
  json tasks = json::array();
  for (const auto& t : e.tasks)
    tasks.push_back({{"task", t.task}, {"effect", t.effect}, {"how", t.how}});
  json lanes = json::array();
  for (const auto& l : e.lanes) lanes.push_back({{"name", l.name}});
  return {{"title", e.title},
          {"summary", e.summary},
          {"area", web::t(req.locale, "bank_area_" + e.service_area)},
          {"kle", e.kle ? json(*e.kle) : json()},
          {"tags", e.tags},
          {"has_tags", !e.tags.empty()},
          {"licence", web::t(req.locale, "bank_licence_" + e.licence)},
          {"contact_role", web::t(req.locale, "role." + e.contact_role)},
          {"figures", figures},
          {"has_figures", !figures.empty()},
          {"kpis", kpis},
          {"has_kpis", !kpis.empty()},
          {"tasks", tasks},
          {"has_tasks", !tasks.empty()},
          {"lessons", e.lessons},
          {"has_lessons", !e.lessons.empty()},
          {"lanes", lanes},
          {"has_as_is", e.as_is_bpmn.has_value()},
          {"has_redesign", e.redesign_bpmn.has_value()}};
}

json listed_view(const http::Request& req, const Listed& l) {
  return {{"id", l.id},
          {"title", l.title},
          {"summary", l.summary},
          {"publisher", l.publisher},
          {"area", web::t(req.locale, "bank_area_" + l.service_area)},
          {"kle", l.kle ? json(*l.kle) : json()},
          {"version", l.current_version},
          {"published", l.published_at.substr(0, 10)},
          {"used_by", l.used_by},
          {"unpublished", l.status != "published"},
          {"handovers_before", figure_text(req, "handovers", l.handovers_before)},
          {"handovers_after", figure_text(req, "handovers", l.handovers_after)},
          {"lead_before", figure_text(req, "lead_time_minutes", l.lead_time_before)},
          {"lead_after", figure_text(req, "lead_time_minutes", l.lead_time_after)}};
}

json area_choices(const http::Request& req, const std::string& chosen) {
  return choices(req, kServiceAreas, "bank_area_", chosen);
}
json licence_choices(const http::Request& req, const std::string& chosen) {
  return choices(req, kLicences, "bank_licence_", chosen);
}
json role_choices(const http::Request& req, const std::string& chosen) {
  return choices(req, projects::kRoles, "role.", chosen);
}
json language_choices(const http::Request& req, const std::string& chosen) {
  return choices(req, kLanguages, "bank_language_", chosen);
}

}  // namespace bank

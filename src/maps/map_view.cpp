#include "maps/map_view.hpp"

#include <cmath>
#include <cstdio>

#include "web/i18n.hpp"

namespace maps {
namespace {

using nlohmann::json;

bool is_time(const std::string& metric) {
  return metric == "waiting_minutes" || metric == "lead_time_minutes" ||
         metric == "duration_minutes";
}

std::string value_text(const std::string& locale, const std::string& metric, const json& v) {
  if (!v.is_number_integer()) return "—";
  long long n = v.get<long long>();
  if (is_time(metric)) return format_minutes(locale, n);
  return std::to_string(n);
}

}  // namespace

DurationLabels duration_labels(const std::string& locale) {
  return {web::t(locale, "unit.week"), web::t(locale, "unit.weeks"), web::t(locale, "unit.days"),
          web::t(locale, "unit.hours"), web::t(locale, "unit.minutes")};
}

std::string format_minutes(const std::string& locale, long long minutes) {
  if (minutes == 0) return "0";
  return format_duration(duration_labels(locale), minutes);
}

json duration_units_json() {
  json out = json::object();
  for (const auto& u : duration_units()) out[std::string(u.word)] = u.minutes;
  return out;
}

json duration_labels_json(const std::string& locale) {
  auto l = duration_labels(locale);
  return {
      {"week", l.week}, {"weeks", l.weeks}, {"day", l.day}, {"hour", l.hour}, {"minute", l.minute}};
}

json missing_times(const http::Request& req, const json& comparison) {
  json out = json::array();
  for (const char* side : {"as_is", "redesign"}) {
    const auto& figures =
        comparison.value(side == std::string("as_is") ? "before" : "after", json());
    if (!figures.is_object() || figures.value("steps_without_time", 0) == 0) continue;
    out.push_back(
        web::render_message(req.locale, core::Message{"map_times_missing_map",
                                                      {{"map", comparison[side].value("title", "")},
                                                       {"n", figures["steps_without_time"]},
                                                       {"steps", figures.value("steps", 0)}}}));
  }
  return out;
}

json comparison_rows(const http::Request& req, const json& comparison) {
  json rows = json::array();
  const bool times_incomplete = !missing_times(req, comparison).empty();
  for (auto r : comparison.value("rows", json::array())) {
    std::string metric = r.value("metric", "");
    if (times_incomplete && is_time(metric)) r["change"] = r["relative_change"] = nullptr;
    std::string relative = "—";
    if (r["relative_change"].is_number()) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%+.0f %%", r["relative_change"].get<double>() * 100.0);
      relative = buf;
    }
    std::string change = "—";
    if (r["change"].is_number_integer()) {
      long long c = r["change"].get<long long>();
      change = (c > 0 ? "+" : "") + value_text(req.locale, metric, r["change"]);
    }
    rows.push_back(
        {{"metric", metric},
         {"label", web::t(req.locale, "metric." + metric)},
         {"before", value_text(req.locale, metric, r["before"])},
         {"after", value_text(req.locale, metric, r["after"])},
         {"change", change},
         {"relative", relative},
         {"better", r["change"].is_number_integer() && r["change"].get<long long>() < 0},
         {"changed", r["change"].is_number_integer() && r["change"].get<long long>() != 0},
         {"unchanged", r["change"].is_number_integer() && r["change"].get<long long>() == 0}});
  }
  return rows;
}

json metric_rows(const http::Request& req, const json& metrics) {
  json rows = json::array();
  for (const char* metric :
       {"steps", "handovers", "it_systems", "it_system_touches", "citizen_contacts",
        "decision_points", "waiting_minutes", "lead_time_minutes"}) {
    rows.push_back({{"metric", metric},
                    {"label", web::t(req.locale, std::string("metric.") + metric)},
                    {"value", value_text(req.locale, metric, metrics.value(metric, json()))}});
  }
  return rows;
}

}  // namespace maps

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

std::string format_minutes(const std::string& locale, long long minutes) {
  if (minutes == 0) return "0";
  std::string sign = minutes < 0 ? "−" : "";
  long long m = std::llabs(minutes);
  long long days = m / 1440, hours = (m % 1440) / 60, rest = m % 60;
  std::string out;
  auto add = [&](long long n, const char* unit) {
    if (n == 0) return;
    if (!out.empty()) out += " ";
    out += std::to_string(n) + " " + web::t(locale, unit);
  };
  add(days, "unit.days");
  add(hours, "unit.hours");
  add(rest, "unit.minutes");
  return sign + out;
}

json comparison_rows(const http::Request& req, const json& comparison) {
  json rows = json::array();
  for (const auto& r : comparison.value("rows", json::array())) {
    std::string metric = r.value("metric", "");
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
         {"better", r["change"].is_number_integer() && r["change"].get<long long>() < 0}});
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

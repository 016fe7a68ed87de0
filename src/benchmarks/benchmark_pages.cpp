// The catalogue page (/indicators) and the KPI page's benchmark section: my run chart's
// values against the others' median and quartile band per period, as an inline SVG with
// the same figures as a table, and the comparison group as a filter.
#include <algorithm>
#include <cmath>

#include "benchmarks/benchmark_routes.hpp"
#include "benchmarks/indicator_store.hpp"
#include "core/input.hpp"
#include "kit/forms.hpp"
#include "kit/pages.hpp"
#include "projects/project_scope.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace benchmarks {
namespace {

using http::Request;
using http::Response;
using nlohmann::json;

constexpr double kWidth = 640;
constexpr double kHeight = 220;
constexpr double kLeft = 56;
constexpr double kRight = 12;
constexpr double kTop = 12;
constexpr double kBottom = 28;

std::string label(const Request& req, const std::string& key) { return web::t(req.locale, key); }

json indicator_row(const Request& req, const Indicator& i) {
  json row = indicator_fields().to_json(i);
  row["direction_label"] = label(req, "kpi_direction_" + i.direction);
  row["frequency_label"] = label(req, "kpi_frequency_" + i.frequency);
  if (i.source) row["source_label"] = label(req, "benchmark_source_" + *i.source);
  return row;
}

json choice_options(const Request& req, const std::vector<std::string>& values,
                    const std::string& prefix, const std::string& selected) {
  json out = json::array();
  for (const auto& v : values)
    out.push_back({{"value", v}, {"label", label(req, prefix + v)}, {"selected", v == selected}});
  return out;
}

Response catalogue_page(db::Database& db, const Request& req, json form, const json& errors,
                        int status) {
  auto view = web::base_view(req);
  json rows = json::array();
  {
    auto sql = db.lease();
    for (const auto& i : IndicatorStore(*sql, req.who().tenant_id).all())
      rows.push_back(indicator_row(req, i));
  }
  view["indicators"] = rows;
  view["has_indicators"] = !rows.empty();
  view["may_add"] = req.who().is_admin();
  if (form.is_null()) form = json::object();
  view["form"] = form;
  view["errors"] = errors;
  view["direction_options"] =
      choice_options(req, kpis::kDirections, "kpi_direction_", form.value("direction", ""));
  view["frequency_options"] =
      choice_options(req, kIndicatorFrequencies, "kpi_frequency_", form.value("frequency", ""));
  view["source_options"] =
      choice_options(req, kSources, "benchmark_source_", form.value("source", ""));
  view["saved"] = req.query_param("saved").has_value();
  return web::page(req, "benchmarks/indicators", view, {"indicators_title", "projects", status});
}

Response add_indicator(db::Database& db, const Request& req) {
  auto form = req.form();
  json typed = kit::typed_fields(
      form, {"name", "description", "unit", "direction", "frequency", "source", "external_code"});
  return kit::form_post(
      req,
      [&] {
        auto input = core::Input::from_form(form);
        auto parsed = indicator_fields().parse_new(input);
        auto sql = db.lease();
        IndicatorStore(*sql, req.who().tenant_id).create(&req.who(), parsed);
        return Response::redirect("/indicators?saved=1");
      },
      [&](const kit::FormRefusal& refused) {
        return catalogue_page(db, req, typed, refused.errors, refused.status);
      });
}

// Where a value lies on the chart's y axis, between `low` and `high`.
struct Scale {
  double low = 0;
  double high = 1;
  double y(double v) const { return kTop + (high - v) / (high - low) * (kHeight - kTop - kBottom); }
};

Scale scale_of(const Benchmark& b) {
  std::vector<double> all;
  for (const auto& p : b.periods) {
    if (p.mine) all.push_back(*p.mine);
    if (p.peers) {
      all.push_back(p.peers->lower);
      all.push_back(p.peers->upper);
    }
  }
  if (all.empty()) return {};
  auto [lo, hi] = std::minmax_element(all.begin(), all.end());
  double pad = std::max((*hi - *lo) * 0.1, 0.5);
  double low = *lo - pad;
  if (*lo >= 0 && low < 0) low = 0;  // a count or a duration starts at nothing
  return {low, *hi + pad};
}

std::string fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// The chart as SVG parts: a band and a median tick per shown period, my values as a line.
json chart_view(const Request& req, const Benchmark& b) {
  Scale s = scale_of(b);
  double step = b.periods.size() > 1
                    ? (kWidth - kLeft - kRight) / static_cast<double>(b.periods.size() - 1)
                    : 0;
  double band = std::clamp(step * 0.6, 2.0, 16.0);
  json bands = json::array();
  json dots = json::array();
  std::string line;
  for (std::size_t i = 0; i < b.periods.size(); ++i) {
    const auto& p = b.periods[i];
    double x = kLeft + step * static_cast<double>(i) + (b.periods.size() > 1 ? 0 : 40);
    if (p.peers)
      bands.push_back({{"x", fixed(x - band / 2)},
                       {"y", fixed(s.y(p.peers->upper))},
                       {"w", fixed(band)},
                       {"h", fixed(std::max(1.0, s.y(p.peers->lower) - s.y(p.peers->upper)))},
                       {"x1", fixed(x - band / 2)},
                       {"x2", fixed(x + band / 2)},
                       {"my", fixed(s.y(p.peers->median))}});
    if (p.mine) {
      line += (line.empty() ? "" : " ") + fixed(x) + "," + fixed(s.y(*p.mine));
      dots.push_back({{"x", fixed(x)}, {"y", fixed(s.y(*p.mine))}});
    }
  }
  return {{"width", fixed(kWidth)},
          {"height", fixed(kHeight)},
          {"bands", bands},
          {"dots", dots},
          {"line", line},
          {"axis_x", fixed(kLeft - 6)},
          {"top_y", fixed(kTop + 4)},
          {"bottom_y", fixed(kHeight - kBottom)},
          {"label_y", fixed(kHeight - 8)},
          {"first_x", fixed(kLeft)},
          {"last_x", fixed(kWidth - kRight)},
          {"first_period", kpis::format_period(period_line(b.indicator), b.periods.front().period)},
          {"last_period", kpis::format_period(period_line(b.indicator), b.periods.back().period)},
          {"top_label", web::format_number(req.locale, s.high, 1)},
          {"bottom_label", web::format_number(req.locale, s.low, 1)}};
}

json table_rows(const Request& req, const Benchmark& b) {
  auto line = period_line(b.indicator);
  auto num = [&req](double v) { return web::format_number(req.locale, v, 1); };
  json rows = json::array();
  for (const auto& p : b.periods) {
    json row = {{"period", kpis::format_period(line, p.period)},
                {"value", p.mine ? num(*p.mine) : ""},
                {"shown", p.peers.has_value()}};
    if (p.peers) {
      row["median"] = num(p.peers->median);
      row["lower"] = num(p.peers->lower);
      row["upper"] = num(p.peers->upper);
    }
    rows.push_back(row);
  }
  return rows;
}

std::string section(soci::session& sql, const Request& req, const kpis::Kpi& k) {
  if (!k.indicator_id) return {};
  auto view = web::base_view(req);
  BenchmarkStore store(sql, req.who().tenant_id);
  if (!store.opted_in()) {
    view["not_opted_in"] = true;
    view["may_settle"] = req.who().is_admin();
    return web::render_template("benchmarks/kpi_section", view);
  }
  std::string group = req.query_param("benchmark_group").value_or("all");
  if (!is_group(group)) group = "all";
  auto b = store.of_kpi(k, group, req.who().today());
  view["indicator"] = indicator_row(req, b.indicator);
  view["group_options"] = choice_options(req, kGroups, "benchmark_group_", group);
  view["group_label"] = label(req, "benchmark_group_" + group);
  if (!b.my_group.empty()) view["my_group_label"] = label(req, "benchmark_group_" + b.my_group);
  view["min_tenants"] = kMinTenants;
  view["rows"] = table_rows(req, b);
  bool any_shown = std::any_of(b.periods.begin(), b.periods.end(),
                               [](const PeriodComparison& p) { return p.peers.has_value(); });
  view["any_shown"] = any_shown;
  view["has_rows"] = !b.periods.empty();
  if (!b.periods.empty()) view["chart"] = chart_view(req, b);
  view["action"] = "/projects/" + k.project_id + "/kpis/" + k.id;
  return web::render_template("benchmarks/kpi_section", view);
}

}  // namespace

kpis::KpiHooks::PageSection kpi_page_section() { return section; }

json indicator_choices(soci::session& sql) {
  json out = json::array();
  for (const auto& i : IndicatorStore(sql, "").all()) {
    std::string text = i.name + " (" + i.unit + ")";
    if (i.external_code) text += " – " + *i.external_code;
    out.push_back({{"id", i.id}, {"label", text}});
  }
  return out;
}

void add_pages(http::Router& router, db::Database& db) {
  kit::add_page_routes(router, db,
                       {{"GET", "/indicators",
                         [](db::Database& db, const Request& req) {
                           return catalogue_page(db, req, nullptr, json::object(), 200);
                         },
                         "The shared catalogue of common indicators"},
                        {"POST", "/indicators", add_indicator,
                         "Add a common indicator (administrators)", http::Access::kAdmin}});
}

}  // namespace benchmarks

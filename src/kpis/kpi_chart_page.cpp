// The KPI page: its facts, the run chart (uPlot) with the same facts as a table and a text
// summary, and the chart periods, split and frozen from a form.
#include "core/input.hpp"
#include "core/message.hpp"
#include "kit/forms.hpp"
#include "kpis/kpi_chart.hpp"
#include "kpis/kpi_pages.hpp"
#include "kpis/kpi_store.hpp"
#include "org/person_store.hpp"
#include "projects/project_store.hpp"
#include "web/assets.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace kpis {
namespace {

// What the chart views need besides the KPI: its points, stored splits and evaluation.
struct Drawn {
  std::vector<ChartPoint> points;
  std::vector<StoredPeriod> stored;
  KpiChart chart;
};

json facts(soci::session& sql, const Request& req, const Kpi& k) {
  json kv = to_json(k);
  kv["url"] = kpi_url(k);
  for (const char* choice : {"direction", "frequency", "level", "category", "rule_set"})
    kv[std::string(choice) + "_label"] =
        web::t(req.locale, "kpi_" + std::string(choice) + "_" + kv[choice].get<std::string>());
  kv["baseline_text"] = k.baseline ? shown(req, *k.baseline) : "";
  kv["target_text"] = k.target ? shown(req, *k.target) : "";
  if (k.owner_id) {
    if (auto person = org::PersonStore(sql, req.who().tenant_id).find(*k.owner_id))
      kv["owner_name"] = person->name;
  }
  return kv;
}

std::string median_text(const Request& req, const std::optional<double>& median) {
  return median ? shown(req, *median) : std::string();
}

// The text alternative: one row per point, with its period's median and label.
json point_rows(const Request& req, const Kpi& k, const Drawn& d) {
  auto freq = frequency_of(k.frequency);
  // A point in several signals shows the first one's effect.
  std::vector<std::string> flagged(d.points.size());
  for (const auto& s : d.chart.result.signals) {
    auto effect = signal_effect(s, d.points, d.chart.result, k.direction);
    for (auto i : s.points)
      if (flagged[i].empty()) flagged[i] = effect;
  }
  json rows = json::array();
  for (const auto& period : d.chart.result.periods)
    for (std::size_t i = period.first; i < period.first + period.count; ++i)
      rows.push_back({{"period", format_period(freq, d.points[i].period)},
                      {"value", shown(req, d.points[i].value)},
                      {"median", median_text(req, period.median)},
                      {"chart_period", period.label},
                      {"signal", !flagged[i].empty()},
                      {"effect", flagged[i]},
                      {"effect_label",
                       flagged[i].empty() ? "" : web::t(req.locale, "kpi_effect_" + flagged[i])}});
  return rows;
}

// One sentence per signal.
json signal_rows(const Request& req, const Kpi& k, const Drawn& d) {
  auto freq = frequency_of(k.frequency);
  json signals = json::array();
  for (const auto& s : d.chart.result.signals) {
    auto effect = signal_effect(s, d.points, d.chart.result, k.direction);
    json row = {{"rule", web::t(req.locale, "kpi_rule_" + s.rule)},
                {"effect", effect},
                {"effect_label", web::t(req.locale, "kpi_effect_" + effect)},
                {"from", format_period(freq, d.points[s.from].period)},
                {"to", format_period(freq, d.points[s.to].period)}};
    // An unnamed chart period (the only one) is left out, not shown as "()".
    const auto& label = d.chart.result.periods[s.period_index].label;
    if (!label.empty()) row["period"] = label;
    signals.push_back(std::move(row));
  }
  return signals;
}

// The rules' figures per chart period, next to the verdict: the longest run against its
// limit, the crossings against theirs, and the useful points against the minimum.
json figure_rows(const Request& req, const Kpi& k, const Drawn& d) {
  json rows = json::array();
  bool ihi = k.rule_set == "ihi";
  for (const auto& p : d.chart.result.periods) {
    if (!p.median) continue;
    json lines = json::array();
    auto line = [&](const std::string& key, nlohmann::json params) {
      lines.push_back(web::render_message(req.locale, core::Message{key, std::move(params)}));
    };
    if (p.useful < kMinUsefulPoints)
      line("kpi_figure_useful", {{"useful", p.useful}, {"min", kMinUsefulPoints}});
    if (ihi) {
      line("kpi_figure_shift", {{"run", p.longest_run}, {"limit", kIhiShift}});
    } else if (p.useful > 0) {
      line("kpi_figure_run", {{"run", p.longest_run}, {"limit", p.run_limit}});
      line("kpi_figure_crossings", {{"crossings", p.crossings}, {"limit", p.crossings_limit}});
    }
    rows.push_back({{"label", p.label}, {"has_label", !p.label.empty()}, {"lines", lines}});
  }
  return rows;
}

// The week the project's trial began (its gate into the trial phase), if it has one.
std::optional<long> trial_start(soci::session& sql, const Request& req, const Kpi& k) {
  std::optional<long> start;
  auto gates = projects::ProjectStore(sql, req.who().tenant_id)
                   .decisions(k.project_id, "phase_gate", req.locale);
  for (const auto& g : gates)
    if (g["to_phase"] == "trial")
      start = period_of_date(frequency_of(k.frequency), g["decided_on"].get<std::string>());
  return start;
}

// Offered while the chart has no split: freeze the median at the baseline weeks, so the
// trial is judged against them. The week before the trial began is chosen when the
// measurements lie on both sides of it.
json baseline_offer(soci::session& sql, const Request& req, const Kpi& k, const Drawn& d) {
  if (!d.stored.empty() || d.points.size() < 2) return nullptr;
  auto freq = frequency_of(k.frequency);
  auto trial = trial_start(sql, req, k);
  bool splits_data = trial && d.points.front().period < *trial && d.points.back().period >= *trial;
  json weeks = json::array();
  for (std::size_t i = 0; i + 1 < d.points.size(); ++i) {
    long p = d.points[i].period;
    bool chosen = splits_data && p < *trial && d.points[i + 1].period >= *trial;
    weeks.push_back({{"value", format_period(freq, p)}, {"selected", chosen}});
  }
  return {{"start", format_period(freq, d.points.front().period)},
          {"label", web::t(req.locale, "kpi_baseline_period_label")},
          {"trial_started", splits_data},
          {"weeks", weeks}};
}

json period_rows(const Request& req, const Kpi& k, const Drawn& d) {
  auto freq = frequency_of(k.frequency);
  json rows = json::array();
  for (const auto& p : d.chart.result.periods) {
    json row = {{"label", p.label},
                {"start", format_period(freq, p.start)},
                {"median", median_text(req, p.median)},
                {"frozen", p.frozen},
                {"freeze_until", p.freeze_until ? format_period(freq, *p.freeze_until) : ""}};
    for (const auto& s : d.stored)
      if (s.split.start == p.start) row["delete_url"] = kpi_url(k) + "/periods/" + s.id + "/delete";
    rows.push_back(row);
  }
  return rows;
}

json chart_labels(const Request& req) {
  json labels = json::object();
  for (const char* key : {"period", "value", "median", "baseline", "target", "signal"})
    labels[key] = web::t(req.locale, "kpi_" + std::string(key));
  for (const char* effect : {"better", "worse", "neutral"})
    labels[std::string("signal_") + effect] =
        web::t(req.locale, "kpi_signal") + ": " +
        web::t(req.locale, std::string("kpi_effect_") + effect);
  return labels;
}

void add_chart_view(json& view, const Request& req, const Kpi& k, const Drawn& d) {
  view["chart_json"] = chart_body(k, d.points, d.stored, d.chart);
  view["chart_labels"] = chart_labels(req).dump();
  view["charts"] = {{"js", web::asset_url("charts.js")}, {"css", web::asset_url("charts.css")}};
  view["due"] = d.chart.due;
  view["rows"] = point_rows(req, k, d);
  view["has_points"] = !view["rows"].empty();
  view["signals"] = signal_rows(req, k, d);
  view["has_signals"] = !view["signals"].empty();
  view["too_few"] = d.points.size() < static_cast<std::size_t>(kMinUsefulPoints);
  view["figures"] = figure_rows(req, k, d);
  view["periods"] = period_rows(req, k, d);
}

void add_forms_view(json& view, const Request& req, const PageState& state, const Kpi& k,
                    const Drawn& d) {
  view["grid"] = grid_cells(k, d.points, state, req.who().today(), req.locale);
  view["grid_paging"] = grid_paging(k, state, req.who().today());
  view["grid_errors"] = !state.grid_errors.empty();
  view["period_form"] = state.period_form;
  view["period_errors"] = state.period_errors;
  add_import_view(view, req, state);
}

}  // namespace

Response add_period(soci::session& sql, const KpiHooks& hooks, const Request& req) {
  auto loaded = kpi_in_project(sql, req);
  loaded.second.require(ProjectRight::kEdit);
  PageState state;
  auto form = req.form();
  for (const char* f : {"start", "label", "frozen", "freeze_until"})
    state.period_form[f] = form.count(f) ? form.at(f) : "";
  return kit::form_post(
      req,
      [&] {
        core::Input input(state.period_form, true);
        auto p = parse_chart_period(loaded.first, input);
        KpiStore(sql, loaded.second.tenant_id()).add_period(&req.who(), loaded.first, p);
        return Response::redirect(kpi_url(loaded.first) + "?saved=1#periods");
      },
      [&](const kit::FormRefusal& refused) {
        state.period_errors = refused.errors;
        return kpi_page(sql, hooks, req, state, refused.status);
      });
}

Response remove_period(soci::session& sql, const KpiHooks& /*hooks*/, const Request& req) {
  auto [k, scope] = kpi_in_project(sql, req);
  scope.require(ProjectRight::kEdit);
  KpiStore(sql, scope.tenant_id()).remove_period(&req.who(), k, req.param("period"));
  return Response::redirect(kpi_url(k) + "?saved=1#periods");
}

Response show_kpi(soci::session& sql, const KpiHooks& hooks, const Request& req) {
  return kpi_page(sql, hooks, req, PageState{}, 200);
}

Response kpi_page(soci::session& sql, const KpiHooks& hooks, const Request& req,
                  const PageState& refused, int status) {
  PageState state = refused;
  if (state.grid_end.empty()) state.grid_end = req.query_param("grid_end").value_or("");
  auto [k, scope] = kpi_in_project(sql, req);
  scope.require(ProjectRight::kRead);
  KpiStore store(sql, scope.tenant_id());
  Drawn d{store.points(k.id), store.periods(k.id), {}};
  d.chart = evaluate_chart(k, d.points, d.stored, req.who().today());
  auto view = kit::project_view(req, scope, "kpis");
  view["kpi"] = facts(sql, req, k);
  view["saved"] = req.query_param("saved").has_value();
  view["may_edit"] = scope.may(ProjectRight::kEdit);
  add_chart_view(view, req, k, d);
  if (view["may_edit"].get<bool>()) view["baseline_offer"] = baseline_offer(sql, req, k, d);
  add_forms_view(view, req, state, k, d);
  view["extra_sections"] = json::array();
  for (const auto& section : hooks.page_sections)
    view["extra_sections"].push_back(section(sql, req, k));
  return web::page(req, "kpis/kpi", view, {"kpi_title", "projects", status});
}

}  // namespace kpis

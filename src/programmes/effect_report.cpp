#include "programmes/effect_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/time.hpp"
#include "kpis/kpi_chart.hpp"
#include "projects/method_template.hpp"
#include "surveys/results.hpp"

namespace programmes::effects {
namespace {

using Key = std::pair<std::string, std::string>;  // (tenant, project)

constexpr long kEpochMonday = 4;  // 1970-01-05, the first Monday, in days since 1970-01-01

std::string day_text(long long days) {
  auto d = core::civil_from_days(days);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

// The values of the period's points, only those after `after` when given.
std::vector<double> values_in(const std::vector<kpis::ChartPoint>& points,
                              const kpis::PeriodResult& p, std::optional<long> after,
                              std::optional<long> up_to) {
  std::vector<double> out;
  for (std::size_t i = p.first; i < p.first + p.count && i < points.size(); ++i) {
    if (after && points[i].period <= *after) continue;
    if (up_to && points[i].period > *up_to) continue;
    out.push_back(points[i].value);
  }
  return out;
}

// The ordinals of the first and last point of the period in the same bounds.
std::pair<std::optional<long>, std::optional<long>> span_in(
    const std::vector<kpis::ChartPoint>& points, const kpis::PeriodResult& p,
    std::optional<long> after, std::optional<long> up_to) {
  std::optional<long> from, to;
  for (std::size_t i = p.first; i < p.first + p.count && i < points.size(); ++i) {
    if (after && points[i].period <= *after) continue;
    if (up_to && points[i].period > *up_to) continue;
    if (!from) from = points[i].period;
    to = points[i].period;
  }
  return {from, to};
}

std::string signal_of(const kpis::Kpi& kpi, const std::vector<kpis::ChartPoint>& points,
                      const kpis::ChartResult& chart) {
  auto signals = chart.signals;
  std::stable_sort(signals.begin(), signals.end(),
                   [](const kpis::Signal& a, const kpis::Signal& b) { return a.to < b.to; });
  std::vector<std::string> effects;
  for (const auto& s : signals)
    effects.push_back(kpis::signal_effect(s, points, chart, kpi.direction));
  return benefits::kpi_chart_status(!points.empty(), effects);
}

// The phases of `projects` counted, in the order of the methods and their phases.
std::vector<PhaseCount> count_phases(const std::vector<const AttachedProject*>& projects) {
  std::map<Key, int> counts;
  for (const auto* a : projects) ++counts[{a->template_key, a->phase_key}];
  std::vector<PhaseCount> out;
  for (const auto& [key, n] : counts) out.push_back({key.first, key.second, n});
  auto rank = [](const PhaseCount& p) {
    const auto& shipped = projects::shipped_templates();
    auto t = std::find_if(shipped.begin(), shipped.end(), [&](const projects::MethodTemplate& m) {
      return m.key == p.template_key;
    });
    const long method = t == shipped.end() ? static_cast<long>(shipped.size())
                                           : static_cast<long>(t - shipped.begin());
    return std::tuple(method, p.template_key, t == shipped.end() ? 0 : t->phase_index(p.phase_key),
                      p.phase_key);
  };
  std::sort(out.begin(), out.end(),
            [&](const PhaseCount& a, const PhaseCount& b) { return rank(a) < rank(b); });
  return out;
}

Counts zero_outcomes() {
  Counts c;
  for (const auto& o : kOutcomes) c[o] = 0;
  return c;
}

// What one project's KPIs and benefits came to, for its clusters and tracks.
struct ProjectTally {
  std::vector<std::pair<std::string, std::string>> outcomes;  // (category, outcome)
  int benefits = 0;
  int realised = 0;
};

std::optional<IndexPoint> index_point(const SurveyRound* round, const std::string& scale_key,
                                      int min_n) {
  if (!round) return std::nullopt;
  IndexPoint p{round->label, round->closes_on, true, {}};
  for (const auto& r : surveys::round_results(round->grouping, round->sums, min_n)) {
    if (r.scale_key != scale_key || r.total.hidden || r.total.index.n == 0) continue;
    p.hidden = false;
    p.index = r.total.index;
  }
  return p;
}

void add_surveys(EffectReport& report, const std::map<Key, const AttachedProject*>& by_key,
                 const std::vector<SurveyRow>& rows) {
  for (const auto& s : rows) {
    auto found = by_key.find({s.tenant_id, s.project_id});
    if (found == by_key.end() || s.rounds.empty()) continue;
    const SurveyRound* baseline = nullptr;
    const SurveyRound* latest = nullptr;
    for (const auto& r : s.rounds) {
      if (r.number == 0) baseline = &r;
      if (r.number > 0 && (!latest || r.number > latest->number)) latest = &r;
    }
    const auto* a = found->second;
    for (const auto& scale : s.scales) {
      SurveyEffect e{{a->project_id, a->tenant_id, a->title, a->tenant_name},
                     s.title,
                     scale.value("key", ""),
                     scale.value("name", nlohmann::json::object()),
                     index_point(baseline, scale.value("key", ""), s.min_n),
                     index_point(latest, scale.value("key", ""), s.min_n),
                     std::nullopt};
      if (e.baseline && e.latest && !e.baseline->hidden && !e.latest->hidden)
        e.change = surveys::change_since(e.baseline->index, e.latest->index);
      report.surveys.push_back(std::move(e));
    }
  }
}

GroupEffect group_of(std::string id, std::string name,
                     const std::vector<const AttachedProject*>& members,
                     const std::map<Key, ProjectTally>& tallies) {
  GroupEffect g{std::move(id),
                std::move(name),
                static_cast<int>(members.size()),
                count_phases(members),
                {},
                0,
                0};
  for (const auto& c : kpis::kCategories) g.outcomes[c] = zero_outcomes();
  for (const auto* a : members) {
    auto t = tallies.find({a->tenant_id, a->project_id});
    if (t == tallies.end()) continue;
    for (const auto& [category, outcome] : t->second.outcomes) ++g.outcomes[category][outcome];
    g.benefits += t->second.benefits;
    g.realised += t->second.realised;
  }
  return g;
}

void add_groups(EffectReport& report, const Programme& programme,
                const std::vector<AttachedProject>& attached,
                const std::map<Key, ProjectTally>& tallies) {
  std::set<std::string> cluster_ids;
  for (const auto& c : programme.clusters) {
    cluster_ids.insert(c.id);
    std::vector<const AttachedProject*> members;
    for (const auto& a : attached)
      if (a.cluster_id == c.id) members.push_back(&a);
    report.clusters.push_back(group_of(c.id, c.name, members, tallies));
  }
  std::vector<const AttachedProject*> loose;
  for (const auto& a : attached)
    if (!a.cluster_id || cluster_ids.count(*a.cluster_id) == 0) loose.push_back(&a);
  if (!loose.empty() && !programme.clusters.empty())
    report.clusters.push_back(group_of("", "", loose, tallies));
  for (const auto& t : programme.tracks) {
    std::vector<const AttachedProject*> members;
    for (const auto& a : attached)
      if (std::find(a.track_ids.begin(), a.track_ids.end(), t.id) != a.track_ids.end())
        members.push_back(&a);
    report.tracks.push_back(group_of(t.id, t.name, members, tallies));
  }
}

}  // namespace

BeforeAfter before_after(const kpis::Kpi& kpi, const std::vector<kpis::ChartPoint>& points,
                         const kpis::ChartResult& chart) {
  BeforeAfter out;
  std::vector<std::size_t> filled;  // the periods that hold points
  for (std::size_t i = 0; i < chart.periods.size(); ++i)
    if (chart.periods[i].count > 0) filled.push_back(i);
  if (filled.empty()) {
    if (kpi.baseline) out = {kpi.baseline, "kpi_baseline"};
    return out;
  }
  // The baseline period: the first frozen with an end, else the first of several.
  std::optional<std::size_t> base;
  for (auto i : filled)
    if (chart.periods[i].freeze_until) {
      base = i;
      break;
    }
  if (!base && filled.size() >= 2) base = filled.front();
  const std::optional<long> base_end =
      base ? chart.periods[*base].freeze_until : std::optional<long>();
  if (kpi.baseline) {
    out.before = kpi.baseline;
    out.before_source = "kpi_baseline";
  } else if (base) {
    auto values = values_in(points, chart.periods[*base], std::nullopt, base_end);
    if (!values.empty()) {
      out.before = kpis::median_of(values);
      out.before_source = "chart_baseline";
      std::tie(out.before_from, out.before_to) =
          span_in(points, chart.periods[*base], std::nullopt, base_end);
    }
  }
  const std::size_t latest = filled.back();
  std::optional<long> after_bound;
  if (base && latest == *base) {
    if (!base_end) return out;  // only the baseline has points
    after_bound = base_end;
  }
  auto values = values_in(points, chart.periods[latest], after_bound, std::nullopt);
  if (values.empty()) return out;
  out.after = kpis::median_of(values);
  out.after_points = values.size();
  std::tie(out.after_from, out.after_to) =
      span_in(points, chart.periods[latest], after_bound, std::nullopt);
  return out;
}

std::string outcome(const std::string& direction, std::optional<double> before,
                    std::optional<double> after) {
  if (!before || !after) return "not_measured";
  const double diff = *after - *before;
  if (std::abs(diff) <= kUnchangedWithin * std::abs(*before)) return "unchanged";
  return (diff > 0) == (direction != "lower") ? "improved" : "worse";
}

std::pair<std::string, std::string> period_days(kpis::Frequency f, long ordinal) {
  if (f == kpis::Frequency::kMonthly) {
    const long year = ordinal >= 0 ? ordinal / 12 : (ordinal - 11) / 12;
    const int month = static_cast<int>(ordinal - year * 12) + 1;
    const long long first = core::days_from_civil(year, month, 1);
    const long long next = month == 12 ? core::days_from_civil(year + 1, 1, 1)
                                       : core::days_from_civil(year, month + 1, 1);
    return {day_text(first), day_text(next - 1)};
  }
  const long long monday = static_cast<long long>(ordinal) * 7 + kEpochMonday;
  return {day_text(monday), day_text(monday + 7 * kpis::step(f) - 1)};
}

bool counts_as_realised(const std::string& status) {
  return status == "realised" || status == "partly_realised";
}

EffectReport build_report(const Programme& programme, const std::vector<AttachedProject>& attached,
                          const Rows& rows, const std::string& today) {
  EffectReport report;
  std::map<Key, const AttachedProject*> by_key;
  std::set<std::string> tenants;
  std::vector<const AttachedProject*> all;
  for (const auto& a : attached) {
    by_key[{a.tenant_id, a.project_id}] = &a;
    tenants.insert(a.tenant_id);
    all.push_back(&a);
  }
  report.projects = static_cast<int>(attached.size());
  report.municipalities = static_cast<int>(tenants.size());
  report.phases = count_phases(all);
  for (const auto& c : kpis::kCategories) report.categories.push_back({c, {}, {}, zero_outcomes()});
  auto category = [&](const std::string& key) -> CategoryEffect* {
    for (auto& c : report.categories)
      if (c.category == key) return &c;
    return nullptr;
  };
  auto ref = [](const AttachedProject& a) {
    return ProjectRef{a.project_id, a.tenant_id, a.title, a.tenant_name};
  };

  std::map<Key, ProjectTally> tallies;
  std::map<Key, std::string> signals;  // (tenant, KPI id) → chart status
  std::optional<std::pair<std::string, std::string>> span;
  for (const auto& row : rows.kpis) {
    auto found = by_key.find({row.tenant_id, row.kpi.project_id});
    CategoryEffect* into = category(row.kpi.category);
    if (found == by_key.end() || !into) continue;
    const auto chart = kpis::evaluate_chart(row.kpi, row.points, row.periods, today).result;
    KpiEffect e{ref(*found->second), row.kpi, before_after(row.kpi, row.points, chart), "", ""};
    e.outcome = outcome(row.kpi.direction, e.values.before, e.values.after);
    e.signal = signal_of(row.kpi, row.points, chart);
    signals[{row.tenant_id, row.kpi.id}] = e.signal;
    ++into->outcomes[e.outcome];
    tallies[found->first].outcomes.emplace_back(row.kpi.category, e.outcome);
    if (!row.points.empty()) {
      const auto freq = kpis::frequency_of(row.kpi.frequency);
      const auto first = period_days(freq, row.points.front().period).first;
      const auto last = period_days(freq, row.points.back().period).second;
      if (!report.from || first < *report.from) report.from = first;
      if (!report.to || last > *report.to) report.to = last;
    }
    into->kpis.push_back(std::move(e));
  }

  for (const auto& row : rows.benefits) {
    const auto& b = row.benefit;
    auto found = by_key.find({row.tenant_id, b.project_id});
    CategoryEffect* into = category(b.category);
    if (found == by_key.end() || !into) continue;
    std::vector<std::string> statuses;
    for (const auto& id : b.kpi_ids)
      if (auto s = signals.find({row.tenant_id, id}); s != signals.end())
        statuses.push_back(s->second);
    BenefitEffect e{ref(*found->second), b.title,
                    b.category,          benefits::benefit_status(b, statuses, today),
                    b.realisation,       b.judged_on};
    ++into->statuses[e.status];
    ++report.benefits;
    auto& tally = tallies[found->first];
    ++tally.benefits;
    if (counts_as_realised(e.status)) {
      ++report.realised;
      ++tally.realised;
    }
    into->benefits.push_back(std::move(e));
  }

  auto by_place = [](const auto& a, const auto& b) {
    return std::tie(a.project.municipality, a.project.title) <
           std::tie(b.project.municipality, b.project.title);
  };
  for (auto& c : report.categories) {
    std::stable_sort(c.kpis.begin(), c.kpis.end(), by_place);
    std::stable_sort(c.benefits.begin(), c.benefits.end(), by_place);
  }
  add_surveys(report, by_key, rows.surveys);
  std::stable_sort(report.surveys.begin(), report.surveys.end(), by_place);
  add_groups(report, programme, attached, tallies);
  return report;
}

}  // namespace programmes::effects

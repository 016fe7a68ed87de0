#include "adoption/adoption.hpp"

#include <algorithm>
#include <set>

#include "wins/win.hpp"

namespace adoption {

bool transition_allowed(const std::string& from, const std::string& to) {
  if (from == to) return false;
  if (from == "trial") return to == "adopted" || to == "keep_developing" || to == "cancelled";
  if (from == "keep_developing") return to == "trial" || to == "adopted" || to == "cancelled";
  if (from == "adopted") return to == "keep_developing";
  if (from == "cancelled") return to == "trial";
  return false;
}

std::vector<std::string> next_statuses(const std::string& from) {
  std::vector<std::string> out;
  for (const auto& s : kStatuses)
    if (transition_allowed(from, s)) out.push_back(s);
  return out;
}

std::vector<Step> merge(const std::vector<MapStep>& map_steps,
                        const std::vector<StoredStep>& stored) {
  std::vector<Step> out;
  std::set<std::string> on_map;
  auto fill = [](Step& s, const StoredStep& st) {
    s.status = st.status;
    s.decision_id = st.decision_id;
    s.decision_text = st.decision_text;
    s.decided_on = st.decided_on;
    s.version = st.version;
  };
  for (const auto& m : map_steps) {
    if (!on_map.insert(m.element_id).second) continue;
    Step s;
    s.element_id = m.element_id;
    s.name = m.name.empty() ? m.element_id : m.name;
    auto it = std::find_if(stored.begin(), stored.end(),
                           [&](const StoredStep& st) { return st.element_id == m.element_id; });
    if (it != stored.end()) fill(s, *it);
    out.push_back(s);
  }
  for (const auto& st : stored) {
    if (on_map.count(st.element_id)) continue;
    Step s;
    s.element_id = st.element_id;
    s.name = st.step_name;
    s.on_map = false;
    fill(s, st);
    out.push_back(s);
  }
  return out;
}

Share share_adopted(const std::vector<Step>& steps) {
  Share share;
  for (const auto& s : steps) {
    if (!s.on_map) continue;
    ++share.total;
    if (s.status == "adopted") ++share.adopted;
  }
  share.percent = share.total == 0 ? 0 : share.adopted * 100 / share.total;
  return share;
}

nlohmann::json to_json(const Step& s) {
  auto opt = [](const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
  };
  return {{"element_id", s.element_id},
          {"name", s.name},
          {"status", s.status},
          {"on_map", s.on_map},
          {"decision_id", opt(s.decision_id)},
          {"decision", opt(s.decision_text)},
          {"decided_on", opt(s.decided_on)},
          {"version", s.version},
          {"next_statuses", next_statuses(s.status)}};
}

BeforeAfter before_after(const std::vector<kpis::ChartPoint>& points,
                         const kpis::ChartResult& chart, const std::string& direction,
                         std::optional<double> baseline, std::optional<double> target) {
  BeforeAfter r;
  r.target = target;
  std::vector<const kpis::PeriodResult*> with_points;
  for (const auto& p : chart.periods)
    if (p.count > 0 && p.median) with_points.push_back(&p);
  r.baseline_median = baseline;
  if (with_points.empty()) return r;
  // A baseline period exists when the chart is split, or when its one period is frozen
  // on its own first points (the baseline weeks).
  const kpis::PeriodResult* base = nullptr;
  if (with_points.size() > 1 || with_points.front()->freeze_until) base = with_points.front();
  if (base != nullptr) {
    r.baseline_median = base->median;
    r.baseline_from_period = true;
    r.baseline_label = base->label;
  }
  const auto& last = *with_points.back();
  std::vector<double> values;
  for (std::size_t i = last.first; i < last.first + last.count && i < points.size(); ++i) {
    // In a period that is its own baseline, "after" is what follows the baseline weeks.
    if (&last == base && base->freeze_until && points[i].period <= *base->freeze_until) continue;
    values.push_back(points[i].value);
    if (!r.after_from) r.after_from = points[i].period;
    r.after_to = points[i].period;
  }
  if (!values.empty()) {
    r.last_median = kpis::median_of(values);
    // The weeks after the baseline are named by their dates, not by the baseline's label.
    if (&last != base) r.last_label = last.label;
  }
  r.reached = r.last_median && target && wins::target_reached(direction, *target, *r.last_median);
  return r;
}

}  // namespace adoption

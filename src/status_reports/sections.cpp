// The sections of a status report from the features that exist: each reads its store once
// and turns what it finds into frozen data and suggestions for the areas.
#include "status_reports/sections.hpp"

#include <algorithm>
#include <cmath>

#include "actions/action_store.hpp"
#include "benefits/benefit_reader.hpp"
#include "business_case/business_case_store.hpp"
#include "kpis/kpi_chart.hpp"
#include "kpis/kpi_store.hpp"
#include "meetings/meeting_store.hpp"
#include "projects/project_store.hpp"

namespace status_reports {
namespace {

using nlohmann::json;

constexpr std::size_t kMeetingsAhead = 5;
constexpr int kRedOverdue = 4;  // this many overdue actions or more: time is red

const std::vector<std::string> kAllLevels = kLevels;

}  // namespace

SectionProvider phases_section() {
  return {"phases", {"operational", "tactical"}, [](const SectionInput& in) {
            projects::ProjectStore store(in.sql, in.tenant_id);
            const auto& project = in.project;
            auto method = store.method(project);
            auto counts = store.checklist_progress(project.id);
            int current = method.phase_index(project.phase_key);
            Section s{.key = "phases"};
            json items = json::array();
            int open_before = 0;
            for (std::size_t i = 0; i < method.phases.size(); ++i) {
              const auto& ph = method.phases[i];
              int done = 0, counted = 0;
              for (const auto& c : counts)
                if (c.phase_key == ph.key) done += c.done, counted += c.counted;
              if (static_cast<int>(i) < current) open_before += counted - done;
              items.push_back({{"key", ph.key},
                               {"name", ph.name},
                               {"done", done},
                               {"counted", counted},
                               {"current", static_cast<int>(i) == current},
                               {"past", static_cast<int>(i) < current}});
            }
            s.data = {{"items", items}, {"open_in_past_phases", open_before}};
            s.suggestions["scope"] =
                open_before > 0
                    ? Suggestion{"yellow", {"report_suggest_open_items", {{"n", open_before}}}}
                    : Suggestion{"green", {"report_suggest_items_done", {}}};
            return s;
          }};
}

SectionProvider milestones_section() {
  return {
      "milestones", kAllLevels, [](const SectionInput& in) {
        const auto& project = in.project;
        json gates = json::array();
        projects::ProjectStore store(in.sql, in.tenant_id);
        auto method = store.method(project);
        for (const auto& d : store.decisions(project.id, "phase_gate", in.locale)) {
          std::string to = d["to_phase"].is_string() ? d["to_phase"].get<std::string>() : "";
          const auto* phase = method.phase(to);
          gates.push_back(
              {{"date", d["decided_on"]}, {"to_phase", phase ? phase->name : json(to)}});
        }
        json meetings = json::array();
        for (const auto& m : meetings::MeetingStore(in.sql, in.tenant_id).of_project(project.id)) {
          if (m.starts_at.substr(0, 10) < in.today || meetings.size() >= kMeetingsAhead) continue;
          meetings.push_back(
              {{"date", m.starts_at.substr(0, 10)}, {"title", m.title}, {"kind", m.kind}});
        }
        return Section{.key = "milestones",
                       .data = {{"phase_gates", gates},
                                {"meetings", meetings},
                                {"end_date", project.end_date.value_or("")}}};
      }};
}

SectionProvider overdue_actions_section() {
  return {
      "overdue_actions", {"operational", "tactical"}, [](const SectionInput& in) {
        json items = json::array();
        int open = 0;
        for (const auto& a : actions::ActionStore(in.sql, in.tenant_id).of_project(in.project.id)) {
          if (a.status != "done" && a.status != "dropped") ++open;
          if (!actions::is_overdue(a, in.today)) continue;
          items.push_back({{"id", a.id},
                           {"task", a.task},
                           {"responsible", a.responsible_name.value_or("")},
                           {"deadline", a.deadline.value_or("")},
                           {"status", a.status}});
        }
        int n = static_cast<int>(items.size());
        Section s{.key = "overdue_actions", .data = {{"items", items}, {"open", open}}};
        s.suggestions["time"] = {
            n >= kRedOverdue ? "red"
            : n > 0          ? "yellow"
                             : "green",
            {n > 0 ? "report_suggest_overdue" : "report_suggest_on_time", {{"n", n}}}};
        return s;
      }};
}

SectionProvider kpis_section() {
  return {
      "kpis", kAllLevels, [](const SectionInput& in) {
        kpis::KpiStore store(in.sql, in.tenant_id);
        auto charts = store.charts_of_project(in.project.id);
        json items = json::array();
        int worse = 0;
        for (const auto& k : store.of_project(in.project.id)) {
          if (!shows_level(in.level, k.level)) continue;
          const auto& points = charts.points[k.id];
          auto chart = kpis::evaluate_chart(k, points, charts.periods[k.id], in.today);
          auto signals = chart.result.signals;
          std::stable_sort(signals.begin(), signals.end(),
                           [](const auto& a, const auto& b) { return a.to < b.to; });
          std::vector<std::string> effects;
          for (const auto& sig : signals)
            effects.push_back(kpis::signal_effect(sig, points, chart.result, k.direction));
          auto status = benefits::kpi_chart_status(!points.empty(), effects);
          if (status == "worse") ++worse;
          json trend = json::array();
          for (std::size_t i = points.size() > 12 ? points.size() - 12 : 0; i < points.size(); ++i)
            trend.push_back(points[i].value);
          items.push_back({{"id", k.id},
                           {"name", k.name},
                           {"unit", k.unit},
                           {"level", k.level},
                           {"direction", k.direction},
                           {"target", k.target ? json(*k.target) : json()},
                           {"last", k.last ? json(k.last->value) : json()},
                           {"last_period", k.last ? json(k.last->period) : json()},
                           {"trend", trend},
                           {"signals", signals.size()},
                           {"latest_signal", signals.empty() ? "" : signals.back().rule},
                           {"chart_status", status},
                           {"due", chart.due}});
        }
        Section s{.key = "kpis", .data = {{"items", items}}};
        s.suggestions["implementation"] = {
            worse > 1    ? "red"
            : worse == 1 ? "yellow"
                         : "green",
            {worse > 0 ? "report_suggest_kpis_worse" : "report_suggest_kpis_fine", {{"n", worse}}}};
        return s;
      }};
}

SectionProvider benefits_section() {
  return {
      "benefits", kAllLevels, [](const SectionInput& in) {
        benefits::BenefitReader reader(in.sql, in.tenant_id, in.project.id, in.today);
        json at_risk = json::array();
        auto plan = reader.plan(in.project.id);
        for (const auto& b : plan)
          if (b.status == "at_risk")
            at_risk.push_back({{"id", b.id}, {"title", b.title}, {"target_date", b.target_date}});
        int n = static_cast<int>(at_risk.size());
        Section s{.key = "benefits",
                  .data = {{"at_risk", at_risk}, {"at_risk_count", n}, {"total", plan.size()}}};
        s.suggestions["benefits"] = {
            n == 0                                  ? "green"
            : 2 * n > static_cast<int>(plan.size()) ? "red"
                                                    : "yellow",
            {n > 0 ? "report_suggest_benefits_at_risk" : "report_suggest_benefits_fine",
             {{"n", n}, {"total", plan.size()}}}};
        return s;
      }};
}

SectionProvider business_case_section() {
  return {"business_case", {"tactical", "strategic"}, [](const SectionInput& in) {
            business_case::BusinessCaseStore store(in.sql, in.tenant_id);
            auto bc = store.current(in.project.id);
            auto figures = business_case::compute(bc.rows, bc.horizon, store.pricing(bc));
            auto approved = bc.version > 0 ? store.approved(bc.project_id) : std::nullopt;
            Section s{.key = "business_case",
                      .data = {{"saved", bc.version > 0},
                               {"currency", bc.currency},
                               {"npv", std::llround(figures.npv)},
                               {"payback_year",
                                figures.payback_year ? json(*figures.payback_year) : json()},
                               {"approved_version", approved ? json(approved->number) : json()}}};
            if (bc.version > 0)
              s.suggestions["budget"] =
                  figures.npv < 0 ? Suggestion{"yellow", {"report_suggest_npv_negative", {}}}
                                  : Suggestion{"green", {"report_suggest_npv_positive", {}}};
            return s;
          }};
}

std::vector<Section> gather(const Providers& providers, const SectionInput& input) {
  std::vector<Section> out;
  for (const auto& p : providers)
    if (std::find(p.levels.begin(), p.levels.end(), input.level) != p.levels.end())
      out.push_back(p.gather(input));
  return out;
}

}  // namespace status_reports

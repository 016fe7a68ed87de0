#include "work_packages/work_package_view.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "meetings/meeting_store.hpp"
#include "org/people_choices.hpp"
#include "org/unit_store.hpp"
#include "projects/project_store.hpp"
#include "web/choices.hpp"
#include "web/i18n.hpp"
#include "web/render.hpp"

namespace work_packages {
namespace {

using nlohmann::json;

constexpr int kPeopleMax = 500;
// The drawing: labels on the left, the months to the right, a row per package.
constexpr double kLabelWidth = 220, kChartWidth = 760, kRowHeight = 30, kHeadHeight = 40;
constexpr const char* kFormKeys[] = {"title", "goal",           "deliverable", "start",
                                     "end",   "responsible_id", "status",      "version"};
constexpr std::pair<const char*, const char*> kLists[] = {
    {"pp_", "participant_people"}, {"pu_", "participant_units"}, {"dep_", "depends_on"}};

// A coordinate to a tenth of a unit, written the same in every locale.
std::string coordinate(double v) {
  const long long tenths = std::lround(v * 10);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

json checks(const std::vector<std::pair<std::string, std::string>>& choices, const json& chosen) {
  std::set<std::string> ticked;
  if (chosen.is_array())
    for (const auto& c : chosen) ticked.insert(c.get<std::string>());
  json out = json::array();
  for (const auto& [value, label] : choices)
    out.push_back({{"value", value}, {"label", label}, {"checked", ticked.contains(value)}});
  return out;
}

}  // namespace

std::vector<Milestone> milestones_of(const projects::ProjectScope& scope,
                                     const std::string& locale) {
  std::vector<Milestone> out;
  for (const auto& d : projects::ProjectStore(scope.sql(), scope.tenant_id())
                           .decisions(scope.project().id, "", locale)) {
    const bool gate = d.contains("to_phase") && !d["to_phase"].is_null();
    out.push_back({d.value("decided_on", ""), d.value("text", ""), gate ? "gate" : "decision"});
  }
  for (const auto& m :
       meetings::MeetingStore(scope.sql(), scope.tenant_id()).of_project(scope.project().id))
    if (m.kind == "steering_group") out.push_back({m.starts_at.substr(0, 10), m.title, "meeting"});
  std::sort(out.begin(), out.end(),
            [](const Milestone& a, const Milestone& b) { return a.date < b.date; });
  return out;
}

json timeline_view(const std::vector<WorkPackage>& packages,
                   const std::vector<Milestone>& milestones, const std::string& today,
                   const std::string& locale, const std::string& project_id) {
  std::vector<Span> spans;
  for (const auto& wp : packages)
    spans.push_back({wp.id, wp.title, wp.start, wp.end, is_late(wp, today)});
  auto layout = lay_out(spans, milestones, today, kChartWidth);
  if (layout.bars.empty()) return {{"drawn", false}};
  const double height = kHeadHeight + kRowHeight * static_cast<double>(layout.bars.size()) + 10;
  auto x = [](double at) { return coordinate(kLabelWidth + at); };
  json months = json::array();
  for (const auto& m : layout.months) {
    std::string label = web::t(locale, "wp_month_" + std::to_string(m.month));
    if (m.month == 1 || &m == &layout.months.front()) {
      std::string yy = std::to_string(m.year % 100);
      label += (yy.size() == 1 ? " 0" : " ") + yy;
    }
    months.push_back({{"x", x(m.x)},
                      {"text_x", x(m.x + m.width / 2)},
                      {"label", label},
                      {"bottom", coordinate(height)}});
  }
  json bars = json::array();
  for (const auto& b : layout.bars) {
    const double y = kHeadHeight + kRowHeight * static_cast<double>(b.row);
    bars.push_back({{"x", x(b.x)},
                    {"width", coordinate(std::max(b.width, 1.0))},
                    {"y", coordinate(y + 6)},
                    {"text_y", coordinate(y + kRowHeight / 2)},
                    {"label", b.label},
                    {"start", b.start},
                    {"end", b.end},
                    {"late", b.late},
                    {"url", "/projects/" + project_id + "/work-packages/" + b.id}});
  }
  json marks = json::array();
  for (const auto& m : layout.milestones)
    marks.push_back({{"x", x(m.x)},
                     {"date", m.date},
                     {"label", m.label},
                     {"kind", m.kind},
                     {"kind_label", web::t(locale, "wp_milestone_" + m.kind)}});
  json view = {{"drawn", true},
               {"height", coordinate(height)},
               {"months", months},
               {"bars", bars},
               {"marks", marks},
               {"has_marks", !marks.empty()},
               {"head_y", coordinate(kHeadHeight - 14)},
               {"mark_y", coordinate(kHeadHeight - 4)}};
  if (layout.today_x) {
    view["today"] = {{"x", x(*layout.today_x)}, {"date", today}};
  }
  return view;
}

json row_view(const WorkPackage& wp, const std::string& locale,
              const std::vector<WorkPackage>& all) {
  json row = to_json(wp);
  row["late"] = is_late(wp, wp.today);
  row["status_label"] = web::t(locale, "wp_status_" + wp.status);
  row["url"] = "/projects/" + wp.project_id + "/work-packages/" + wp.id;
  json depends = json::array();
  for (const auto& d : wp.depends_on)
    for (const auto& other : all)
      if (other.id == d) depends.push_back(other.title);
  row["depends_titles"] = depends;
  row["has_depends"] = !depends.empty();
  return row;
}

Form form_input(const Form& posted) {
  Form out;
  for (const auto& [prefix, key] : kLists) out[key] = "";
  for (const auto& [k, v] : posted) {
    bool listed = false;
    for (const auto& [prefix, key] : kLists) {
      if (k.rfind(prefix, 0) != 0) continue;
      auto& lines = out[key];
      lines += (lines.empty() ? "" : "\n") + k.substr(std::string(prefix).size());
      listed = true;
    }
    if (!listed) out[k] = v;
  }
  return out;
}

json typed_form(const Form& posted) {
  json typed = json::object();
  for (const char* k : kFormKeys) typed[k] = posted.count(k) ? posted.at(k) : "";
  for (const auto& [prefix, key] : kLists) {
    json ticked = json::array();
    for (const auto& [k, v] : posted)
      if (k.rfind(prefix, 0) == 0) ticked.push_back(k.substr(std::string(prefix).size()));
    typed[key] = ticked;
  }
  return typed;
}

json form_of(const WorkPackage& wp) {
  json form = work_package_fields().form_values(wp);
  json out = json::object();
  for (const char* k : kFormKeys)
    if (form.contains(k)) out[k] = form[k];
  for (const auto& [prefix, key] : kLists) out[key] = form[key];
  out["version"] = std::to_string(wp.version);
  return out;
}

json blank_form(const std::string& today) {
  Form start = {{"status", "planned"}, {"start", today}};
  return typed_form(start);
}

void add_form(json& view, soci::session& sql, const http::Request& req, const json& form,
              const json& errors, const std::string& action,
              const std::vector<WorkPackage>& packages, const WorkPackage* stored) {
  const std::string& tenant = req.who().tenant_id;
  auto people = org::active_people(sql, tenant, kPeopleMax);
  std::vector<std::pair<std::string, std::string>> units, others;
  for (const auto& u : org::UnitStore(sql, tenant).all()) units.emplace_back(u.id, u.name);
  std::sort(units.begin(), units.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  for (const auto& wp : packages)
    if (!stored || wp.id != stored->id) others.emplace_back(wp.id, wp.title);
  json statuses = json::array();
  for (const auto& s : kStatuses)
    statuses.push_back({{"value", s},
                        {"label", web::t(req.locale, "wp_status_" + s)},
                        {"selected", form.value("status", "") == s}});
  view["form"] = form;
  view["errors"] = errors;
  view["responsibles"] = web::select_options(people, form.value("responsible_id", ""));
  view["people_checks"] = checks(people, form["participant_people"]);
  view["unit_checks"] = checks(units, form["participant_units"]);
  view["package_checks"] = checks(others, form["depends_on"]);
  view["has_units"] = !units.empty();
  view["has_others"] = !others.empty();
  view["statuses"] = statuses;
  view["form_action"] = action;
  view["editing"] = stored != nullptr;
  view["submit_label"] = web::t(req.locale, stored ? "wp_save" : "wp_add");
  view["form_html"] = web::render_template("work_packages/form", view);
}

}  // namespace work_packages

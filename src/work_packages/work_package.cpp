#include "work_packages/work_package.hpp"

#include <functional>
#include <set>

namespace work_packages {
namespace {

nlohmann::json nullable(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

kit::Fields<WorkPackage> build_fields() {
  return kit::Fields<WorkPackage>()
      .id(&WorkPackage::id)
      .parent(&WorkPackage::project_id)
      .text("title", &WorkPackage::title, {.required = true})
      .optional_text("goal", &WorkPackage::goal, {.max = kTextMax})
      .optional_text("deliverable", &WorkPackage::deliverable, {.max = kTextMax})
      .date("start", &WorkPackage::start, {.required = true, .column = "start_date"})
      .date("end", &WorkPackage::end,
            {.required = true, .describe = "not before start", .column = "end_date"})
      .optional_text("responsible_id", &WorkPackage::responsible_id,
                     {.max = kIdMax, .describe = "a person of the tenant"})
      .lines("participant_people", &WorkPackage::participant_people, kIdMax, kMaxListed,
             {.describe = "ids of people of the tenant"})
      .lines("participant_units", &WorkPackage::participant_units, kIdMax, kMaxListed,
             {.describe = "ids of units of the tenant"})
      .lines("depends_on", &WorkPackage::depends_on, kIdMax, kMaxListed,
             {.describe = "ids of other packages of the project; a cycle is refused"})
      .choice("status", &WorkPackage::status, kStatuses, {.describe = "default planned"})
      .computed("responsible_name",
                {{"type", {"string", "null"}}, {"description", "the name of responsible_id"}},
                [](const WorkPackage& wp) { return nullable(wp.responsible_name); })
      .computed("late",
                {{"type", "boolean"},
                 {"description", "not done or cancelled, and its end is before today"}},
                [](const WorkPackage& wp) { return is_late(wp, wp.today); })
      .stamps()
      .check([](const WorkPackage& wp, core::Input& in) {
        if (!wp.start.empty() && !wp.end.empty() && wp.end < wp.start)
          in.fail("end", core::Message{"wp_err_end_before_start"});
        for (const auto& d : wp.depends_on)
          if (!wp.id.empty() && d == wp.id) in.fail("depends_on", core::Message{"wp_err_cycle"});
      });
}

}  // namespace

bool is_late(const WorkPackage& wp, const std::string& today) {
  return !today.empty() && wp.status != "done" && wp.status != "cancelled" && wp.end < today;
}

const kit::Fields<WorkPackage>& work_package_fields() {
  static const kit::Fields<WorkPackage> fields = build_fields();
  return fields;
}

bool has_cycle(const std::map<std::string, std::vector<std::string>>& depends_on) {
  enum class Mark { kNone, kOpen, kDone };
  std::map<std::string, Mark> mark;
  std::function<bool(const std::string&)> visit = [&](const std::string& node) {
    auto& m = mark[node];
    if (m == Mark::kOpen) return true;
    if (m == Mark::kDone) return false;
    m = Mark::kOpen;
    if (auto it = depends_on.find(node); it != depends_on.end())
      for (const auto& next : it->second)
        if (visit(next)) return true;
    mark[node] = Mark::kDone;
    return false;
  };
  for (const auto& [node, _] : depends_on)
    if (visit(node)) return true;
  return false;
}

}  // namespace work_packages

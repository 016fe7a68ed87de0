#include "overview/overview.hpp"

#include <algorithm>
#include <functional>
#include <tuple>

#include "kit/fields.hpp"

namespace overview {
namespace {

using nlohmann::json;

// A member's value for a field table's output-only entry.
template <typename T, typename M>
std::function<json(const T&)> value_of(M T::*member) {
  return [member](const T& t) { return json(t.*member); };
}
template <typename T>
std::function<json(const T&)> value_of(std::optional<std::string> T::*member) {
  return [member](const T& t) { return t.*member ? json(*(t.*member)) : json(); };
}

const json kText = {{"type", "string"}};
const json kInteger = {{"type", "integer"}};
const json kNullableText = {{"type", {"string", "null"}}};
const json kNullableDate = {{"type", {"string", "null"}}, {"format", "date"}};

// The fields of something in one of the person's projects: its id, its project and the
// project's title.
template <typename T>
kit::Fields<T> in_project() {
  return kit::Fields<T>()
      .id(&T::id)
      .parent(&T::project_id)
      .output("project_title", &T::project_title);
}

// Each list's rows, named once: their JSON and their OpenAPI schema.
const kit::Fields<MyProject>& project_fields() {
  static const auto f =
      kit::Fields<MyProject>()
          .id(&MyProject::id)
          .output("title", &MyProject::title)
          .output("template", &MyProject::template_key)
          .output("phase", &MyProject::phase_key)
          .output("phase_name", &MyProject::phase_name)
          .computed("status", {{"enum", {"green", "yellow", "red"}}}, value_of(&MyProject::status))
          .computed("roles", {{"type", "array"}, {"items", kText}}, value_of(&MyProject::roles))
          .computed("next_meeting",
                    {{"type", {"string", "null"}},
                     {"description",
                      "the next meeting's start, local time in the tenant's time zone "
                      "(YYYY-MM-DDTHH:MM)"}},
                    value_of(&MyProject::next_meeting))
          .computed("overdue_actions", kInteger, value_of(&MyProject::overdue_actions))
          .computed("overdue_checklist_items", kInteger,
                    value_of(&MyProject::overdue_checklist_items))
          .computed("overdue", kInteger, [](const MyProject& p) {
            return p.overdue_actions + p.overdue_checklist_items;
          });
  return f;
}

const kit::Fields<MyTask>& task_fields() {
  static const auto f =
      in_project<MyTask>()
          .computed("kind", {{"enum", kTaskKinds}}, value_of(&MyTask::kind))
          .output("text", &MyTask::text)
          .computed("due", kNullableDate, value_of(&MyTask::due))
          .computed("status",
                    {{"type", "string"},
                     {"description",
                      "an action's status, a checklist item's status or a kaizen card's column"}},
                    value_of(&MyTask::status))
          .computed("overdue", {{"type", "boolean"}}, value_of(&MyTask::overdue));
  return f;
}

const kit::Fields<MyMeeting>& meeting_fields() {
  static const auto f =
      in_project<MyMeeting>()
          .computed("kind", {{"enum", {"steering_group", "project_group", "kaizen"}}},
                    value_of(&MyMeeting::kind))
          .output("title", &MyMeeting::title)
          .computed("starts_at",
                    {{"type", "string"},
                     {"description", "local time in the tenant's time zone (YYYY-MM-DDTHH:MM)"}},
                    value_of(&MyMeeting::starts_at))
          .computed("duration_minutes", kInteger, value_of(&MyMeeting::duration_minutes))
          .computed("location", kNullableText, value_of(&MyMeeting::location));
  return f;
}

const kit::Fields<MyKpi>& kpi_fields() {
  static const auto f =
      in_project<MyKpi>()
          .output("name", &MyKpi::name)
          .computed("frequency", {{"enum", {"weekly", "biweekly", "monthly"}}},
                    value_of(&MyKpi::frequency))
          .computed("last_period",
                    {{"type", {"string", "null"}}, {"description", "the newest measured period"}},
                    value_of(&MyKpi::last_period));
  return f;
}

template <typename T>
json rows(const std::vector<T>& items, const kit::Fields<T>& fields) {
  json out = json::array();
  for (const auto& item : items) out.push_back(fields.to_json(item));
  return out;
}

template <typename T>
json list_of(const kit::Fields<T>& fields) {
  return {{"type", "array"}, {"items", fields.schema()}};
}

}  // namespace

bool is_overdue(const MyTask& task, const std::string& today) {
  return task.due && !task.due->empty() && *task.due < today;
}

std::vector<MyTask> ordered_tasks(std::vector<MyTask> tasks, const std::string& today) {
  for (auto& t : tasks) t.overdue = is_overdue(t, today);
  // Overdue first, then dated, then undated; within each by date, project and text.
  auto group = [](const MyTask& t) { return t.overdue ? 0 : (t.due ? 1 : 2); };
  std::stable_sort(tasks.begin(), tasks.end(), [&group](const MyTask& a, const MyTask& b) {
    if (group(a) != group(b)) return group(a) < group(b);
    const std::string empty;
    const std::string& da = a.due ? *a.due : empty;
    const std::string& db = b.due ? *b.due : empty;
    return std::tie(da, a.project_title, a.text, a.id) <
           std::tie(db, b.project_title, b.text, b.id);
  });
  return tasks;
}

json to_json(const Overview& o) {
  return {{"today", o.today},
          {"time_zone", o.time_zone},
          {"projects", rows(o.projects, project_fields())},
          {"more_projects", o.more_projects},
          {"tasks", rows(o.tasks, task_fields())},
          {"meetings", rows(o.meetings, meeting_fields())},
          {"kpis", rows(o.kpis, kpi_fields())}};
}

json schema() {
  return {
      {"type", "object"},
      {"description",
       "The caller's start page: projects where they hold a role (50 at most, by title), what "
       "they are responsible for (overdue first; checklist texts in the caller's language), the "
       "next ten meetings they are invited to or run, and their KPIs missing a value."},
      {"required",
       {"today", "time_zone", "projects", "more_projects", "tasks", "meetings", "kpis"}},
      {"properties",
       {{"today", {{"type", "string"}, {"format", "date"}}},
        {"time_zone", {{"type", "string"}, {"description", "the tenant's (IANA)"}}},
        {"projects", list_of(project_fields())},
        {"more_projects",
         {{"type", "boolean"},
          {"description", "true when the caller has more projects than the 50 listed (by title)"}}},
        {"tasks", list_of(task_fields())},
        {"meetings", list_of(meeting_fields())},
        {"kpis", list_of(kpi_fields())}}}};
}

}  // namespace overview

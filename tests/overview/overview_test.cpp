#include "overview/overview.hpp"

#include <gtest/gtest.h>

namespace overview {
namespace {

MyTask task(const std::string& text, std::optional<std::string> due,
            const std::string& project = "P") {
  return {
      .kind = "action", .id = text, .project_title = project, .text = text, .due = std::move(due)};
}

std::vector<std::string> texts(const std::vector<MyTask>& tasks) {
  std::vector<std::string> out;
  for (const auto& t : tasks) out.push_back(t.text);
  return out;
}

TEST(Overview, OverdueOnlyBeforeToday) {
  EXPECT_TRUE(is_overdue(task("a", "2026-03-01"), "2026-03-02"));
  EXPECT_FALSE(is_overdue(task("a", "2026-03-02"), "2026-03-02"));  // due today: not yet
  EXPECT_FALSE(is_overdue(task("a", std::nullopt), "2026-03-02"));
  EXPECT_FALSE(is_overdue(task("a", ""), "2026-03-02"));
}

TEST(Overview, OverdueFirstThenDatedThenUndated) {
  auto ordered = ordered_tasks(
      {task("undated", std::nullopt), task("next week", "2026-03-09"), task("late", "2026-02-20"),
       task("very late", "2026-01-05"), task("today", "2026-03-02")},
      "2026-03-02");
  EXPECT_EQ(texts(ordered),
            (std::vector<std::string>{"very late", "late", "today", "next week", "undated"}));
  EXPECT_TRUE(ordered[0].overdue);
  EXPECT_TRUE(ordered[1].overdue);
  EXPECT_FALSE(ordered[2].overdue);
}

TEST(Overview, TiesGoByProjectAndText) {
  auto ordered = ordered_tasks({task("b", "2026-01-01", "Beta"), task("z", "2026-01-01", "Alfa"),
                                task("a", "2026-01-01", "Beta")},
                               "2026-03-02");
  EXPECT_EQ(texts(ordered), (std::vector<std::string>{"z", "a", "b"}));
}

TEST(Overview, JsonHasEveryListAndTheSchemaNamesEveryField) {
  Overview o;
  o.today = "2026-03-02";
  o.time_zone = "Europe/Stockholm";
  o.projects.push_back(
      {.id = "p1", .status = "red", .overdue_actions = 2, .overdue_checklist_items = 1});
  o.tasks = ordered_tasks({task("late", "2026-01-01")}, o.today);
  auto j = to_json(o);
  EXPECT_EQ(j["projects"][0]["overdue"], 3);
  EXPECT_TRUE(j["projects"][0]["next_meeting"].is_null());
  EXPECT_TRUE(j["tasks"][0]["overdue"].get<bool>());
  EXPECT_EQ(j["time_zone"], "Europe/Stockholm");
  auto s = schema();
  for (auto it = j.begin(); it != j.end(); ++it)
    EXPECT_TRUE(s["properties"].contains(it.key())) << it.key();
  const auto& project_fields = s["properties"]["projects"]["items"]["properties"];
  for (auto it = j["projects"][0].begin(); it != j["projects"][0].end(); ++it)
    EXPECT_TRUE(project_fields.contains(it.key())) << it.key();
  const auto& task_fields = s["properties"]["tasks"]["items"]["properties"];
  for (auto it = j["tasks"][0].begin(); it != j["tasks"][0].end(); ++it)
    EXPECT_TRUE(task_fields.contains(it.key())) << it.key();
}

}  // namespace
}  // namespace overview

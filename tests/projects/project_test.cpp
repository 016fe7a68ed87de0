#include "projects/project.hpp"

#include <set>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/time.hpp"

namespace projects {
namespace {

using nlohmann::json;

json text(const std::string& s) { return {{"da", s}, {"sv", s}, {"en", s}}; }

MethodTemplate three_phases() {
  return parse_template(
      {{"key", "t"},
       {"name", text("T")},
       {"dimensions", json::array()},
       {"phases",
        {{{"key", "a"}, {"name", text("A")}, {"items", {{{"key", "a1"}, {"text", text("x")}}}}},
         {{"key", "b"}, {"name", text("B")}, {"items", json::array()}},
         {{"key", "c"}, {"name", text("C")}, {"items", json::array()}}}}});
}

TEST(ProjectTest, DatesMustBeRealCalendarDays) {
  for (const char* day : {"2026-02-28", "2028-02-29"}) EXPECT_TRUE(core::is_valid_date(day)) << day;
  for (const char* not_a_day : {"2026-02-29", "2026-13-01", "26-01-01", "2026-1-01", "2026-01-0x"})
    EXPECT_FALSE(core::is_valid_date(not_a_day)) << not_a_day;
}

TEST(ProjectTest, EndBeforeStartIsRefused) {
  core::Input input(json{{"title", "P"}, {"start_date", "2026-05-01"}, {"end_date", "2026-04-30"}});
  auto fields = parse_charter(input, true);
  input.check();
  try {
    apply_charter(Project{}, fields);
    FAIL() << "accepted end before start";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("end_date"), "must not be before the start date");
  }
}

TEST(ProjectTest, MoreThanFiveGoalsIsAWarningNotAnError) {
  core::Input input(json{{"title", "P"}, {"result_goals", "1\n2\n3\n4\n5\n6\n\n"}}, true);
  auto fields = parse_charter(input, true);
  input.check();
  auto p = apply_charter(Project{}, fields);
  EXPECT_EQ(p.result_goals.size(), 6u);  // empty lines dropped
  auto warnings = charter_warnings(p);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "6 result goals; at most 5 are recommended");
  p.result_goals.pop_back();
  EXPECT_TRUE(charter_warnings(p).empty());
}

TEST(ProjectTest, YellowOrRedNeedsAReason) {
  core::Input input(json{{"title", "P"}, {"status", "red"}});
  auto fields = parse_charter(input, true);
  EXPECT_THROW(apply_charter(Project{}, fields), core::ValidationError);
  core::Input bad(json{{"title", "P"}, {"status", "purple"}, {"success_criteria", 5}});
  parse_charter(bad, true);
  EXPECT_THROW(bad.check(), core::ValidationError);
}

TEST(ProjectTest, PhasesMoveOneAtATimeWithADecision) {
  auto t = three_phases();
  EXPECT_EQ(next_phase(t, "a"), "b");
  EXPECT_EQ(next_phase(t, "c"), std::nullopt);
  EXPECT_NO_THROW(check_phase_move(t, "a", "b", "Styregruppen godkendte"));
  EXPECT_THROW(check_phase_move(t, "a", "c", "skip"), core::ValidationError);  // skips b
  EXPECT_THROW(check_phase_move(t, "a", "b", ""), core::ValidationError);      // no decision
  EXPECT_THROW(check_phase_move(t, "c", "c", "x"), core::ValidationError);     // last phase
  EXPECT_THROW(check_phase_move(t, "a", "zzz", "x"), core::ValidationError);   // unknown
  EXPECT_THROW(check_phase_move(t, "b", "a", "back"), core::ValidationError);  // backwards
  // Open items of the phase: only with a reason.
  EXPECT_NO_THROW(check_phase_move(t, "a", "b", "Videre", 2, "Tages i næste fase"));
  try {
    check_phase_move(t, "a", "b", "Videre", 2, "");
    ADD_FAILURE() << "open items passed without a reason";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().count("open_items_reason"), 1u);
  }
}

TEST(MethodTemplateTest, RejectsBrokenDefinitions) {
  json missing_sv = {{"key", "x"},
                     {"name", {{"da", "X"}, {"en", "X"}}},
                     {"phases", {{{"key", "a"}, {"name", text("A")}, {"items", json::array()}}}}};
  EXPECT_THROW(parse_template(missing_sv), std::invalid_argument);
  json unknown_dimension = {
      {"key", "x"},
      {"name", text("X")},
      {"dimensions", json::array()},
      {"phases",
       {{{"key", "a"},
         {"name", text("A")},
         {"items", {{{"key", "i"}, {"dimension", "nope"}, {"text", text("t")}}}}}}}};
  EXPECT_THROW(parse_template(unknown_dimension), std::invalid_argument);
}

TEST(MethodTemplateTest, ShippedTemplatesFollowTheSeeds) {
  const auto* kl = find_template("kl-workflow");
  ASSERT_NE(kl, nullptr);
  std::vector<std::string> kl_phases;
  for (const auto& p : kl->phases) kl_phases.push_back(p.key);
  EXPECT_EQ(kl_phases, (std::vector<std::string>{"before-start", "as-is-mapping", "redesign",
                                                 "action-plan", "trial", "closing-operation"}));
  for (const auto& p : kl->phases) EXPECT_FALSE(p.items.empty()) << p.key;

  const auto* ffb = find_template("ffb");
  ASSERT_NE(ffb, nullptr);
  ASSERT_EQ(ffb->phases.size(), 4u);
  EXPECT_EQ(ffb->dimensions.size(), 6u);
  std::set<std::string> dims_used;
  for (const auto& p : ffb->phases) {
    for (const auto& i : p.items) {
      ASSERT_TRUE(i.dimension.has_value()) << i.key;
      dims_used.insert(*i.dimension);
    }
  }
  EXPECT_EQ(dims_used.size(), 6u);

  const auto* agile = find_template("agile-arena");
  ASSERT_NE(agile, nullptr);
  EXPECT_EQ(agile->phases.size(), 4u);
  EXPECT_EQ(find_template("prince2"), nullptr);
  EXPECT_EQ(localized(kl->name, "xx"), localized(kl->name, "da"));
}

}  // namespace
}  // namespace projects

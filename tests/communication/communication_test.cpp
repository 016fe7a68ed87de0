// The communication and training plans, pure: a row is overdue when its date has passed and
// it is not done; the plan's order and the overview's next rows; the field rules (a date that
// is no date, reach below 0 or before the row is done, an audience without its group or
// unit; a capacity of 0, a last day before the first, counts per unit that are wrong); and
// planned against trained per audience, per unit and in all on hand-computed figures.
#include "communication/communication.hpp"

#include <gtest/gtest.h>

#include "communication/training.hpp"
#include "kit/expect_fields.hpp"

namespace communication {
namespace {

using nlohmann::json;
using testing_kit::field_errors;

Communication row(const std::string& id, const std::string& date, bool done = false) {
  Communication c;
  c.id = id;
  c.message = "Budskab " + id;
  c.date = date;
  c.done = done;
  return c;
}

Communication parsed(const json& body) {
  core::Input in(body);
  return communication_fields().parse_new(in);
}

TrainingClass parsed_class(const json& body) {
  core::Input in(body);
  return training_fields().parse_new(in);
}

TEST(CommunicationTest, OverdueWhenTheDateHasPassedAndItIsNotDone) {
  EXPECT_TRUE(overdue(row("a", "2026-03-01"), "2026-03-02"));
  EXPECT_FALSE(overdue(row("a", "2026-03-02"), "2026-03-02"));  // today is not late
  EXPECT_FALSE(overdue(row("a", "2026-03-01", true), "2026-03-02"));
  EXPECT_FALSE(overdue(row("a", "2026-03-01"), ""));
}

TEST(CommunicationTest, ThePlanByDateAndTheNextRows) {
  std::vector<Communication> plan = {row("c", "2026-05-01"), row("b", "2026-03-01"),
                                     row("a", "2026-05-01"), row("d", "2026-02-01", true),
                                     row("e", "2026-06-01"), row("f", "2026-07-01")};
  sort_plan(plan);
  std::vector<std::string> ids;
  for (const auto& c : plan) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"d", "b", "a", "c", "e", "f"}));
  // Every overdue row, then the next two not done; done rows are left out.
  std::vector<std::string> next;
  for (const auto& c : upcoming(plan, "2026-04-01", 2)) next.push_back(c.id);
  EXPECT_EQ(next, (std::vector<std::string>{"b", "a", "c"}));
}

TEST(CommunicationTest, TheFieldsNameWhatIsWrong) {
  auto c = parsed({{"message", "Derfor"}, {"date", "2026-04-01"}});
  EXPECT_EQ(c.audience, "all_staff");
  EXPECT_EQ(c.channel, "intranet");
  EXPECT_FALSE(c.done);
  EXPECT_TRUE(field_errors([] {
                parsed({{"message", "M"}, {"date", "2026-02-30"}});
              }).contains("date"));
  EXPECT_TRUE(field_errors([] {
                parsed({{"message", "M"}, {"date", "i morgen"}});
              }).contains("date"));
  EXPECT_TRUE(field_errors([] { parsed({{"message", "M"}}); }).contains("date"));
  EXPECT_TRUE(field_errors([] { parsed({{"date", "2026-04-01"}}); }).contains("message"));
  auto reach = field_errors([] {
    parsed({{"message", "M"}, {"date", "2026-04-01"}, {"done", true}, {"reach", -1}});
  });
  EXPECT_TRUE(reach.contains("reach"));
  EXPECT_TRUE(field_errors([] {
                parsed({{"message", "M"}, {"date", "2026-04-01"}, {"reach", 10}});
              }).contains("reach"));  // not done yet
  EXPECT_TRUE(
      field_errors([] {
        parsed({{"message", "M"}, {"date", "2026-04-01"}, {"audience", "stakeholder_group"}});
      }).contains("group"));
  EXPECT_TRUE(field_errors([] {
                parsed({{"message", "M"},
                        {"date", "2026-04-01"},
                        {"audience", "stakeholder_group"},
                        {"group", "friends"}});
              }).contains("group"));
  EXPECT_TRUE(field_errors([] {
                parsed({{"message", "M"}, {"date", "2026-04-01"}, {"audience", "unit"}});
              }).contains("unit_id"));
  EXPECT_TRUE(field_errors([] {
                parsed({{"message", "M"}, {"date", "2026-04-01"}, {"channel", "pigeon"}});
              }).contains("channel"));
  auto done = parsed({{"message", "M"},
                      {"date", "2026-04-01"},
                      {"audience", "stakeholder_group"},
                      {"group", "hr_med"},
                      {"done", true},
                      {"reach", 0}});
  EXPECT_EQ(done.reach, 0);
  EXPECT_EQ(done.group, "hr_med");
  auto j = to_json(done);
  EXPECT_EQ(j["reach"], 0);
  EXPECT_EQ(j["group"], "hr_med");
  EXPECT_EQ(j["overdue"], false);
}

TEST(TrainingTest, TheFieldsNameWhatIsWrong) {
  const json ok = {{"title", "Superbrugere"},
                   {"audience", "super_users"},
                   {"starts_on", "2026-04-01"},
                   {"capacity", 8}};
  auto c = parsed_class(ok);
  EXPECT_EQ(c.capacity, 8);
  EXPECT_FALSE(c.people_given);
  auto with = [&](const char* key, const json& value) {
    json body = ok;
    body[key] = value;
    return body;
  };
  EXPECT_TRUE(field_errors([&] { parsed_class(with("capacity", 0)); }).contains("capacity"));
  EXPECT_TRUE(field_errors([&] { parsed_class(with("capacity", -3)); }).contains("capacity"));
  EXPECT_TRUE(field_errors([&] { parsed_class(with("capacity", "8")); }).contains("capacity"));
  EXPECT_TRUE(
      field_errors([&] { parsed_class(with("starts_on", "01-04-2026")); }).contains("starts_on"));
  EXPECT_TRUE(
      field_errors([&] { parsed_class(with("ends_on", "2026-03-31")); }).contains("ends_on"));
  EXPECT_TRUE(field_errors([&] { parsed_class(with("ends_on", "snart")); }).contains("ends_on"));
  EXPECT_TRUE(
      field_errors([&] { parsed_class(with("audience", "politicians")); }).contains("audience"));
  auto counts = field_errors([&] {
    parsed_class(with("unit_counts", json::array({{{"unit_id", "u1"}, {"trained", 3}},
                                                  {{"unit_id", "u2"}, {"trained", 0}},
                                                  {{"unit_id", "u1"}, {"trained", 2}}})));
  });
  EXPECT_TRUE(counts.contains("unit_counts[1].trained"));
  EXPECT_TRUE(counts.contains("unit_counts[2].unit_id"));
  EXPECT_FALSE(counts.contains("unit_counts[0].trained"));
  EXPECT_TRUE(
      field_errors([&] { parsed_class(with("unit_counts", "many")); }).contains("unit_counts"));
  EXPECT_TRUE(field_errors([&] {
                parsed_class(with("people", json::array({1, 2})));
              }).contains("people"));
  // People named twice count once.
  auto named = parsed_class(with("people", json::array({"p1", "p2", "p1"})));
  EXPECT_EQ(named.people.size(), 2u);
  EXPECT_TRUE(named.people_given);
}

TrainingClass training(const std::string& audience, long long capacity,
                       std::optional<std::string> unit = std::nullopt) {
  TrainingClass c;
  c.audience = audience;
  c.capacity = capacity;
  c.unit_id = std::move(unit);
  return c;
}

TEST(TrainingTest, PlannedAgainstTrainedPerAudienceAndUnit) {
  // Heads of service: 4 places, 3 named (two of unit A, one of none).
  auto heads = training("heads_of_service", 4);
  heads.people = {{"p1", "Lene", "A"}, {"p2", "Mikkel", "A"}, {"p3", "Helle", std::nullopt, true}};
  // End users: 15 places for unit A with 11 counted there; 10 for unit B with 6 from B and
  // 2 from C; 20 for C, none yet.
  auto first = training("end_users", 15, "A");
  first.unit_counts = {{"A", 11}};
  auto second = training("end_users", 10, "B");
  second.unit_counts = {{"B", 6}, {"C", 2}};
  auto third = training("end_users", 20, "C");
  std::vector<TrainingClass> all = {heads, first, second, third};

  EXPECT_EQ(trained_count(heads), 3);
  EXPECT_EQ(trained_count(second), 8);
  auto audiences = progress_by_audience(all);
  ASSERT_EQ(audiences.size(), 2u);  // no classes for the others
  EXPECT_EQ(audiences[0].key, "heads_of_service");
  EXPECT_EQ(audiences[0].planned, 4);
  EXPECT_EQ(audiences[0].trained, 3);
  EXPECT_EQ(audiences[0].percent, 75);
  EXPECT_EQ(audiences[1].key, "end_users");
  EXPECT_EQ(audiences[1].planned, 45);
  EXPECT_EQ(audiences[1].trained, 19);
  EXPECT_EQ(audiences[1].percent, 42);  // 19 / 45 = 42.2 %

  auto units = progress_by_unit(all);
  ASSERT_EQ(units.size(), 4u);
  EXPECT_EQ(units[0].key, "A");
  EXPECT_EQ(units[0].planned, 15);  // the heads' class plans for no unit
  EXPECT_EQ(units[0].trained, 13);  // two named, eleven counted
  EXPECT_EQ(units[0].percent, 87);  // 86.7 %
  EXPECT_EQ(units[1].key, "B");
  EXPECT_EQ(units[1].trained, 6);
  EXPECT_EQ(units[1].percent, 60);
  EXPECT_EQ(units[2].key, "C");
  EXPECT_EQ(units[2].planned, 20);
  EXPECT_EQ(units[2].trained, 2);
  EXPECT_EQ(units[2].percent, 10);
  EXPECT_EQ(units[3].key, "");  // people of no unit last
  EXPECT_EQ(units[3].planned, 0);
  EXPECT_EQ(units[3].trained, 1);
  EXPECT_EQ(units[3].percent, 0);

  auto total = progress_total(all);
  EXPECT_EQ(total.planned, 49);
  EXPECT_EQ(total.trained, 22);
  EXPECT_EQ(total.percent, 45);  // 44.9 %
  // An overfull class passes 100 %.
  auto full = training("super_users", 2);
  full.unit_counts = {{"A", 3}};
  EXPECT_EQ(progress_total({full}).percent, 150);
  EXPECT_EQ(progress_total({}).percent, 0);
}

}  // namespace
}  // namespace communication

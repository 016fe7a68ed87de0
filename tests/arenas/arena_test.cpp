// Agile arenas, pure: the field rules (what a new arena needs, the time box the right way
// round, the signal link), overdue, the units a team covers, who may change an arena and who
// may work in it, the pulse steps read from the agile-arena template, and the form's members.
#include "arenas/arena.hpp"

#include <gtest/gtest.h>

#include "arenas/arena_view.hpp"
#include "kit/expect_fields.hpp"

namespace arenas {
namespace {

using nlohmann::json;
using testing_kit::field_errors;

Arena parse(const json& in) {
  core::Input input(in);
  return arena_fields().parse_new(input);
}

Member member(const std::string& id, const char* unit) {
  Member m{id, "P " + id, std::nullopt, std::nullopt};
  if (unit) {
    m.unit_id = std::string("u-") + unit;
    m.unit_name = unit;
  }
  return m;
}

core::AuthContext person(const std::string& id, const std::string& role = "member") {
  core::AuthContext who;
  who.tenant_id = "t";
  who.person_id = id;
  who.role = role;
  return who;
}

TEST(ArenaTest, ANewArenaNeedsTitleGoalLeaderAndEnd) {
  auto bad = field_errors([] { parse(json::object()); });
  for (const char* f : {"title", "goal", "leader_id", "ends_on"}) EXPECT_TRUE(bad.contains(f)) << f;
  EXPECT_FALSE(bad.contains("starts_on"));
  auto a = parse({{"title", "T"},
                  {"goal", "G"},
                  {"leader_id", "p1"},
                  {"ends_on", "2027-01-31"},
                  {"member_ids", {"p2", "p3"}}});
  EXPECT_EQ(a.status, "open");
  EXPECT_EQ(a.member_ids, (std::vector<std::string>{"p2", "p3"}));
  EXPECT_TRUE(a.starts_on.empty());  // the store makes it today
  EXPECT_FALSE(a.signal_id.has_value());
}

TEST(ArenaTest, TheTimeBoxEndsOnOrAfterItsStart) {
  auto bad = field_errors([] {
    parse({{"title", "T"},
           {"goal", "G"},
           {"leader_id", "p"},
           {"starts_on", "2027-02-01"},
           {"ends_on", "2027-01-31"}});
  });
  EXPECT_TRUE(bad.contains("ends_on"));
  auto one_day = parse({{"title", "T"},
                        {"goal", "G"},
                        {"leader_id", "p"},
                        {"starts_on", "2027-02-01"},
                        {"ends_on", "2027-02-01"}});
  EXPECT_EQ(one_day.ends_on, "2027-02-01");
  EXPECT_TRUE(
      field_errors([] {
        parse({{"title", "T"}, {"goal", "G"}, {"leader_id", "p"}, {"ends_on", "31.01.2027"}});
      }).contains("ends_on"));
  EXPECT_TRUE(field_errors([] {
                parse({{"title", "T"},
                       {"goal", "G"},
                       {"leader_id", "p"},
                       {"ends_on", "2027-01-31"},
                       {"status", "sleeping"}});
              }).contains("status"));
}

TEST(ArenaTest, TheSignalAndTheProjectAreTheStoresToSetNeverTheInputs) {
  const json base = {{"title", "T"}, {"goal", "G"}, {"leader_id", "p"}, {"ends_on", "2027-01-31"}};
  // The signal it came from is set when a manager starts the arena from the signal.
  json from_signal = base;
  from_signal["signal_id"] = "01SIGNAL";
  EXPECT_FALSE(parse(from_signal).signal_id.has_value());
  Arena a = parse(base);
  a.signal_id = "01SIGNAL";
  EXPECT_EQ(to_json(a)["signal_id"], "01SIGNAL");
  // The project it grew into is the store's to set, never the input's.
  json grown = base;
  grown["project_id"] = "p-1";
  EXPECT_FALSE(parse(grown).project_id.has_value());
}

TEST(ArenaTest, OverdueWhenPastItsEndAndNotFinished) {
  Arena a;
  a.ends_on = "2027-01-31";
  for (const char* s : {"open", "running"}) {
    a.status = s;
    EXPECT_FALSE(is_overdue(a, "2027-01-31")) << s;  // the last day still counts
    EXPECT_TRUE(is_overdue(a, "2027-02-01")) << s;
  }
  for (const char* s : {"done", "stopped"}) {
    a.status = s;
    EXPECT_FALSE(is_overdue(a, "2027-06-01")) << s;
  }
}

TEST(ArenaTest, TheUnitsATeamCoversEachOnceInOrder) {
  std::vector<Member> team = {member("1", "Socialafdelingen"), member("2", "Hjemmeplejen"),
                              member("3", nullptr), member("4", "Socialafdelingen"),
                              member("5", "Sundhed")};
  auto units = units_covered(team);
  ASSERT_EQ(units.size(), 3u);
  EXPECT_EQ(*units[0].unit_name, "Socialafdelingen");
  EXPECT_EQ(*units[1].unit_name, "Hjemmeplejen");
  EXPECT_EQ(*units[2].unit_name, "Sundhed");
  EXPECT_TRUE(units_covered({}).empty());
}

TEST(ArenaTest, WhoChangesAnArenaAndWhoWorksInIt) {
  Arena a;
  a.leader_id = "leader";
  a.created_by = "manager";
  a.member_ids = {"nurse"};
  EXPECT_TRUE(may_edit(a, person("leader")));
  EXPECT_TRUE(may_edit(a, person("manager")));
  EXPECT_TRUE(may_edit(a, person("", "admin")));
  EXPECT_FALSE(may_edit(a, person("nurse")));
  EXPECT_FALSE(may_edit(a, person("stranger")));
  EXPECT_FALSE(may_edit(a, person("")));  // a login without a person is nobody's leader
  EXPECT_TRUE(may_work(a, person("nurse")));
  EXPECT_TRUE(may_work(a, person("leader")));
  EXPECT_FALSE(may_work(a, person("stranger")));
  a.created_by.reset();
  EXPECT_FALSE(may_edit(a, person("manager")));
}

TEST(ArenaTest, ThePulseStepsAreTheAgileArenaTemplatesFour) {
  const auto* pulse = projects::find_template(kPulseTemplate);
  ASSERT_NE(pulse, nullptr);
  auto open = pulse_steps(*pulse, {});
  ASSERT_EQ(open.size(), 4u);
  EXPECT_EQ(open[0].phase->key, "communication");
  EXPECT_EQ(open[1].phase->key, "recruitment");
  EXPECT_EQ(open[2].phase->key, "activities");
  EXPECT_EQ(open[3].phase->key, "evaluation");
  EXPECT_TRUE(open[0].current);
  EXPECT_FALSE(open[1].current);
  EXPECT_EQ(open[0].items.size(), pulse->phases[0].items.size());
  EXPECT_EQ(open[0].done, 0);
  // Every item of step one ticked: step two is the current one.
  std::vector<PulseItem> ticked;
  for (const auto& item : pulse->phases[0].items)
    ticked.push_back({item.key, "communication", true, "p", "P", "2027-01-01T10:00:00Z"});
  auto later = pulse_steps(*pulse, ticked);
  EXPECT_EQ(later[0].done, static_cast<int>(pulse->phases[0].items.size()));
  EXPECT_FALSE(later[0].current);
  EXPECT_TRUE(later[1].current);
  EXPECT_EQ(later[0].items[0]->done_by_name, "P");
}

TEST(ArenaTest, AStepIsNamedWithoutTheTemplatesNumber) {
  EXPECT_EQ(step_label("1. Kommunikationsansvarlig"), "Kommunikationsansvarlig");
  EXPECT_EQ(step_label("12. Evaluering"), "Evaluering");
  EXPECT_EQ(step_label("Evaluering"), "Evaluering");
  EXPECT_EQ(step_label("1.Evaluering"), "1.Evaluering");
  EXPECT_EQ(step_label("2027"), "2027");
}

TEST(ArenaTest, TheFormsTickedMembersAreGathered) {
  auto typed = typed_arena(
      {{"title", "T"}, {"m_p1", "on"}, {"m_p2", "on"}, {"m_p3", ""}, {"leader_id", "p9"}});
  EXPECT_EQ(typed["member_ids"], json({"p1", "p2"}));
  EXPECT_EQ(typed["title"], "T");
  EXPECT_EQ(typed["goal"], "");  // not sent: shown empty
  auto boxes = member_boxes({{"p1", "Ida"}, {"p4", "Niels"}}, typed["member_ids"]);
  EXPECT_TRUE(boxes[0]["ticked"].get<bool>());
  EXPECT_FALSE(boxes[1]["ticked"].get<bool>());
}

TEST(ArenaTest, ALogEntryNeedsWhatWasTried) {
  core::Input empty(json{{"logged_on", "2027-13-01"}});
  auto bad = field_errors([&] { parse_log(empty); });
  EXPECT_TRUE(bad.contains("tried"));
  EXPECT_TRUE(bad.contains("logged_on"));
  core::Input ok(json{{"tried", "Bestilling ved samtalen"}, {"result", ""}});
  auto e = parse_log(ok);
  EXPECT_EQ(e.tried, "Bestilling ved samtalen");
  EXPECT_FALSE(e.result.has_value());
  EXPECT_TRUE(e.logged_on.empty());
}

}  // namespace
}  // namespace arenas

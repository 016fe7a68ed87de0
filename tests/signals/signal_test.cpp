// The pure parts of signals: routing by the organisation tree, who reads and acts, the
// statistics, the notification texts in every language and the token buckets.
#include "signals/signal.hpp"

#include <array>
#include <chrono>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "http/rate_limit.hpp"
#include "signals/signal_view.hpp"

namespace {

using signals::Signal;

// top (head) → school (boss) → class (none) → team (lead)
const std::vector<org::Unit> kTree = {{.id = "top", .manager_id = "head"},
                                      {.id = "school", .parent_id = "top", .manager_id = "boss"},
                                      {.id = "class", .parent_id = "school"},
                                      {.id = "team", .parent_id = "class", .manager_id = "lead"}};

core::AuthContext who(const std::string& person, const std::string& role = "member") {
  core::AuthContext w;
  w.person_id = person;
  w.role = role;
  return w;
}

TEST(SignalRouting, TheNearestManagerUpTheTree) {
  EXPECT_EQ(signals::route(kTree, "team").manager_id, "lead");
  auto from_class = signals::route(kTree, "class");
  EXPECT_EQ(from_class.manager_id, "boss");
  EXPECT_EQ(from_class.unit_id, "school");
  // A manager's own signal goes past them.
  EXPECT_EQ(signals::route(kTree, "team", "lead").manager_id, "boss");
  EXPECT_FALSE(signals::route(kTree, "nowhere").manager_id.has_value());
  EXPECT_FALSE(signals::route(kTree, "top", "head").manager_id.has_value());
}

TEST(SignalRouting, OneLevelUpSkipsUnitsWithoutAManager) {
  auto up = signals::route_up(kTree, "team", "lead");
  EXPECT_EQ(up.manager_id, "boss");
  EXPECT_EQ(up.unit_id, "school");
  EXPECT_EQ(signals::route_up(kTree, "school", "boss").manager_id, "head");
  EXPECT_FALSE(signals::route_up(kTree, "top", "head").manager_id.has_value());
  // The same person managing two levels is skipped to the next one above.
  auto twice = kTree;
  twice[0].manager_id = "boss";
  EXPECT_FALSE(signals::route_up(twice, "school", "boss").manager_id.has_value());
}

TEST(SignalRights, StaffAreAnonymousToAllButManagers) {
  Signal s;
  s.id = "s1";
  s.submitter_id = "staff";
  s.submitter_name = "Lærer";
  s.manager_id = "boss";
  s.managers = {"lead", "boss"};
  EXPECT_TRUE(signals::may_act(s, who("boss")));
  EXPECT_FALSE(signals::may_act(s, who("lead")));  // held it before
  EXPECT_FALSE(signals::may_act(s, who("admin", "admin")));
  EXPECT_EQ(signals::for_reader(s, who("lead")).submitter_name, "Lærer");
  EXPECT_EQ(signals::for_reader(s, who("staff")).submitter_name, "Lærer");
  EXPECT_THROW(signals::for_reader(s, who("colleague")), core::NotFound);
  s.manager_id.reset();
  EXPECT_TRUE(signals::may_act(s, who("admin", "admin")));  // nobody holds it
  Signal citizen;
  citizen.source = "citizen";
  citizen.submitter_email = "a@example.org";
  citizen.managers = {"boss"};
  EXPECT_EQ(signals::for_reader(citizen, who("boss")).submitter_email, "a@example.org");
}

TEST(SignalStats, PerUnitAndMonthWithWorkingDaysAndOverdue) {
  // unit, created, answered ("" for not yet), deadline
  auto signal = [](std::array<const char*, 4> f) {
    Signal s;
    s.unit_id = s.unit_name = f[0];
    s.created_at = f[1];
    if (*f[2]) s.answered_at = f[2];
    s.deadline = f[3];
    return s;
  };
  // Friday 4 Dec 2026 answered on Tuesday 8 Dec: two working days.
  auto rows = signals::stats(
      {signal({"a", "2026-12-04T09:00:00.000Z", "2026-12-08T09:00:00.000Z", "2026-12-18"}),
       signal({"a", "2026-12-01T09:00:00.000Z", "2026-12-22T09:00:00.000Z", "2026-12-15"}),
       signal({"a", "2026-11-02T09:00:00.000Z", "", "2026-11-16"}),
       signal({"b", "2026-12-02T09:00:00.000Z", "", "2026-12-16"})},
      "2026-12-06", "dk");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].month, "2026-11");
  EXPECT_EQ(rows[0].overdue, 1);  // open past its deadline
  EXPECT_EQ(rows[1].unit_id, "a");
  EXPECT_EQ(rows[1].received, 2);
  EXPECT_EQ(rows[1].answered, 2);
  EXPECT_EQ(rows[1].overdue, 1);  // answered after the deadline
  EXPECT_DOUBLE_EQ(rows[1].mean_days_to_answer, (2.0 + 15.0) / 2);
  EXPECT_EQ(rows[2].overdue, 0);
}

TEST(SignalNotification, ASubjectAndBodyPerStepInEveryLanguage) {
  Signal s;
  s.what = "Hul i vejen";
  s.deadline = "2026-12-18";
  signals::Event answer;
  answer.kind = "answer";
  answer.text = "Vi lapper det i morgen";
  auto da = signals::notification("da", s, answer, "https://x.test/public/signals/t");
  EXPECT_EQ(da.subject, "Svar på dit signal: Hul i vejen");
  EXPECT_NE(da.body.find("Vi lapper det i morgen"), std::string::npos);
  EXPECT_NE(da.body.find("https://x.test/public/signals/t"), std::string::npos);
  EXPECT_EQ(signals::notification("sv", s, answer, "").subject, "Svar på din signal: Hul i vejen");
  EXPECT_EQ(signals::notification("en", s, answer, "").subject,
            "An answer to your signal: Hul i vejen");
  for (const char* kind : {"created", "status", "answer", "passed_up", "to_project", "closed",
                           "escalated", "reminder"})
    for (const char* locale : {"da", "sv", "en"}) {
      signals::Event e;
      e.kind = kind;
      auto n = signals::notification(locale, s, e, "L");
      EXPECT_NE(n.subject.find("Hul i vejen"), std::string::npos) << kind << " " << locale;
      EXPECT_EQ(n.subject.find("signal_mail"), std::string::npos) << kind << " " << locale;
      EXPECT_NE(n.body.find('L'), std::string::npos) << kind << " " << locale;
    }
}

TEST(SignalRateLimit, ABucketPerKeyRefilledOverTime) {
  http::RateLimiter limiter(2, 0.5);
  auto t0 = std::chrono::steady_clock::time_point{};
  EXPECT_EQ(limiter.take("a", t0), 0);
  EXPECT_EQ(limiter.take("a", t0), 0);
  EXPECT_EQ(limiter.take("a", t0), 2);  // one token in two seconds
  EXPECT_EQ(limiter.take("b", t0), 0);  // another key has its own
  EXPECT_EQ(limiter.take("a", t0 + std::chrono::seconds(2)), 0);
  EXPECT_GE(limiter.take("a", t0 + std::chrono::seconds(2)), 1);
}

}  // namespace

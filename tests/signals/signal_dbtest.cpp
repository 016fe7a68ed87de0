// The signal store on both engines: routing by the organisation tree, the history of every
// step, and escalation on a controlled clock — a signal not acted on by its deadline goes
// one manager up, and again after the next deadline; a reminder comes once before it.
#include <chrono>

#include <gtest/gtest.h>

#include "core/auth_context.hpp"
#include "core/errors.hpp"
#include "core/time.hpp"
#include "core/working_days.hpp"
#include "db/test_databases.hpp"
#include "org/unit_store.hpp"
#include "signals/signal_store.hpp"
#include "tenants/tenant_store.hpp"

namespace testing_db {
namespace {

using std::chrono::system_clock;

class SignalStoreTest : public TenantStorageTest {
 protected:
  struct Tree {
    std::string top, middle, leaf;  // leaf has no manager
    std::string head, boss, staff;
  };

  std::string unit(const std::string& name, const std::optional<std::string>& parent,
                   const std::optional<std::string>& manager) {
    org::UnitFields f;
    f.name = name;
    f.parent_id = parent;
    f.manager_id = manager;
    return org::UnitStore(sql(), tenant_).create(nullptr, f).id;
  }

  Tree tree() {
    Tree t;
    t.head = new_person("Direktør");
    t.boss = new_person("Skoleleder");
    t.staff = new_person("Lærer");
    t.top = unit("Forvaltning", std::nullopt, t.head);
    t.middle = unit("Skole", t.top, t.boss);
    t.leaf = unit("3.A", t.middle, std::nullopt);
    return t;
  }

  // A member of this test's tenant acting as `person`.
  core::AuthContext who(const std::string& person) { return acting_as("member", "", person); }

  static signals::Signal about(const std::string& what, const std::string& unit) {
    signals::Signal in;
    in.what = what;
    in.unit_id = unit;
    return in;
  }

  // Noon UTC on `date`: the same date in Copenhagen.
  static system_clock::time_point noon(const std::string& date) {
    auto days = core::days_from_civil(std::stoi(date.substr(0, 4)), std::stoi(date.substr(5, 2)),
                                      std::stoi(date.substr(8, 2)));
    return system_clock::time_point(std::chrono::hours(24 * days + 12));
  }
};

TEST_P(SignalStoreTest, RoutedToTheNearestManagerWithItsHistory) {
  auto t = tree();
  signals::SignalStore store(sql(), tenant_);
  auto staff = who(t.staff);
  auto in = about("Tavlen er i stykker", t.leaf);
  in.links = {"https://example.org/foto.jpg"};
  auto s = store.create(&staff, in);
  EXPECT_EQ(s.manager_id, t.boss);
  EXPECT_EQ(s.handler_unit_id, t.middle);
  EXPECT_EQ(s.links, in.links);
  EXPECT_EQ(s.submitter_name, "Lærer");
  EXPECT_EQ(s.unit_name, "3.A");
  // A manager raising a signal in their own unit goes to the next one up.
  auto boss = who(t.boss);
  in.unit_id = t.middle;
  EXPECT_EQ(store.create(&boss, in).manager_id, t.head);

  store.answer(boss, s.id, "Ny tavle bestilt");
  auto up = store.pass_up(boss, s.id, std::nullopt);
  EXPECT_EQ(up.manager_id, t.head);
  EXPECT_EQ(up.managers, (std::vector<std::string>{t.boss, t.head}));
  EXPECT_THROW(store.answer(boss, s.id, "igen"), core::Forbidden);
  auto history = store.history(s.id);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].kind, "created");
  EXPECT_EQ(history[1].kind, "answer");
  EXPECT_EQ(history[1].text, "Ny tavle bestilt");
  EXPECT_EQ(history[2].kind, "passed_up");
  EXPECT_EQ(history[2].manager_id, t.head);

  // A citizen's signal: only the hash of its secret is kept.
  in.unit_id = t.leaf;
  auto [citizen, token] = store.create_citizen(in, std::string("a@example.org"));
  auto owner = signals::token_owner(sql(), token);
  ASSERT_TRUE(owner.has_value());
  EXPECT_EQ(owner->tenant_id, tenant_);
  EXPECT_EQ(owner->signal_id, citizen.id);
  EXPECT_FALSE(signals::token_owner(sql(), token + "x").has_value());
  EXPECT_EQ(citizen.source, "citizen");
  EXPECT_FALSE(citizen.submitter_id.has_value());
}

TEST_P(SignalStoreTest, NotActedOnByTheDeadlineGoesUpTwoLevelsWithAReminderFirst) {
  Tree t = tree();
  // A fourth level: the class's team leader under the school.
  auto lead = new_person("Teamleder");
  auto team = unit("Team", t.leaf, lead);
  signals::SignalStore store(sql(), tenant_);
  auto staff = who(t.staff);
  auto in = about("Vinduet kan ikke lukkes", team);
  auto s = store.create(&staff, in);
  ASSERT_EQ(s.manager_id, lead);
  const auto dk = core::HolidayCalendar::kDenmark;
  // Two working days before the deadline: a reminder, once.
  std::string before = s.deadline;
  while (core::working_days_between(before, s.deadline, dk) < 2)
    before = core::plus_days(before, -1);
  // What one run on `day` wrote: the kinds of its events.
  auto run = [&](const std::string& day) {
    std::vector<std::string> kinds;
    for (const auto& e : store.escalate_due(noon(day))) kinds.push_back(e.kind);
    return kinds;
  };
  const std::vector<std::string> reminder{"reminder"}, escalated{"escalated"}, none;
  EXPECT_EQ(run(before), reminder);
  EXPECT_EQ(run(before), none);
  // On the deadline itself nothing happens; the day after it goes up one level, skipping
  // the unit without a manager, with a new deadline in working days.
  EXPECT_EQ(run(s.deadline), none);
  const std::string late = core::plus_days(s.deadline, 1);
  EXPECT_EQ(run(late), escalated);
  auto once = store.get(s.id);
  EXPECT_EQ(std::make_pair(once.manager_id, once.escalations),
            std::make_pair(std::optional<std::string>(t.boss), 1LL));
  EXPECT_EQ(once.deadline, core::add_working_days(late, 10, dk));
  // Not acted on again: the next level after the next deadline (a reminder on the way).
  EXPECT_EQ(run(core::plus_days(once.deadline, 1)), escalated);
  auto twice = store.get(s.id);
  EXPECT_EQ(std::make_pair(twice.manager_id, twice.escalations),
            std::make_pair(std::optional<std::string>(t.head), 2LL));
  // Acted on: no more escalation.
  store.answer(who(t.head), s.id, "Håndværker bestilt");
  EXPECT_EQ(run(core::plus_days(twice.deadline, 5)), none);
  // The periodic step over all tenants leaves it alone too.
  signals::escalate_due(sql(), noon(core::plus_days(twice.deadline, 5)));
  EXPECT_EQ(store.get(s.id).manager_id, t.head);
  std::vector<std::string> kinds;
  for (const auto& e : store.history(s.id)) kinds.push_back(e.kind);
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"created", "reminder", "escalated", "escalated", "answer"}));
}

TEST_P(SignalStoreTest, DeadlinesSkipWeekendsAndTheTenantsPublicHolidays) {
  Tree t = tree();
  signals::SignalStore store(sql(), tenant_);
  auto staff = who(t.staff);
  auto in = about("Dørene til gymnastiksalen binder", t.leaf);
  // Raised on Wednesday before Easter 2027: Maundy Thursday to Easter Monday and the
  // weekends don't count in Denmark.
  auto s = store.create(&staff, in, noon("2027-03-24"));
  ASSERT_EQ(s.manager_id, t.boss);
  EXPECT_EQ(s.deadline, "2027-04-12");
  EXPECT_EQ(s.created_at.substr(0, 10), "2027-03-24");
  auto kinds = [&](const std::string& day) {
    std::vector<std::string> out;
    for (const auto& e : store.escalate_due(noon(day))) out.push_back(e.kind);
    return out;
  };
  EXPECT_TRUE(kinds("2027-04-07").empty());  // three working days before
  EXPECT_EQ(kinds("2027-04-08"), std::vector<std::string>{"reminder"});
  EXPECT_TRUE(kinds("2027-04-12").empty());
  EXPECT_EQ(kinds("2027-04-13"), std::vector<std::string>{"escalated"});
  // Store Bededag (Friday 23 April) is a working day since 2024.
  auto once = store.get(s.id);
  EXPECT_EQ(once.manager_id, t.head);
  EXPECT_EQ(once.deadline, "2027-04-27");
  // At the top of the tree it stays, counted again, with the next deadline.
  EXPECT_EQ(kinds("2027-04-28"), std::vector<std::string>{"escalated"});
  auto top = store.get(s.id);
  EXPECT_EQ(top.manager_id, t.head);
  EXPECT_EQ(top.escalations, 2);

  // In Sweden Maundy Thursday works and the deadline is a working day earlier.
  auto admin = acting_as("admin");
  auto settings = tenants::TenantStore(sql()).find(tenant_);
  ASSERT_TRUE(settings.has_value());
  settings->holidays = "se";
  tenants::TenantStore(sql()).update_settings(admin, settings->version, *settings);
  EXPECT_EQ(store.create(&staff, in, noon("2027-03-24")).deadline, "2027-04-09");
  // Midsummer Eve (Friday 25 June 2027) is off in Sweden.
  EXPECT_EQ(store.create(&staff, in, noon("2027-06-24")).deadline, "2027-07-09");
}

STORAGE_TEST_ENGINES(SignalStoreTest);

}  // namespace
}  // namespace testing_db

// The workflow bank's storage on both engines: a publish stores a scrubbed version with the
// steering group's decision; a republish adds a version and keeps the first; the search
// finds an entry from another tenant by a Danish word in another inflection, ranks, filters
// and survives any typed operator; an unpublished entry is hidden from other tenants.
#include <algorithm>
#include <cctype>
#include <string>

#include <gtest/gtest.h>

#include "bank/bank_fixture.hpp"
#include "bank/bank_store.hpp"
#include "bank/project_source.hpp"
#include "bank/snapshot.hpp"
#include "core/errors.hpp"
#include "db/query.hpp"
#include "db/test_databases.hpp"

namespace testing_db {
namespace {

using bank::BankStore;
using bank::SearchFilters;

bank::Classification classification(const std::string& summary,
                                    const std::string& area = "elderly_care",
                                    const std::string& kle = "27.24.00") {
  return {summary, area, kle, {"hjemmepleje"}, "cc_by_4_0", "project_leader", "da"};
}

class BankStoreTest : public TenantStorageTest {
 protected:
  bank::Listed publish(const std::string& tenant, const std::string& project,
                       const bank::Classification& c) {
    auto entry = bank::build_entry(bank::read_project(sql(), tenant, project), c);
    return BankStore(sql(), tenant).publish(nullptr, project, entry);
  }
  std::vector<std::string> found(const std::string& reader, SearchFilters f) {
    std::vector<std::string> ids;
    for (const auto& l : BankStore(sql(), reader).search(f)) ids.push_back(l.id);
    return ids;
  }
  // A word no other test's entry holds: the tenant's id is random.
  std::string unique_word() {
    std::string w = "ord";
    for (char c : tenant_.substr(16))
      if (std::isalpha(static_cast<unsigned char>(c)) != 0)
        w.push_back(static_cast<char>(std::tolower(c)));
    return w;
  }
  static bool has(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }
};

TEST_P(BankStoreTest, PublishStoresAScrubbedVersionWithItsDecision) {
  auto seeded =
      testing_bank::seed_project(sql(), tenant_, "Hurtigere visitation ved Mette Kjær Jensen");
  auto listed =
      publish(tenant_, seeded.project_id, classification("Borgerne får svar ved første besøg"));
  EXPECT_EQ(listed.status, "published");
  EXPECT_EQ(listed.current_version, 1);
  EXPECT_EQ(listed.handovers_before, 2);
  EXPECT_EQ(listed.handovers_after, 0);
  EXPECT_EQ(listed.lead_time_before, 90);
  EXPECT_EQ(listed.lead_time_after, 30);
  EXPECT_EQ(listed.kle, "27.24.00");

  auto snapshot =
      db::text(db::query(sql(), "SELECT snapshot FROM bank_entry_versions WHERE entry_id = :id",
                         {{"id", listed.id}})[0],
               "snapshot");
  for (const std::string& gone :
       std::vector<std::string>{"Mette", "Jensen", "Kjær", "mette.kjaer", "example.dk",
                                seeded.person_id, seeded.unit_id, seeded.project_id, tenant_})
    EXPECT_EQ(snapshot.find(gone), std::string::npos) << gone << " reached the bank";
  auto shown = BankStore(sql(), tenant_).get(listed.id);
  EXPECT_EQ(shown.entry.kpis.at(0).median_before, 20.0);
  EXPECT_EQ(shown.entry.kpis.at(0).median_after, 8.0);
  EXPECT_EQ(shown.entry.tasks.at(0).task, "[person] laver en ny skabelon til afgørelsen");
  EXPECT_EQ(shown.entry.lanes.size(), 2U);
  EXPECT_TRUE(shown.entry.redesign_bpmn.has_value());

  // The steering group's decision is in the project's log, and the entry names it.
  auto decision = db::query(sql(),
                            "SELECT d.id, d.project_id FROM decisions d JOIN bank_entries e ON "
                            "e.decision_id = d.id AND e.tenant_id = d.tenant_id WHERE e.id = :id",
                            {{"id", listed.id}});
  ASSERT_EQ(decision.size(), 1U);
  EXPECT_EQ(db::text(decision[0], "project_id"), seeded.project_id);
}

TEST_P(BankStoreTest, RepublishingAddsAVersionAndKeepsTheFirst) {
  auto seeded = testing_bank::seed_project(sql(), tenant_, "Visitation");
  auto first = publish(tenant_, seeded.project_id, classification("Første udgave"));
  auto second = publish(tenant_, seeded.project_id, classification("Anden udgave"));
  EXPECT_EQ(second.id, first.id);
  EXPECT_EQ(second.current_version, 2);
  auto other = new_tenant();
  BankStore reader(sql(), other);
  EXPECT_EQ(reader.get(first.id).entry.summary, "Anden udgave");
  EXPECT_EQ(reader.get(first.id, 1).entry.summary, "Første udgave");
  EXPECT_EQ(reader.get(first.id).versions.size(), 2U);
  EXPECT_THROW(reader.get(first.id, 3), core::NotFound);
  EXPECT_EQ(
      db::scalar(sql(), "SELECT COUNT(*) FROM decisions WHERE tenant_id = :t AND project_id = :p",
                 {{"t", tenant_}, {"p", seeded.project_id}}),
      2);
}

TEST_P(BankStoreTest, AnotherTenantFindsItByAnotherInflection) {
  auto seeded = testing_bank::seed_project(sql(), tenant_, "Hurtigere visitationen i hjemmeplejen");
  auto listed =
      publish(tenant_, seeded.project_id, classification("Borgerne får svar ved første besøg"));
  auto other = new_tenant();
  for (const auto* typed : {"borger", "visitation", "Borger visitation", "hjemmepleje", "BESØGET"})
    EXPECT_TRUE(has(found(other, {.text = typed}), listed.id)) << typed;
  EXPECT_FALSE(has(found(other, {.text = "borger skolebus"}), listed.id));
  EXPECT_FALSE(has(found(other, {.text = "xyzzyq"}), listed.id));
  auto first = BankStore(sql(), other).search({.text = "borger"});
  auto it =
      std::find_if(first.begin(), first.end(), [&](const auto& l) { return l.id == listed.id; });
  ASSERT_NE(it, first.end());
  EXPECT_FALSE(it->own);
  EXPECT_EQ(it->publisher.empty(), false);
}

TEST_P(BankStoreTest, RanksTheTitleAboveAMention) {
  std::string word = unique_word();
  auto mention = testing_bank::seed_project(sql(), tenant_, "Genoptræning", "Vi talte om " + word);
  auto titled = testing_bank::seed_project(sql(), tenant_, "Kortere " + word);
  auto a = publish(tenant_, mention.project_id, classification("Træning hjemme"));
  auto b = publish(tenant_, titled.project_id, classification("Mindre " + word + " for alle"));
  auto ids = found(new_tenant(), {.text = word});
  ASSERT_EQ(ids.size(), 2U);
  EXPECT_EQ(ids[0], b.id);
  EXPECT_EQ(ids[1], a.id);
}

TEST_P(BankStoreTest, FiltersByAreaKleKindAndEffect) {
  auto one = testing_bank::seed_project(sql(), tenant_, "Visitation");
  auto a =
      publish(tenant_, one.project_id, classification("Visitation", "elderly_care", "27.24.00"));
  auto reader = new_tenant();
  EXPECT_TRUE(has(found(reader, {.area = "elderly_care"}), a.id));
  EXPECT_FALSE(has(found(reader, {.area = "schools"}), a.id));
  EXPECT_TRUE(has(found(reader, {.kle = "27"}), a.id));
  EXPECT_TRUE(has(found(reader, {.kle = "27.24"}), a.id));
  EXPECT_TRUE(has(found(reader, {.kle = "27.24.00"}), a.id));
  EXPECT_THROW(found(reader, {.kle = "27.2"}), core::ValidationError);
  EXPECT_FALSE(has(found(reader, {.kle = "28"}), a.id));
  EXPECT_TRUE(has(found(reader, {.tenant_kind = "municipality"}), a.id));
  EXPECT_FALSE(has(found(reader, {.tenant_kind = "umbrella"}), a.id));
  EXPECT_TRUE(has(found(reader, {.effects = {"fewer_handovers", "shorter_lead_time"}}), a.id));
  EXPECT_THROW(found(reader, {.effects = {"cheaper"}}), core::ValidationError);
  EXPECT_THROW(found(reader, {.kle = "27-24"}), core::ValidationError);
  // An entry without maps has no figures, so no effect to filter by.
  auto bare = new_project("Uden kort");
  auto b = publish(tenant_, bare, classification("Visitation uden kort"));
  EXPECT_FALSE(has(found(reader, {.effects = {"fewer_handovers"}}), b.id));
  EXPECT_TRUE(has(found(reader, {.text = "visitation"}), b.id));
}

TEST_P(BankStoreTest, TypedOperatorsNeverReachTheEngine) {
  auto seeded = testing_bank::seed_project(sql(), tenant_, "Visitation");
  auto listed = publish(tenant_, seeded.project_id, classification("Borgerne"));
  auto reader = new_tenant();
  for (const auto* typed :
       {"\"foo AND ( NEAR*", "borger\" OR \"x", "'; DROP TABLE bank_entries; --",
        "a:b ^c -d +e {f} [g] !h & | <-> :*", "NOT", "\"", "*", "(((", "\\"})
    EXPECT_NO_THROW(found(reader, {.text = typed})) << typed;
  // What is left of them is words, matched as words.
  EXPECT_TRUE(has(found(reader, {.text = "borger*"}), listed.id));
  EXPECT_TRUE(has(found(reader, {.text = "(\"borger\")"}), listed.id));
  EXPECT_FALSE(has(found(reader, {.text = "borger AND near"}), listed.id));
}

TEST_P(BankStoreTest, UnpublishedIsHiddenFromOthersButKept) {
  auto seeded = testing_bank::seed_project(sql(), tenant_, "Visitation");
  auto listed = publish(tenant_, seeded.project_id, classification("Borgerne"));
  auto after = BankStore(sql(), tenant_).unpublish(nullptr, seeded.project_id);
  EXPECT_EQ(after.status, "unpublished");
  auto reader = new_tenant();
  EXPECT_THROW(BankStore(sql(), reader).get(listed.id), core::NotFound);
  EXPECT_FALSE(has(found(reader, {.text = "borger"}), listed.id));
  EXPECT_FALSE(has(found(reader, {}), listed.id));
  EXPECT_EQ(BankStore(sql(), tenant_).get(listed.id).versions.size(), 1U);
  EXPECT_THROW(BankStore(sql(), tenant_).unpublish(nullptr, seeded.project_id), core::NotFound);
  // Publishing again makes version 2, found again.
  auto again = publish(tenant_, seeded.project_id, classification("Borgerne igen"));
  EXPECT_EQ(again.current_version, 2);
  EXPECT_TRUE(has(found(reader, {.text = "borger"}), listed.id));
}

TEST_P(BankStoreTest, AnotherTenantCannotPublishTheProject) {
  auto seeded = testing_bank::seed_project(sql(), tenant_, "Visitation");
  auto entry =
      bank::build_entry(bank::read_project(sql(), tenant_, seeded.project_id), classification("x"));
  EXPECT_THROW(BankStore(sql(), new_tenant()).publish(nullptr, seeded.project_id, entry),
               core::NotFound);
  EXPECT_THROW(bank::read_project(sql(), new_tenant(), seeded.project_id), core::NotFound);
}

TEST_P(BankStoreTest, PagesWithOffsets) {
  auto reader = new_tenant();
  std::string word = unique_word();
  for (int i = 0; i < 3; ++i) {
    auto p = new_project("Side " + std::to_string(i));
    publish(tenant_, p, classification(word));
  }
  auto all = found(reader, {.text = word, .limit = 10});
  EXPECT_EQ(all.size(), 3U);
  auto page = found(reader, {.text = word, .offset = 1, .limit = 1});
  ASSERT_EQ(page.size(), 2U);  // limit + 1: there is a next page
  EXPECT_EQ(page[0], all[1]);
}

STORAGE_TEST_ENGINES(BankStoreTest);

}  // namespace
}  // namespace testing_db

// The surveys' storage on both engines: an answer through a personal link is stored apart
// from the link (the link marked used, its person forgotten), once; a round not open, a bad
// answer, a used or unknown link store nothing; no stored column ties an answer to a link, a
// person or a time; rounds are numbered from the baseline and keep the grouping they were
// sent with; another tenant sees nothing.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "db/query.hpp"
#include "db/test_databases.hpp"
#include "kit/expect_fields.hpp"
#include "surveys/survey_store.hpp"

namespace testing_db {
namespace {

using surveys::Answers;
using surveys::Round;
using surveys::Survey;
using surveys::SurveyStore;
using testing_kit::field_errors;

class SurveyStoreTest : public TenantStorageTest {
 protected:
  void SetUp() override {
    TenantStorageTest::SetUp();
    if (!lease_) return;
    unit_ = new_unit("Borgerservice");
    alma_ = new_person_in_unit("Alma", unit_);
    bo_ = new_person_in_unit("Bo", unit_);
    Survey s;
    s.title = "Social kapital";
    s.questionnaire = {{"scales", {{{"key", "trust"}}}},
                       {"items",
                        {{{"key", "a"}, {"kind", "likert"}, {"scale", "trust"}},
                         {{"key", "b"}, {"kind", "likert"}, {"scale", "trust"}, {"reverse", true}},
                         {{"key", "why"}, {"kind", "text"}}}}};
    survey_ = store().create(nullptr, s);
    round_ = store().add_round(nullptr, survey_.id, round("Baseline"));
    auto links = store().invite(round_.id, {{alma_, unit_}, {bo_, unit_}});
    alma_link_ = links[0].secret;
    bo_link_ = links[1].secret;
  }
  SurveyStore store(const std::string& tenant = "") {
    return SurveyStore(sql(), tenant.empty() ? tenant_ : tenant);
  }
  static Round round(const std::string& label) {
    Round r;
    r.label = label;
    r.opens_on = "2026-03-01";
    r.closes_on = "2026-03-31";
    return r;
  }
  void open_round() { round_ = store().set_status(nullptr, round_.id, "open", round_.version); }
  long long count(const std::string& table) {
    return db::scalar(sql(), "SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t",
                      {{"t", tenant_}});
  }
  db::Rows invitation(const std::string& person) {
    return db::query(
        sql(),
        "SELECT used, person_id FROM survey_invitations WHERE tenant_id = :t AND "
        "link_hash = :h",
        {{"t", tenant_}, {"h", core::sha256_hex(person == alma_ ? alma_link_ : bo_link_)}});
  }

  std::string unit_, alma_, bo_, alma_link_, bo_link_;
  Survey survey_;
  Round round_;
  const Answers answers_ = {{"a", {4.0, {}}}, {"b", {1.0, {}}}, {"why", {{}, "Mere tid"}}};
};

TEST_P(SurveyStoreTest, AnAnswerThroughAPersonalLinkIsStoredApartFromTheLink) {
  if (!lease_) return;
  open_round();
  surveys::submit_answer(sql(), alma_link_, answers_, "2026-03-10");
  // a 100, b reversed 1 → 75: the trust index 87.5.
  auto sums = store().scale_sums(round_.id);
  ASSERT_EQ(sums.size(), 1u);
  EXPECT_EQ(sums[0].scale_key, "trust");
  EXPECT_EQ(sums[0].unit_id, unit_);
  EXPECT_EQ(sums[0].n, 1);
  EXPECT_DOUBLE_EQ(sums[0].sum, 87.5);
  EXPECT_DOUBLE_EQ(sums[0].sum_of_squares, 87.5 * 87.5);
  auto taking_part = store().participation(round_.id);
  ASSERT_EQ(taking_part.size(), 1u);
  EXPECT_EQ(taking_part[0].invited, 2);
  EXPECT_EQ(taking_part[0].answered, 1);
  auto used = invitation(alma_);
  ASSERT_EQ(used.size(), 1u);
  EXPECT_EQ(db::integer(used[0], "used"), 1);
  EXPECT_TRUE(used[0].is_null("person_id"));  // forgotten once used
  auto unused = invitation(bo_);
  EXPECT_EQ(db::integer(unused[0], "used"), 0);
  EXPECT_EQ(db::opt_text(unused[0], "person_id"), bo_);  // kept for a reminder
  EXPECT_EQ(count("survey_answers"), 3);
}

TEST_P(SurveyStoreTest, ItemSumsArePerItemAndTheUnitTheResponseCountsIn) {
  if (!lease_) return;
  open_round();
  surveys::submit_answer(sql(), alma_link_, answers_, "2026-03-10");  // a 4, b 1, a text
  surveys::submit_answer(sql(), bo_link_, {{"a", {2.0, {}}}}, "2026-03-12");
  auto sums = store().item_sums(round_.id);
  std::sort(sums.begin(), sums.end(),
            [](const auto& x, const auto& y) { return x.item_key < y.item_key; });
  ASSERT_EQ(sums.size(), 2u);  // the text answer has no number
  EXPECT_EQ(sums[0].item_key, "a");
  EXPECT_EQ(sums[0].unit_id, unit_);  // the response's unit
  EXPECT_EQ(sums[0].n, 2);
  EXPECT_DOUBLE_EQ(sums[0].sum, 6);
  EXPECT_DOUBLE_EQ(sums[0].sum_of_squares, 16 + 4);
  EXPECT_EQ(sums[1].item_key, "b");
  EXPECT_EQ(sums[1].n, 1);
  EXPECT_DOUBLE_EQ(sums[1].sum, 1);  // the point as answered: reversing is the report's
  // The survey's rounds in number order; another tenant reads neither.
  auto follow_up = store().add_round(nullptr, survey_.id, round("Opfølgning 1"));
  auto rounds = store().rounds(survey_.id);
  ASSERT_EQ(rounds.size(), 2u);
  EXPECT_EQ(rounds[0].id, round_.id);
  EXPECT_EQ(rounds[1].id, follow_up.id);
  EXPECT_EQ(rounds[1].number, 1);
  EXPECT_FALSE(rounds[0].grouping.empty());
  auto other = new_tenant();
  EXPECT_TRUE(store(other).item_sums(round_.id).empty());
  EXPECT_TRUE(store(other).rounds(survey_.id).empty());
}

TEST_P(SurveyStoreTest, ALinkAnswersOnceAndAnUnknownOneNotAtAll) {
  if (!lease_) return;
  open_round();
  surveys::submit_answer(sql(), alma_link_, answers_, "2026-03-10");
  EXPECT_THROW(surveys::submit_answer(sql(), alma_link_, answers_, "2026-03-11"), core::Conflict);
  EXPECT_THROW(surveys::submit_answer(sql(), "no-such-link", answers_, "2026-03-11"),
               core::NotFound);
  EXPECT_EQ(count("survey_responses"), 1);
  EXPECT_EQ(count("survey_answers"), 3);
  EXPECT_EQ(count("survey_scale_scores"), 1);
}

TEST_P(SurveyStoreTest, ARoundNotOpenTakesNoAnswerAndTheLinkStaysUnused) {
  if (!lease_) return;
  auto planned =
      field_errors([&] { surveys::submit_answer(sql(), bo_link_, answers_, "2026-03-10"); });
  EXPECT_TRUE(planned.count("round"));
  open_round();
  EXPECT_TRUE(field_errors([&] {
                surveys::submit_answer(sql(), bo_link_, answers_, "2026-04-01");
              }).count("round"));  // after it closes
  EXPECT_TRUE(field_errors([&] {
                surveys::submit_answer(sql(), bo_link_, answers_, "2026-02-28");
              }).count("round"));  // before it opens
  EXPECT_EQ(db::integer(invitation(bo_)[0], "used"), 0);
  EXPECT_EQ(count("survey_responses"), 0);
}

TEST_P(SurveyStoreTest, ABadAnswerNamesTheItemAndStoresNothing) {
  if (!lease_) return;
  open_round();
  auto bad = field_errors([&] {
    surveys::submit_answer(sql(), bo_link_,
                           {{"a", {7.0, {}}}, {"b", {1.5, {}}}, {"zzz", {1.0, {}}}}, "2026-03-10");
  });
  EXPECT_TRUE(bad.count("a"));    // outside 0–4
  EXPECT_TRUE(bad.count("b"));    // not a whole point
  EXPECT_TRUE(bad.count("zzz"));  // no such item
  EXPECT_EQ(db::integer(invitation(bo_)[0], "used"), 0);
  EXPECT_EQ(count("survey_responses"), 0);
  EXPECT_EQ(count("survey_answers"), 0);
}

// The columns of `table`, from the engine's own catalogue.
std::vector<std::string> columns_of(soci::session& sql, const std::string& engine,
                                    const std::string& table) {
  std::vector<std::string> out;
  if (engine == "sqlite") {
    for (const auto& r : db::query(sql, "SELECT name FROM pragma_table_info('" + table + "')"))
      out.push_back(db::text(r, "name"));
  } else {
    for (const auto& r : db::query(sql,
                                   "SELECT column_name AS name FROM information_schema.columns "
                                   "WHERE table_name = :t",
                                   {{"t", table}}))
      out.push_back(db::text(r, "name"));
  }
  return out;
}

TEST_P(SurveyStoreTest, NoStoredColumnTiesAnAnswerToTheLinkAPersonOrATime) {
  if (!lease_) return;
  open_round();
  surveys::submit_answer(sql(), alma_link_, answers_, "2026-03-10");
  surveys::submit_answer(sql(), bo_link_, answers_, "2026-03-12");
  for (const std::string table : {"survey_responses", "survey_answers", "survey_scale_scores"}) {
    auto columns = columns_of(sql(), GetParam(), table);
    ASSERT_FALSE(columns.empty()) << table;
    for (const auto& c : columns)
      for (const char* telling : {"link", "token", "hash", "person", "_at", "time", "date", "_on"})
        EXPECT_EQ(c.find(telling), std::string::npos) << table << "." << c;
    // Nor does any value: every text cell of the table, against the links and the people.
    auto rows =
        db::query(sql(), "SELECT * FROM " + table + " WHERE tenant_id = :t", {{"t", tenant_}});
    ASSERT_FALSE(rows.empty());
    for (const auto& r : rows)
      for (const auto& c : columns) {
        if (r.is_null(c) || r.cell(c).kind != db::Cell::Kind::kText) continue;
        const std::string value(r.text_of(r.cell(c)));
        for (const std::string& secret : {alma_link_, bo_link_, core::sha256_hex(alma_link_),
                                          core::sha256_hex(bo_link_), alma_, bo_})
          EXPECT_NE(value, secret) << table << "." << c;
      }
  }
  // The responses' ids are random, not time-ordered ids.
  for (const auto& r :
       db::query(sql(), "SELECT id FROM survey_responses WHERE tenant_id = :t", {{"t", tenant_}}))
    EXPECT_FALSE(core::looks_like_id(db::text(r, "id")));
}

TEST_P(SurveyStoreTest, RoundsAreNumberedFromTheBaselineAndKeepTheirGrouping) {
  if (!lease_) return;
  EXPECT_EQ(round_.number, 0);
  ASSERT_FALSE(round_.grouping.empty());
  EXPECT_TRUE(std::any_of(
      round_.grouping.begin(), round_.grouping.end(),
      [&](const surveys::GroupingUnit& u) { return u.id == unit_ && u.name == "Borgerservice"; }));
  auto follow_up = store().add_round(nullptr, survey_.id, round("Opfølgning 1"));
  EXPECT_EQ(follow_up.number, 1);
  auto late = round("Bagvendt");
  late.closes_on = "2026-02-01";
  EXPECT_TRUE(
      field_errors([&] { store().add_round(nullptr, survey_.id, late); }).count("closes_on"));
  Survey tiny;
  tiny.title = "For små grupper";
  tiny.min_group = 2;
  EXPECT_TRUE(field_errors([&] { store().create(nullptr, tiny); }).count("min_group"));
  EXPECT_THROW(store().set_status(nullptr, round_.id, "open", round_.version + 5), core::Conflict);
}

TEST_P(SurveyStoreTest, AnotherTenantSeesNeitherTheSurveyNorItsRounds) {
  if (!lease_) return;
  auto other = new_tenant();
  EXPECT_THROW(store(other).get(survey_.id), core::NotFound);
  EXPECT_THROW(store(other).get_round(round_.id), core::NotFound);
  EXPECT_THROW(store(other).add_round(nullptr, survey_.id, round("Fremmed")), core::NotFound);
  EXPECT_TRUE(store(other).participation(round_.id).empty());
  EXPECT_EQ(store().get(survey_.id).title, "Social kapital");
}

STORAGE_TEST_ENGINES(SurveyStoreTest);

}  // namespace
}  // namespace testing_db

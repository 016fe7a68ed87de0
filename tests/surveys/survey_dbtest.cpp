// The surveys' storage on both engines: an answer through a personal link is stored apart
// from the link (the link marked used, its person forgotten), once; a round not open, a bad
// answer, a used or unknown link store nothing; no stored column ties an answer to a link, a
// person or a time; rounds are numbered from the baseline and keep the grouping they were
// sent with; another tenant sees nothing; the round's running totals are the sums of its
// stored rows, as the migration that adds them computes them for the rounds before it.
#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "db/query.hpp"
#include "db/test_databases.hpp"
#include "kit/expect_fields.hpp"
#include "surveys/survey_store.hpp"
#include "web/resources.hpp"

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

TEST_P(SurveyStoreTest, AClosedRoundsRowsLieInTheOrderOfTheirRandomIdsNotTheOrderTheyCame) {
  if (!lease_) return;
  open_round();
  const auto link = store().open_public_link(round_.id);
  constexpr int kAnswers = 250;  // more than one slice of the rewrite
  for (int i = 0; i < kAnswers; ++i) surveys::submit_answer(sql(), link, answers_, "2026-03-10");
  const auto sums = store().scale_sums(round_.id);
  round_ = store().set_status(nullptr, round_.id, "closed", round_.version);
  store().dissolve_order(round_.id);
  // The order the engine keeps the rows in: SQLite's rowid, PostgreSQL's row address.
  const std::string physical = GetParam() == "sqlite" ? "rowid" : "ctid";
  auto ids = [&](const std::string& table, const std::string& column, const std::string& order) {
    std::vector<std::string> out;
    for (const auto& r : db::query(sql(),
                                   "SELECT " + column + " AS id FROM " + table +
                                       " WHERE tenant_id = :t AND round_id = :r ORDER BY " + order,
                                   {{"t", tenant_}, {"r", round_.id}}))
      out.push_back(db::text(r, "id"));
    return out;
  };
  const auto by_id = ids("survey_responses", "id", "id");
  ASSERT_EQ(by_id.size(), static_cast<std::size_t>(kAnswers));
  EXPECT_EQ(ids("survey_responses", "id", physical), by_id);
  EXPECT_EQ(ids("survey_answers", "response_id", physical),
            ids("survey_answers", "response_id", "response_id, item_key"));
  EXPECT_EQ(ids("survey_scale_scores", "response_id", physical),
            ids("survey_scale_scores", "response_id", "response_id"));
  // Nothing lost or changed by the rewrite.
  EXPECT_EQ(count("survey_answers"), 3 * kAnswers);
  EXPECT_EQ(count("survey_scale_scores"), kAnswers);
  const auto again = store().scale_sums(round_.id);
  ASSERT_EQ(again.size(), sums.size());
  EXPECT_EQ(again[0].n, sums[0].n);
  EXPECT_DOUBLE_EQ(again[0].sum, sums[0].sum);
  EXPECT_EQ(store().texts(round_.id)["why"].size(), static_cast<std::size_t>(kAnswers));
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
  for (const std::string table :
       {"survey_responses", "survey_answers", "survey_scale_scores", "survey_totals"}) {
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

// A sum per key and unit ('' for none): n, the sum, the sum of squares.
using Total = std::tuple<std::string, std::string, long long, double, double>;

double number_in(const db::Rows& rows, std::size_t row, std::size_t column) {
  const auto& c = rows.at(row, column);
  return c.kind == db::Cell::Kind::kInteger ? static_cast<double>(c.integer) : c.real;
}

// The sums as read before the totals, from the per-response rows.
std::vector<Total> sums_from_rows(soci::session& sql, const std::string& tenant,
                                  const std::string& round, const std::string& kind) {
  const std::string scales =
      "SELECT scale_key, COALESCE(unit_id, ''), COUNT(*), SUM(score), SUM(score * score) "
      "FROM survey_scale_scores WHERE tenant_id = :t AND round_id = :r "
      "GROUP BY scale_key, COALESCE(unit_id, '')";
  const std::string items =
      "SELECT a.item_key, COALESCE(r.unit_id, ''), COUNT(*), SUM(a.number), "
      "SUM(a.number * a.number) FROM survey_answers a JOIN survey_responses r "
      "ON r.tenant_id = a.tenant_id AND r.round_id = a.round_id AND r.id = a.response_id "
      "WHERE a.tenant_id = :t AND a.round_id = :r AND a.number IS NOT NULL "
      "GROUP BY a.item_key, COALESCE(r.unit_id, '')";
  auto rows = db::query(sql, kind == "scale" ? scales : items, {{"t", tenant}, {"r", round}});
  std::vector<Total> out;
  for (std::size_t i = 0; i < rows.size(); ++i)
    out.emplace_back(std::string(rows.text_of(rows.at(i, 0))),
                     std::string(rows.text_of(rows.at(i, 1))), rows.at(i, 2).integer,
                     number_in(rows, i, 3), number_in(rows, i, 4));
  std::sort(out.begin(), out.end());
  return out;
}

template <typename Sums>
std::vector<Total> totals_of(const std::vector<Sums>& sums) {
  std::vector<Total> out;
  for (const auto& s : sums) {
    std::string key;
    if constexpr (std::is_same_v<Sums, surveys::ScaleSums>)
      key = s.scale_key;
    else
      key = s.item_key;
    out.emplace_back(key, s.unit_id.value_or(""), s.n, s.sum, s.sum_of_squares);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The backfill of migration 0037 for `tenant` and `round`: its SELECTs as they are shipped.
std::vector<Total> backfilled(soci::session& sql, const std::string& tenant,
                              const std::string& round, const std::string& kind) {
  const auto migration = web::resources::find("migrations/0037_survey_totals.sql");
  EXPECT_TRUE(migration.has_value());
  std::vector<Total> out;
  if (!migration) return out;
  const std::string text(*migration);
  for (auto at = text.find("\nINSERT INTO survey_totals"); at != std::string::npos;
       at = text.find("\nINSERT INTO survey_totals", at + 1)) {
    const auto select = text.find("\nSELECT ", at) + 1;
    const auto rows = db::query(sql, text.substr(select, text.find(';', select) - select));
    // tenant_id, round_id, unit_key, kind, subject_key, n, total, squares
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (rows.text_of(rows.at(i, 0)) == tenant && rows.text_of(rows.at(i, 1)) == round &&
          rows.text_of(rows.at(i, 3)) == kind)
        out.emplace_back(std::string(rows.text_of(rows.at(i, 4))),
                         std::string(rows.text_of(rows.at(i, 2))), rows.at(i, 5).integer,
                         number_in(rows, i, 6), number_in(rows, i, 7));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Equal counts; sums equal but for the order they were added in.
void expect_same(const std::vector<Total>& got, const std::vector<Total>& want,
                 const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(std::get<0>(got[i]), std::get<0>(want[i])) << what;
    EXPECT_EQ(std::get<1>(got[i]), std::get<1>(want[i])) << what;
    EXPECT_EQ(std::get<2>(got[i]), std::get<2>(want[i])) << what << " " << std::get<0>(want[i]);
    EXPECT_NEAR(std::get<3>(got[i]), std::get<3>(want[i]), 1e-9 * std::abs(std::get<3>(want[i])))
        << what;
    EXPECT_NEAR(std::get<4>(got[i]), std::get<4>(want[i]), 1e-9 * std::abs(std::get<4>(want[i])))
        << what;
  }
}

TEST_P(SurveyStoreTest, TheRoundsTotalsAreTheSumsOfItsStoredRows) {
  if (!lease_) return;
  // Two scales (one with a reversed item), a number, a text; three units, and the public
  // link's answers in none.
  Survey s;
  s.title = "Samarbejde";
  s.questionnaire = {{"scales", {{{"key", "trust"}}, {{"key", "work"}}}},
                     {"items",
                      {{{"key", "a"}, {"kind", "likert"}, {"scale", "trust"}},
                       {{"key", "b"}, {"kind", "likert"}, {"scale", "trust"}, {"reverse", true}},
                       {{"key", "c"}, {"kind", "likert"}, {"scale", "work"}},
                       {{"key", "d"}, {"kind", "likert"}, {"scale", "work"}},
                       {{"key", "e"}, {"kind", "likert"}, {"scale", "work"}},
                       {{"key", "years"}, {"kind", "number"}},
                       {{"key", "why"}, {"kind", "text"}}}}};
  const auto survey = store().create(nullptr, s);
  auto r = store().add_round(nullptr, survey.id, round("Baseline"));
  r = store().set_status(nullptr, r.id, "open", r.version);
  const std::vector<std::string> units = {unit_, new_unit("Jobcenter"), new_unit("Vej og park")};
  std::vector<surveys::Invitee> people;
  for (int i = 0; i < 12; ++i) {
    const auto& unit = units[static_cast<std::size_t>(i) % units.size()];
    people.push_back({new_person_in_unit("Person " + std::to_string(i), unit), unit});
  }
  auto links = store().invite(r.id, people);
  const auto public_link = store().open_public_link(r.id);
  for (int i = 0; i < 4; ++i) links.push_back({"", public_link});
  for (std::size_t i = 0; i < links.size(); ++i) {
    Answers a = {{"a", {static_cast<double>(i % 5), {}}},
                 {"b", {static_cast<double>((i * 3) % 5), {}}},
                 {"c", {static_cast<double>((i + 2) % 5), {}}},
                 {"why", {{}, "Fordi " + std::to_string(i)}}};
    if (i % 3 != 0) a["d"] = {static_cast<double>((i * 7) % 5), {}};  // else work half-answered
    if (i % 4 != 0) a["e"] = {static_cast<double>(i % 2), {}};
    if (i % 2 == 0) a["years"] = {1.5 * static_cast<double>(i) + 0.1, {}};
    if (i == 5) a = {{"c", {1.0, {}}}};  // no trust index, no work index either: 1 of 3
    surveys::submit_answer(sql(), links[i].secret, a, "2026-03-10");
  }
  for (const std::string kind : {"scale", "item"}) {
    const auto from_rows = sums_from_rows(sql(), tenant_, r.id, kind);
    ASSERT_FALSE(from_rows.empty());
    EXPECT_TRUE(std::any_of(from_rows.begin(), from_rows.end(), [](const Total& t) {
      return std::get<1>(t).empty();
    })) << "the public link's answers count in no unit";
    const auto totals =
        kind == "scale" ? totals_of(store().scale_sums(r.id)) : totals_of(store().item_sums(r.id));
    expect_same(totals, from_rows, kind + " totals");
    expect_same(backfilled(sql(), tenant_, r.id, kind), from_rows, kind + " backfill");
  }
  // No text item is summed; a round nobody answered has no totals; nor has another tenant.
  for (const auto& t : totals_of(store().item_sums(r.id))) EXPECT_NE(std::get<0>(t), "why");
  EXPECT_TRUE(store().scale_sums(round_.id).empty());
  EXPECT_TRUE(store().item_sums(round_.id).empty());
  const auto other = new_tenant();
  EXPECT_TRUE(store(other).scale_sums(r.id).empty());
  EXPECT_TRUE(store(other).item_sums(r.id).empty());
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

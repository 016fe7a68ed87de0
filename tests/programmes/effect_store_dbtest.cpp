// The effect report's reads on both engines: a member municipality's project attached to an
// umbrella's programme brings its KPIs with their points and chart periods, its benefits and
// its survey's closed baseline and latest round with their totals; a project not attached, an
// open round and a round between the baseline and the latest bring nothing.
#include <algorithm>
#include <cctype>

#include <gtest/gtest.h>

#include "benefits/benefit_store.hpp"
#include "db/test_databases.hpp"
#include "kpis/kpi_store.hpp"
#include "programmes/effect_store.hpp"
#include "programmes/programme_store.hpp"
#include "programmes/umbrella_store.hpp"
#include "surveys/survey_store.hpp"
#include "tenants/tenant_store.hpp"

namespace testing_db {
namespace {

class EffectStoreTest : public TenantStorageTest {
 protected:
  kpis::Kpi kpi(const std::string& project, const std::string& name) {
    kpis::KpiStore store(sql(), tenant_);
    kpis::Kpi k;
    k.name = name;
    k.baseline = 20;
    auto stored = store.create(nullptr, project, k);
    store.push(nullptr, stored, {{100, 12}, {101, 14}, {102, 13}});
    store.add_period(nullptr, stored, {100, "Baseline", true, 100});
    return stored;
  }

  // A survey of the project with a round per entry of `answering` (closed, answered by that
  // many of six people with the point of the round's number + 1) and one more left open.
  surveys::Survey survey(const std::string& project, const std::vector<int>& answering) {
    surveys::SurveyStore store(sql(), tenant_);
    surveys::Survey s;
    s.title = "Social kapital";
    s.project_id = project;
    s.min_group = 3;
    s.questionnaire = {{"scales", {{{"key", "trust"}, {"name", {{"da", "Tillid"}}}}}},
                       {"items", {{{"key", "a"}, {"kind", "likert"}, {"scale", "trust"}}}}};
    s = store.create(nullptr, s);
    const std::string unit = new_unit("Enhed " + project);
    std::vector<surveys::Invitee> people;
    for (int i = 0; i < 6; ++i)
      people.push_back({new_person_in_unit("P" + std::to_string(i), unit), unit});
    for (std::size_t n = 0; n < answering.size() + 1; ++n) {
      surveys::Round r;
      r.label = "Runde " + std::to_string(n);
      r.opens_on = "2026-0" + std::to_string(n + 1) + "-01";
      r.closes_on = "2026-0" + std::to_string(n + 1) + "-20";
      r = store.add_round(nullptr, s.id, r);
      auto links = store.invite(r.id, people);
      r = store.set_status(nullptr, r.id, "open", r.version);
      if (n == answering.size()) break;  // the last stays open
      for (int i = 0; i < answering[n]; ++i)
        surveys::submit_answer(sql(), links[static_cast<std::size_t>(i)].secret,
                               {{"a", {static_cast<double>(n + 1), {}}}}, r.opens_on);
      store.set_status(nullptr, r.id, "closed", r.version);
    }
    return s;
  }
};

TEST_P(EffectStoreTest, OnlyTheAttachedProjectsRowsOnePerRelation) {
  if (!lease_) return;
  std::string slug = "u" + tenant_;
  std::transform(slug.begin(), slug.end(), slug.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto umbrella = tenants::TenantStore(sql()).create(slug, "Paraply", "umbrella", "da").id;
  programmes::UmbrellaStore(sql(), tenant_)
      .join(nullptr, programmes::UmbrellaStore(sql(), umbrella).new_join_code(nullptr));
  programmes::ProgrammeFields fields;
  fields.title = "Program";
  auto programme = programmes::ProgrammeStore(sql(), umbrella).create(nullptr, fields);
  const auto attached = new_project("Med");
  const auto other = new_project("Uden");
  programmes::ProgrammeStore(sql(), tenant_).attach(nullptr, programme, attached, {});

  const auto k = kpi(attached, "Ventedage");
  kpi(other, "Hemmelig");
  benefits::Benefit b;
  b.title = "Kortere ventetid";
  b.unit = "dage";
  b.kpi_ids = {k.id};
  benefits::BenefitStore(sql(), tenant_).create(nullptr, attached, b);
  b.title = "Hemmelig gevinst";
  b.kpi_ids.clear();
  benefits::BenefitStore(sql(), tenant_).create(nullptr, other, b);
  const auto s = survey(attached, {6, 3, 5});
  survey(other, {4});

  const auto rows = programmes::effects::read_rows(sql(), programme);
  ASSERT_EQ(rows.kpis.size(), 1u);
  EXPECT_EQ(rows.kpis[0].tenant_id, tenant_);
  EXPECT_EQ(rows.kpis[0].kpi.name, "Ventedage");
  EXPECT_EQ(rows.kpis[0].kpi.baseline, 20);
  ASSERT_EQ(rows.kpis[0].points.size(), 3u);
  EXPECT_EQ(rows.kpis[0].points[1].period, 101);
  EXPECT_EQ(rows.kpis[0].points[1].value, 14);
  ASSERT_EQ(rows.kpis[0].periods.size(), 1u);
  EXPECT_EQ(rows.kpis[0].periods[0].split.freeze_until, 100);

  ASSERT_EQ(rows.benefits.size(), 1u);
  EXPECT_EQ(rows.benefits[0].benefit.title, "Kortere ventetid");
  EXPECT_EQ(rows.benefits[0].benefit.kpi_ids, std::vector<std::string>{k.id});
  EXPECT_EQ(rows.benefits[0].benefit.realisation, "not_judged");

  ASSERT_EQ(rows.surveys.size(), 1u);
  const auto& read = rows.surveys[0];
  EXPECT_EQ(read.id, s.id);
  EXPECT_EQ(read.project_id, attached);
  EXPECT_EQ(read.min_n, 5);  // the municipality's default is above the survey's 3
  ASSERT_EQ(read.scales.size(), 1u);
  EXPECT_EQ(read.scales[0]["key"], "trust");
  ASSERT_EQ(read.rounds.size(), 2u);  // the baseline and the latest closed, not round 1 or 3
  EXPECT_EQ(read.rounds[0].number, 0);
  EXPECT_EQ(read.rounds[1].number, 2);
  EXPECT_EQ(read.rounds[1].grouping.size(), 1u);
  ASSERT_EQ(read.rounds[1].sums.size(), 1u);
  EXPECT_EQ(read.rounds[1].sums[0].n, 5);
  EXPECT_DOUBLE_EQ(read.rounds[1].sums[0].sum, 5 * 75.0);  // point 3 of 0–4 scores 75

  // The report of the programme's projects as its owner reads them: both rounds shown.
  const auto report = programmes::effects::build_report(
      programme, programmes::ProgrammeStore(sql(), umbrella).projects(programme), rows,
      "2026-06-01");
  ASSERT_EQ(report.surveys.size(), 1u);
  ASSERT_FALSE(report.surveys[0].baseline->hidden);
  EXPECT_DOUBLE_EQ(report.surveys[0].baseline->index.mean, 25);
  EXPECT_EQ(report.surveys[0].latest->index.n, 5);
  EXPECT_DOUBLE_EQ(report.surveys[0].latest->index.mean, 75);
  ASSERT_EQ(report.categories[0].kpis.size(), 1u);
  EXPECT_EQ(report.categories[0].kpis[0].values.after, 13.5);  // after the frozen week 100
}

STORAGE_TEST_ENGINES(EffectStoreTest);

}  // namespace
}  // namespace testing_db

// The effect report's pure logic: before and after, direction, grouping by category, cluster
// and track, benefits' status, survey indices and what never enters the report.
#include "programmes/effect_report.hpp"

#include <gtest/gtest.h>

namespace programmes::effects {
namespace {

std::vector<kpis::ChartPoint> series(long first, const std::vector<double>& values) {
  std::vector<kpis::ChartPoint> out;
  for (std::size_t i = 0; i < values.size(); ++i)
    out.push_back({first + static_cast<long>(i), values[i]});
  return out;
}

BeforeAfter judge(const kpis::Kpi& kpi, const std::vector<kpis::ChartPoint>& points,
                  const std::vector<kpis::ChartSplit>& splits) {
  return before_after(kpi, points, kpis::evaluate(points, splits, kpis::RuleSet::kAnhoej));
}

TEST(EffectBeforeAfter, TheKpisBaselineAgainstTheMedianOfAChartWithoutSplits) {
  kpis::Kpi k;
  k.baseline = 20;
  auto v = judge(k, series(100, {12, 14, 13, 30}), {});
  EXPECT_EQ(v.before, 20);
  EXPECT_EQ(v.before_source, "kpi_baseline");
  EXPECT_FALSE(v.before_from);
  EXPECT_EQ(v.after, 13.5);
  EXPECT_EQ(v.after_from, 100);
  EXPECT_EQ(v.after_to, 103);
  EXPECT_EQ(v.after_points, 4u);
}

TEST(EffectBeforeAfter, TheFrozenBaselinesMedianAgainstTheLatestPeriodsOwn) {
  kpis::Kpi k;  // no baseline typed: the chart's
  auto points = series(10, {3, 3, 4, 3, 4, 3, 4, 5, 4, 5, 4, 5});
  auto v = judge(k, points, {{10, "Baseline", true, 15}, {16, "Forsøg", true, std::nullopt}});
  EXPECT_EQ(v.before_source, "chart_baseline");
  EXPECT_EQ(v.before, 3);
  EXPECT_EQ(v.before_from, 10);
  EXPECT_EQ(v.before_to, 15);
  // The trial period keeps the baseline's median in the chart; the report takes its own.
  EXPECT_EQ(v.after, 4.5);
  EXPECT_EQ(v.after_from, 16);
  EXPECT_EQ(v.after_to, 21);
}

TEST(EffectBeforeAfter, OneFrozenPeriodCountsThePointsAfterTheFreezeAsAfter) {
  kpis::Kpi k;
  auto v = judge(k, series(1, {10, 12, 11, 20, 22}), {{1, "Baseline", true, 3}});
  EXPECT_EQ(v.before, 11);
  EXPECT_EQ(v.after, 21);
  EXPECT_EQ(v.after_from, 4);
  EXPECT_EQ(v.after_points, 2u);
}

TEST(EffectBeforeAfter, WithoutAnAfterOrABeforeNothingIsJudged) {
  kpis::Kpi k;
  // Only the baseline is measured.
  auto only_baseline = judge(k, series(1, {10, 12, 11}), {{1, "Baseline", true, 3}});
  EXPECT_EQ(only_baseline.before, 11);
  EXPECT_FALSE(only_baseline.after);
  // One period and no baseline typed: no before.
  auto one_period = judge(k, series(1, {10, 12, 11}), {});
  EXPECT_FALSE(one_period.before);
  EXPECT_EQ(one_period.after, 11);
  EXPECT_EQ(outcome("higher", one_period.before, one_period.after), "not_measured");
  // Nothing measured: the typed baseline only.
  k.baseline = 4;
  auto nothing = judge(k, {}, {});
  EXPECT_EQ(nothing.before, 4);
  EXPECT_FALSE(nothing.after);
}

TEST(EffectOutcome, TheKpisDirectionSaysWhatIsBetter) {
  EXPECT_EQ(outcome("lower", 20, 13), "improved");
  EXPECT_EQ(outcome("higher", 20, 13), "worse");
  EXPECT_EQ(outcome("higher", 100, 110), "improved");
  EXPECT_EQ(outcome("lower", 100, 110), "worse");
  EXPECT_EQ(outcome("higher", 100, 104.9), "unchanged");  // within 5 %
  EXPECT_EQ(outcome("higher", 100, 94.9), "worse");
  EXPECT_EQ(outcome("lower", -50, -52.4), "unchanged");
  EXPECT_EQ(outcome("lower", 0, 0), "unchanged");
  EXPECT_EQ(outcome("lower", 0, 1), "worse");
  EXPECT_EQ(outcome("lower", std::nullopt, 1), "not_measured");
}

TEST(EffectPeriodDays, WeeksAndMonthsAsDays) {
  using kpis::Frequency;
  auto w1 = *kpis::parse_period(Frequency::kWeekly, "2026-W01");
  using Days = std::pair<std::string, std::string>;
  EXPECT_EQ(period_days(Frequency::kWeekly, w1), Days("2025-12-29", "2026-01-04"));
  EXPECT_EQ(period_days(Frequency::kBiweekly, w1).second, "2026-01-11");
  auto dec = *kpis::parse_period(Frequency::kMonthly, "2026-12");
  EXPECT_EQ(period_days(Frequency::kMonthly, dec), Days("2026-12-01", "2026-12-31"));
  auto feb = *kpis::parse_period(Frequency::kMonthly, "2028-02");
  EXPECT_EQ(period_days(Frequency::kMonthly, feb).second, "2028-02-29");
}

// Two municipalities' projects in two clusters and tracks, and a project not attached.
struct Fixture {
  Programme programme;
  std::vector<AttachedProject> attached;
  Rows rows;

  Fixture() {
    programme.id = "prog";
    programme.clusters = {{"c1", "Nord"}, {"c2", "Syd"}};
    programme.tracks = {{"t1", "Borgerkontakt"}, {"t2", "Ledelse"}};
    AttachedProject a;
    a.project_id = "pa";
    a.tenant_id = "ta";
    a.tenant_name = "Aby";
    a.title = "Forløb";
    a.template_key = "kl-workflow";
    a.phase_key = "prepare";
    a.cluster_id = "c1";
    a.track_ids = {"t1", "t2"};
    AttachedProject b = a;
    b.project_id = "pb";
    b.tenant_id = "tb";
    b.tenant_name = "Bby";
    b.title = "Overdragelser";
    b.cluster_id.reset();
    b.track_ids = {"t2"};
    attached = {a, b};
    rows.kpis = {kpi("ta", "pa", "k1", "citizen_quality", "lower", 20, {12, 14, 13}),
                 kpi("tb", "pb", "k2", "economy", "higher", 100, {90, 92, 91}),
                 kpi("ta", "hidden", "k3", "economy", "higher", 1, {5, 6})};
    rows.benefits = {benefit("ta", "pa", "Kortere ventetid", "citizen_quality", {"k1"}, "realised"),
                     benefit("tb", "pb", "Lavere udgifter", "economy", {"k2"}, "not_judged"),
                     benefit("ta", "hidden", "Hemmelig", "economy", {}, "realised")};
  }

  static KpiRow kpi(const std::string& tenant, const std::string& project, const std::string& id,
                    const std::string& category, const std::string& direction, double baseline,
                    const std::vector<double>& values) {
    KpiRow r;
    r.tenant_id = tenant;
    r.kpi.id = id;
    r.kpi.project_id = project;
    r.kpi.name = id;
    r.kpi.category = category;
    r.kpi.direction = direction;
    r.kpi.baseline = baseline;
    r.points = series(*kpis::parse_period(kpis::Frequency::kWeekly, "2026-W01"), values);
    return r;
  }

  static BenefitRow benefit(const std::string& tenant, const std::string& project,
                            const std::string& title, const std::string& category,
                            std::vector<std::string> kpi_ids, const std::string& realisation) {
    BenefitRow r;
    r.tenant_id = tenant;
    r.benefit.project_id = project;
    r.benefit.title = title;
    r.benefit.category = category;
    r.benefit.kpi_ids = std::move(kpi_ids);
    r.benefit.realisation = realisation;
    r.benefit.target_date = "2099-01-01";
    return r;
  }
};

TEST(EffectReport, KpisAndBenefitsByCategoryOnlyOfAttachedProjects) {
  Fixture f;
  auto r = build_report(f.programme, f.attached, f.rows, "2026-06-01");
  EXPECT_EQ(r.projects, 2);
  EXPECT_EQ(r.municipalities, 2);
  ASSERT_EQ(r.categories.size(), 3u);
  EXPECT_EQ(r.categories[0].category, "citizen_quality");
  ASSERT_EQ(r.categories[0].kpis.size(), 1u);
  EXPECT_EQ(r.categories[0].kpis[0].outcome, "improved");
  EXPECT_EQ(r.categories[0].kpis[0].project.municipality, "Aby");
  EXPECT_EQ(r.categories[0].outcomes.at("improved"), 1);
  EXPECT_EQ(r.categories[1].outcomes.at("improved"), 0);
  ASSERT_EQ(r.categories[2].kpis.size(), 1u);  // the project not attached is left out
  EXPECT_EQ(r.categories[2].kpis[0].kpi.id, "k2");
  EXPECT_EQ(r.categories[2].kpis[0].outcome, "worse");
  EXPECT_EQ(r.categories[2].kpis[0].signal, "no_signal");  // three points: no rule can fire
  ASSERT_EQ(r.categories[2].benefits.size(), 1u);
  EXPECT_EQ(r.categories[2].benefits[0].title, "Lavere udgifter");
  EXPECT_EQ(r.categories[2].benefits[0].status, "awaiting");  // a KPI, no signal yet
  EXPECT_EQ(r.categories[0].benefits[0].status, "realised");
  EXPECT_EQ(r.benefits, 2);
  EXPECT_EQ(r.realised, 1);
  EXPECT_EQ(r.from, "2025-12-29");
  EXPECT_EQ(r.to, "2026-01-18");
  ASSERT_EQ(r.phases.size(), 1u);
  EXPECT_EQ(r.phases[0].projects, 2);
}

TEST(EffectReport, ClustersAndTracksCountTheirProjects) {
  Fixture f;
  auto r = build_report(f.programme, f.attached, f.rows, "2026-06-01");
  ASSERT_EQ(r.clusters.size(), 3u);  // Nord, Syd and the projects in no cluster
  EXPECT_EQ(r.clusters[0].name, "Nord");
  EXPECT_EQ(r.clusters[0].projects, 1);
  EXPECT_EQ(r.clusters[0].outcomes.at("citizen_quality").at("improved"), 1);
  EXPECT_EQ(r.clusters[0].realised, 1);
  EXPECT_EQ(r.clusters[1].projects, 0);
  EXPECT_EQ(r.clusters[2].id, "");
  EXPECT_EQ(r.clusters[2].outcomes.at("economy").at("worse"), 1);
  ASSERT_EQ(r.tracks.size(), 2u);
  EXPECT_EQ(r.tracks[0].projects, 1);
  EXPECT_EQ(r.tracks[1].projects, 2);
  EXPECT_EQ(r.tracks[1].benefits, 2);
  EXPECT_EQ(r.tracks[1].outcomes.at("economy").at("worse"), 1);
}

SurveyRound survey_round(long long number, const std::string& label, long long n_a, long long n_b,
                         double mean) {
  SurveyRound r;
  r.number = number;
  r.label = label;
  r.grouping = {{"ua", std::nullopt, "A"}, {"ub", std::nullopt, "B"}};
  for (auto [unit, n] : {std::pair{"ua", n_a}, std::pair{"ub", n_b}})
    if (n > 0)
      r.sums.push_back({"sc", unit, n, mean * static_cast<double>(n),
                        (mean * mean + 25) * static_cast<double>(n)});
  return r;
}

TEST(EffectReport, SurveyIndicesOfTheWholeRoundWhereTheRoundShowsThem) {
  Fixture f;
  SurveyRow s;
  s.tenant_id = "ta";
  s.project_id = "pa";
  s.title = "Social kapital";
  s.scales = nlohmann::json::array({{{"key", "sc"}, {"name", {{"da", "Tillid"}}}}});
  s.min_n = 5;
  s.rounds = {survey_round(0, "Før", 6, 4, 50), survey_round(2, "Efter", 8, 6, 60)};
  SurveyRow small = s;
  small.project_id = "pb";
  small.tenant_id = "tb";
  small.rounds = {survey_round(0, "Før", 2, 2, 50), survey_round(1, "Efter", 3, 3, 70)};
  SurveyRow outside = s;
  outside.project_id = "hidden";
  f.rows.surveys = {s, small, outside};
  auto r = build_report(f.programme, f.attached, f.rows, "2026-06-01");
  ASSERT_EQ(r.surveys.size(), 2u);
  const auto& shown = r.surveys[0];
  EXPECT_EQ(shown.project.id, "pa");
  ASSERT_TRUE(shown.baseline && shown.latest);
  EXPECT_FALSE(shown.baseline->hidden);
  EXPECT_EQ(shown.baseline->index.n, 10);
  EXPECT_DOUBLE_EQ(shown.baseline->index.mean, 50);
  EXPECT_EQ(shown.latest->round_label, "Efter");
  EXPECT_DOUBLE_EQ(shown.latest->index.mean, 60);
  ASSERT_TRUE(shown.change);
  EXPECT_DOUBLE_EQ(shown.change->difference, 10);
  // Four answered at baseline: the whole round is hidden there, so there is no change.
  const auto& hidden = r.surveys[1];
  EXPECT_TRUE(hidden.baseline->hidden);
  EXPECT_EQ(hidden.baseline->index.n, 0);
  EXPECT_FALSE(hidden.latest->hidden);
  EXPECT_FALSE(hidden.change);
}

}  // namespace
}  // namespace programmes::effects

// The budget, pure, on hand-computed figures: a line's personnel cost (hours × rate to the
// øre), the financing shares that must add up to 100 % (each problem named by its row), and
// the summary — per package, year, funder and project, the grant's share, the plan to date
// and the burn per month with the øre left over in a year's last month.
#include "work_packages/budget.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "work_packages/summary.hpp"

namespace {

using nlohmann::json;
using namespace work_packages;

std::map<std::string, std::string> refused(const json& body) {
  core::Input in(body);
  try {
    parse_budget(in);
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  return {};
}

TEST(Budget, PersonnelIsHoursTimesRateToTheOere) {
  BudgetLine l{.year = 2026, .role = "project_group", .hours = 1250, .rate = 52050};
  EXPECT_EQ(personnel(l), 650625);  // 12.50 h × 520.50 kr. = 6506.25 kr.
  l.subcontractors = 100;
  l.other = 1;
  EXPECT_EQ(total(l), 650726);
  l.hours = 1;  // 0.01 h × 520.50 = 5.205 kr. → 5.21
  EXPECT_EQ(personnel(l), 521);
  Budget b{.lines = {l, BudgetLine{.year = 2027, .other = 999}}};
  EXPECT_EQ(total(b), 521 + 101 + 999);
  EXPECT_EQ(year_total(b, 2027), 999);
  EXPECT_EQ(share_of(600001, 3000), 180000);  // 30 % of 6000.01 kr. = 1800.003 kr.
}

TEST(Budget, TheSharesMustAddUpToAHundredPerCentAndEachRowIsNamed) {
  const json line = {
      {"year", 2026}, {"role", "project_leader"}, {"hours", "10"}, {"other", "1.000,50"}};
  core::Input ok({{"lines", {line}},
                  {"financing",
                   {{{"kind", "grant"}, {"funder", "Fonden"}, {"share", "30"}},
                    {{"kind", "in_kind"}, {"share", 70}}}}});
  auto b = parse_budget(ok);
  ASSERT_EQ(b.lines.size(), 1u);
  EXPECT_EQ(b.lines[0].hours, 1000);
  EXPECT_EQ(b.lines[0].other, 100050);
  EXPECT_EQ(b.financing[0].share, 3000);
  EXPECT_EQ(b.financing[1].share, 7000);

  auto shares = refused({{"lines", {line}},
                         {"financing",
                          {{{"kind", "grant"}, {"funder", "F"}, {"share", 40}},
                           {{"kind", "in_kind"}, {"share", 50}}}}});
  EXPECT_TRUE(shares.contains("financing"));
  EXPECT_TRUE(refused({{"lines", {line}}}).contains("financing"));  // costs with no financing
  auto bad = refused(
      {{"lines",
        {{{"year", 2026}, {"hours", "-1"}, {"role", "project_leader"}},
         {{"year", 2026}, {"hours", 5}},
         {{"year", 1999}},
         {{"year", 2026}, {"other", "12,345"}}}},
       {"financing", {{{"kind", "grant"}, {"share", 100}}, {{"kind", "loan"}, {"share", 0}}}}});
  EXPECT_TRUE(bad.contains("lines[0].hours"));
  EXPECT_TRUE(bad.contains("lines[1]"));  // hours with no role or person: no rate
  EXPECT_TRUE(bad.contains("lines[2].year"));
  EXPECT_TRUE(bad.contains("lines[3].other"));
  EXPECT_TRUE(bad.contains("financing[0].funder"));
  EXPECT_TRUE(bad.contains("financing[1].kind"));
  EXPECT_TRUE(refused(json::object()).empty());  // no budget at all is fine
}

TEST(Summary, PackagesYearsFundersAndTheBurnOnHandComputedFigures) {
  WorkPackage a;
  a.id = "a";
  a.title = "A";
  a.start = "2026-01-01";
  a.end = "2026-03-31";
  WorkPackage b = a;
  b.id = "b";
  b.title = "B";
  b.start = "2026-03-01";
  b.end = "2026-04-30";
  std::map<std::string, Budget> budgets;
  // A: 10 h at 500 kr. and 1000,01 kr. other = 6000,01 kr.; 30 % from "Fund", 70 % in kind.
  budgets["a"] = {"a",
                  {{.year = 2026, .role = "r", .hours = 1000, .rate = 50000, .other = 100001}},
                  {{"grant", "Fund", 3000}, {"in_kind", std::nullopt, 7000}}};
  // B: 200 kr. of subcontractors.
  budgets["b"] = {"b", {{.year = 2026, .subcontractors = 20000}}, {}};
  auto actual = [](const char* wp, const char* date, long long amount) {
    Actual x;
    x.work_package_id = wp;
    x.date = date;
    x.amount = amount;
    return x;
  };
  auto s = summarise({a, b}, budgets,
                     {actual("a", "2026-01-15", 100000), actual("a", "2026-02-10", 250000),
                      actual("b", "2026-04-01", 30000)},
                     "2026-03-15");
  EXPECT_EQ(s.project.budget, 620001);
  EXPECT_EQ(s.project.actual, 380000);
  EXPECT_EQ(s.project.remaining(), 240001);
  EXPECT_EQ(s.grant, 180000);
  EXPECT_EQ(s.grant_share, 2903);  // 1800 / 6200,01 = 29,03 %
  EXPECT_EQ(s.used_share, 6129);
  ASSERT_EQ(s.packages.size(), 2u);
  EXPECT_EQ(s.packages[0].planned_to_date, 400000);  // January and February of A's plan
  EXPECT_FALSE(s.packages[0].over_plan());
  EXPECT_EQ(s.packages[1].amounts.remaining(), -10000);
  EXPECT_TRUE(s.packages[1].over_plan());
  EXPECT_EQ(s.years.at(2026).budget, 620001);
  EXPECT_EQ(s.years.at(2026).actual, 380000);
  ASSERT_EQ(s.funders.size(), 1u);
  EXPECT_EQ(s.funders[0].funder, "Fund");
  EXPECT_EQ(s.funders[0].granted, 180000);
  EXPECT_EQ(s.funders[0].spent, 105000);  // 30 % of 3500 kr.
  ASSERT_EQ(s.funders[0].cells.size(), 1u);
  EXPECT_EQ(s.funders[0].cells[0].year, 2026);
  // The plan: A's 6000,01 kr. over three months (the øre left in March), B's over two.
  ASSERT_EQ(s.burn.size(), 4u);
  EXPECT_EQ(s.burn[0].month, "2026-01");
  EXPECT_EQ(s.burn[0].planned, 200000);
  EXPECT_EQ(s.burn[2].planned, 210001);
  EXPECT_EQ(s.burn[3].planned, 10000);
  EXPECT_EQ(s.burn[3].planned_cumulative, 620001);
  EXPECT_EQ(s.burn[1].actual_cumulative, 350000);
  EXPECT_EQ(s.burn[2].actual, 0);
  EXPECT_EQ(s.burn[3].actual_cumulative, 380000);
}

}  // namespace

#include "business_case/business_case.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace business_case {
namespace {

using nlohmann::json;

YearRow row(long long year) {
  YearRow r;
  r.year = year;
  return r;
}

// Rate 0: a cost of 100 in year 0, benefits of 40 in years 1-3.
// Net -100, 40, 40, 40; cumulative -100, -60, -20, 20 → pays back in year 3.
// Nothing is discounted (1.0^y = 1), so NPV = -100 + 3 × 40 = 20.
TEST(BusinessCase, PaysBackInYearThreeAtRateZero) {
  std::vector<YearRow> rows = {row(0), row(1), row(2), row(3)};
  rows[0].one_off_costs = 100;
  for (int y = 1; y <= 3; ++y) rows[y].running_benefits = 40;
  auto f = compute(rows, 3, {.rate = 0, .hour_price = 0});
  ASSERT_EQ(f.years.size(), 4u);
  EXPECT_DOUBLE_EQ(f.years[2].cumulative_net, -20);
  EXPECT_DOUBLE_EQ(f.years[3].cumulative_net, 20);
  EXPECT_DOUBLE_EQ(f.npv, 20);
  ASSERT_TRUE(f.payback_year);
  EXPECT_EQ(*f.payback_year, 3);
  ASSERT_TRUE(f.discounted_payback_year);
  EXPECT_EQ(*f.discounted_payback_year, 3);
  EXPECT_DOUBLE_EQ(f.total_costs, 100);
  EXPECT_DOUBLE_EQ(f.total_benefits, 120);
}

// Rate 10 %, hour price 500.
// Year 0: 1,000 money + 2 hours × 500 = 2,000 of costs   → net -2,000, discounted -2,000
// Year 1: 1,100 of benefits                                → discounted 1,100 / 1.1   = 1,000
// Year 2: 1.98 hours × 500 = 990 of benefits               → discounted   990 / 1.21  = 818.1818…
// Year 3: 1,331 of benefits                                → discounted 1,331 / 1.331 = 1,000
// NPV = -2,000 + 1,000 + 818.1818… + 1,000 = 818.1818…
// Cumulative (undiscounted): -2,000, -900, 90, 1,421 → payback year 2.
// Cumulative discounted: -2,000, -1,000, -181.8…, 818.18… → discounted payback year 3.
TEST(BusinessCase, NpvAndPaybackWithHoursAtTenPerCent) {
  std::vector<YearRow> rows = {row(0), row(1), row(2), row(3)};
  rows[0].one_off_costs = 1000;
  rows[0].one_off_cost_hours = 2;
  rows[1].running_benefits = 1100;
  rows[2].running_benefit_hours = 1.98;
  rows[3].one_off_benefits = 1331;
  auto f = compute(rows, 3, {.rate = 10, .hour_price = 500});
  EXPECT_DOUBLE_EQ(f.years[0].costs, 2000);
  EXPECT_NEAR(f.years[1].discounted_net, 1000, 1e-9);
  EXPECT_NEAR(f.years[2].discounted_net, 818.181818181818, 1e-6);
  EXPECT_NEAR(f.npv, 818.181818181818, 1e-6);
  EXPECT_NEAR(f.years[2].cumulative_net, 90, 1e-9);
  EXPECT_EQ(f.payback_year, 2);
  EXPECT_EQ(f.discounted_payback_year, 3);
}

// Rate 3.5 %: 1,000 of costs in year 0, 100 of benefits a year in years 1-5.
// Cumulative at year 5: -1,000 + 5 × 100 = -500 < 0 → never pays back within the horizon.
// NPV = -1,000 + 100 × (1 - 1.035^-5) / 0.035 = -1,000 + 100 × 4.5150524 = -548.49476.
TEST(BusinessCase, NeverPaysBackWithinTheHorizon) {
  std::vector<YearRow> rows = {row(0)};
  rows[0].one_off_costs = 1000;
  for (int y = 1; y <= 5; ++y) {
    rows.push_back(row(y));
    rows.back().running_benefits = 100;
  }
  auto f = compute(rows, 5, {});
  EXPECT_FALSE(f.payback_year);
  EXPECT_FALSE(f.discounted_payback_year);
  EXPECT_NEAR(f.npv, -548.49476, 1e-4);
  EXPECT_TRUE(figures_to_json(f)["payback_year"].is_null());
}

// An empty case has nothing to pay back; years past the horizon are left out, missing
// years count as zero.
TEST(BusinessCase, EmptyYearsAndRowsPastTheHorizon) {
  EXPECT_FALSE(compute({}, 3, {}).payback_year);
  std::vector<YearRow> rows = {row(0), row(9)};
  rows[0].one_off_costs = 10;
  rows[1].running_benefits = 1000;
  auto f = compute(rows, 2, {.rate = 0});
  EXPECT_EQ(f.years.size(), 3u);
  EXPECT_DOUBLE_EQ(f.npv, -10);
  EXPECT_FALSE(f.payback_year);
}

std::map<std::string, std::string> refused(const json& body) {
  core::Input in(body);
  try {
    business_case_fields().parse_new(in);
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  return {};
}

TEST(BusinessCase, ANegativeRateOrOneOverTwentyIsRefused) {
  EXPECT_EQ(refused({{"discount_rate", -0.5}}).count("discount_rate"), 1u);
  EXPECT_EQ(refused({{"discount_rate", 20.5}}).count("discount_rate"), 1u);
  EXPECT_EQ(refused({{"discount_rate", "abc"}}).count("discount_rate"), 1u);
  EXPECT_TRUE(refused({{"discount_rate", 20}}).empty());
  EXPECT_TRUE(refused({{"discount_rate", 0}}).empty());
}

TEST(BusinessCase, HorizonAndRowsAreChecked) {
  EXPECT_EQ(refused({{"horizon", 0}}).count("horizon"), 1u);
  EXPECT_EQ(refused({{"horizon", 21}}).count("horizon"), 1u);
  EXPECT_EQ(refused({{"rows", "x"}}).count("rows"), 1u);
  auto e = refused({{"rows", {{{"year", 0}, {"running_costs", -1}}}}});
  EXPECT_EQ(e.count("rows[0].running_costs"), 1u);
  e = refused({{"rows", {{{"year", 1}}, {{"year", 1}}}}});
  EXPECT_EQ(e.count("rows[1].year"), 1u);
  e = refused({{"rows", {{{"year", 21}}}}});
  EXPECT_EQ(e.count("rows[0].year"), 1u);
}

// Forms send text: a decimal comma is read as the kit's parsing helpers read it.
TEST(BusinessCase, DecimalCommaFromAForm) {
  core::Input in(
      json{{"discount_rate", "3,5"}, {"rows", {{{"year", 0}, {"one_off_costs", "1.234,5"}}}}});
  auto bc = business_case_fields().parse_new(in);
  ASSERT_TRUE(bc.discount_rate);
  EXPECT_DOUBLE_EQ(*bc.discount_rate, 3.5);
  ASSERT_EQ(bc.rows.size(), 1u);
  EXPECT_DOUBLE_EQ(bc.rows[0].one_off_costs, 1234.5);
}

// The re-estimate against the approved version: year by year and in total.
TEST(BusinessCase, ComparedWithTheApprovedVersion) {
  std::vector<YearRow> approved = {row(0), row(1)};
  approved[0].one_off_costs = 100;
  approved[1].running_benefits = 150;
  auto now = approved;
  now[0].one_off_costs = 120;
  auto c = compare(compute(now, 1, {.rate = 0}), compute(approved, 1, {.rate = 0}));
  EXPECT_DOUBLE_EQ(c["npv_difference"].get<double>(), -20);
  EXPECT_DOUBLE_EQ(c["years"][0]["difference"].get<double>(), -20);
  EXPECT_EQ(c["payback_year_change"], 0);
}

}  // namespace
}  // namespace business_case

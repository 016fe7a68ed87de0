#include "kpis/kpi.hpp"

#include <map>

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace kpis {
namespace {

using nlohmann::json;

std::string week(std::string_view text) {
  auto p = parse_period(Frequency::kWeekly, text);
  return p ? format_period(Frequency::kWeekly, *p) : "invalid";
}

TEST(KpiTest, IsoWeeksRoundTripAndWeek53OnlyInLongYears) {
  EXPECT_EQ(week("2026-W14"), "2026-W14");
  EXPECT_EQ(week("2026-w01"), "2026-W01");
  EXPECT_EQ(week("2026-04-01"), "2026-W14");  // a Wednesday
  EXPECT_EQ(week("2027-01-01"), "2026-W53");  // 2026 starts on a Thursday: long year
  EXPECT_EQ(week("2025-12-29"), "2026-W01");
  EXPECT_EQ(iso_weeks_in_year(2026), 53);
  EXPECT_EQ(iso_weeks_in_year(2020), 53);  // leap year starting on a Wednesday
  EXPECT_EQ(iso_weeks_in_year(2025), 52);
  EXPECT_EQ(week("2026-W53"), "2026-W53");
  for (const char* bad : {"2025-W53", "2026-W00", "2026-W54", "2026-14", "W14", "2026-02-30", ""})
    EXPECT_EQ(week(bad), "invalid") << bad;
  auto a = *parse_period(Frequency::kWeekly, "2026-W52");
  EXPECT_EQ(*parse_period(Frequency::kWeekly, "2027-W01") - a, 2);
}

TEST(KpiTest, MonthsFromTextOrDate) {
  auto m = parse_period(Frequency::kMonthly, "2026-04-15");
  ASSERT_TRUE(m);
  EXPECT_EQ(format_period(Frequency::kMonthly, *m), "2026-04");
  EXPECT_EQ(*parse_period(Frequency::kMonthly, "2026-04"), *m);
  EXPECT_EQ(*parse_period(Frequency::kMonthly, "2027-01") - *m, 9);
  EXPECT_FALSE(parse_period(Frequency::kMonthly, "2026-13"));
  EXPECT_FALSE(parse_period(Frequency::kMonthly, "2026-W14"));
}

TEST(KpiTest, BiweeklyGridIsAlignedToTheStartWeek) {
  auto start = parse_period(Frequency::kBiweekly, "2026-W14");
  auto p = [](const char* t) { return *parse_period(Frequency::kBiweekly, t); };
  EXPECT_TRUE(on_grid(Frequency::kBiweekly, p("2026-W16"), start));
  EXPECT_TRUE(on_grid(Frequency::kBiweekly, p("2026-W12"), start));
  EXPECT_FALSE(on_grid(Frequency::kBiweekly, p("2026-W15"), start));
  EXPECT_TRUE(on_grid(Frequency::kWeekly, p("2026-W15"), start));
}

Kpi parsed(const json& fields) {
  core::Input input(fields);
  return kpi_fields().parse_new(input);
}

Kpi weekly() { return parsed({{"name", "Ventedage"}, {"frequency", "weekly"}}); }

TEST(KpiTest, ParsesAKpiAndRefusesBadFieldsByName) {
  auto k = parsed({{"name", "Ventedage"},
                   {"direction", "lower"},
                   {"baseline", "12,5"},
                   {"target", 7},
                   {"category", "economy"},
                   {"level", "tactical"}});
  EXPECT_EQ(k.direction, "lower");
  EXPECT_DOUBLE_EQ(*k.baseline, 12.5);
  EXPECT_DOUBLE_EQ(*k.target, 7);
  EXPECT_EQ(k.rule_set, "anhoej");
  try {
    parsed({{"direction", "up"}, {"baseline", "many"}, {"frequency", "daily"}});
    FAIL();
  } catch (const core::ValidationError& e) {
    for (const char* f : {"name", "direction", "baseline", "frequency"})
      EXPECT_EQ(e.fields().count(f), 1u) << f;
  }
  EXPECT_THROW(parsed({{"name", "x"}, {"frequency", "biweekly"}}), core::ValidationError);
}

TEST(KpiTest, MeasurementsAreAllOrNothingWithRowErrors) {
  auto k = weekly();
  json rows = json::array({{{"period", "2026-W14"}, {"value", 12.5}},
                           {{"period", "2026-W15"}, {"value", 11}},
                           {{"period", "2026-W15"}, {"value", 10}}});
  auto ms = parse_measurements(k, rows);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_DOUBLE_EQ(ms[1].value, 10);  // the last value of a repeated period wins
  rows.push_back({{"period", "2025-W53"}, {"value", "x"}});
  rows.push_back({{"value", 1}});
  try {
    parse_measurements(k, rows);
    FAIL();
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("3.period"), "2025-W53 is not a weekly period");
    EXPECT_EQ(e.fields().at("3.value"), "must be a number");
    EXPECT_EQ(e.fields().count("4.period"), 1u);
    EXPECT_EQ(e.fields().size(), 3u);
  }
  EXPECT_THROW(parse_measurements(k, json::object()), core::ValidationError);
}

TEST(KpiTest, MeasurementOffTheBiweeklyGridNamesThePeriod) {
  auto k = parsed({{"name", "x"}, {"frequency", "biweekly"}, {"start_period", "2026-W14"}});
  try {
    parse_measurements(k, json::array({{{"period", "2026-W15"}, {"value", 1}}}));
    FAIL();
  } catch (const core::ValidationError& e) {
    EXPECT_NE(e.fields().at("0.period").find("2026-W15"), std::string::npos);
  }
}

TEST(KpiTest, RulesAcrossFieldsNameTheFirstBrokenOne) {
  auto refused = [](const json& fields) {
    try {
      parsed(fields);
    } catch (const core::ValidationError& e) {
      return e.fields();
    }
    return std::map<std::string, std::string>{};
  };
  EXPECT_EQ(refused({{"name", "x"}, {"frequency", "biweekly"}}).at("start_period"),
            "a biweekly KPI needs the week it starts");
  EXPECT_EQ(refused({{"name", "x"}, {"start_period", "2026-13"}}).at("start_period"),
            "is not a period of the KPI's frequency");
  EXPECT_EQ(refused({{"name", "x"}, {"element_id", "Task_1"}}).at("map_id"),
            "a map step needs its map");
  // A field that does not read well is named alone, as before the rules across fields.
  auto fields = refused({{"name", ""}, {"frequency", "biweekly"}});
  EXPECT_EQ(fields.count("name"), 1u);
  EXPECT_EQ(fields.count("start_period"), 0u);
}

TEST(KpiTest, AnUpdateChangesOnlyTheNamedFieldsAndTheStartWeekIsNormalised) {
  auto k = parsed({{"name", "Ventedage"}, {"unit", "dage"}, {"target", 7}});
  core::Input patch(json{{"frequency", "biweekly"}, {"start_period", "2026-04-01"}});
  auto changed = kpi_fields().apply(patch, k);
  EXPECT_EQ(changed.name, "Ventedage");
  EXPECT_EQ(changed.unit, "dage");
  EXPECT_DOUBLE_EQ(*changed.target, 7);
  EXPECT_EQ(normalised(changed).start_period, "2026-W14");
  core::Input clear(json{{"target", nullptr}, {"definition", nullptr}});
  EXPECT_FALSE(kpi_fields().apply(clear, k).target);
}

TEST(KpiTest, JsonCarriesTheLastValueAndDueButTheStoredFormDoesNot) {
  auto k = weekly();
  k.last = LastValue{"2026-W14", 12.5, *parse_period(Frequency::kWeekly, "2026-W14")};
  // 2026-04-15 is in week 16: week 15 is missing.
  auto j = to_json(with_due(k, "2026-04-15"));
  EXPECT_EQ(j["last"], json({{"period", "2026-W14"}, {"value", 12.5}}));
  EXPECT_TRUE(j["due"].get<bool>());
  EXPECT_FALSE(with_due(k, "2026-04-08").due);  // week 15: week 14 is measured
  EXPECT_TRUE(to_json(with_due(weekly(), "2026-04-08"))["last"].is_null());
  auto stored = stored_json(k);
  EXPECT_FALSE(stored.contains("last"));
  EXPECT_FALSE(stored.contains("due"));
  EXPECT_EQ(stored["name"], "Ventedage");
  auto schema = kpi_fields().input_schema();
  EXPECT_EQ(schema["required"], json::array({"name"}));
  EXPECT_FALSE(schema["properties"].contains("due"));
  EXPECT_TRUE(kpi_fields().schema()["properties"].contains("last"));
}

}  // namespace
}  // namespace kpis

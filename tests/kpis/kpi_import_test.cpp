#include "kpis/kpi_import.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/input.hpp"

namespace kpis {
namespace {

Kpi weekly() {
  Kpi k;
  k.id = "k1";
  k.frequency = "weekly";
  return k;
}

long week(const char* text) { return *parse_period(Frequency::kWeekly, text); }

std::map<std::string, std::string> header_errors(const Kpi& k, const std::string& csv) {
  try {
    plan_measurement_import(k, read_import_file(csv), {});
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  return {};
}

TEST(KpiImportTest, NumbersWithDecimalCommaAndThousands) {
  EXPECT_EQ(core::parse_decimal("12,5"), 12.5);
  EXPECT_EQ(core::parse_decimal(" 12.5 "), 12.5);
  EXPECT_EQ(core::parse_decimal("1.234,5"), 1234.5);
  EXPECT_EQ(core::parse_decimal("1,234.5"), 1234.5);
  EXPECT_EQ(core::parse_decimal("1 234,5"), 1234.5);
  EXPECT_EQ(core::parse_decimal("1\xC2\xA0"
                                "234"),
            1234);
  EXPECT_EQ(core::parse_decimal("-3"), -3);
  EXPECT_EQ(core::parse_decimal("\xE2\x88\x92"
                                "3,5"),
            -3.5);
  EXPECT_EQ(core::parse_decimal("1e3"), 1000);
  for (const char* not_a_number : {"", "tolv", "1,2,3", "12 kr", "nan", "inf"})
    EXPECT_FALSE(core::parse_decimal(not_a_number)) << not_a_number;
}

TEST(KpiImportTest, DanishSwedishAndEnglishHeadingsAndBothSeparators) {
  for (const char* csv : {"Periode;Værdi\r\n2026-W14;12,5\r\n", "period,value\n2026-W14,12.5\n",
                          "\xEF\xBB\xBFVecka;Värde\n2026-W14;12,5\n", "UGE;VÆRDI\n2026-w14;12,5\n",
                          "Værdi;Dato\n12,5;2026-03-31\n", "Week,Value\n2026-W14,\"12,5\"\n"}) {
    auto rows = plan_measurement_import(weekly(), read_import_file(csv), {});
    ASSERT_EQ(rows.size(), 1u) << csv;
    EXPECT_EQ(rows[0].action, "create") << csv;
    EXPECT_EQ(rows[0].period, "2026-W14") << csv;
    ASSERT_TRUE(rows[0].measurement) << csv;
    EXPECT_EQ(rows[0].measurement->value, 12.5) << csv;
    EXPECT_EQ(rows[0].measurement->period, week("2026-W14")) << csv;
    EXPECT_EQ(rows[0].row, 2);
  }
}

TEST(KpiImportTest, AWrongOrMissingColumnNamesIt) {
  auto e = header_errors(weekly(), "Periode;Antal\n2026-W14;3\n");
  EXPECT_EQ(e.at("Antal"), "is not a column; use period and value");
  EXPECT_EQ(e.at("value"), "column is missing");
  e = header_errors(weekly(), "Periode;Værdi;Periode\n");
  EXPECT_EQ(e.at("Periode"), "appears twice");
  e = header_errors(weekly(), "\n\n");
  EXPECT_TRUE(e.count("file"));
  try {
    read_import_file("");
    FAIL();
  } catch (const core::ValidationError& ex) {
    EXPECT_EQ(ex.fields().begin()->first, "file");
  }
  try {
    read_import_file("period;value\n\"2026-W01;3\n");  // an unclosed quote
    FAIL();
  } catch (const core::ValidationError& ex) {
    EXPECT_EQ(ex.fields().begin()->first, "file");
  }
}

TEST(KpiImportTest, EmptyRowsAreSkipped) {
  // CSV rows count the non-empty records (header = 1), as the action plan import does.
  auto rows = plan_measurement_import(
      weekly(), read_import_file("period;value\n;\n2026-W01;1\n ; \n2026-W02;2\n"), {});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].period, "2026-W01");
  EXPECT_EQ(rows[1].period, "2026-W02");
  EXPECT_LT(rows[0].row, rows[1].row);
  // A sheet's empty rows stay in the table, so spreadsheet row numbers hold.
  core::Table sheet = {{}, {"Periode", "Værdi"}, {}, {"2026-W01", "1"}, {"", ""}, {"x", "2"}};
  rows = plan_measurement_import(weekly(), sheet, {});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].row, 4);
  EXPECT_EQ(rows[1].row, 6);
  EXPECT_EQ(rows[1].action, "error");
}

TEST(KpiImportTest, BadPeriodsAndValuesAreRowErrors) {
  auto rows = plan_measurement_import(weekly(),
                                      read_import_file("period;value\n"
                                                       "2026-W54;1\n"
                                                       "uge 3;1\n"
                                                       "2026-W03;tolv\n"
                                                       ";4\n"
                                                       "2026-W04;\n"
                                                       "2026-W05;1e13\n"
                                                       "31-03-2026;7\n"),
                                      {});
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0].errors.at("period"), "is not a week like 2026-W14 or a date");
  EXPECT_EQ(rows[0].period, "2026-W54");
  EXPECT_EQ(rows[1].errors.at("period"), "is not a week like 2026-W14 or a date");
  EXPECT_EQ(rows[2].errors.at("value"), "must be a number");
  EXPECT_EQ(rows[3].errors.at("period"), "is required");
  EXPECT_EQ(rows[4].errors.at("value"), "is required");
  EXPECT_EQ(rows[5].errors.at("value"), "is out of range");
  for (int i = 0; i < 6; ++i) EXPECT_EQ(rows[i].action, "error");
  // A Danish date is normalised to its ISO week, as the JSON push does with dates.
  EXPECT_EQ(rows[6].action, "create");
  EXPECT_EQ(rows[6].period, "2026-W14");
  EXPECT_TRUE(measurements_of(rows).size() == 1);
}

TEST(KpiImportTest, ADuplicatePeriodNamesBothRows) {
  auto rows = plan_measurement_import(
      weekly(), read_import_file("period;value\n2026-W14;1\n2026-W15;2\n2026-04-02;3\n"), {});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].action, "create");
  EXPECT_EQ(rows[2].action, "error");
  EXPECT_EQ(rows[2].row, 4);
  EXPECT_EQ(rows[2].errors.at("period"), "row 2 has the same period");
}

TEST(KpiImportTest, StoredPeriodsAreUpdatesAndTheGridIsChecked) {
  auto rows = plan_measurement_import(
      weekly(), read_import_file("period;value\n2026-W14;1\n2026-W15;2\n"), {week("2026-W15")});
  EXPECT_EQ(rows[0].action, "create");
  EXPECT_EQ(rows[1].action, "update");
  auto ms = measurements_of(rows);
  ASSERT_EQ(ms.size(), 2u);
  EXPECT_LT(ms[0].period, ms[1].period);

  Kpi biweekly = weekly();
  biweekly.frequency = "biweekly";
  biweekly.start_period = "2026-W02";
  rows = plan_measurement_import(biweekly,
                                 read_import_file("period;value\n2026-W04;1\n2026-W05;2\n"), {});
  EXPECT_EQ(rows[0].action, "create");
  EXPECT_EQ(rows[1].errors.at("period"), "is not on the KPI's every-second-week grid");

  Kpi monthly = weekly();
  monthly.frequency = "monthly";
  rows = plan_measurement_import(
      monthly, read_import_file("måned;værdi\n2026-04;1\n2026-05-31;2\n2026-W14;3\n"), {});
  EXPECT_EQ(rows[0].period, "2026-04");
  EXPECT_EQ(rows[1].period, "2026-05");
  EXPECT_EQ(rows[2].errors.at("period"), "is not a month like 2026-04 or a date");
}

TEST(KpiImportTest, ThePlanCsvReadsBackToTheSamePlan) {
  auto rows = plan_measurement_import(
      weekly(), read_import_file("Periode;Værdi\n2026-04-01;-2,5\n2026-W15;=1\n"), {});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].action, "error");  // "=1" is not a number
  auto again = plan_measurement_import(weekly(), read_import_file(plan_csv(rows)), {});
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].period, "2026-W14");
  EXPECT_EQ(again[0].measurement->value, -2.5);
  EXPECT_EQ(again[1].action, "error");
}

}  // namespace
}  // namespace kpis

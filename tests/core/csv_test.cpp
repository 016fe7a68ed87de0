#include "core/csv.hpp"

#include <gtest/gtest.h>

namespace core {
namespace {

TEST(CsvTest, PlainCellsStayAsTheyAre) {
  EXPECT_EQ(csv_cell("Sammenhængende hjælp"), "Sammenhængende hjælp");
  EXPECT_EQ(csv_cell(""), "");
  EXPECT_EQ(csv_cell("2026-12-18"), "2026-12-18");
}

TEST(CsvTest, QuotesSeparatorQuotesAndLineBreaksPerRfc4180) {
  EXPECT_EQ(csv_cell("Job; social"), "\"Job; social\"");
  EXPECT_EQ(csv_cell("Job, social"), "Job, social");  // not the separator
  EXPECT_EQ(csv_cell("Job, social", ','), "\"Job, social\"");
  EXPECT_EQ(csv_cell("Det \"nye\" forløb"), "\"Det \"\"nye\"\" forløb\"");
  EXPECT_EQ(csv_cell("linje 1\nlinje 2"), "\"linje 1\nlinje 2\"");
  EXPECT_EQ(csv_cell("a\r\nb"), "\"a\r\nb\"");
}

TEST(CsvTest, FormulaLookingCellsAreDefused) {
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_cell("+45 12345678"), "'+45 12345678");
  EXPECT_EQ(csv_cell("-2+3"), "'-2+3");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_cell("\tx"), "'\tx");
  EXPECT_EQ(csv_cell("=1;2"), "\"'=1;2\"");
  EXPECT_EQ(csv_cell("a=b"), "a=b");  // only a leading sign is dangerous
}

TEST(CsvTest, DocumentStartsWithABomAndEndsRowsWithCrlf) {
  auto csv = to_csv({{"Titel", "Status"}, {"Æblerne", "Grøn"}});
  EXPECT_EQ(csv, "\xEF\xBB\xBFTitel;Status\r\nÆblerne;Grøn\r\n");
}

}  // namespace
}  // namespace core

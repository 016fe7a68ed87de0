#include "core/imports.hpp"

#include <gtest/gtest.h>

#include "core/csv.hpp"
#include "core/errors.hpp"
#include "core/input.hpp"

namespace core {
namespace {

TEST(ImportsTest, ListingKeepsTheFirstRowsThenOnlyErrors) {
  ImportListing listing;
  int listed = 0;
  for (int i = 0; i < 150; ++i) listed += listing.take(false) ? 1 : 0;
  EXPECT_EQ(listed, 100);
  for (int i = 0; i < 150; ++i) listed += listing.take(true) ? 1 : 0;
  EXPECT_EQ(listed, 200);  // the first 100 errors after the first 100 rows
  EXPECT_EQ(listing.omitted(), 100u);
}

TEST(ImportsTest, AtMostTwoImportsRunAtOnce) {
  {
    ImportSlot first;
    ImportSlot second;
    EXPECT_THROW(ImportSlot third, TooManyRequests);
  }
  ImportSlot again;  // the slots are given back
  SUCCEED();
}

TEST(ImportsTest, CsvStopsReadingAtTheRowCap) {
  std::string text = "a;b\n1;2\n3;4\n5;6\n";
  EXPECT_EQ(read_csv(text, 4).size(), 4u);
  EXPECT_THROW(read_csv(text, 3), PayloadTooLarge);
  int rows = 0;
  for_each_csv_row(text, [&](std::vector<std::string>&& row) {
    EXPECT_EQ(row.size(), 2u);
    ++rows;
  });
  EXPECT_EQ(rows, 4);
}

TEST(ImportsTest, LocalPathsAndSafeLinks) {
  EXPECT_TRUE(is_local_path("/"));
  EXPECT_TRUE(is_local_path("/projects/01H?tab=maps#roles"));
  for (const char* bad : {"", "projects", "//evil.example", "/\\evil.example", "/\t/evil.example",
                          "/\r\n/evil.example", "/ /evil", "https://evil.example", "/x\x7f"})
    EXPECT_FALSE(is_local_path(bad)) << bad;
  EXPECT_TRUE(is_safe_link("https://kl.dk/x"));
  EXPECT_FALSE(is_safe_link("https://kl.dk/\tx"));
  EXPECT_FALSE(is_safe_link("javascript:alert(1)"));
}

}  // namespace
}  // namespace core

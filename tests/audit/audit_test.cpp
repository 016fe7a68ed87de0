#include "audit/audit.hpp"

#include <gtest/gtest.h>

#include "audit/audit_view.hpp"

namespace audit {
namespace {

using nlohmann::json;

TEST(AuditDiffTest, KeepsOnlyChangedFieldsWithoutBookkeeping) {
  json before = {{"name", "A"}, {"kind", "unit"}, {"version", 1}, {"updated_at", "x"}};
  json after = {{"name", "B"}, {"kind", "unit"}, {"version", 2}, {"updated_at", "y"}};
  auto d = diff(before, after);
  EXPECT_EQ(d, json({{"name", {{"before", "A"}, {"after", "B"}}}}));
  auto created = diff(nullptr, {{"name", "A"}});
  EXPECT_TRUE(created["name"]["before"].is_null());
  auto deleted = diff({{"name", "A"}}, nullptr);
  EXPECT_TRUE(deleted["name"]["after"].is_null());
}

TEST(AuditViewTest, ShowsNamesTranslationsAndReadableTimes) {
  json entries = json::array({{{"at", "2026-11-23T12:29:44.165Z"},
                               {"actor", "system"},
                               {"entity", "unit"},
                               {"entity_id", "U1"},
                               {"action", "create"},
                               {"changes",
                                {{"id", {{"before", nullptr}, {"after", "U1"}}},
                                 {"kind", {{"before", nullptr}, {"after", "team"}}},
                                 {"parent_id", {{"before", nullptr}, {"after", "U0"}}}}}}});
  auto rows = readable_rows(entries, "da", [](const std::string& id) -> std::optional<std::string> {
    if (id == "U0") return "Jobcenter";
    if (id == "U1") return "Team Nord";
    return std::nullopt;
  });
  ASSERT_EQ(rows.size(), 1u);
  const auto& row = rows[0];
  EXPECT_EQ(row["at_text"], "2026-11-23 12:29 UTC");
  EXPECT_EQ(row["actor"], "Systemet");
  EXPECT_EQ(row["subject"], "Team Nord");
  EXPECT_EQ(row["action"], "oprettet");
  ASSERT_EQ(row["changes"].size(), 2u);  // the id line is left out
  EXPECT_EQ(row["changes"][0]["field"], "Type");
  EXPECT_EQ(row["changes"][0]["after"], "Team");
  EXPECT_EQ(row["changes"][1]["field"], "Hører under");
  EXPECT_EQ(row["changes"][1]["before"], "—");
  EXPECT_EQ(row["changes"][1]["after"], "Jobcenter");
  EXPECT_EQ(readable_time("garbage"), "garbage");
}

}  // namespace
}  // namespace audit

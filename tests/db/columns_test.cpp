// db::Columns writes a table's everyday statements from its column table; the text is the
// one the stores wrote out by hand before, so their behaviour is unchanged.
#include "db/columns.hpp"

#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace {

struct Thing {
  std::string id;
  std::optional<std::string> parent_id;
  std::string name;
  long long version = 0;
  std::string created_at;
  std::string updated_at;
  std::string joined;
};

const db::Columns<Thing>& columns() {
  static const auto c = db::Columns<Thing>("units", {"tenant_id"})
                            .id(&Thing::id)
                            .text("parent_id", &Thing::parent_id)
                            .text("name", &Thing::name)
                            .version(&Thing::version)
                            .text("created_at", &Thing::created_at, db::Write::kOnce)
                            .text("updated_at", &Thing::updated_at)
                            .read_only("joined", &Thing::joined);
  return c;
}

const db::Columns<Thing>& tenant_columns() {
  static const auto c = db::Columns<Thing>("tenants")
                            .bound("created_by")
                            .id(&Thing::id)
                            .text("name", &Thing::name)
                            .version(&Thing::version)
                            .on_update("auth_version = auth_version + 1");
  return c;
}

// Each statement as the stores wrote it by hand.
TEST(Columns, StatementsAreTheOnesTheStoresWroteByHand) {
  const std::pair<std::string, std::string> expected[] = {
      {columns().insert_sql(),
       "INSERT INTO units (tenant_id, id, parent_id, name, version, created_at, updated_at) "
       "VALUES (:tenant_id, :id, :parent_id, :name, 1, :created_at, :updated_at)"},
      {columns().update_sql(),
       "UPDATE units SET parent_id = :parent_id, name = :name, version = version + 1, "
       "updated_at = :updated_at WHERE tenant_id = :tenant_id AND id = :id AND "
       "version = :expected"},
      {columns().select_sql(),
       "SELECT id, parent_id, name, version, created_at, updated_at, joined FROM units "
       "WHERE tenant_id = :tenant_id"},
      {columns().select_one_sql(), columns().select_sql() + " AND id = :id"},
      {columns().exists_sql(),
       "SELECT COUNT(*) FROM units WHERE tenant_id = :tenant_id AND id = :id"},
      {columns().delete_sql(), "DELETE FROM units WHERE tenant_id = :tenant_id AND id = :id"},
      // No scope, a column bound from the call, one more assignment on update.
      {tenant_columns().insert_sql(),
       "INSERT INTO tenants (id, name, version, created_by) VALUES (:id, :name, 1, "
       ":created_by)"},
      {tenant_columns().update_sql(),
       "UPDATE tenants SET name = :name, version = version + 1, "
       "auth_version = auth_version + 1 WHERE id = :id AND version = :expected"},
      {tenant_columns().select_sql(), "SELECT id, name, version FROM tenants"},
      {tenant_columns().select_one_sql(), "SELECT id, name, version FROM tenants WHERE id = :id"},
  };
  for (const auto& [made, want] : expected) EXPECT_EQ(made, want);
}

TEST(Columns, ReadOnlyColumnsAreReadButNeverBound) {
  Thing t{"a", std::nullopt, "n", 3, "c", "u", "j"};
  auto args = columns().args(t, {{"tenant_id", "t"}});
  ASSERT_EQ(args.size(), 7U);  // tenant_id and six bound columns, not "joined"
  EXPECT_EQ(args[0].name, "tenant_id");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(args[2].value));  // parent_id: NULL
  EXPECT_EQ(columns().list("u."),
            "u.id, u.parent_id, u.name, u.version, u.created_at, u.updated_at, u.joined");
  EXPECT_EQ(columns().nulls(), "NULL, NULL, NULL, NULL, NULL, NULL, NULL");
}

struct Link {
  std::string unit_id;
};

// A table without a key (a project's units) names its rows by its scope alone.
TEST(Columns, ATableWithoutAKeyNamesItsRowsByItsScope) {
  const auto links = db::Columns<Link>("project_units", {"tenant_id", "project_id"})
                         .text("unit_id", &Link::unit_id);
  EXPECT_EQ(links.delete_sql(),
            "DELETE FROM project_units WHERE tenant_id = :tenant_id AND project_id = :project_id");
  EXPECT_EQ(links.insert_sql(),
            "INSERT INTO project_units (tenant_id, project_id, unit_id) VALUES (:tenant_id, "
            ":project_id, :unit_id)");
  EXPECT_EQ(links.select_sql(),
            "SELECT unit_id FROM project_units WHERE tenant_id = :tenant_id AND "
            "project_id = :project_id");
}

TEST(Columns, AJoinedReadNamesTheTableOnceAndKeepsItsScope) {
  EXPECT_EQ(columns().select_joined("u", "p.name AS manager_name",
                                    "LEFT JOIN people p ON p.id = u.manager_id"),
            "SELECT u.id, u.parent_id, u.name, u.version, u.created_at, u.updated_at, u.joined, "
            "p.name AS manager_name FROM units u LEFT JOIN people p ON p.id = u.manager_id "
            "WHERE u.tenant_id = :tenant_id");
  EXPECT_EQ(tenant_columns().select_joined("t", "", ""),
            "SELECT t.id, t.name, t.version FROM tenants t ");
}

}  // namespace

namespace {

// db::string_list reads what nlohmann reads: the strings of a JSON array, nothing else.
std::vector<std::string> by_nlohmann(const std::string& text) {
  std::vector<std::string> out;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

TEST(StringList, ReadsWhatNlohmannReads) {
  const std::string cases[] = {"[]",
                               " [ ] ",
                               R"(["a"])",
                               R"([ "a" , "b" ])",
                               R"(["quote \" slash \/ back \\"])",
                               R"(["tab\tnew\nline"])",
                               R"(["\u00e6ble"])",
                               R"(["a", 1, null, "b"])",
                               R"(["a",])",
                               R"(["a" "b"])",
                               R"({"a": 1})",
                               "",
                               "null",
                               R"(["unterminated)",
                               "[\"Ærø\"]",
                               "[\"raw\ttab\"]",
                               R"(["a"] x)",
                               "[\"bad \xC3\"]",
                               R"([["nested"]])"};
  for (const auto& c : cases) EXPECT_EQ(db::string_list(c), by_nlohmann(c)) << c;
}

}  // namespace

#include "kit/fields.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "kit/expect_fields.hpp"

namespace kit {
namespace {

struct Benefit {
  std::string id;
  std::string project_id;
  std::string title;
  std::string category = "economy";
  std::optional<std::string> note;
  std::string due;
  std::optional<double> target;
  long long priority = 3;
  bool realised = false;
  long long version = 1;
};

const Fields<Benefit>& fields() {
  static const Fields<Benefit> f =
      Fields<Benefit>()
          .id(&Benefit::id)
          .parent(&Benefit::project_id)
          .text("title", &Benefit::title, {.required = true, .max = 20})
          .choice("category", &Benefit::category, {"quality", "work_environment", "economy"})
          .optional_text("note", &Benefit::note)
          .date("due", &Benefit::due)
          .number("target", &Benefit::target)
          .integer("priority", &Benefit::priority, 1, 5)
          .boolean("realised", &Benefit::realised)
          .version(&Benefit::version)
          .check([](const Benefit& b, core::Input& in) {
            if (b.realised && !b.target) in.fail("target", "is needed before it is realised");
          });
  return f;
}

// The table that keeps a resource is its field table's: each typed field a column of the same
// name (or the one its rule names), the id the key, the owner set once.
TEST(FieldsTest, TheTypedFieldsAreTheColumnsOfTheTable) {
  const auto table =
      Fields<Benefit>()
          .id(&Benefit::id)
          .parent(&Benefit::project_id)
          .text("title", &Benefit::title)
          .choice("category", &Benefit::category, {"quality", "economy"}, {.column = "kind"})
          .boolean("realised", &Benefit::realised, {.output_only = true, .stored = false})
          .computed("automatic", {{"type", "boolean"}}, [](const Benefit&) { return true; })
          .version(&Benefit::version)
          .columns("benefits");
  EXPECT_EQ(table.list(), "id, project_id, title, kind, version");
  // The owner is set once; an update changes the fields a caller writes, by id and version.
  EXPECT_NE(table.update_sql().find("SET title = :title, kind = :kind, version = version + 1 "
                                    "WHERE tenant_id = :tenant_id AND id = :id AND version"),
            std::string::npos)
      << table.update_sql();
}

TEST(FieldsTest, ParsesANewObjectFromJsonOrAForm) {
  core::Input api(nlohmann::json{{"title", "Færre genansøgninger"}, {"target", 12.5}});
  auto b = fields().parse_new(api);
  EXPECT_EQ(b.title, "Færre genansøgninger");
  EXPECT_EQ(b.category, "economy");  // the default stays when not named
  EXPECT_EQ(b.target, 12.5);
  auto form = core::Input::from_form(
      {{"title", "Ventetid"}, {"category", ""}, {"target", "1.234,5"}, {"realised", "on"}});
  auto f = fields().parse_new(form);
  EXPECT_EQ(f.target, 1234.5);
  EXPECT_TRUE(f.realised);
  EXPECT_EQ(f.category, "economy");  // an empty select: not chosen
}

TEST(FieldsTest, NamesEveryBadFieldAtOnce) {
  core::Input bad(nlohmann::json{{"title", std::string(21, 'x')},
                                 {"category", "other"},
                                 {"due", "2026-02-30"},
                                 {"target", "tolv"},
                                 {"priority", 9}});
  auto errors = testing_kit::field_errors([&] { fields().parse_new(bad); });
  for (const char* f : {"title", "category", "due", "target", "priority"})
    EXPECT_TRUE(errors.count(f)) << f;
  core::Input missing(nlohmann::json::object());
  EXPECT_THROW(fields().parse_new(missing), core::ValidationError);
}

TEST(FieldsTest, AnUpdateChangesOnlyTheNamedFieldsAndChecksTheWhole) {
  Benefit stored;
  stored.title = "Før";
  stored.target = 10;
  stored.note = "noter";
  core::Input patch(nlohmann::json{{"title", "Efter"}, {"note", nullptr}});
  auto b = fields().apply(patch, stored);
  EXPECT_EQ(b.title, "Efter");
  EXPECT_EQ(b.target, 10);
  EXPECT_FALSE(b.note);
  core::Input realise(nlohmann::json{{"realised", true}, {"target", nullptr}});
  EXPECT_THROW(fields().apply(realise, stored), core::ValidationError);
}

TEST(FieldsTest, WritesJsonAndDescribesItself) {
  Benefit b;
  b.id = "01J";
  b.title = "T";
  auto j = fields().to_json(b);
  EXPECT_EQ(j["id"], "01J");
  EXPECT_TRUE(j["note"].is_null());
  EXPECT_EQ(j["version"], 1);
  auto in = fields().input_schema();
  EXPECT_EQ(in["required"], nlohmann::json::array({"title"}));
  EXPECT_FALSE(in["properties"].contains("id"));
  EXPECT_FALSE(in["properties"].contains("version"));
  EXPECT_TRUE(fields().schema()["properties"].contains("version"));
  EXPECT_EQ(fields().form_values(b)["note"], "");
}

}  // namespace
}  // namespace kit

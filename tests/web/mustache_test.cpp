#include "web/mustache.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace web {
namespace {

using nlohmann::json;

std::string render(std::string_view text, const json& view, const std::string& locale = "") {
  return Template(text).render({&view}, locale);
}

TEST(MustacheTest, VariablesAreEscapedUnlessTripleOrAmpersand) {
  json view = {{"x", "<a href=\"q\">Tom & 'Jerry'</a>"}};
  EXPECT_EQ(render("{{x}}", view),
            "&lt;a href=&quot;q&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;");
  EXPECT_EQ(render("{{{x}}}|{{& x}}", view),
            "<a href=\"q\">Tom & 'Jerry'</a>|<a href=\"q\">Tom & 'Jerry'</a>");
}

TEST(MustacheTest, NumbersShowAsTextFractionsInTheViewsLanguage) {
  json view = {{"n", 42},        {"f", 12.5},         {"yes", true},   {"no", false},
               {"nil", nullptr}, {"obj", {{"a", 1}}}, {"list", {1, 2}}};
  EXPECT_EQ(render("{{n}} {{f}}", view, "da"), "42 12,5");
  EXPECT_EQ(render("{{n}} {{f}}", view, ""), "42 12.5");
  EXPECT_EQ(render("[{{yes}}{{no}}{{nil}}{{obj}}{{list}}{{missing}}]", view), "[]");
}

TEST(MustacheTest, SectionsRepeatListsAndPushOtherValues) {
  json view = {{"items", {{{"name", "a"}}, {{"name", "b"}}}},
               {"person", {{"name", "Eva"}}},
               {"name", "outer"},
               {"empty", json::array()},
               {"flag", true},
               {"blank", ""},
               {"zero", 0},
               {"nil", nullptr}};
  EXPECT_EQ(render("{{#items}}<{{name}}>{{/items}}", view), "<a><b>");
  EXPECT_EQ(render("{{#person}}{{name}}{{/person}}", view), "Eva");
  EXPECT_EQ(render("{{#flag}}{{name}}{{/flag}}", view), "outer");
  // An empty string and 0 are values like any other: the section renders.
  EXPECT_EQ(render("{{#blank}}b{{/blank}}{{#zero}}z{{/zero}}", view), "bz");
  EXPECT_EQ(render("{{#empty}}e{{/empty}}{{#nil}}n{{/nil}}{{#missing}}m{{/missing}}", view), "");
  EXPECT_EQ(render("{{^empty}}e{{/empty}}{{^nil}}n{{/nil}}{{^missing}}m{{/missing}}", view), "enm");
  EXPECT_EQ(render("{{^flag}}f{{/flag}}{{^items}}i{{/items}}", view), "");
  EXPECT_EQ(render("{{#items}}{{.}}{{/items}}", json{{"items", {"x", "y"}}}), "xy");
}

TEST(MustacheTest, DottedNamesResolveFromTheFirstPartFoundDownTheContext) {
  json bottom = {{"t", {{"save", "Gem"}}}};
  json view = {{"project", {{"id", "p1"}}}, {"items", {{{"project", {{"name", "x"}}}}}}};
  EXPECT_EQ(Template("{{t.save}} {{project.id}}").render({&bottom, &view}, "da"), "Gem p1");
  // Inside the item "project" has no id: the lookup moves on down the context.
  EXPECT_EQ(Template("{{#items}}{{project.id}}/{{project.name}}{{/items}}").render({&view}, ""),
            "p1/x");
}

TEST(MustacheTest, ALineLeftBlankByASectionIsDroppedWithItsLineBreak) {
  json view = {{"items", {"a", "b"}}, {"no", false}, {"x", ""}};
  EXPECT_EQ(render("<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n</ul>\n", view),
            "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
  // A section that does not render leaves its line (as the templates were written for).
  EXPECT_EQ(render("a\n  {{#no}}\nx\n{{/no}}\nb", view), "a\n  \nb");
  EXPECT_EQ(render("a\n  {{^no}}\nx\n  {{/no}}\nb", view), "a\nx\nb");
  // A line without a section keeps its blanks.
  EXPECT_EQ(render("a\n  {{x}}\nb", view), "a\n  \nb");
  EXPECT_EQ(render("<textarea>\n{{#items}}{{.}}\n{{/items}}</textarea>", view),
            "<textarea>\na\nb\n</textarea>");
}

TEST(MustacheTest, CommentsVanishAndBadTemplatesAreRefused) {
  EXPECT_EQ(render("a{{! note }}b", json::object()), "ab");
  EXPECT_THROW(Template("{{#a}}x"), std::invalid_argument);
  EXPECT_THROW(Template("{{#a}}x{{/b}}"), std::invalid_argument);
  EXPECT_THROW(Template("x{{/a}}"), std::invalid_argument);
  EXPECT_THROW(Template("{{x"), std::invalid_argument);
  EXPECT_THROW(Template("{{> partial}}"), std::invalid_argument);
}

}  // namespace
}  // namespace web

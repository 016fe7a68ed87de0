#include "scim/scim_filter.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace scim {
namespace {

std::string scim_type_of(const std::string& text) {
  try {
    parse_filter(text, {"username", "externalid"});
  } catch (const core::BadRequest& e) {
    return e.code();
  }
  return "accepted";
}

TEST(ScimFilterTest, ReadsTheEqualityFormInAnyCase) {
  auto f = parse_filter("userName eq \"ada@aarhus.dk\"", {"username"});
  EXPECT_EQ(f.attribute, "username");
  EXPECT_EQ(f.value, "ada@aarhus.dk");
  f = parse_filter("  EXTERNALID   EQ   \"0a21-f0f2\"  ", {"externalid"});
  EXPECT_EQ(f.attribute, "externalid");
  EXPECT_EQ(f.value, "0a21-f0f2");
  // A schema URN before the attribute, as some clients send it.
  f = parse_filter("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"x\"", {"username"});
  EXPECT_EQ(f.attribute, "username");
}

TEST(ScimFilterTest, ReadsJsonEscapesInTheValue) {
  EXPECT_EQ(parse_filter(R"(userName eq "a\"b")").value, "a\"b");
  EXPECT_EQ(parse_filter(R"(userName eq "back\\slash")").value, "back\\slash");
  EXPECT_EQ(parse_filter(R"(userName eq "\u00f8resund")").value, "øresund");
  EXPECT_EQ(parse_filter(R"(userName eq "]) or (1 eq 1")").value, "]) or (1 eq 1");
  EXPECT_EQ(parse_filter("primary eq True").value, true);
  EXPECT_EQ(parse_filter("value eq null").value, nullptr);
}

TEST(ScimFilterTest, RefusesEverythingElseAsInvalidFilter) {
  for (const std::string bad : {"",
                                "   ",
                                "userName",
                                "userName eq",
                                "userName co \"a\"",
                                "userName sw \"a\"",
                                "userName pr",
                                "userName ne \"a\"",
                                "userName eq \"a\" and externalId eq \"b\"",
                                "userName eq \"a\" or 1 eq 1",
                                "(userName eq \"a\")",
                                "userName eq \"unterminated",
                                "userName eq 'single'",
                                "userName eq a",
                                "userName eq \"a\" trailing",
                                "userName eq \"bad \\q escape\"",
                                "userName eq {\"a\":1}",
                                "userName eq [1]",
                                "user;name eq \"a\"",
                                "emails[type eq \"work\"] eq \"a\"",
                                "title eq \"a\"",
                                "userName eq true",
                                "userName eq 12"}) {
    EXPECT_EQ(scim_type_of(bad), "invalidFilter") << bad;
  }
  EXPECT_EQ(scim_type_of(std::string(kFilterMax + 1, 'a')), "invalidFilter");
}

TEST(ScimFilterTest, HostileValuesStayValues) {
  // SQL in the value is just text to compare; nothing ends the string early.
  auto f = parse_filter("userName eq \"x' OR '1'='1\"", {"username"});
  EXPECT_EQ(f.value, "x' OR '1'='1");
  f = parse_filter("userName eq \"%\"", {"username"});
  EXPECT_EQ(f.value, "%");
  f = parse_filter(R"(userName eq "a\" or \"1\" eq \"1")", {"username"});
  EXPECT_EQ(f.value, "a\" or \"1\" eq \"1");
  std::string nul = "userName eq \"a";
  nul += '\0';
  nul += "\"";
  EXPECT_EQ(scim_type_of(nul), "invalidFilter");
}

}  // namespace
}  // namespace scim

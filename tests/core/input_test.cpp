#include "core/input.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace core {
namespace {

TEST(InputTest, MalformedBodiesAreBadRequests) {
  EXPECT_THROW(Input::from_json_body(""), BadRequest);
  EXPECT_THROW(Input::from_json_body("{\"a\":"), BadRequest);
  EXPECT_THROW(Input::from_json_body("[1,2]"), BadRequest);
  EXPECT_NO_THROW(Input::from_json_body("{}"));
  // A number too large for a double is a parse failure too (found by fuzzing).
  EXPECT_THROW(Input::from_json_body(R"({"version": 1e400})"), BadRequest);
}

TEST(InputTest, CollectsEveryFieldProblemAtOnce) {
  auto in = Input::from_json_body(R"({"name": "", "email": "nope", "n": "x"})");
  in.required_text("name");
  in.required_email("email");
  in.optional_int("n", 0, 10);
  in.required_text("missing");
  try {
    in.check();
    FAIL() << "expected ValidationError";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.fields().size(), 4u);
    EXPECT_EQ(e.fields().at("name"), "must not be empty");
    EXPECT_EQ(e.fields().at("email"), "is not a valid e-mail address");
    EXPECT_EQ(e.fields().at("n"), "must be a whole number");
    EXPECT_EQ(e.fields().at("missing"), "is required");
  }
}

TEST(InputTest, TextIsTrimmedAndLimitedInCharactersNotBytes) {
  auto in = Input::from_json_body(R"({"a": "  Ærø  ", "b": "ååå"})");
  EXPECT_EQ(in.required_text("a"), "Ærø");
  EXPECT_EQ(in.required_text("b", 3), "ååå");
  EXPECT_TRUE(in.ok());
  in.required_text("b", 2);
  EXPECT_FALSE(in.ok());
}

TEST(InputTest, RejectsInvalidUtf8) {
  Input in(nlohmann::json{{"a", std::string("ab\xff")}});
  // nlohmann keeps raw bytes in strings built in code; the helper must catch them.
  in.required_text("a");
  EXPECT_FALSE(in.ok());
}

TEST(InputTest, Utf8MustBeShortestFormAndInRange) {
  EXPECT_TRUE(is_valid_utf8("a\xC3\xA5\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF"));
  EXPECT_FALSE(is_valid_utf8("\xC1\xAC"));          // overlong 2-byte (found by fuzzing)
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\x80"));      // overlong 3-byte
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  // A form value that passed used to make the audit log's strict dump() throw.
  auto in = Input::from_form({{"name", "x\xC1\xAC"}});
  in.required_text("name");
  EXPECT_FALSE(in.ok());
}

TEST(InputTest, RefusesControlCharactersButKeepsLineBreaks) {
  auto in = Input::from_json_body(R"({"nul": "a\u0000b", "bell": "a\u0007", "lines": "a\nb\tc"})");
  EXPECT_EQ(in.required_text("lines", kTextMax), "a\nb\tc");
  EXPECT_TRUE(in.ok());
  in.required_text("nul");
  in.required_text("bell");
  try {
    in.check();
    FAIL() << "control characters accepted";
  } catch (const ValidationError& e) {
    EXPECT_EQ(e.fields().at("nul"), "must not contain control characters");
    EXPECT_EQ(e.fields().count("bell"), 1u);
  }
}

TEST(InputTest, EmailsAreLowerCased) {
  auto in = Input::from_json_body(R"({"e": "Anne@Kommune.DK"})");
  EXPECT_EQ(in.required_email("e"), "anne@kommune.dk");
}

TEST(InputTest, ChoicesAndBooleans) {
  auto in = Input::from_json_body(R"({"k": "team", "bad": "castle", "b": true, "s": "yes"})");
  EXPECT_EQ(in.required_choice("k", {"unit", "team"}), "team");
  EXPECT_EQ(in.optional_bool("b"), true);
  EXPECT_TRUE(in.ok());
  in.required_choice("bad", {"unit", "team"});
  in.optional_bool("s");
  EXPECT_THROW(in.check(), ValidationError);
}

TEST(InputTest, FormsAcceptTextualNumbersAndCheckboxes) {
  auto in = Input::from_form({{"v", "3"}, {"on", "on"}, {"off", ""}, {"bad", "3x"}});
  EXPECT_EQ(in.optional_int("v", 1, 10), 3);
  EXPECT_EQ(in.optional_bool("on"), true);
  EXPECT_EQ(in.optional_bool("off"), false);
  EXPECT_TRUE(in.ok());
  in.optional_int("bad", 1, 10);
  EXPECT_FALSE(in.ok());
}

TEST(InputTest, EmailValidation) {
  EXPECT_TRUE(is_valid_email("a@b.dk"));
  EXPECT_FALSE(is_valid_email("a@b"));
  EXPECT_FALSE(is_valid_email("@b.dk"));
  EXPECT_FALSE(is_valid_email("a b@c.dk"));
  EXPECT_FALSE(is_valid_email("a@@c.dk"));
  // Only what the outbox can send (plain ASCII, no SMTPUTF8): one rule for forms and mail.
  EXPECT_FALSE(is_valid_email("forælder@skolen.dk"));
  EXPECT_FALSE(is_valid_email("a..b@c.dk"));
  EXPECT_FALSE(is_valid_email("a@-c.dk"));
  EXPECT_TRUE(is_valid_email("Anne.Hansen+sfo@Kommune.dk"));
}

}  // namespace
}  // namespace core

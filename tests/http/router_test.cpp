#include "http/router.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "http/paging.hpp"
#include "http/request.hpp"

namespace http {
namespace {

Route route(const std::string& method, const std::string& pattern) {
  return {method,
          pattern,
          Access::kPublic,
          [](Request&) { return Response::no_content(); },
          {"test", "test"}};
}

// A router with one such route for each method and pattern, in this order.
Router router_of(const std::vector<std::pair<std::string, std::string>>& routes) {
  Router r;
  for (const auto& [method, pattern] : routes) r.add(route(method, pattern));
  return r;
}

TEST(RouterTest, MatchesParametersAndSuffixes) {
  Router r = router_of({{"GET", "/api/v1/units"},
                        {"GET", "/api/v1/units/{id}"},
                        {"GET", "/api/v1/meetings/{id}.ics"}});
  auto m = r.match("GET", "/api/v1/units/ABC");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->pattern, "/api/v1/units/{id}");
  EXPECT_EQ(m.params["id"], "ABC");
  auto ics = r.match("GET", "/api/v1/meetings/XYZ.ics");
  ASSERT_NE(ics.route, nullptr);
  EXPECT_EQ(ics.params["id"], "XYZ");
  EXPECT_EQ(r.match("GET", "/api/v1/meetings/.ics").route, nullptr);
  EXPECT_EQ(r.match("GET", "/api/v1/units/ABC/extra").route, nullptr);
}

// The most specific pattern wins, whichever was registered first.
TEST(RouterTest, PrefersLiteralsAndSuffixesOverBareParameters) {
  Router r = router_of({{"GET", "/api/v1/meetings/{id}"},
                        {"GET", "/api/v1/meetings/{id}.ics"},
                        {"GET", "/projects/{id}/meetings/{meeting}"},
                        {"GET", "/projects/{id}/meetings/new"},
                        {"POST", "/projects/{id}/meetings/{meeting}"}});
  auto ics = r.match("GET", "/api/v1/meetings/ABC.ics");
  ASSERT_NE(ics.route, nullptr);
  EXPECT_EQ(ics.route->pattern, "/api/v1/meetings/{id}.ics");
  EXPECT_EQ(ics.params["id"], "ABC");
  EXPECT_EQ(r.match("GET", "/api/v1/meetings/ABC").route->pattern, "/api/v1/meetings/{id}");
  auto page = r.match("GET", "/projects/P/meetings/new");
  ASSERT_NE(page.route, nullptr);
  EXPECT_EQ(page.route->pattern, "/projects/{id}/meetings/new");
  EXPECT_EQ(page.params.count("meeting"), 0u);
  // A literal route of another method does not hide the parameter route of this one.
  auto post = r.match("POST", "/projects/P/meetings/new");
  ASSERT_NE(post.route, nullptr);
  EXPECT_EQ(post.params["meeting"], "new");
}

TEST(RouterTest, DistinguishesUnknownPathFromWrongMethod) {
  Router r = router_of({{"GET", "/a"}});
  auto wrong = r.match("POST", "/a");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_TRUE(wrong.path_matched);
  auto none = r.match("GET", "/b");
  EXPECT_FALSE(none.path_matched);
  EXPECT_NE(r.match("HEAD", "/a").route, nullptr);
}

TEST(RouterTest, RefusesDuplicateRoutes) {
  Router r;
  r.add(route("GET", "/a"));
  EXPECT_THROW(r.add(route("GET", "/a")), std::logic_error);
}

TEST(RequestTest, ParsesCookiesFormsAndEscapes) {
  Request req;
  req.headers = {{"cookie", "a=1; fremdrift_session=abc; b=2"}};
  EXPECT_EQ(req.cookie("fremdrift_session"), "abc");
  EXPECT_EQ(req.cookie("missing"), std::nullopt);
  req.body = "name=S%C3%B8ren+Hansen&empty=&flag";
  auto form = req.form();
  EXPECT_EQ(form["name"], "Søren Hansen");
  EXPECT_EQ(form["empty"], "");
  EXPECT_EQ(form.count("flag"), 1u);
  EXPECT_EQ(url_decode("%zz%4", false), "%zz%4");
  EXPECT_EQ(url_encode("a b/ø"), "a%20b%2F%C3%B8");
}

TEST(RequestTest, FormAsJsonGathersListsAndLeavesOutTheToken) {
  auto form =
      form_json("_csrf=t&title=A+%26+B&tracks=1&tracks=2&flag&title=C", {"tracks", "units"});
  EXPECT_EQ(
      form,
      nlohmann::json({{"title", "C"}, {"tracks", {"1", "2"}}, {"units", nlohmann::json::array()}}));
}

TEST(PagingTest, ValidatesLimitAndCursor) {
  Request req;
  EXPECT_EQ(Page::from(req).limit, kDefaultLimit);
  req.query = {{"limit", "200"}};
  EXPECT_EQ(Page::from(req).limit, 200);
  for (const auto* bad : {"0", "201", "-1", "ten", "5x"}) {
    req.query = {{"limit", bad}};
    EXPECT_THROW(Page::from(req), core::ValidationError) << bad;
  }
  req.query = {{"cursor", "not-an-id"}};
  EXPECT_THROW(Page::from(req), core::ValidationError);
}

TEST(PagingTest, NextCursorOnlyWhenThereIsMore) {
  Page page;
  page.limit = 2;
  nlohmann::json three = nlohmann::json::array({{{"id", "a"}}, {{"id", "b"}}, {{"id", "c"}}});
  auto body = page_body(three, page);
  EXPECT_EQ(body["items"].size(), 2u);
  EXPECT_EQ(body["next_cursor"], "b");
  auto last = page_body(nlohmann::json::array({{{"id", "a"}}}), page);
  EXPECT_TRUE(last["next_cursor"].is_null());
}

TEST(VersionTest, ReadsIfMatchOrBodyField) {
  Request req;
  req.headers = {{"if-match", "W/\"7\""}};
  EXPECT_EQ(required_version(req, nlohmann::json::object()), 7);
  req.headers = {};
  EXPECT_EQ(required_version(req, {{"version", 3}}), 3);
  EXPECT_THROW(required_version(req, nlohmann::json::object()), core::ValidationError);
  EXPECT_THROW(required_version(req, {{"version", "abc"}}), core::ValidationError);
  req.headers = {{"if-match", "*"}};
  EXPECT_THROW(optional_version(req), core::ValidationError);
}

}  // namespace
}  // namespace http

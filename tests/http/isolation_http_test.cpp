// Walks every registered route as a user of another tenant. New routes are
// covered without touching this file: the list comes from `fremdrift routes`.
#include <regex>

#include <gtest/gtest.h>

#include "http/fixture.hpp"

namespace testing_http {
namespace {

class IsolationTest : public HttpTest {};

std::string fill(const std::string& pattern,
                 const std::map<std::string, std::string>& ids_by_segment,
                 const std::string& fallback) {
  // "/api/v1/units/{id}/nearest-manager" → the id of tenant A's unit.
  static const std::regex kParam(R"(\{[a-z_]+\})");
  std::string out;
  std::size_t pos = 0;
  std::smatch m;
  std::string rest = pattern;
  while (std::regex_search(rest, m, kParam)) {
    std::string before = m.prefix().str();
    out += before;
    std::string id = fallback;
    for (const auto& [segment, value] : ids_by_segment) {
      if (out.size() >= segment.size() &&
          out.compare(out.size() - segment.size(), segment.size(), segment) == 0) {
        id = value;
      }
    }
    out += id;
    rest = m.suffix().str();
  }
  (void)pos;
  return out + rest;
}

TEST_F(IsolationTest, AnotherTenantCanNeitherReadNorChangeAnything) {
  auto a = server().create_tenant("tenanta");
  auto b = server().create_tenant("tenantb");
  Client alice = admin_of(a);
  auto unit = alice.send_json("POST", "/api/v1/units", {{"name", "A-enhed"}}).json();
  auto person =
      alice.send_json("POST", "/api/v1/people", {{"name", "A-person"}, {"unit_id", unit["id"]}})
          .json();
  auto token = alice.send_json("POST", "/api/v1/tokens", {{"name", "A-token"}}).json();
  std::map<std::string, std::string> ids = {
      {"/units/", unit["id"]}, {"/people/", person["id"]}, {"/tokens/", token["id"]}};
  std::vector<std::string> secrets = {unit["id"], person["id"], token["id"], "A-enhed", "A-person"};

  std::string out;
  ASSERT_EQ(server().cli("routes", &out), 0);
  auto routes = json::parse(out);
  ASSERT_GT(routes.size(), 10u);

  Client bob = admin_of(b);
  Client bob_token = client();
  bob_token.use_bearer(bob.send_json("POST", "/api/v1/tokens", {{"name", "B"}}).json()["token"]);
  int walked = 0;
  for (const auto& route : routes) {
    std::string pattern = route["pattern"];
    std::string method = route["method"];
    if (route["access"] == "public" || pattern.rfind("/assets/", 0) == 0) continue;
    // Ending one's own session is not an attack on the other tenant.
    if (pattern == "/api/v1/session" || pattern == "/logout") continue;
    std::string path = fill(pattern, ids, unit["id"]);
    bool has_param = pattern.find('{') != std::string::npos;
    json body = {{"name", "B was here"}, {"version", 1}, {"unit_id", unit["id"]}};
    for (Client* c : {&bob, &bob_token}) {
      auto r = method == "GET" ? c->get(path)
               : pattern.rfind("/api/", 0) == 0
                   ? c->send_json(method, path, body)
                   : c->post_form(path,
                                  {{"_csrf", c->csrf()}, {"name", "B was here"}, {"version", "1"}});
      SCOPED_TRACE(method + " " + path + " → " + std::to_string(r.status));
      if (has_param) {
        EXPECT_TRUE(r.status == 404 || r.status == 403) << r.body.substr(0, 300);
      } else {
        EXPECT_LT(r.status, 500) << r.body.substr(0, 300);
      }
      for (const auto& s : secrets) {
        if (path.find(s) != std::string::npos)
          continue;  // echoing the caller's own input is no leak
        EXPECT_EQ(r.body.find(s), std::string::npos) << "leaked " << s;
      }
      ++walked;
    }
  }
  EXPECT_GT(walked, 20);

  // Tenant A's data is untouched.
  auto stored = alice.get("/api/v1/units/" + unit["id"].get<std::string>()).json();
  EXPECT_EQ(stored["name"], "A-enhed");
  EXPECT_EQ(stored["version"], 1);
  auto stored_person = alice.get("/api/v1/people/" + person["id"].get<std::string>()).json();
  EXPECT_EQ(stored_person["name"], "A-person");
  EXPECT_EQ(stored_person["version"], 1);
  Client a_token = client();
  a_token.use_bearer(token["token"]);
  EXPECT_EQ(a_token.get("/api/v1/me").status, 200);
  for (const auto& e : alice.get("/api/v1/audit").json()["items"]) {
    EXPECT_NE(e["actor"], "Admin " + b.slug);
  }
}

TEST_F(IsolationTest, TenantComesFromTheSessionNotTheBody) {
  auto a = server().create_tenant("bodya");
  auto b = server().create_tenant("bodyb");
  Client alice = admin_of(a);
  std::string a_tenant = alice.get("/api/v1/me").json()["tenant"]["id"];
  Client bob = admin_of(b);
  auto r = bob.send_json("POST", "/api/v1/units", {{"name", "Smuglet"}, {"tenant_id", a_tenant}});
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(alice.get("/api/v1/units").json()["items"].size(), 0u);
  EXPECT_EQ(bob.get("/api/v1/units").json()["items"].size(), 1u);
}

}  // namespace
}  // namespace testing_http

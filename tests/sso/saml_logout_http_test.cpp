// Single logout started by the IdP (issue 19; D53) against the real pysaml2 IdP: its signed
// LogoutRequest, by HTTP-Redirect or HTTP-POST, ends the person's session here and comes back
// to the IdP as a signed LogoutResponse; a forged, unsigned or SHA-1 request ends nothing.
#include "db/database.hpp"
#include "db/query.hpp"
#include "sso/saml_scene.hpp"

namespace testing_http {
namespace {

class SamlLogoutHttpTest : public SamlHttpTest {
 protected:
  const std::string kSite = "https://fremdrift.test";

  // The SSO sessions the database keeps for the IdP's NameID `subject`.
  std::int64_t sso_sessions_of(const std::string& subject) {
    db::Database database(server().db_url(), 1);
    auto sql = database.lease();
    return db::scalar(*sql, "SELECT COUNT(*) FROM sso_sessions WHERE subject = :s",
                      {{"s", subject}});
  }

  std::string idp_base() const { return "http://127.0.0.1:" + std::to_string(idp_->port()); }

  // A browser signed in through the IdP as `email` (the IdP's NameID is the e-mail).
  Client signed_in(const Scene& s, const std::string& email) {
    idp_->user(email, "");
    Client browser = client();
    EXPECT_EQ(post_to_acs(browser, s, authenticate(browser, s)).status, 303);
    EXPECT_EQ(browser.get("/api/v1/me").status, 200);
    return browser;
  }

  // The IdP's LogoutRequest for `email`: {"url"} or, posted, {"url", "SAMLRequest", …}.
  json logout_request(const Scene& s, const std::string& email, const std::string& variant,
                      const std::string& destination = {}) {
    const std::string to = destination.empty() ? kSite + s.base + "/logout" : destination;
    auto res =
        Client(idp_->port())
            .get("/logout-request?variant=" + variant + "&destination=" + to + "&name_id=" + email);
    EXPECT_EQ(res.status, 200) << res.body;
    return res.json();
  }

  // Sends the IdP's request as the person's browser would, to our site.
  HttpResponse deliver(Client& browser, const json& request, const std::string& path = {}) {
    std::string url = request["url"];
    EXPECT_EQ(url.rfind(kSite, 0), 0U) << url;
    std::string local = path.empty() ? url.substr(kSite.size()) : path;
    if (request.contains("SAMLRequest")) {
      return browser.post_form(
          local, {{"SAMLRequest", request["SAMLRequest"]}, {"RelayState", request["RelayState"]}});
    }
    return browser.get(local);
  }

  // What the IdP reads from our answer.
  json idp_reads(const HttpResponse& answer) {
    auto to = answer.header("location");
    EXPECT_EQ(to.rfind(idp_base() + "/slo?SAMLResponse=", 0), 0U) << to;
    auto res = Client(idp_->port()).get(to.substr(idp_base().size()));
    EXPECT_EQ(res.status, 200) << res.body;
    return res.json();
  }
};

TEST_F(SamlLogoutHttpTest, TheIdpEndsThePersonsSessionByRedirect) {
  auto s = scene("sloredir");
  const std::string email = "slo." + s.tenant.slug + "@example.dk";
  Client browser = signed_in(s, email);
  const std::string old_cookie = browser.cookies().at("fremdrift_session");
  // Somebody else signed in through the same IdP keeps their session.
  Client other = signed_in(s, "other." + s.tenant.slug + "@example.dk");

  auto request = logout_request(s, email, "ok");
  auto answer = deliver(browser, request);
  ASSERT_EQ(answer.status, 303) << answer.body;
  auto read = idp_reads(answer);
  EXPECT_EQ(read["status"], "urn:oasis:names:tc:SAML:2.0:status:Success");
  EXPECT_TRUE(read["signature_valid"]);
  EXPECT_EQ(read["issuer"], kSite + s.base + "/metadata");
  EXPECT_EQ(read["destination"], idp_base() + "/slo");
  EXPECT_EQ(read["relay_state"], "idp-rs/å");
  EXPECT_FALSE(read["in_response_to"].get<std::string>().empty());

  // The old cookie, sent again by a browser that kept it, is not logged in any more.
  Client kept = client();
  kept.cookies()["fremdrift_session"] = old_cookie;
  EXPECT_EQ(kept.get("/api/v1/me").status, 401);
  EXPECT_EQ(other.get("/api/v1/me").status, 200);
  EXPECT_EQ(sso_sessions_of(email), 0);

  // The same request once more is a replay.
  auto again = deliver(other, request);
  EXPECT_EQ(again.status, 403);
  EXPECT_NE(again.body.find("(replayed)"), std::string::npos) << again.body;
  EXPECT_EQ(other.get("/api/v1/me").status, 200);
}

TEST_F(SamlLogoutHttpTest, TheIdpEndsThePersonsSessionByPost) {
  auto s = scene("slopost");
  const std::string email = "post." + s.tenant.slug + "@example.dk";
  Client browser = signed_in(s, email);
  const std::string old_cookie = browser.cookies().at("fremdrift_session");
  auto answer = deliver(browser, logout_request(s, email, "post"));
  ASSERT_EQ(answer.status, 303) << answer.body;
  auto read = idp_reads(answer);
  EXPECT_EQ(read["status"], "urn:oasis:names:tc:SAML:2.0:status:Success");
  EXPECT_TRUE(read["signature_valid"]);
  EXPECT_EQ(read["relay_state"], "idp-rs");
  Client kept = client();
  kept.cookies()["fremdrift_session"] = old_cookie;
  EXPECT_EQ(kept.get("/api/v1/me").status, 401);
}

TEST_F(SamlLogoutHttpTest,
       RefusesForgedUnsignedSha1ForeignExpiredAndMisdirectedRequestsEndingNothing) {
  auto s = scene("slobad");
  auto t = scene("sloelse");
  const std::string email = "bad." + s.tenant.slug + "@example.dk";
  Client browser = signed_in(s, email);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"unsigned", "unsigned"},      {"sha1", "algorithm"},      {"forged", "bad_signature"},
      {"post-unsigned", "unsigned"}, {"post-sha1", "algorithm"}, {"destination", "destination"},
      {"issuer", "issuer"},          {"expired", "expired"}};
  for (const auto& [variant, reason] : cases) {
    json request = variant == "destination"
                       ? logout_request(s, email, "ok", kSite + t.base + "/logout")
                       : logout_request(s, email, variant);
    // A request made out for another SP's address is sent to ours.
    const std::string url = request["url"];
    auto res = deliver(
        browser, request,
        variant == "destination" ? s.base + "/logout" + url.substr(url.find('?')) : std::string());
    EXPECT_EQ(res.status, 403) << variant << res.body;
    EXPECT_NE(res.body.find("(" + reason + ")"), std::string::npos) << variant << res.body;
    EXPECT_EQ(res.header("set-cookie"), "") << variant;
    EXPECT_EQ(browser.get("/api/v1/me").status, 200) << variant;
  }
  EXPECT_EQ(sso_sessions_of(email), 1);
  // The SP's metadata offers the SingleLogoutService in both bindings.
  auto md = client().get(s.base + "/metadata").body;
  for (const char* binding : {"HTTP-Redirect", "HTTP-POST"}) {
    EXPECT_NE(md.find("<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:" +
                      std::string(binding) + "\" Location=\"" + kSite + s.base + "/logout\""),
              std::string::npos)
        << binding;
  }
}

}  // namespace
}  // namespace testing_http

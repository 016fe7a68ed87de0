// SAML 2.0 sign-in (issue 19, point 4) against a real IdP: pysaml2 run by tests/sso/saml_idp.py
// on a loopback port signs (and encrypts, AES-GCM) its responses with xmlsec1. Each test walks
// the browser's path: /saml/start → the IdP with a signed AuthnRequest → the ACS.
#include "sso/saml_scene.hpp"

namespace testing_http {
namespace {

TEST_F(SamlHttpTest, SignsInWithASignedAssertionCreatingThePersonWithTheMappedRole) {
  auto s = scene("samlok");
  idp_->user("karin." + s.tenant.slug + "@example.dk", "ledere");
  // The tenant's login page offers the provider; its button starts the SAML sign-in.
  auto page = client().get("/login?tenant=" + s.tenant.slug);
  EXPECT_NE(page.body.find("href=\"" + s.base + "/start\""), std::string::npos);
  Client browser = client();
  auto res = post_to_acs(browser, s, authenticate(browser, s));
  ASSERT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(res.header("location"), "/projects");
  EXPECT_NE(res.header("set-cookie").find("HttpOnly"), std::string::npos);
  EXPECT_EQ(browser.cookies().count("fremdrift_saml"), 0U);  // the request's cookie is spent
  auto me = browser.get("/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  auto who = me.json();
  EXPECT_EQ(who["email"], "karin." + s.tenant.slug + "@example.dk");
  EXPECT_EQ(who["role"], "admin");
  EXPECT_EQ(who["tenant"]["slug"], s.tenant.slug);

  // The same person again: found by the linked subject, not made twice; a next address of
  // another site is not followed.
  Client again = client();
  auto second = post_to_acs(again, s, authenticate(again, s, "//evil.example/x"));
  ASSERT_EQ(second.status, 303);
  EXPECT_EQ(second.header("location"), "/");
  auto people = again.get("/api/v1/people?limit=200").json();
  int named = 0;
  for (const auto& p : people["items"]) named += p["email"] == who["email"] ? 1 : 0;
  EXPECT_EQ(named, 1);
}

TEST_F(SamlHttpTest, SignsInWithAesGcmEncryptedAssertions) {
  auto s = scene("samlenc");
  idp_->user("enc." + s.tenant.slug + "@example.dk", "");
  for (const char* variant : {"encrypted", "encrypted128"}) {
    Client browser = client();
    idp_->next(variant);
    auto answer = authenticate(browser, s);
    auto res = post_to_acs(browser, s, answer);
    ASSERT_EQ(res.status, 303) << variant << res.body;
    auto who = browser.get("/api/v1/me").json();
    EXPECT_EQ(who["email"], "enc." + s.tenant.slug + "@example.dk") << variant;
    EXPECT_EQ(who["role"], "member");
  }
}

TEST_F(SamlHttpTest, RefusesUnsignedExpiredAndWrongAudienceAssertions) {
  auto s = scene("samlbad");
  idp_->user("bad." + s.tenant.slug + "@example.dk", "ledere");
  for (const std::string variant : {"unsigned", "expired", "audience", "cbc"}) {
    Client browser = client();
    idp_->next(variant);
    auto res = post_to_acs(browser, s, authenticate(browser, s));
    EXPECT_EQ(res.status, 403) << variant;
    const std::string reason = variant == "cbc" ? "(encryption)" : "(" + variant + ")";
    EXPECT_NE(res.body.find(reason), std::string::npos) << variant << res.body;
    EXPECT_EQ(res.header("set-cookie"), "") << variant;
    EXPECT_EQ(browser.get("/api/v1/me").status, 401) << variant;
  }
  EXPECT_NE(server().log_text().find("\"reason\":\"expired\""), std::string::npos);
}

TEST_F(SamlHttpTest, RefusesAReplayedResponseOnAnotherInstanceToo) {
  auto s = scene("samlreplay");
  idp_->user("replay." + s.tenant.slug + "@example.dk", "");
  Client browser = client();
  auto answer = authenticate(browser, s);
  auto ok = post_to_acs(browser, s, answer);
  ASSERT_EQ(ok.status, 303) << ok.body.substr(ok.body.find("<main"));
  Client thief = client();
  auto again = post_to_acs(thief, s, answer);
  EXPECT_EQ(again.status, 403);
  EXPECT_NE(again.body.find("(replayed)"), std::string::npos) << again.body;
  // A second instance on the same database has never seen it, but the database has.
  TestServer other(TestServer::SameDatabase{}, server());
  Client elsewhere(other.port());
  auto there = post_to_acs(elsewhere, s, answer);
  EXPECT_EQ(there.status, 403);
  EXPECT_NE(there.body.find("(replayed)"), std::string::npos) << there.body;
}

TEST_F(SamlHttpTest, RefusesAResponseToNoRequestOfOursAndNamesItsMetadata) {
  auto s = scene("samlmeta");
  auto md = client().get(s.base + "/metadata");
  EXPECT_EQ(md.header("content-type"), "application/samlmetadata+xml");
  EXPECT_NE(md.body.find("entityID=\"https://fremdrift.test" + s.base + "/metadata\""),
            std::string::npos);
  EXPECT_NE(md.body.find("Location=\"https://fremdrift.test" + s.base + "/acs\""),
            std::string::npos);
  EXPECT_EQ(client().get("/sso/" + s.tenant.slug + "/nobody/saml/metadata").status, 404);

  // A response for another tenant's SP is not this one's: wrong audience and destination.
  auto t = scene("samlother");
  Client browser = client();
  auto answer = authenticate(browser, t);
  auto res = browser.post_form(s.base + "/acs", {{"SAMLResponse", answer["SAMLResponse"]}});
  EXPECT_EQ(res.status, 403);
  EXPECT_NE(res.body.find("(destination)"), std::string::npos) << res.body;
  EXPECT_EQ(browser.post_form(s.base + "/acs", {{"SAMLResponse", "%%%"}}).status, 400);
}

TEST_F(SamlHttpTest, SignsInOnlyTheBrowserThatAsked) {
  auto s = scene("samlcsrf");
  idp_->user("mallory." + s.tenant.slug + "@example.dk", "ledere");
  // Mallory's own response, posted from Alice's browser (login CSRF), signs nobody in.
  Client mallory = client();
  auto answer = authenticate(mallory, s);
  Client alice = client();
  auto res = post_to_acs(alice, s, answer);
  EXPECT_EQ(res.status, 403);
  EXPECT_NE(res.body.find("(in_response_to)"), std::string::npos) << res.body;
  EXPECT_EQ(alice.get("/api/v1/me").status, 401);
  // The same response from Mallory's browser is refused too: its assertion was seen.
  auto own = post_to_acs(mallory, s, answer);
  EXPECT_EQ(own.status, 403);
  EXPECT_NE(own.body.find("(replayed)"), std::string::npos) << own.body;
}

TEST_F(SamlHttpTest, LogoutEndsTheSessionHereAndAtTheIdp) {
  auto s = scene("samlout");
  const std::string email = "out." + s.tenant.slug + "@example.dk";
  idp_->user(email, "");
  Client browser = client();
  ASSERT_EQ(post_to_acs(browser, s, authenticate(browser, s)).status, 303);
  auto me = browser.get("/api/v1/me").json();
  browser.set_csrf(me["csrf_token"]);
  auto bye = browser.post_form("/logout", {{"_csrf", browser.csrf()}});
  ASSERT_EQ(bye.status, 303);
  const std::string idp_base = "http://127.0.0.1:" + std::to_string(idp_->port());
  auto to = bye.header("location");
  ASSERT_EQ(to.rfind(idp_base + "/slo?SAMLRequest=", 0), 0U) << to;
  EXPECT_EQ(browser.get("/api/v1/me").status, 401);
  // The IdP reads whom to log out (and checks our signature) from the LogoutRequest.
  auto request = Client(idp_->port()).get(to.substr(idp_base.size()));
  ASSERT_EQ(request.status, 200) << request.body;
  auto named = request.json();
  EXPECT_EQ(named["name_id"], email);  // the test IdP's subject is the e-mail
  EXPECT_EQ(named["issuer"], "https://fremdrift.test" + s.base + "/metadata");
  EXPECT_EQ(named["session_index"].size(), 1U);
  EXPECT_TRUE(named["signature_valid"]);
  // The IdP's LogoutResponse comes back to the SP's SingleLogoutService: to the login page.
  auto back = client().get(s.base + "/logout?SAMLResponse=x");
  EXPECT_EQ(back.status, 303);
  EXPECT_EQ(back.header("location"), "/login?tenant=" + s.tenant.slug);
  // A password session has no SAML session: its logout goes to the login page as before.
  Client admin = admin_of(s.tenant);
  EXPECT_EQ(admin.post_form("/logout", {{"_csrf", admin.csrf()}}).header("location"), "/login");
}

TEST_F(SamlHttpTest, RefusesASavedProviderWhoseMetadataIsNotAnIdps) {
  auto [tenant, admin] = new_tenant_admin("samlbad");
  const json provider = {{"slug", "bad"},
                         {"kind", "saml"},
                         {"display_name", "Not an IdP"},
                         {"settings", {{"idp_metadata", "<html><body>a login page</body></html>"}}},
                         {"email_claim", "mail"}};
  auto refused = admin.send_json("POST", "/api/v1/identity-providers", provider);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(refused.json()["error"]["fields"].contains("settings")) << refused.body;
  EXPECT_TRUE(admin.get("/api/v1/identity-providers").json()["items"].empty());

  json good = provider;
  good["settings"]["idp_metadata"] = idp_->metadata();
  auto created = admin.send_json("POST", "/api/v1/identity-providers", good);
  ASSERT_EQ(created.status, 201) << created.body;
  json broken = {{"settings", {{"idp_metadata", "<EntityDescriptor/>"}}},
                 {"version", created.json()["version"]}};
  auto refused_update = admin.send_json(
      "PATCH", "/api/v1/identity-providers/" + created.json()["id"].get<std::string>(), broken);
  EXPECT_EQ(refused_update.status, 422) << refused_update.body;

  // The edit page gives the address the IdP is to be told; a new provider's heading has no name.
  auto edit = admin.get("/settings/sso/" + created.json()["id"].get<std::string>());
  EXPECT_NE(edit.body.find("/sso/" + tenant.slug + "/bad/saml/metadata</code>"), std::string::npos);
  EXPECT_NE(edit.body.find("<h1>Identitetsudbyder: Not an IdP</h1>"), std::string::npos);
  EXPECT_NE(admin.get("/settings/sso/new").body.find("<h1>Ny identitetsudbyder</h1>"),
            std::string::npos);
}

}  // namespace
}  // namespace testing_http

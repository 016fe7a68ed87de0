// OpenID Connect sign-in against a real provider (npm oidc-provider, run by the test): code
// flow with PKCE, JIT and invitation, state/nonce refusals, key rotation, tenant isolation,
// deactivation and logout at the provider.
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "sso/oidc_provider_process.hpp"

namespace testing_http {
namespace {

class OidcHttpTest : public HttpTest {
 protected:
  static void SetUpTestSuite() {
    HttpTest::SetUpTestSuite();
    if (!provider_) provider_ = std::make_unique<OidcProviderProcess>();
  }
  static OidcProviderProcess& provider() { return *provider_; }

  // Tenant admin configures the provider; returns its JSON.
  static json configure(Client& admin, const std::string& slug, const std::string& mode) {
    auto r = admin.send_json("POST", "/api/v1/identity-providers",
                             {{"slug", slug},
                              {"kind", "oidc"},
                              {"display_name", "Test IdP " + slug},
                              {"settings",
                               {{"issuer", provider().issuer()},
                                {"client_id", OidcProviderProcess::kClientId},
                                {"scopes", "openid email profile groups"}}},
                              {"secret", OidcProviderProcess::kClientSecret},
                              {"groups_claim", "groups"},
                              {"role_map", {{"fremdrift-admins", "admin"}}},
                              {"provisioning", mode}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  static json account(const std::string& sub, const std::string& email) {
    return {{"sub", sub}, {"email", email}, {"name", "Person " + sub}, {"groups", json::array()}};
  }

  // The start's redirect to the provider.
  static std::string start(Client& browser, const std::string& tenant, const std::string& idp) {
    auto r = browser.get("/sso/" + tenant + "/" + idp + "/start");
    EXPECT_EQ(r.status, 303) << r.body;
    return r.header("location");
  }

  // A whole sign-in as `who`; returns the callback's answer.
  static HttpResponse sign_in(Client& browser, const std::string& tenant, const std::string& idp,
                              const json& who) {
    provider().choose_account(who);
    return browser.get(provider().authorize(start(browser, tenant, idp)));
  }

  static std::string query_value(const std::string& url, const std::string& name) {
    auto at = url.find(name + "=");
    if (at == std::string::npos) return "";
    auto from = at + name.size() + 1;
    return url.substr(from, url.find('&', from) - from);
  }

 private:
  static inline std::unique_ptr<OidcProviderProcess> provider_;
};

TEST_F(OidcHttpTest, CodeFlowWithPkceSignsInJustInTimeAndMapsGroupsToRoles) {
  auto [t, admin] = new_tenant_admin("oidcjit");
  auto idp = configure(admin, "test", "jit");
  EXPECT_FALSE(idp.contains("secret"));
  EXPECT_TRUE(idp["has_secret"].get<bool>());
  auto url = start(admin, t.slug, "test");
  EXPECT_EQ(url.rfind(provider().issuer() + "/auth?", 0), 0U) << url;
  EXPECT_EQ(query_value(url, "code_challenge_method"), "S256");
  EXPECT_EQ(query_value(url, "code_challenge").size(), 43U);
  EXPECT_FALSE(query_value(url, "nonce").empty());

  Client browser = client();
  const std::string email = "new.person@" + t.slug + ".test";
  auto back = sign_in(browser, t.slug, "test", account("jit-1-" + t.slug, email));
  ASSERT_EQ(back.status, 303) << back.body;
  EXPECT_EQ(back.header("location"), "/overview");
  auto me = browser.get("/api/v1/me").json();
  EXPECT_EQ(me["email"], email);
  EXPECT_EQ(me["role"], "member");
  EXPECT_EQ(me["tenant"]["slug"], t.slug);
  EXPECT_EQ(me["name"], "Person jit-1-" + t.slug);

  Client boss = client();
  auto lead = account("jit-2-" + t.slug, "lead@" + t.slug + ".test");
  lead["groups"] = {"fremdrift-admins"};
  ASSERT_EQ(sign_in(boss, t.slug, "test", lead).status, 303);
  EXPECT_EQ(boss.get("/api/v1/me").json()["role"], "admin");
}

TEST_F(OidcHttpTest, InvitationModeRefusesStrangersButLetsKnownPeopleIn) {
  auto [t, admin] = new_tenant_admin("oidcinv");
  configure(admin, "inv", "invitation");
  Client stranger = client();
  auto refused =
      sign_in(stranger, t.slug, "inv", account("inv-x-" + t.slug, "stranger@" + t.slug + ".test"));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(stranger.get("/api/v1/me").status, 401);
  auto people = admin.get("/api/v1/people?limit=100").json();
  for (const auto& p : people["items"]) EXPECT_NE(p["email"], "stranger@" + t.slug + ".test");
  // The member the tenant made by hand is known by e-mail.
  Client member = client();
  ASSERT_EQ(sign_in(member, t.slug, "inv", account("inv-m-" + t.slug, t.member_email)).status, 303);
  EXPECT_EQ(member.get("/api/v1/me").json()["email"], t.member_email);
}

TEST_F(OidcHttpTest, ForgedReplayedOrSwappedStateAndNonceAreRefused) {
  auto [t, admin] = new_tenant_admin("oidcstate");
  configure(admin, "st", "jit");
  Client browser = client();
  EXPECT_EQ(browser.get("/sso/callback?state=forged&code=abc").status, 403);
  EXPECT_EQ(browser.get("/sso/callback?error=access_denied&state=x").status, 403);

  // A callback used twice: the state is single use.
  provider().choose_account(account("st-1-" + t.slug, "st1@" + t.slug + ".test"));
  auto callback = provider().authorize(start(browser, t.slug, "st"));
  EXPECT_EQ(browser.get(callback).status, 303);
  Client replayer = client();
  EXPECT_EQ(replayer.get(callback).status, 403);
  EXPECT_EQ(replayer.get("/api/v1/me").status, 401);

  // The provider returns the nonce of another sign-in: the ID token is refused.
  Client victim = client();
  auto first = start(victim, t.slug, "st");
  auto second = start(victim, t.slug, "st");
  auto nonce1 = query_value(first, "nonce");
  auto nonce2 = query_value(second, "nonce");
  ASSERT_NE(nonce1, nonce2);
  auto swapped = first;
  swapped.replace(swapped.find(nonce1), nonce1.size(), nonce2);
  provider().choose_account(account("st-2-" + t.slug, "st2@" + t.slug + ".test"));
  EXPECT_EQ(victim.get(provider().authorize(swapped)).status, 403);
  EXPECT_EQ(victim.get("/api/v1/me").status, 401);
  EXPECT_NE(server().log_text().find("OIDC sign-in refused: ID token: wrong nonce"),
            std::string::npos);
}

TEST_F(OidcHttpTest, ANewSigningKeyAtTheProviderIsFetchedAndFollowed) {
  auto [t, admin] = new_tenant_admin("oidckeys");
  configure(admin, "keys", "jit");
  Client first = client();
  ASSERT_EQ(
      sign_in(first, t.slug, "keys", account("k-1-" + t.slug, "k1@" + t.slug + ".test")).status,
      303);
  const std::string refetched = "OIDC keys of " + provider().issuer() + " fetched again";
  EXPECT_EQ(server().log_text().find(refetched), std::string::npos);
  auto old_kid = provider().keys()["keys"][0]["kid"];
  provider().rotate_keys();
  auto new_kid = provider().keys()["keys"][0]["kid"];
  ASSERT_NE(old_kid, new_kid);
  Client second = client();
  ASSERT_EQ(
      sign_in(second, t.slug, "keys", account("k-2-" + t.slug, "k2@" + t.slug + ".test")).status,
      303);
  EXPECT_EQ(second.get("/api/v1/me").json()["email"], "k2@" + t.slug + ".test");
  EXPECT_NE(server().log_text().find(refetched), std::string::npos);
}

TEST_F(OidcHttpTest, AnotherTenantCanNeitherConfigureNorUseTheProvider) {
  auto a = new_tenant_admin("oidca");
  auto b = new_tenant_admin("oidcb");
  auto idp = configure(a.admin, "shared", "jit");
  const std::string item = "/api/v1/identity-providers/" + idp["id"].get<std::string>();
  EXPECT_EQ(b.admin.get(item).status, 404);
  EXPECT_EQ(b.admin.send_json("PATCH", item, {{"display_name", "Mine"}, {"version", 1}}).status,
            404);
  EXPECT_EQ(b.admin.send_delete(item).status, 404);
  EXPECT_EQ(b.admin.get("/settings/sso/" + idp["id"].get<std::string>()).status, 404);
  auto listed = b.admin.get("/api/v1/identity-providers").json();
  EXPECT_TRUE(listed["items"].empty());
  EXPECT_EQ(b.admin.get("/sso/" + b.tenant.slug + "/shared/start").status, 404);
  // Members of A do not see or change it either.
  Client member = member_of(a.tenant);
  EXPECT_EQ(member.get(item).status, 403);
  EXPECT_EQ(a.admin.get(item).json()["display_name"], "Test IdP shared");
  // B's administrator, signing in through A's provider, would become a person of A: the
  // e-mail is B's login, so it is refused.
  Client intruder = client();
  EXPECT_EQ(sign_in(intruder, a.tenant.slug, "shared",
                    account("ab-" + a.tenant.slug, b.tenant.admin_email))
                .status,
            403);
}

TEST_F(OidcHttpTest, ADeactivatedPersonIsRefusedAndTheirSessionEnds) {
  auto [t, admin] = new_tenant_admin("oidcoff");
  configure(admin, "off", "jit");
  Client leaver = client();
  auto who = account("off-1-" + t.slug, "leaver@" + t.slug + ".test");
  ASSERT_EQ(sign_in(leaver, t.slug, "off", who).status, 303);
  auto me = leaver.get("/api/v1/me").json();
  auto login = admin.get("/api/v1/people/" + me["person_id"].get<std::string>() + "/login").json();
  auto off = admin.send_json("PATCH", "/api/v1/logins/" + login["id"].get<std::string>(),
                             {{"active", false}, {"version", login["version"]}});
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(leaver.get("/api/v1/me").status, 401);
  Client again = client();
  EXPECT_EQ(sign_in(again, t.slug, "off", who).status, 403);
  EXPECT_EQ(again.get("/api/v1/me").status, 401);
}

TEST_F(OidcHttpTest, LoginPageOffersTheProviderAndLogoutEndsTheSessionAtTheProvider) {
  auto [t, admin] = new_tenant_admin("oidcout");
  configure(admin, "out", "jit");
  auto page = client().get("/login?tenant=" + t.slug);
  EXPECT_NE(page.body.find("Log ind med Test IdP out"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/sso/" + t.slug + "/out/start\""), std::string::npos);
  EXPECT_EQ(client().get("/login").body.find("Test IdP out"), std::string::npos);
  auto wrong = client().post_form("/login?tenant=" + t.slug,
                                  {{"email", t.admin_email}, {"password", "not-the-password"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("Log ind med Test IdP out"), std::string::npos);
  EXPECT_NE(wrong.body.find("action=\"/login?tenant=" + t.slug + "\""), std::string::npos);

  Client browser = client();
  ASSERT_EQ(
      sign_in(browser, t.slug, "out", account("out-1-" + t.slug, "out@" + t.slug + ".test")).status,
      303);
  auto me = browser.get("/api/v1/me").json();
  browser.set_csrf(me["csrf_token"]);
  auto bye = browser.post_form("/logout", {{"_csrf", browser.csrf()}});
  ASSERT_EQ(bye.status, 303);
  auto to = bye.header("location");
  EXPECT_EQ(to.rfind(provider().issuer() + "/session/end?", 0), 0U) << to;
  EXPECT_FALSE(query_value(to, "id_token_hint").empty());
  EXPECT_EQ(browser.get("/api/v1/me").status, 401);
  // The password login stays for administrators (break-glass).
  EXPECT_EQ(client().login(t.admin_email, TestServer::kPassword).status, 200);
}

TEST_F(OidcHttpTest, TheSettingsFormsAreForAdministratorsAndAStaleSaveConflicts) {
  auto [t, admin] = new_tenant_admin("oidcform");
  Client member = member_of(t);
  EXPECT_EQ(member.get("/settings/sso").status, 403);
  std::map<std::string, std::string> form = {
      {"_csrf", admin.csrf()},
      {"display_name", "Entra"},
      {"slug", "entra"},
      {"kind", "oidc"},
      {"enabled", "on"},
      {"settings", R"({"issuer": "http://idp.example", "client_id": "c"})"},
      {"secret", "form-secret-value"},
      {"email_claim", "email"},
      {"role_map", "admins = admin"},
      {"default_role", "member"},
      {"provisioning", "invitation"}};
  auto refused = admin.post_form("/settings/sso", form);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("idp-settings-error"), std::string::npos);
  form["settings"] = R"({"issuer": "https://idp.example", "client_id": "c"})";
  auto made = admin.post_form("/settings/sso", form);
  ASSERT_EQ(made.status, 303) << made.body;
  auto page = made.header("location");
  auto id = page.substr(std::string("/settings/sso/").size(), 26);
  auto stored = admin.get("/api/v1/identity-providers/" + id).json();
  EXPECT_EQ(stored["role_map"], (json{{"admins", "admin"}}));
  EXPECT_TRUE(stored["has_secret"].get<bool>());
  EXPECT_EQ(admin.get("/settings/sso/" + id).body.find("form-secret-value"), std::string::npos);

  form.erase("kind");
  form["secret"] = "";
  form["version"] = "1";
  form["display_name"] = "Entra ID";
  EXPECT_EQ(admin.post_form("/settings/sso/" + id, form).status, 303);
  form["display_name"] = "Stale";
  EXPECT_EQ(admin.post_form("/settings/sso/" + id, form).status, 409);
  stored = admin.get("/api/v1/identity-providers/" + id).json();
  EXPECT_EQ(stored["display_name"], "Entra ID");
  EXPECT_TRUE(stored["has_secret"].get<bool>());  // an empty field kept it
  EXPECT_EQ(member.post_form("/settings/sso/" + id + "/delete", {{"_csrf", member.csrf()}}).status,
            403);
  EXPECT_EQ(admin.post_form("/settings/sso/" + id + "/delete", {{"_csrf", admin.csrf()}}).status,
            303);
  EXPECT_EQ(admin.get("/api/v1/identity-providers/" + id).status, 404);
}

}  // namespace
}  // namespace testing_http

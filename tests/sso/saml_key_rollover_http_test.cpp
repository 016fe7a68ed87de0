// The SP key rollover in two steps (issue 19, point 4; D61), against the pysaml2 IdP of
// saml_scene.hpp: the next certificate is published before it signs, an IdP that encrypts to
// either key is understood until the old one is retired, and no key ever leaves the server.
#include "sso/saml_scene.hpp"

namespace testing_http {
namespace {

// A PEM certificate's base64 body as metadata carries it.
std::string body_of(const std::string& pem) {
  std::string out;
  for (char c : pem.substr(pem.find('\n'), pem.find("-----END") - pem.find('\n')))
    if (c != '\n') out += c;
  return out;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

class SamlKeyRolloverTest : public SamlHttpTest {
 protected:
  // The IdP reads the SP metadata; with two certificates in it, it verifies with the first
  // (the one the SP signs with) and encrypts to the last, as an IdP that picked the other.
  void idp_reads(const std::string& md, bool encrypt_to_last) {
    EXPECT_EQ(
        Client(idp_->port())
            .request("POST", encrypt_to_last ? "/sp-metadata?encrypt_to=last" : "/sp-metadata", md)
            .status,
        200);
  }
  // An encrypted sign-in: the ACS's status (303 signed in, 403 refused).
  int encrypted_sign_in(const Scene& s, const std::string& who) {
    idp_->user(who + "." + s.tenant.slug + "@example.dk", "");
    idp_->next("encrypted");
    Client browser = client();
    auto res = post_to_acs(browser, s, authenticate(browser, s));
    return res.status;
  }
  HttpResponse step(Client& admin, const std::string& id, const std::string& name,
                    const json& body) {
    return admin.send_json("POST", "/api/v1/identity-providers/" + id + "/sp-keys/" + name, body);
  }
};

TEST_F(SamlKeyRolloverTest, PublishesTheNextKeyThenSwitchesAndKeepsTheOldOneUntilRetired) {
  auto s = scene("samlroll");
  Client admin = admin_of(s.tenant);
  auto idp = admin.get("/api/v1/identity-providers").json()["items"][0];
  const auto id = idp["id"].get<std::string>();
  const auto old_cert = source_file("tests/sso/keys/sp.crt");
  EXPECT_TRUE(idp["sp_key_rollover"]["next"].is_null());
  long long version = idp["version"];

  // Switching with nothing prepared is refused; so is a stale version; members may not.
  EXPECT_EQ(step(admin, id, "switch", {{"version", version}}).status, 422);
  EXPECT_EQ(step(admin, id, "next", json::object()).status, 422);  // the version is required
  Client member = member_of(s.tenant);
  EXPECT_EQ(step(member, id, "next", {{"version", version}}).status, 403);

  // Step 1: both certificates published, requests still signed with the current key.
  auto prepared = step(admin, id, "next", {{"version", version}});
  ASSERT_EQ(prepared.status, 200) << prepared.body;
  EXPECT_EQ(prepared.body.find("PRIVATE KEY"), std::string::npos);
  EXPECT_EQ(prepared.json()["settings"]["sp_certificate"], old_cert);
  const auto next_cert =
      prepared.json()["sp_key_rollover"]["next"]["certificate"].get<std::string>();
  EXPECT_NE(next_cert, old_cert);
  EXPECT_EQ(step(admin, id, "switch", {{"version", version}}).status, 409);  // stale now
  version = prepared.json()["version"];
  auto md = client().get(s.base + "/metadata").body;
  EXPECT_EQ(count(md, "<md:KeyDescriptor use=\"signing\">"), 2U) << md;
  EXPECT_EQ(count(md, "<md:KeyDescriptor use=\"encryption\">"), 2U) << md;
  EXPECT_LT(md.find(body_of(old_cert)), md.find(body_of(next_cert)));
  // An IdP that encrypts to the next key: decrypted before the switch; the request it
  // verifies with the current certificate (authenticate checks signature_valid).
  idp_reads(md, true);
  EXPECT_EQ(encrypted_sign_in(s, "next"), 303);

  // Step 2: signed with the next key; the old one still decrypts during the grace period.
  auto switched = step(admin, id, "switch", {{"version", version}, {"grace_days", 10}});
  ASSERT_EQ(switched.status, 200) << switched.body;
  EXPECT_EQ(switched.body.find("PRIVATE KEY"), std::string::npos);
  EXPECT_EQ(switched.json()["settings"]["sp_certificate"], next_cert);
  EXPECT_TRUE(switched.json()["sp_key_rollover"]["next"].is_null());
  EXPECT_EQ(switched.json()["sp_key_rollover"]["previous"]["certificate"], old_cert);
  EXPECT_FALSE(switched.json()["sp_key_rollover"]["previous"]["retire_at"].is_null());
  version = switched.json()["version"];
  md = client().get(s.base + "/metadata").body;
  EXPECT_EQ(count(md, "<md:KeyDescriptor use=\"signing\">"), 2U) << md;
  EXPECT_LT(md.find(body_of(next_cert)), md.find(body_of(old_cert)));
  // The IdP verifies the AuthnRequest with the new certificate and encrypts to the old one.
  idp_reads(md, true);
  EXPECT_EQ(encrypted_sign_in(s, "grace"), 303);

  // Retired: unpublished, and an IdP still encrypting to the old key is refused.
  auto retired = step(admin, id, "retire", {{"version", version}});
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_TRUE(retired.json()["sp_key_rollover"]["previous"].is_null());
  md = client().get(s.base + "/metadata").body;
  EXPECT_EQ(md.find(body_of(old_cert)), std::string::npos);
  EXPECT_EQ(count(md, "<md:KeyDescriptor use=\"signing\">"), 1U) << md;
  EXPECT_EQ(encrypted_sign_in(s, "retired"), 403);
  // Told the new metadata, it encrypts to the new key, and sign-in goes on.
  idp_reads(md, false);
  EXPECT_EQ(encrypted_sign_in(s, "after"), 303);
  EXPECT_EQ(admin.get("/api/v1/identity-providers/" + id).body.find("PRIVATE KEY"),
            std::string::npos);
}

TEST_F(SamlKeyRolloverTest, TheCommandLineAndThePageTakeTheSameSteps) {
  auto s = scene("samlrollcli");
  Client admin = admin_of(s.tenant);
  const auto id =
      admin.get("/api/v1/identity-providers").json()["items"][0]["id"].get<std::string>();
  const auto old_cert = source_file("tests/sso/keys/sp.crt");
  const std::string keygen = "admin sso-keygen --tenant " + s.tenant.slug + " --idp kombit";
  std::string out;
  EXPECT_NE(server().cli(keygen + " --switch", &out), 0) << out;  // nothing prepared
  ASSERT_EQ(server().cli(keygen + " --next --days 90", &out), 0) << out;
  EXPECT_EQ(out.find("PRIVATE KEY"), std::string::npos);
  auto state = admin.get("/api/v1/identity-providers/" + id).json();
  auto printed = out.substr(0, out.find("-----END CERTIFICATE-----") + 26);
  EXPECT_EQ(state["sp_key_rollover"]["next"]["certificate"], printed);
  EXPECT_EQ(state["settings"]["sp_certificate"], old_cert);
  ASSERT_EQ(server().cli(keygen + " --switch --grace-days 0", &out), 0) << out;
  EXPECT_EQ(out.find("PRIVATE KEY"), std::string::npos);
  state = admin.get("/api/v1/identity-providers/" + id).json();
  EXPECT_EQ(state["settings"]["sp_certificate"], printed);
  EXPECT_EQ(state["sp_key_rollover"]["previous"]["certificate"], old_cert);
  EXPECT_TRUE(state["sp_key_rollover"]["previous"]["retire_at"].is_null());  // until retired
  ASSERT_EQ(server().cli(keygen + " --retire", &out), 0) << out;
  state = admin.get("/api/v1/identity-providers/" + id).json();
  EXPECT_TRUE(state["sp_key_rollover"]["previous"].is_null());
  EXPECT_NE(server().cli(keygen + " --next --retire", &out), 0);  // one step at a time

  // The page's buttons carry the version it was shown with: a stale one is refused.
  long long version = state["version"];
  auto page = admin.get("/settings/sso/" + id);
  EXPECT_NE(page.body.find("/sp-keys/next"), std::string::npos);
  auto pressed = admin.post_form("/settings/sso/" + id + "/sp-keys/next",
                                 {{"_csrf", admin.csrf()}, {"version", std::to_string(version)}});
  EXPECT_EQ(pressed.status, 303);
  EXPECT_EQ(pressed.header("location"), "/settings/sso/" + id + "?keys=next");
  page = admin.get("/settings/sso/" + id + "?keys=next");
  EXPECT_NE(page.body.find("/sp-keys/switch"), std::string::npos);
  EXPECT_EQ(page.body.find("PRIVATE KEY"), std::string::npos);
  auto stale = admin.post_form("/settings/sso/" + id + "/sp-keys/switch",
                               {{"_csrf", admin.csrf()}, {"version", std::to_string(version)}});
  EXPECT_EQ(stale.status, 409);
  auto switched =
      admin.post_form("/settings/sso/" + id + "/sp-keys/switch",
                      {{"_csrf", admin.csrf()}, {"version", std::to_string(version + 1)}});
  EXPECT_EQ(switched.status, 303);
  state = admin.get("/api/v1/identity-providers/" + id).json();
  EXPECT_EQ(state["sp_key_rollover"]["previous"]["certificate"], printed);
}

}  // namespace
}  // namespace testing_http

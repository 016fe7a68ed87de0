// What an IT department needs beside the SAML sign-in itself (issue 19, point 4): the IdP's
// metadata read from the address its federation publishes it at — checked as pasted metadata
// is, read again by the background job and on request, the last good document kept when a
// read fails — and the SP's key pair made by fremdrift (API, settings page, command line).
// Against the pysaml2 IdP of saml_scene.hpp, which serves its metadata over loopback http.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "sso/saml_scene.hpp"

namespace testing_http {
namespace {

// The IdP's metadata with its signing certificate swapped for another one, as after a
// rotation at the IdP that this SP has not been told of by hand.
std::string rotated(std::string md) {
  std::istringstream pem(source_file("tests/sso/keys/idp-ec.crt"));
  std::string body, line;
  while (std::getline(pem, line))
    if (line.find("-----") == std::string::npos) body += line;
  const std::string open = "X509Certificate>";
  auto at = md.find(open);
  EXPECT_NE(at, std::string::npos) << md;
  if (at == std::string::npos) return md;
  auto end = md.find("</", at);
  md.replace(at + open.size(), end - at - open.size(), body);
  return md;
}

class SamlMetadataTest : public SamlHttpTest {
 protected:
  void TearDown() override { idp_->serve_metadata(""); }

  // A SAML provider whose metadata is read from the test IdP's address.
  HttpResponse create(Client& admin, const json& settings_extra = json::object(),
                      const std::string& slug = "kombit") {
    json settings = {{"idp_metadata_url", idp_->metadata_url()},
                     {"sp_certificate", source_file("tests/sso/keys/sp.crt")}};
    settings.update(settings_extra);
    return admin.send_json("POST", "/api/v1/identity-providers",
                           {{"slug", slug},
                            {"kind", "saml"},
                            {"display_name", "Context Handler"},
                            {"settings", settings},
                            {"secret", source_file("tests/sso/keys/sp.key")},
                            {"email_claim", "mail"},
                            {"provisioning", "jit"}});
  }

  // Signs in through the provider; the ACS's status (303 when the IdP's signature verified).
  int sign_in(const std::string& tenant_slug, const std::string& email) {
    Scene s{{tenant_slug, "", ""}, "/sso/" + tenant_slug + "/kombit/saml"};
    idp_->serve_sp(client().get(s.base + "/metadata").body);
    idp_->user(email, "");
    Client browser = client();
    return post_to_acs(browser, s, authenticate(browser, s)).status;
  }
};

TEST_F(SamlMetadataTest, ReadsTheMetadataFromItsAddressAndKeepsTheLastGoodOneWhenAReadFails) {
  auto [tenant, admin] = new_tenant_admin("samlmdurl");
  auto created = create(admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.json()["id"].get<std::string>();
  auto source = created.json()["metadata_source"];
  EXPECT_EQ(source["url"], idp_->metadata_url());
  ASSERT_TRUE(source["fetched_at"].is_string()) << source;
  EXPECT_TRUE(source["last_error"].is_null());
  EXPECT_EQ(sign_in(tenant.slug, "url." + tenant.slug + "@example.dk"), 303);

  // The address fails: the read is reported and logged, the document read before stays in
  // use and sign-in goes on.
  idp_->serve_metadata("unavailable", 503);
  auto failed = admin.send_json("POST", "/api/v1/identity-providers/" + id + "/metadata/refresh",
                                json::object());
  ASSERT_EQ(failed.status, 200) << failed.body;
  EXPECT_FALSE(failed.json()["refreshed"]);
  EXPECT_NE(failed.json()["metadata_source"]["last_error"].get<std::string>().find("503"),
            std::string::npos);
  EXPECT_EQ(failed.json()["metadata_source"]["fetched_at"], source["fetched_at"]);
  EXPECT_NE(server().log_text().find("could not be refreshed"), std::string::npos);
  EXPECT_EQ(sign_in(tenant.slug, "url." + tenant.slug + "@example.dk"), 303);
  // A document that is no IdP's metadata is refused the same way.
  idp_->serve_metadata("<html><body>Log in to the proxy</body></html>");
  auto not_md = admin.send_json("POST", "/api/v1/identity-providers/" + id + "/metadata/refresh",
                                json::object());
  EXPECT_FALSE(not_md.json()["refreshed"]);
  EXPECT_EQ(sign_in(tenant.slug, "url." + tenant.slug + "@example.dk"), 303);

  // The administrator's page shows the error, when the document in use was read, and the
  // button to read it again, in the tenant's language.
  auto page = admin.get("/settings/sso/" + id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("id=\"sso-metadata-error\""), std::string::npos);
  EXPECT_NE(page.body.find("Seneste forsøg mislykkedes"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("action=\"/settings/sso/" + id + "/metadata/refresh\""),
            std::string::npos);

  // The IdP rotates its signing certificate: read again (the page's button), the new
  // document is in use — responses signed with the old key no longer verify.
  idp_->serve_metadata("");
  idp_->serve_metadata(rotated(idp_->metadata()));
  auto pressed =
      admin.post_form("/settings/sso/" + id + "/metadata/refresh", {{"_csrf", admin.csrf()}});
  EXPECT_EQ(pressed.status, 303);
  EXPECT_EQ(pressed.header("location"), "/settings/sso/" + id + "?refreshed=1");
  auto now = admin.get("/api/v1/identity-providers/" + id).json()["metadata_source"];
  EXPECT_TRUE(now["last_error"].is_null()) << now;
  EXPECT_NE(now["fetched_at"], source["fetched_at"]);
  EXPECT_EQ(admin.get("/settings/sso/" + id + "?refreshed=1").body.find("sso-metadata-error"),
            std::string::npos);
  EXPECT_EQ(sign_in(tenant.slug, "url." + tenant.slug + "@example.dk"), 403);

  // Members may do neither.
  Client member = member_of(tenant);
  EXPECT_EQ(member
                .send_json("POST", "/api/v1/identity-providers/" + id + "/metadata/refresh",
                           json::object())
                .status,
            403);
  // The kept document goes with its provider.
  EXPECT_EQ(admin.send_delete("/api/v1/identity-providers/" + id).status, 204);
  EXPECT_EQ(create(admin).status, 201);
}

TEST_F(SamlMetadataTest, RefusesAnAddressThatIsNotHttpsOrGivesNoUsableMetadata) {
  auto [tenant, admin] = new_tenant_admin("samlmdbad");
  auto plain = create(admin, {{"idp_metadata_url", "http://idp.example/metadata"}});
  EXPECT_EQ(plain.status, 422) << plain.body;
  EXPECT_NE(plain.body.find("https"), std::string::npos);
  auto nobody = create(
      admin, {{"idp_metadata_url", "http://127.0.0.1:" + std::to_string(free_port()) + "/md"}});
  EXPECT_EQ(nobody.status, 422) << nobody.body;
  EXPECT_NE(nobody.body.find("could not be used"), std::string::npos) << nobody.body;
  idp_->serve_metadata(
      "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"/>");
  EXPECT_EQ(create(admin).status, 422);
  // With a pasted document to sign in with meanwhile, a failing address is saved and its
  // error shown.
  idp_->serve_metadata("");
  const auto pasted = idp_->metadata();
  idp_->serve_metadata("", 500);
  auto besides = create(admin, {{"idp_metadata", pasted}});
  ASSERT_EQ(besides.status, 201) << besides.body;
  EXPECT_TRUE(besides.json()["metadata_source"]["fetched_at"].is_null());
  EXPECT_NE(besides.json()["metadata_source"]["last_error"].get<std::string>().find("500"),
            std::string::npos);
  idp_->serve_metadata("");
  EXPECT_EQ(sign_in(tenant.slug, "besides." + tenant.slug + "@example.dk"), 303);
  // Nothing was kept of the refused providers.
  auto list = admin.get("/api/v1/identity-providers").json();
  EXPECT_EQ(list["items"].size(), 1U);
}

TEST_F(SamlMetadataTest, ChecksTheMetadataSignatureWithTheConfiguredCertificate) {
  auto [tenant, admin] = new_tenant_admin("samlmdsig");
  const auto idp_cert = source_file("tests/sso/keys/idp.crt");
  auto unsigned_md = create(admin, {{"idp_metadata_certificate", idp_cert}});
  EXPECT_EQ(unsigned_md.status, 422);
  EXPECT_NE(unsigned_md.body.find("not signed"), std::string::npos) << unsigned_md.body;
  auto wrong = create(admin, {{"idp_metadata_url", idp_->metadata_url("?signed")},
                              {"idp_metadata_certificate", source_file("tests/sso/keys/sp.crt")}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("signature is not valid"), std::string::npos) << wrong.body;
  auto ok = create(admin, {{"idp_metadata_url", idp_->metadata_url("?signed")},
                           {"idp_metadata_certificate", idp_cert}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(sign_in(tenant.slug, "sig." + tenant.slug + "@example.dk"), 303);
}

TEST_F(SamlMetadataTest, MakesANewSpKeyPairThatTheSpMetadataPublishesAndSignInUses) {
  auto s = scene("samlkeys");
  Client admin = admin_of(s.tenant);
  const auto id =
      admin.get("/api/v1/identity-providers").json()["items"][0]["id"].get<std::string>();
  const auto old_cert = source_file("tests/sso/keys/sp.crt");
  auto made =
      admin.send_json("POST", "/api/v1/identity-providers/" + id + "/sp-keys", {{"days", 365}});
  ASSERT_EQ(made.status, 200) << made.body;
  EXPECT_TRUE(made.json()["has_secret"]);
  EXPECT_EQ(made.body.find("PRIVATE KEY"), std::string::npos);  // the key never leaves
  const auto cert = made.json()["settings"]["sp_certificate"].get<std::string>();
  EXPECT_EQ(cert.rfind("-----BEGIN CERTIFICATE-----", 0), 0U);
  EXPECT_NE(cert, old_cert);
  auto body_of = [](const std::string& pem) {
    std::string out;
    for (char c : pem.substr(pem.find('\n'), pem.find("-----END") - pem.find('\n')))
      if (c != '\n') out += c;
    return out;
  };
  auto md = client().get(s.base + "/metadata").body;
  EXPECT_NE(md.find(body_of(cert)), std::string::npos);
  EXPECT_EQ(md.find(body_of(old_cert)), std::string::npos);
  // Told the new SP metadata, the IdP verifies the AuthnRequest signed with the new key and
  // encrypts to the new certificate, which the new key decrypts.
  idp_->serve_sp(md);
  idp_->user("keys." + s.tenant.slug + "@example.dk", "");
  idp_->next("encrypted");
  Client browser = client();
  auto res = post_to_acs(browser, s, authenticate(browser, s));
  EXPECT_EQ(res.status, 303) << res.body;
  EXPECT_EQ(made.json()["version"].get<long long>(), 2);

  // The settings page's button does the same; members may not.
  auto pressed = admin.post_form("/settings/sso/" + id + "/sp-keys", {{"_csrf", admin.csrf()}});
  EXPECT_EQ(pressed.status, 303);
  EXPECT_EQ(pressed.header("location"), "/settings/sso/" + id + "?keys=1");
  auto after_button = admin.get("/api/v1/identity-providers/" + id).json();
  EXPECT_NE(after_button["settings"]["sp_certificate"], cert);
  EXPECT_NE(admin.get("/settings/sso/" + id + "?keys=1").body.find("Et nyt nøglepar er lavet"),
            std::string::npos);
  Client member = member_of(s.tenant);
  EXPECT_EQ(
      member.send_json("POST", "/api/v1/identity-providers/" + id + "/sp-keys", json::object())
          .status,
      403);

  // The command line, for an installation script: prints the certificate, keeps the key.
  std::string out;
  EXPECT_EQ(
      server().cli("admin sso-keygen --tenant " + s.tenant.slug + " --idp kombit --days 90", &out),
      0)
      << out;
  EXPECT_EQ(out.find("PRIVATE KEY"), std::string::npos);
  auto printed = out.substr(0, out.find("-----END CERTIFICATE-----") + 26);
  auto stored = admin.get("/api/v1/identity-providers/" + id).json()["settings"]["sp_certificate"];
  EXPECT_EQ(stored, printed);
  EXPECT_NE(client().get(s.base + "/metadata").body.find(body_of(printed)), std::string::npos);
  EXPECT_NE(server().cli("admin sso-keygen --tenant " + s.tenant.slug + " --idp nosuch", &out), 0);
}

// The background job, on an instance of its own whose job clock the test moves on.
class SamlMetadataJobTest : public SamlMetadataTest {
 protected:
  static void SetUpTestSuite() {
    SamlMetadataTest::SetUpTestSuite();
    dir_ = std::filesystem::temp_directory_path() / unique("fremdrift-mdjob-");
    std::filesystem::create_directories(dir_);
    ::setenv("FREMDRIFT_JOBS_POLL_MS", "100", 1);
    ::setenv("FREMDRIFT_CLOCK_OFFSET_FILE", (dir_ + "/clock").c_str(), 1);
    instance_ = std::make_unique<TestServer>();
    ::unsetenv("FREMDRIFT_JOBS_POLL_MS");
    ::unsetenv("FREMDRIFT_CLOCK_OFFSET_FILE");
  }
  static void TearDownTestSuite() {
    instance_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  static void clock_ahead_hours(long long hours) {
    offset_ += hours * 3600;
    std::ofstream(dir_ + "/clock") << offset_;
  }
  // The provider's metadata_source once `done` says so (the job polls every 100 ms).
  static json wait_for(Client& admin, const std::string& id,
                       const std::function<bool(const json&)>& done) {
    json source;
    for (int i = 0; i < 150; ++i) {
      source = admin.get("/api/v1/identity-providers/" + id).json()["metadata_source"];
      if (done(source)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return source;
  }
  static inline std::string dir_;
  static inline long long offset_ = 0;
  static inline std::unique_ptr<TestServer> instance_;
};

TEST_F(SamlMetadataJobTest, TheJobReadsTheMetadataAgainAfterSixHoursAndKeepsItWhenAReadFails) {
  auto tenant = instance_->create_tenant("samlmdjob");
  Client admin(instance_->port());
  ASSERT_EQ(admin.login(tenant.admin_email, TestServer::kPassword).status, 200);
  auto created = create(admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.json()["id"].get<std::string>();
  const auto first = created.json()["metadata_source"];

  // Within six hours the job leaves it alone.
  idp_->serve_metadata(rotated(idp_->metadata()));
  clock_ahead_hours(1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(admin.get("/api/v1/identity-providers/" + id).json()["metadata_source"], first);

  // After six hours it reads the rotated document.
  clock_ahead_hours(6);
  auto second =
      wait_for(admin, id, [&](const json& s) { return s["fetched_at"] != first["fetched_at"]; });
  EXPECT_NE(second["fetched_at"], first["fetched_at"]) << second;
  EXPECT_TRUE(second["last_error"].is_null()) << second;

  // A failing address: the job logs and reports it, the document read before stays. Another
  // municipality names the same address: one run reads it once for both.
  auto neighbour = instance_->create_tenant("samlmdjob2");
  Client other(instance_->port());
  ASSERT_EQ(other.login(neighbour.admin_email, TestServer::kPassword).status, 200);
  ASSERT_EQ(create(other).status, 201);
  const auto other_id = other.get("/api/v1/identity-providers").json()["items"][0]["id"];
  idp_->serve_metadata("", 502);
  const int reads = idp_->metadata_reads();
  clock_ahead_hours(7);
  auto third = wait_for(admin, id, [&](const json& s) { return s["last_error"].is_string(); });
  ASSERT_TRUE(third["last_error"].is_string()) << third;
  EXPECT_NE(third["last_error"].get<std::string>().find("502"), std::string::npos);
  EXPECT_EQ(third["fetched_at"], second["fetched_at"]);
  auto theirs =
      wait_for(other, other_id, [&](const json& s) { return s["last_error"].is_string(); });
  EXPECT_TRUE(theirs["last_error"].is_string()) << theirs;
  EXPECT_EQ(idp_->metadata_reads(), reads + 1);
  EXPECT_NE(instance_->log_text().find("could not be refreshed"), std::string::npos);
}

}  // namespace
}  // namespace testing_http

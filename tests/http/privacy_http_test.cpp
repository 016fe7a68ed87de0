// Personal data over HTTP: export and erasure for the tenant's administrators only, another
// tenant's people not found, the retention settings and the record of processing.
#include <set>

#include <gtest/gtest.h>

#include "http/fixture.hpp"

namespace testing_http {
namespace {

class PrivacyHttpTest : public HttpTest {
 protected:
  // A person of the admin's tenant with a login; returns the person's id.
  std::string person_with_login(Client& admin, const std::string& name, const std::string& email) {
    auto person =
        admin.send_json("POST", "/api/v1/people", {{"name", name}, {"email", email}}).json();
    std::string id = person["id"];
    EXPECT_EQ(admin
                  .send_json("POST", "/api/v1/people/" + id + "/login",
                             {{"password", "kettle-sparrow-first-9"}, {"role", "member"}})
                  .status,
              201);
    return id;
  }
};

TEST_F(PrivacyHttpTest, AdminsExportAndEraseOnlyTheirOwnTenantsPeople) {
  auto [a, admin] = new_tenant_admin("priva");
  auto [b, other_admin] = new_tenant_admin("privb");
  Client member = member_of(a);
  std::string email = "karen@" + a.slug + ".dk";
  auto id = person_with_login(admin, "Karen Kirk", email);
  Client karen = client();
  ASSERT_EQ(karen.login(email, "kettle-sparrow-first-9").status, 200);

  auto exported = admin.get("/api/v1/people/" + id + "/personal-data");
  ASSERT_EQ(exported.status, 200);
  auto data = exported.json();
  EXPECT_EQ(data["name"], "Karen Kirk");
  std::set<std::string> tables;
  for (const auto& p : data["places"]) tables.insert(p["table"].get<std::string>());
  EXPECT_TRUE(tables.count("people"));
  EXPECT_TRUE(tables.count("accounts"));
  EXPECT_TRUE(tables.count("sessions"));
  EXPECT_TRUE(tables.count("audit_log"));
  EXPECT_EQ(exported.body.find("password"), std::string::npos);

  // Members are refused, another tenant finds nobody.
  EXPECT_EQ(member.get("/api/v1/people/" + id + "/personal-data").status, 403);
  EXPECT_EQ(member.send_json("POST", "/api/v1/people/" + id + "/erase", json::object()).status,
            403);
  EXPECT_EQ(other_admin.get("/api/v1/people/" + id + "/personal-data").status, 404);
  EXPECT_EQ(other_admin.send_json("POST", "/api/v1/people/" + id + "/erase", json::object()).status,
            404);
  EXPECT_EQ(other_admin.get("/people/" + id + "/personal-data").status, 404);
  EXPECT_EQ(admin.get("/api/v1/people/no-such-person/personal-data").status, 404);
  std::string self = admin.get("/api/v1/me").json()["person_id"];
  EXPECT_EQ(admin.send_json("POST", "/api/v1/people/" + self + "/erase", json::object()).status,
            403);

  // The page, reachable from the person's page, with the erase form.
  EXPECT_NE(admin.get("/people/" + id).body.find("/people/" + id + "/personal-data"),
            std::string::npos);
  auto page = admin.get("/people/" + id + "/personal-data");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Karen Kirk"), std::string::npos);
  EXPECT_NE(page.body.find("action=\"/people/" + id + "/erase\""), std::string::npos);
  // Not confirmed: nothing happens.
  auto unconfirmed = admin.post_form("/people/" + id + "/erase", {{"_csrf", admin.csrf()}});
  EXPECT_EQ(unconfirmed.status, 422);
  EXPECT_EQ(admin.get("/api/v1/people/" + id).json()["name"], "Karen Kirk");

  auto erased = admin.send_json("POST", "/api/v1/people/" + id + "/erase", json::object());
  ASSERT_EQ(erased.status, 200);
  std::string alias = erased.json()["name"];
  EXPECT_EQ(alias.rfind("Slettet person ", 0), 0U) << alias;
  auto person = admin.get("/api/v1/people/" + id).json();
  EXPECT_EQ(person["name"], alias);
  EXPECT_TRUE(person["email"].is_null());
  EXPECT_EQ(karen.get("/api/v1/me").status, 401);  // her session ended at once
  EXPECT_EQ(karen.login(email, "kettle-sparrow-first-9").status, 401);
  EXPECT_EQ(admin.get("/api/v1/people/" + id + "/login").status, 404);
  EXPECT_EQ(admin.send_json("POST", "/api/v1/people/" + id + "/erase", json::object()).status, 409);
  auto audit = admin.get("/api/v1/audit?limit=200");
  ASSERT_EQ(audit.status, 200);
  EXPECT_EQ(audit.body.find("Karen"), std::string::npos);
  EXPECT_EQ(audit.body.find(email), std::string::npos);
  auto after = admin.get("/api/v1/people/" + id + "/personal-data");
  EXPECT_EQ(after.body.find("Karen"), std::string::npos);
  EXPECT_FALSE(after.json()["erased_at"].is_null());

  // The confirm form erases too.
  auto second = person_with_login(admin, "Ole Olsen", "ole@" + a.slug + ".dk");
  auto confirmed =
      admin.post_form("/people/" + second + "/erase", {{"_csrf", admin.csrf()}, {"confirm", "on"}});
  EXPECT_EQ(confirmed.status, 303);
  EXPECT_NE(admin.get("/api/v1/people/" + second).json()["name"], "Ole Olsen");
}

TEST_F(PrivacyHttpTest, RetentionSettingsAndTheRecordOfProcessing) {
  auto [a, admin] = new_tenant_admin("privr");
  Client member = member_of(a);
  auto settings = admin.get("/api/v1/tenant/privacy-retention").json();
  EXPECT_EQ(settings["signal_email_days"], 90);
  EXPECT_EQ(settings["survey_invitation_days"], 30);
  EXPECT_EQ(settings["version"], 0);
  EXPECT_EQ(member.get("/api/v1/tenant/privacy-retention").status, 403);
  EXPECT_EQ(admin
                .send_json("PUT", "/api/v1/tenant/privacy-retention",
                           {{"signal_email_days", 5000}, {"version", 0}})
                .status,
            422);
  auto saved = admin.send_json("PUT", "/api/v1/tenant/privacy-retention",
                               {{"signal_email_days", 14}, {"version", 0}});
  ASSERT_EQ(saved.status, 200);
  EXPECT_EQ(saved.json()["signal_email_days"], 14);
  EXPECT_EQ(saved.json()["survey_invitation_days"], 30);
  EXPECT_EQ(saved.json()["version"], 1);
  EXPECT_EQ(admin
                .send_json("PUT", "/api/v1/tenant/privacy-retention",
                           {{"signal_email_days", 20}, {"version", 0}})
                .status,
            409);
  auto form = admin.post_form("/settings/privacy", {{"_csrf", admin.csrf()},
                                                    {"signal_email_days", "21"},
                                                    {"survey_invitation_days", "7"},
                                                    {"version", "1"}});
  EXPECT_EQ(form.status, 303);
  EXPECT_EQ(admin.get("/api/v1/tenant/privacy-retention").json()["survey_invitation_days"], 7);

  auto record = admin.get("/api/v1/privacy/record");
  ASSERT_EQ(record.status, 200);
  auto activities = record.json()["activities"];
  bool signals = false;
  for (const auto& act : activities)
    if (act["feature"] == "signals") {
      signals = true;
      EXPECT_NE(act["kept"].dump().find("21"), std::string::npos) << act.dump();
    }
  EXPECT_TRUE(signals);
  auto page = admin.get("/privacy/record");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Fortegnelse over behandlingsaktiviteter"), std::string::npos);
  EXPECT_NE(page.body.find("21 dage efter signalet er lukket"), std::string::npos);
  EXPECT_EQ(member.get("/privacy/record").status, 403);
}

}  // namespace
}  // namespace testing_http

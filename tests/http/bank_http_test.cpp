// The workflow bank over HTTP on the test server's engine: publishing needs the decide right
// and is previewed first; another municipality finds the entry by a Danish word in another
// inflection and reads it without a name, address or id of the publisher's; it cannot
// publish the project itself; an unpublished entry is gone for it; typed operators are words.
#include <map>
#include <string>
#include <vector>

#include "bank/bank_fixture.hpp"
#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class BankHttpTest : public HttpTest {
 protected:
  struct Publisher {
    TenantAdmin a;
    std::string unit, person, project, publish;
  };

  Publisher publisher(const std::string& prefix) {
    Publisher p{new_tenant_admin(prefix)};
    auto& admin = p.a.admin;
    p.unit = new_unit(admin, "Visitationen");
    p.person =
        new_person(admin, "Mette Kjær Jensen",
                   {{"email", "mette.kjaer@" + prefix + ".example.dk"}, {"unit_id", p.unit}});
    p.project = new_project(admin, "Hurtigere visitationen hos Mette Kjær Jensen");
    std::string base = "/api/v1/projects/" + p.project;
    std::string doc = "Mette Kjær Jensen ringer til borgerne";
    auto as_is = testing_bank::map_xml(
        p.unit, {{"A", "Modtag ansøgning", 30}, {"B", "Vurder behov", 30}, {"A", "Afgørelse", 30}},
        doc);
    auto redesign = testing_bank::map_xml(p.unit, {{"A", "Visitation ved første besøg", 30}}, doc);
    created_id(admin, base + "/maps", {{"kind", "as_is"}, {"title", "I dag"}, {"bpmn", as_is}});
    created_id(admin, base + "/maps", {{"kind", "redesign"}, {"title", "Ny"}, {"bpmn", redesign}});
    created_id(admin, base + "/actions",
               {{"task", "Mette Kjær Jensen laver skabelonen"}, {"responsible_id", p.person}});
    created_id(admin, base + "/lessons", {{"text", "Jensen: start med få borgere"}});
    p.publish = base + "/publish";
    return p;
  }

  static json classification() {
    return {{"summary", "Borgerne får en afgørelse ved første besøg"},
            {"service_area", "elderly_care"},
            {"kle", "27.24"},
            {"tags", {"visitation"}},
            {"licence", "cc_by_4_0"},
            {"contact_role", "project_leader"}};
  }

  static void expect_nothing_of(const Publisher& p, const std::string& body) {
    for (const auto& gone : {std::string("Mette"), std::string("Jensen"),
                             std::string("mette.kjaer"), p.person, p.unit, p.project})
      EXPECT_EQ(body.find(gone), std::string::npos) << gone << " reached another tenant";
  }

  static bool lists(const json& items, const std::string& id) {
    for (const auto& i : items)
      if (i["id"] == id) return true;
    return false;
  }
};

TEST_F(BankHttpTest, PublishFindAndReadAcrossTenants) {
  auto p = publisher("banka");
  // Without the decide right: refused, nothing stored.
  auto member = member_of(p.a.tenant);
  EXPECT_EQ(member.send_json("POST", p.publish, classification()).status, 403);
  EXPECT_EQ(member.send_json("DELETE", p.publish, json::object()).status, 403);
  // The preview shows the copy and stores nothing.
  auto body = classification();
  body["preview"] = true;
  auto preview = p.a.admin.send_json("POST", p.publish, body);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.json()["preview"], true);
  EXPECT_EQ(preview.json()["snapshot"]["title"], "Hurtigere visitationen hos [person]");
  expect_nothing_of(p, preview.body);
  EXPECT_EQ(p.a.admin.get(p.publish).status, 404);
  // Bad classification: 422 naming the field.
  auto bad = classification();
  bad["kle"] = "27-24";
  bad["contact_role"] = "Mette Kjær Jensen";
  expect_refused_input(p.a.admin.send_json("POST", p.publish, bad), {"kle", "contact_role"});

  auto published = p.a.admin.send_json("POST", p.publish, classification());
  ASSERT_EQ(published.status, 200) << published.body;
  auto entry = published.json();
  std::string id = entry["id"];
  EXPECT_EQ(entry["version"], 1);
  EXPECT_EQ(entry["status"], "published");
  EXPECT_EQ(entry["figures"]["handovers"]["before"], 2);
  EXPECT_EQ(entry["figures"]["handovers"]["after"], 0);
  EXPECT_EQ(entry["used_by"], 0);
  // The decision is in the project's log.
  auto decisions = p.a.admin.get("/api/v1/projects/" + p.project + "/decisions").json();
  ASSERT_EQ(decisions["items"].size(), 1U);
  EXPECT_EQ(decisions["items"][0]["links"][0], "/bank/" + id);

  // Another municipality finds it by other inflections and reads it without the people.
  auto b = new_tenant_admin("bankb");
  for (const auto* q : {"borger", "visitation", "Borger%20visitation"}) {
    auto found = b.admin.get(std::string("/api/v1/bank?q=") + q);
    ASSERT_EQ(found.status, 200) << found.body;
    auto items = found.json()["items"];
    EXPECT_TRUE(lists(items, id)) << q;
  }
  auto filtered =
      b.admin.get("/api/v1/bank?q=borger&area=elderly_care&kle=27&effect=fewer_handovers");
  ASSERT_EQ(filtered.status, 200) << filtered.body;
  auto filtered_items = filtered.json()["items"];
  EXPECT_TRUE(lists(filtered_items, id));
  auto other_area = b.admin.get("/api/v1/bank?q=borger&area=schools").json()["items"];
  EXPECT_FALSE(lists(other_area, id));
  auto read = b.admin.get("/api/v1/bank/" + id);
  ASSERT_EQ(read.status, 200) << read.body;
  expect_nothing_of(p, read.body);
  EXPECT_EQ(read.json()["publisher"].get<std::string>().empty(), false);
  EXPECT_EQ(b.admin.get("/api/v1/bank?effect=cheaper").status, 422);
  EXPECT_EQ(b.admin.get("/api/v1/bank?cursor=abc").status, 422);

  // B may not publish A's project: it does not exist for B.
  EXPECT_EQ(b.admin.send_json("POST", p.publish, classification()).status, 404);

  // A republish is version 2; version 1 stays readable.
  auto again = classification();
  again["summary"] = "Anden udgave for borgerne";
  ASSERT_EQ(p.a.admin.send_json("POST", p.publish, again).status, 200);
  auto v2 = b.admin.get("/api/v1/bank/" + id).json();
  EXPECT_EQ(v2["version"], 2);
  EXPECT_EQ(v2["versions"].size(), 2U);
  auto v1 = b.admin.get("/api/v1/bank/" + id + "?version=1");
  ASSERT_EQ(v1.status, 200);
  EXPECT_EQ(v1.json()["snapshot"]["summary"], "Borgerne får en afgørelse ved første besøg");
  EXPECT_EQ(b.admin.get("/api/v1/bank/" + id + "?version=9").status, 404);

  // Unpublished: gone for B, kept for A.
  auto gone = p.a.admin.send_delete(p.publish);
  ASSERT_EQ(gone.status, 200) << gone.body;
  EXPECT_EQ(gone.json()["status"], "unpublished");
  EXPECT_EQ(b.admin.get("/api/v1/bank/" + id).status, 404);
  auto after = b.admin.get("/api/v1/bank?q=borger").json()["items"];
  EXPECT_FALSE(lists(after, id));
  EXPECT_EQ(p.a.admin.get("/api/v1/bank/" + id).status, 200);
  EXPECT_EQ(b.admin.get("/api/v1/bank/01ARZ3NDEKTSV4RRFFQ69G5FAV").status, 404);
}

TEST_F(BankHttpTest, PagesPreviewPublishSearchAndRead) {
  auto p = publisher("bankp");
  std::string page = "/projects/" + p.project + "/bank";
  auto shown = p.a.admin.get(page);
  ASSERT_EQ(shown.status, 200);
  std::map<std::string, std::string> form = {{"_csrf", p.a.admin.csrf()},
                                             {"summary", "Borgerne får svar ved første besøg"},
                                             {"service_area", "elderly_care"},
                                             {"kle", "27.24"},
                                             {"tags", "visitation, hjemmepleje"},
                                             {"licence", "cc0"},
                                             {"contact_role", "project_leader"},
                                             {"language", "da"},
                                             {"step", "preview"}};
  // The preview shows the copy, with the publish button, and stores nothing.
  auto preview = p.a.admin.post_form(page, form);
  ASSERT_EQ(preview.status, 200) << preview.body;
  expect_body_has(preview, {"Hurtigere visitationen hos [person]",
                            "name=\"step\" value=\"publish\"", "[person] laver skabelonen"});
  // The page is the publisher's own (its tabs name the project); the preview is not.
  auto from = preview.body.find("bank-preview-heading");
  ASSERT_NE(from, std::string::npos);
  auto copy = preview.body.substr(from, preview.body.find("</section>", from) - from);
  EXPECT_EQ(copy.find("Mette"), std::string::npos) << copy;
  EXPECT_NE(copy.find("Borgerne får svar"), std::string::npos);
  EXPECT_EQ(p.a.admin.get(p.publish).status, 404);
  // A refused form keeps what was typed.
  auto bad = form;
  bad["kle"] = "27-24";
  expect_refused_input(p.a.admin.post_form(page, bad), {"27-24", "bank-kle-error"});
  // Without the decide right: 403 on the form.
  auto member = member_of(p.a.tenant);
  auto refused = form;
  refused["_csrf"] = member.csrf();
  expect_forbidden_form(member, page, refused);

  form["step"] = "publish";
  auto published = p.a.admin.post_form(page, form);
  ASSERT_EQ(published.status, 303) << published.body;
  std::string entry = published.header("location");
  ASSERT_EQ(entry.rfind("/bank/", 0), 0U) << entry;

  auto b = new_tenant_admin("bankpb");
  auto found = b.admin.get("/bank?q=borger&area=elderly_care");
  ASSERT_EQ(found.status, 200);
  expect_body_has(found, {entry, "Hurtigere visitationen hos [person]"});
  auto read = b.admin.get(entry);
  ASSERT_EQ(read.status, 200);
  expect_body_has(read,
                  {"Borgerne får svar ved første besøg", "CC0", "Projektleder", "redesign.bpmn"});
  EXPECT_EQ(read.body.find("Mette"), std::string::npos);
  auto file = b.admin.get(entry + "/maps/redesign.bpmn?version=1");
  ASSERT_EQ(file.status, 200);
  EXPECT_NE(file.body.find("Visitation ved første besøg"), std::string::npos);
  EXPECT_EQ(file.body.find("unitId"), std::string::npos);
  EXPECT_EQ(b.admin.get(entry + "/maps/other.bpmn").status, 404);

  // The overview's card links to the page; unpublish from the page.
  expect_body_has(p.a.admin.get("/projects/" + p.project), {page});
  auto gone = p.a.admin.post_form(page + "/unpublish", {{"_csrf", p.a.admin.csrf()}});
  EXPECT_EQ(gone.status, 303);
  EXPECT_EQ(b.admin.get(entry).status, 404);
}

TEST_F(BankHttpTest, TypedOperatorsAnswer200) {
  auto c = new_tenant_admin("bankq").admin;
  for (const auto* q : {"%22foo%20AND%20(%20NEAR*", "%27%3B%20DROP%20TABLE%20bank_entries%3B--",
                        "a%3Ab%20%5Ec%20-d%20%2Be%20%7Bf%7D%20!h%20%26%20%7C%20%3C-%3E%20%3A*",
                        "%22", "*", "NOT", "%5C"}) {
    auto r = c.get(std::string("/api/v1/bank?q=") + q);
    EXPECT_EQ(r.status, 200) << q << " " << r.body;
    EXPECT_TRUE(r.json()["items"].is_array());
  }
}

TEST_F(BankHttpTest, NeedsALogin) { EXPECT_EQ(client().get("/api/v1/bank").status, 401); }

}  // namespace
}  // namespace testing_http

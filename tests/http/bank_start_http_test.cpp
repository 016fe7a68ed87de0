// Starting a project from a workflow-bank entry over HTTP, on both databases (issue 18,
// point 3): a municipality publishes a redesign with people in roles, an action owner, a KPI
// owner and lanes named and tied to its units; another municipality starts a project from it
// (its lanes mapped to its own units) and its rows, read from the database, hold nothing of
// the publisher's people, tenant or units. Unknown and unpublished entries are 404, a foreign
// unit and a bad map_as 422 naming the field, an umbrella organisation 403; "used by" counts
// tenants and the entry shows only consented headlines.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "db/database.hpp"
#include "db/query.hpp"
#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

struct Publisher {
  TestServer::Tenant tenant;
  Client admin;
  std::string tenant_id;
  std::string project;
  std::string entry;
  std::vector<std::string> secrets;  // what must never reach another tenant
};

std::string a_map(const std::string& visitation, const std::string& nursing,
                  const std::string& person) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
         "xmlns:fremdrift=\"http://fremdrift.dk/schema/bpmn/1.0\" id=\"Defs_" +
         visitation +
         "\" targetNamespace=\"http://bpmn.io/schema/bpmn\">\n"
         "  <bpmn:process id=\"P\">\n"
         "    <bpmn:laneSet id=\"LS\">\n"
         "      <bpmn:lane id=\"Lane_" +
         visitation + "\" name=\"Visitationen\" fremdrift:unitId=\"" + visitation +
         "\"><bpmn:flowNodeRef>S</bpmn:flowNodeRef><bpmn:flowNodeRef>T_" + visitation +
         "</bpmn:flowNodeRef></bpmn:lane>\n"
         "      <bpmn:lane id=\"Lane_" +
         nursing + "\" name=\"Sygeplejen\" fremdrift:unitId=\"" + nursing +
         "\"><bpmn:flowNodeRef>T2</bpmn:flowNodeRef><bpmn:flowNodeRef>E</bpmn:flowNodeRef>"
         "</bpmn:lane>\n"
         "    </bpmn:laneSet>\n"
         "    <bpmn:startEvent id=\"S\" />\n"
         "    <bpmn:task id=\"T_" +
         visitation +
         "\" name=\"Bevilger hjælpemidlet\" fremdrift:durationMinutes=\"30\">"
         "<bpmn:documentation>Spørg " +
         person +
         "</bpmn:documentation></bpmn:task>\n"
         "    <bpmn:task id=\"T2\" name=\"Leverer\" fremdrift:beforeGoLive=\"Aftal med depotet\" "
         "/>\n" +
         bpmn_ending({"T_" + visitation, "T2"});
}

class BankStartTest : public HttpTest {
 protected:
  static std::string tenant_of(Client& c) { return c.get("/api/v1/me").json()["tenant"]["id"]; }

  // Tenant A's project with people in roles and as owners, named lanes tied to its units,
  // published to the bank.
  Publisher publisher(const std::string& prefix) {
    auto [t, admin] = new_tenant_admin(prefix);
    Publisher p{t, admin, tenant_of(admin), "", "", {}};
    auto visitation = new_unit(p.admin, "Visitationen");
    auto nursing = new_unit(p.admin, "Sygeplejen");
    auto mette = new_person(p.admin, "Mette Kjær Jensen",
                            {{"unit_id", visitation}, {"email", "mette.kjaer@" + prefix + ".dk"}});
    auto jonas = new_person(p.admin, "Jonas Brandt Holm", {{"unit_id", nursing}});
    p.project = new_project(p.admin, "Hjælpemidler ved udskrivelse", "ffb",
                            {{"unit_ids", {visitation, nursing}}});
    const std::string base = "/api/v1/projects/" + p.project;
    for (const auto& [person, role] : std::vector<std::pair<std::string, std::string>>{
             {mette, "owner"}, {jonas, "project_group"}})
      EXPECT_EQ(p.admin.send_json("POST", base + "/roles", {{"person_id", person}, {"role", role}})
                    .status,
                201);
    auto xml = a_map(visitation, nursing, "Mette Kjær Jensen");
    created_id(p.admin, base + "/maps", {{"kind", "as_is"}, {"title", "I dag"}, {"bpmn", xml}});
    created_id(p.admin, base + "/maps",
               {{"kind", "redesign"}, {"title", "Ny arbejdsgang"}, {"bpmn", xml}});
    created_id(p.admin, base + "/kpis",
               {{"name", "Ventedage"},
                {"definition", "Dage fra udskrivelse til levering"},
                {"unit", "dage"},
                {"direction", "lower"},
                {"owner_id", mette}});
    created_id(p.admin, base + "/actions",
               {{"task", "Ny aftale med depotet"},
                {"effect", "Færre ventedage"},
                {"how", "Et møde"},
                {"responsible_id", jonas}});
    auto r = p.admin.send_json("POST", base + "/publish",
                               {{"summary", "Hjælpemidlet er der, når borgeren kommer hjem"},
                                {"service_area", "elderly_care"},
                                {"licence", "cc_by_4_0"},
                                {"contact_role", "project_leader"},
                                {"language", "da"}});
    EXPECT_EQ(r.status, 200) << r.body;
    p.entry = r.json().value("id", "");
    std::string admin_person = p.admin.get("/api/v1/me").json()["person_id"];
    std::string admin_name = p.admin.get("/api/v1/me").json()["name"];
    p.secrets = {p.tenant_id, visitation,     nursing,       mette,
                 jonas,       admin_person,   "Mette Kjær",  "Jonas Brandt",
                 admin_name,  "mette.kjaer@", t.admin_email, t.member_email};
    return p;
  }

  static std::string start_path(const std::string& entry) {
    return "/api/v1/bank/" + entry + "/start-project";
  }
};

// Every text and number of the tenant's rows in `table`, one string.
std::string rows_text(soci::session& sql, const std::string& table, const std::string& tenant) {
  auto rows = db::query(sql, "SELECT * FROM " + table + " WHERE tenant_id = :tenant_id",
                        {{"tenant_id", tenant}});
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows.width(); ++c) {
      const auto& cell = rows.at(r, c);
      if (cell.kind == db::Cell::Kind::kText) out += std::string(rows.text_of(cell)) + "\n";
    }
  }
  return out;
}

TEST_F(BankStartTest, NothingOfThePublisherReachesTheAdoptersRows) {
  auto a = publisher("bs-leak-a");
  ASSERT_FALSE(a.entry.empty());
  auto [tb, b] = new_tenant_admin("bs-leak-b");
  auto mine = new_unit(b, "Hjælpemiddelteamet");
  auto r = b.send_json("POST", start_path(a.entry),
                       {{"lanes", {{"Visitationen", mine}}}, {"map_as", "redesign"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto project = r.json();
  EXPECT_EQ(project["title"], "Hjælpemidler ved udskrivelse");
  EXPECT_EQ(project["template"], "ffb");
  EXPECT_EQ(project["unit_ids"], json::array({mine}));
  const std::string base = "/api/v1/projects/" + project["id"].get<std::string>();

  // The maps: an initial as-is and the entry's redesign with its lane tied to my unit.
  auto maps = b.get(base + "/maps").json()["items"];
  ASSERT_EQ(maps.size(), 2u);
  EXPECT_EQ(maps[0]["kind"], "as_is");
  EXPECT_EQ(maps[1]["kind"], "redesign");
  auto xml = b.get("/api/v1/maps/" + maps[1]["id"].get<std::string>() + "/bpmn").body;
  EXPECT_NE(xml.find("name=\"Hjælpemiddelteamet\" fremdrift:unitId=\"" + mine + "\""),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("name=\"Sygeplejen\""), std::string::npos);  // unmapped: its name
  // The KPI's definition without owner or values; the tasks as suggestions, not rows.
  auto kpis = b.get(base + "/kpis").json()["items"];
  ASSERT_EQ(kpis.size(), 1u);
  EXPECT_EQ(kpis[0]["name"], "Ventedage");
  EXPECT_TRUE(kpis[0]["owner_id"].is_null());
  EXPECT_TRUE(kpis[0]["last"].is_null());
  EXPECT_EQ(b.get(base + "/actions").json()["items"].size(), 0u);
  auto suggestions = b.get(base + "/action-suggestions").json()["items"];
  std::vector<std::string> notes;
  for (const auto& s : suggestions) notes.push_back(s["note"]);
  EXPECT_NE(std::find(notes.begin(), notes.end(), "Ny aftale med depotet"), notes.end());

  // B's rows, read from the database, hold nothing of A.
  db::Database database(server().db_url(), 1);
  auto sql = database.lease();
  const std::string b_tenant = tenant_of(b);
  std::string all;
  for (const char* table : {"projects", "project_units", "checklist_items", "decisions",
                            "project_roles", "project_methods", "maps", "map_versions", "map_ideas",
                            "kpis", "kpi_measurements", "actions", "audit_log", "bank_adoptions"})
    all += rows_text(*sql, table, b_tenant);
  ASSERT_NE(all.find("Hjælpemiddelteamet"), std::string::npos);  // the rows were read
  for (const auto& secret : a.secrets)
    EXPECT_EQ(all.find(secret), std::string::npos) << "A's " << secret << " reached B";
}

TEST_F(BankStartTest, AsIsByDefaultForAMemberAndRefusalsNameTheField) {
  auto a = publisher("bs-refuse-a");
  auto tb = server().create_tenant("bs-refuse-b");
  auto b_admin = admin_of(tb);
  auto mine = new_unit(b_admin, "Hjemmeplejen");
  auto b = member_of(tb);
  // Another tenant's unit, a lane the entry has not, a bad map_as: 422 naming each.
  auto r = b.send_json("POST", start_path(a.entry),
                       {{"lanes", {{"Visitationen", new_unit(a.admin, "Kantinen")}}}});
  expect_refused_input(r, {"lanes.Visitationen"});
  expect_refused_input(b.send_json("POST", start_path(a.entry), {{"map_as", "both"}}), {"map_as"});
  expect_refused_input(b.send_json("POST", start_path(a.entry), {{"lanes", {{"Kantinen", mine}}}}),
                       {"lanes.Kantinen"});
  EXPECT_EQ(b.get("/api/v1/projects").json()["items"].size(), 0u);  // nothing made
  // Unknown entries are 404, before anything else is looked at.
  EXPECT_EQ(b.send_json("POST", start_path("no-such-entry"), {{"map_as", "both"}}).status, 404);

  auto ok = b.send_json("POST", start_path(a.entry),
                        {{"title", "Vores hjælpemidler"}, {"lanes", {{"Sygeplejen", mine}}}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["title"], "Vores hjælpemidler");
  auto maps =
      b.get("/api/v1/projects/" + ok.json()["id"].get<std::string>() + "/maps").json()["items"];
  ASSERT_EQ(maps.size(), 1u);  // the entry's redesign as the as-is map to adapt
  EXPECT_EQ(maps[0]["kind"], "as_is");
  // The tasks ride on the map: offered once the adopter draws its redesign from it.
  const std::string base = "/api/v1/projects/" + ok.json()["id"].get<std::string>();
  EXPECT_EQ(b.get(base + "/action-suggestions").json()["items"].size(), 0u);
  created_id(b, base + "/maps", {{"kind", "redesign"}, {"title", "Vores nye arbejdsgang"}});
  auto offered = b.get(base + "/action-suggestions").json()["items"];
  std::vector<std::string> notes;
  for (const auto& o : offered) notes.push_back(o["note"]);
  EXPECT_NE(std::find(notes.begin(), notes.end(), "Ny aftale med depotet"), notes.end());
}

TEST_F(BankStartTest, UmbrellaIsForbiddenAndUnpublishedIsNotFound) {
  auto a = publisher("bs-unpub-a");
  auto [tu, umbrella] = new_tenant_admin("bs-unpub-u", "umbrella");
  EXPECT_EQ(umbrella.send_json("POST", start_path(a.entry), json::object()).status, 403);
  EXPECT_EQ(umbrella.get("/bank/" + a.entry + "/start").status, 403);

  auto [tb, b] = new_tenant_admin("bs-unpub-b");
  auto before = b.send_json("POST", start_path(a.entry), json::object());
  ASSERT_EQ(before.status, 201) << before.body;
  auto r = a.admin.send_delete("/api/v1/projects/" + a.project + "/publish");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(b.send_json("POST", start_path(a.entry), json::object()).status, 404);
  EXPECT_EQ(b.get("/bank/" + a.entry + "/start").status, 404);
  // What B copied before stays B's.
  EXPECT_EQ(b.get("/api/v1/projects/" + before.json()["id"].get<std::string>()).status, 200);
}

TEST_F(BankStartTest, UsedByCountsTenantsAndShowsConsentedHeadlinesOnly) {
  auto a = publisher("bs-used-a");
  auto [tb, b] = new_tenant_admin("bs-used-b");
  auto [tc, c] = new_tenant_admin("bs-used-c");
  for (int i = 0; i < 2; ++i)  // two projects of one tenant count once
    ASSERT_EQ(b.send_json("POST", start_path(a.entry),
                          {{"title", "B " + std::to_string(i)}, {"consent", i == 0}})
                  .status,
              201);
  ASSERT_EQ(c.send_json("POST", start_path(a.entry), {{"title", "C's secret"}}).status, 201);
  auto shown = c.get("/api/v1/bank/" + a.entry).json();
  EXPECT_EQ(shown["used_by"], 2);
  ASSERT_EQ(shown["started_projects"].size(), 1u);
  EXPECT_EQ(shown["started_projects"][0]["title"], "B 0");
  EXPECT_EQ(shown["started_projects"][0]["municipality"],
            b.get("/api/v1/me").json()["tenant"]["name"]);
  auto page = c.get("/bank/" + a.entry);
  EXPECT_EQ(page.status, 200);
  expect_body_has(page, {"B 0", "/bank/" + a.entry + "/start"});
  EXPECT_EQ(page.body.find("C&#39;s secret"), std::string::npos);
  EXPECT_EQ(page.body.find("B 1"), std::string::npos);
}

TEST_F(BankStartTest, TheFormMapsLanesKeepsWhatWasTypedAndLandsOnTheProject) {
  auto a = publisher("bs-form-a");
  auto [tb, b] = new_tenant_admin("bs-form-b");
  auto mine = new_unit(b, "Hjælpemiddelteamet");
  const std::string path = "/bank/" + a.entry + "/start";
  for (const auto& [lang, title] :
       std::vector<std::pair<std::string, std::string>>{{"sv", "Starta ett projekt härifrån"},
                                                        {"en", "Start a project from here"},
                                                        {"da", "Start et projekt herfra"}}) {
    b.post_form("/lang", {{"_csrf", b.csrf()}, {"lang", lang}, {"next", path}});
    auto r = b.get(path);
    EXPECT_EQ(r.status, 200);
    expect_body_has(r, {"<html lang=\"" + lang + "\">", title});
  }
  auto form = b.get(path);
  expect_body_has(form, {"Start et projekt herfra", "Visitationen", "Sygeplejen",
                         "Hjælpemiddelteamet", "name=\"lane_0\"", "name=\"consent\""});
  auto csrf = form_csrf(form.body);
  auto refused = b.post_form(path, {{"_csrf", csrf},
                                    {"title", std::string(201, 'x')},
                                    {"map_as", "redesign"},
                                    {"lane_0", mine}});
  expect_refused_input(refused, {"error-summary", "href=\"#start-title\"", "aria-invalid"});
  EXPECT_NE(refused.body.find("value=\"" + mine + "\" selected"), std::string::npos);
  auto done = b.post_form(path, {{"_csrf", csrf},
                                 {"title", "Fra banken"},
                                 {"map_as", "redesign"},
                                 {"lane_0", mine},
                                 {"consent", "1"}});
  ASSERT_EQ(done.status, 303) << done.body;
  auto projects = b.get("/api/v1/projects").json()["items"];
  ASSERT_EQ(projects.size(), 1u);
  EXPECT_EQ(done.header("location"), "/projects/" + projects[0]["id"].get<std::string>());
  EXPECT_EQ(projects[0]["title"], "Fra banken");
}

}  // namespace
}  // namespace testing_http

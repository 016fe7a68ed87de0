// The stakeholder analysis over HTTP, on both databases: every API route (the resource, the
// suggested groups, the CSV and XLSX exports), bad input naming the field with nothing
// stored, another tenant's 404s, the rights of a project member without the edit right, and
// the pages (the grid, the forms keeping what was typed, the suggested groups, one
// stakeholder's page with its 409, the overview's card).
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class StakeholdersTest : public ProjectToolTest {
 protected:
  StakeholdersTest() : ProjectToolTest("stakeholders") {}
};

TEST_F(StakeholdersTest, EveryApiRouteOfTheResource) {
  auto s = setup("sh-api");
  auto lene = new_person(s.admin, "Lene Holm");
  auto camilla = new_person(s.admin, "Camilla Skov");
  auto unit = new_unit(s.admin, "Hjemmeplejen");
  auto made = s.admin.send_json("POST", s.collection,
                                {{"person_id", lene},
                                 {"influence", 5},
                                 {"interest", 4},
                                 {"involvement", "Beslutter i styregruppen"},
                                 {"involved_by_id", camilla},
                                 {"next_contact", "2020-01-06"}});
  ASSERT_EQ(made.status, 201) << made.body;
  auto p = made.json();
  EXPECT_EQ(made.header("location"), item(p));
  EXPECT_EQ(p["label"], "Lene Holm");
  EXPECT_EQ(p["person_name"], "Lene Holm");
  EXPECT_EQ(p["involved_by_name"], "Camilla Skov");
  EXPECT_EQ(p["quadrant"], "manage_closely");
  EXPECT_EQ(p["side"], "internal");
  EXPECT_EQ(p["group"], "other");
  EXPECT_EQ(p["contact_overdue"], true);  // 2020 is long gone
  EXPECT_TRUE(p["name"].is_null());
  auto u = s.admin.send_json("POST", s.collection, {{"unit_id", unit}, {"interest", 5}}).json();
  EXPECT_EQ(u["unit_name"], "Hjemmeplejen");
  EXPECT_EQ(u["quadrant"], "keep_informed");
  auto n = s.admin
               .send_json("POST", s.collection,
                          {{"name", "Frivilligcentret"},
                           {"group", "volunteer_associations"},
                           {"influence", 1},
                           {"interest", 2}})
               .json();
  EXPECT_EQ(n["quadrant"], "monitor");
  EXPECT_EQ(n["side"], "external");
  EXPECT_EQ(n["influence"], 1);

  // The list pages by id; one item reads alone.
  auto first = s.admin.get(s.collection + "?limit=2").json();
  ASSERT_EQ(first["items"].size(), 2u);
  auto rest =
      s.admin.get(s.collection + "?cursor=" + first["next_cursor"].get<std::string>()).json();
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_EQ(rest["items"][0]["id"], n["id"]);
  EXPECT_EQ(s.admin.get(item(u)).json()["unit_id"], unit);

  // PATCH moves it on the grid; a stale version is 409 with what is stored.
  auto moved =
      s.admin.send_json("PATCH", item(n), {{"influence", 4}, {"interest", 5}, {"version", 1}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["quadrant"], "manage_closely");
  EXPECT_EQ(moved.json()["group"], "volunteer_associations");  // not named: kept
  EXPECT_EQ(moved.json()["version"], 2);
  EXPECT_EQ(stale_patch(s.admin, item(n), {{"influence", 1}, {"version", 1}})["influence"], 4);
  // From a free name to a person in one change.
  auto person =
      s.admin.send_json("PATCH", item(n), {{"person_id", lene}, {"name", nullptr}, {"version", 2}});
  ASSERT_EQ(person.status, 200) << person.body;
  EXPECT_EQ(person.json()["label"], "Lene Holm");

  // DELETE, then it is gone; the audit log has the stakeholder's life.
  auto gone = s.admin.send_delete(item(u));
  EXPECT_EQ(gone.status, 204);
  EXPECT_EQ(s.admin.get(item(u)).status, 404);
  EXPECT_EQ(s.admin.get(s.collection).json()["items"].size(), 2u);
  auto audit = s.admin.get("/api/v1/audit?entity=stakeholder").json()["items"];
  EXPECT_GE(audit.size(), 5u);
}

TEST_F(StakeholdersTest, SuggestedGroupsAndExports) {
  auto s = setup("sh-suggest");
  std::string suggestions = "/api/v1/projects/" + s.project + "/stakeholder-suggestions";
  auto all = s.admin.get(suggestions).json()["items"];
  ASSERT_EQ(all.size(), 12u);
  EXPECT_EQ(all[0],
            (json{{"group", "economy_data"}, {"side", "internal"}, {"name", "Økonomi og data"}}));
  EXPECT_EQ(all[11]["group"], "consultants");
  EXPECT_EQ(all[11]["side"], "external");
  // Each suggestion goes in with a POST of its own; it is suggested no more.
  for (const auto& g : {all[4], all[10]})
    ASSERT_EQ(s.admin.send_json("POST", s.collection, {{"name", g["name"]}, {"group", g["group"]}})
                  .status,
              201);
  auto left = s.admin.get(suggestions).json()["items"];
  EXPECT_EQ(left.size(), 10u);
  for (const auto& g : left) {
    EXPECT_NE(g["group"], "legal");
    EXPECT_NE(g["group"], "citizens_relatives");
  }
  s.admin.cookies()["fremdrift_lang"] = "sv";
  EXPECT_EQ(s.admin.get(suggestions).json()["items"][0]["name"], "Ekonomi och data");
  s.admin.cookies()["fremdrift_lang"] = "en";
  auto csv = s.admin.get(s.collection + ".csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.header("content-disposition").find("stakeholder-analysis-" + s.project),
            std::string::npos);
  expect_body_has(csv, {"Stakeholder;Internal/external;Group;Influence;Interest;Quadrant",
                        "Borgere og pårørende;External;Citizens and relatives;3;3;Monitor"});
  auto xlsx = s.admin.get(s.collection + ".xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_NE(xlsx.header("content-type").find("spreadsheetml"), std::string::npos);
}

TEST_F(StakeholdersTest, BadInputNamesTheFieldAndStoresNothing) {
  auto s = setup("sh-bad");
  auto other = new_tenant_admin("sh-bad-other");
  auto stranger = new_person(other.admin, "Fremmed");
  auto their_unit = new_unit(other.admin, "Fremmed enhed");
  auto refused = [&](const json& body, const std::string& field) {
    auto r = s.admin.send_json("POST", s.collection, body);
    EXPECT_EQ(r.status, 422) << body.dump() << " " << r.body;
    EXPECT_TRUE(r.json()["error"]["fields"].contains(field)) << body.dump() << " " << r.body;
  };
  for (const json& bad : {json("3.5"), json(3.5), json("x"), json(0), json(6), json(nullptr)}) {
    if (bad.is_null()) continue;  // null leaves the default
    refused({{"name", "N"}, {"influence", bad}}, "influence");
    refused({{"name", "N"}, {"interest", bad}}, "interest");
  }
  refused(json::object(), "name");
  refused({{"name", "N"}, {"person_id", new_person(s.admin, "Egen")}}, "person_id");
  refused({{"person_id", stranger}}, "person_id");
  refused({{"unit_id", their_unit}}, "unit_id");
  refused({{"name", "N"}, {"involved_by_id", stranger}}, "involved_by_id");
  refused({{"name", "N"}, {"group", "friends"}}, "group");
  refused({{"name", "N"}, {"next_contact", "2026-02-30"}}, "next_contact");
  EXPECT_EQ(s.admin.get(s.collection).json()["items"].size(), 0u);
  // The error names the message's key for clients in other languages.
  auto keyed = s.admin.send_json("POST", s.collection, {{"person_id", stranger}}).json();
  EXPECT_EQ(keyed["error"]["field_keys"]["person_id"], "stakeholder_err_no_person");
  EXPECT_EQ(keyed["error"]["fields"]["person_id"], "no such person in this organisation");

  // A change with bad input stores nothing either.
  auto n = s.admin.send_json("POST", s.collection, {{"name", "Jura"}, {"influence", 2}}).json();
  auto r =
      s.admin.send_json("PATCH", item(n), {{"influence", "3.5"}, {"interest", 9}, {"version", 1}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.json()["error"]["fields"].contains("influence"));
  EXPECT_TRUE(r.json()["error"]["fields"].contains("interest"));
  EXPECT_EQ(
      s.admin
          .send_json("PATCH", item(n), {{"unit_id", their_unit}, {"name", nullptr}, {"version", 1}})
          .status,
      422);
  auto stored = s.admin.get(item(n)).json();
  EXPECT_EQ(stored["influence"], 2);
  EXPECT_EQ(stored["name"], "Jura");
  EXPECT_EQ(stored["version"], 1);
}

TEST_F(StakeholdersTest, AnotherTenantFindsNothingAndAMemberWithoutTheEditRightChangesNothing) {
  auto s = setup("sh-iso");
  auto n = s.admin.send_json("POST", s.collection, {{"name", "Kun for A"}}).json();
  std::string suggestions = "/api/v1/projects/" + s.project + "/stakeholder-suggestions";
  std::string one = page_of(s) + "/" + n["id"].get<std::string>();
  auto b = new_tenant_admin("sh-iso-b");
  expect_gets(b.admin,
              {s.collection, item(n), suggestions, s.collection + ".csv", s.collection + ".xlsx",
               page_of(s), one},
              404);
  EXPECT_EQ(b.admin.send_json("POST", s.collection, {{"name", "B"}}).status, 404);
  EXPECT_EQ(b.admin.send_json("PATCH", item(n), {{"name", "B"}, {"version", 1}}).status, 404);
  EXPECT_EQ(b.admin.send_delete(item(n)).status, 404);
  const std::string csrf_b = b.admin.csrf();
  EXPECT_EQ(b.admin.post_form(page_of(s), {{"_csrf", csrf_b}, {"name", "B"}}).status, 404);
  EXPECT_EQ(b.admin.post_form(page_of(s) + "/suggested", {{"_csrf", csrf_b}, {"group_legal", "on"}})
                .status,
            404);
  EXPECT_EQ(b.admin.post_form(one + "/delete", {{"_csrf", csrf_b}}).status, 404);
  EXPECT_EQ(b.admin.post_form(one, {{"_csrf", csrf_b}, {"name", "B"}, {"version", "1"}}).status,
            404);

  // A steering-group member decides but does not edit: reads, changes nothing.
  auto member = member_of(s.tenant);
  give_project_role(s.admin, s.project, member, "steering_member");
  expect_gets(member, {s.collection, item(n), suggestions, s.collection + ".csv"}, 200);
  EXPECT_EQ(member.send_json("POST", s.collection, {{"name", "M"}}).status, 403);
  EXPECT_EQ(member.send_json("PATCH", item(n), {{"name", "M"}, {"version", 1}}).status, 403);
  EXPECT_EQ(member.send_delete(item(n)).status, 403);
  auto page = member.get(page_of(s));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("action=\"/projects/" + s.project + "/stakeholders\""),
            std::string::npos);
  const std::string csrf = member.csrf();
  expect_forbidden_form(member, page_of(s), {{"_csrf", csrf}, {"name", "M"}, {"influence", "3"}});
  EXPECT_EQ(
      member.post_form(page_of(s) + "/suggested", {{"_csrf", csrf}, {"group_legal", "on"}}).status,
      403);
  EXPECT_EQ(member.get(one).status, 200);
  EXPECT_EQ(member.post_form(one, {{"_csrf", csrf}, {"name", "M"}, {"version", "1"}}).status, 403);
  EXPECT_EQ(member.post_form(one + "/delete", {{"_csrf", csrf}}).status, 403);
  expect_only_unchanged(s.admin, s.collection, "name", "Kun for A");
}

TEST_F(StakeholdersTest, ThePagesAddMoveAndRemove) {
  auto s = setup("sh-pages");
  auto karin = new_person(s.admin, "Karin Friis");
  std::string csrf = s.admin.csrf();
  // A refused form keeps what was typed.
  auto refused = s.admin.post_form(page_of(s), {{"_csrf", csrf},
                                                {"person_id", karin},
                                                {"name", "Hjemmeplejens ledelse"},
                                                {"influence", "3.5"},
                                                {"interest", "5"},
                                                {"involvement", "Tester den fælles plan"}});
  expect_refused_input(refused,
                       {"id=\"s-influence-error\"", "id=\"s-person-error\"", "value=\"3.5\"",
                        "Tester den fælles plan</textarea>", "value=\"Hjemmeplejens ledelse\""});
  auto added = s.admin.post_form(page_of(s), {{"_csrf", csrf},
                                              {"person_id", karin},
                                              {"unit_id", ""},
                                              {"name", ""},
                                              {"group", "other"},
                                              {"influence", "4"},
                                              {"interest", "5"},
                                              {"next_contact", "2027-01-15"}});
  EXPECT_EQ(added.status, 303) << added.body;
  // The suggested groups: none ticked is refused; two ticked are added.
  auto none = s.admin.post_form(page_of(s) + "/suggested", {{"_csrf", csrf}});
  expect_refused_input(none, {"Sæt flueben ved mindst én gruppe."});
  auto ticked =
      s.admin.post_form(page_of(s) + "/suggested",
                        {{"_csrf", csrf}, {"group_legal", "on"}, {"group_consultants", "on"}});
  EXPECT_EQ(ticked.status, 303);
  EXPECT_NE(ticked.header("location").find("added=2"), std::string::npos);
  auto items = s.admin.get(s.collection).json()["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[1]["name"], "Jura");
  EXPECT_EQ(items[2]["group"], "consultants");

  // The page draws the grid with each stakeholder a link, and the forms.
  auto page = s.admin.get(page_of(s));
  ASSERT_EQ(page.status, 200);
  std::string karin_url = page_of(s) + "/" + items[0]["id"].get<std::string>();
  EXPECT_NE(page.body.find("class=\"stakeholder-grid\""), std::string::npos);
  EXPECT_NE(
      page.body.find("<a class=\"chip chip-internal\" href=\"" + karin_url + "\">Karin Friis</a>"),
      std::string::npos);
  EXPECT_NE(page.body.find("name=\"group_economy_data\""), std::string::npos);
  EXPECT_EQ(page.body.find("name=\"group_legal\""), std::string::npos);  // present already

  // One stakeholder's page moves it; a stale version shows what is stored beside the form.
  ASSERT_EQ(s.admin.get(karin_url).status, 200);
  auto moved = s.admin.post_form(karin_url, {{"_csrf", csrf},
                                             {"person_id", karin},
                                             {"influence", "2"},
                                             {"interest", "2"},
                                             {"version", "1"}});
  EXPECT_EQ(moved.status, 303) << moved.body;
  EXPECT_EQ(s.admin.get(item(items[0])).json()["quadrant"], "monitor");
  auto stale = s.admin.post_form(karin_url, {{"_csrf", csrf},
                                             {"person_id", karin},
                                             {"influence", "5"},
                                             {"interest", "1"},
                                             {"notes", "Min gamle udgave"},
                                             {"version", "1"}});
  expect_stale_form(stale, "Min gamle udgave", "Karin Friis", 2);
  EXPECT_EQ(s.admin.get(item(items[0])).json()["influence"], 2);

  // The overview's card counts the quadrants.
  auto overview = s.admin.get("/projects/" + s.project);
  expect_body_has(overview, {"id=\"stakeholders-heading\"", "Hold øje med</dt><dd>3</dd>"});

  EXPECT_EQ(s.admin.post_form(karin_url + "/delete", {{"_csrf", csrf}}).status, 303);
  EXPECT_EQ(s.admin.get(item(items[0])).status, 404);
  EXPECT_EQ(s.admin.get(page_of(s) + "/01JNOSUCHSTAKEHOLDER000000").status, 404);
}

TEST_F(StakeholdersTest, AStakeholdersPersonNoLongerActiveStaysChosenOnItsPage) {
  auto s = setup("sh-inactive");
  auto ole = new_person(s.admin, "Ole Mortensen");
  auto made = s.admin.send_json("POST", s.collection, {{"person_id", ole}}).json();
  ASSERT_EQ(s.admin.send_json("PATCH", "/api/v1/people/" + ole, {{"active", false}, {"version", 1}})
                .status,
            200);
  auto page = s.admin.get(page_of(s) + "/" + made["id"].get<std::string>());
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<option value=\"" + ole + "\" selected>Ole Mortensen</option>"),
            std::string::npos);
  // Not offered for a new stakeholder.
  EXPECT_EQ(s.admin.get(page_of(s)).body.find("Ole Mortensen</option>"), std::string::npos);
}

}  // namespace
}  // namespace testing_http

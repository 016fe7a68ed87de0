// Work packages over HTTP, on both databases: every API route of the resource, bad input
// naming the field with nothing stored (an end before the start, a dependency cycle, another
// tenant's person or unit, a package of another project), another tenant's 404s, the rights
// of a project member without the edit right, and the pages (the timeline with its table,
// the forms keeping what was typed, one package's page with its 409, the overview's card).
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class WorkPackagesTest : public ProjectToolTest {
 protected:
  WorkPackagesTest() : ProjectToolTest("work-packages") {}
};

TEST_F(WorkPackagesTest, EveryApiRouteOfTheResource) {
  auto s = setup("wp-api");
  auto lene = new_person(s.admin, "Lene Holm");
  auto niels = new_person(s.admin, "Niels Madsen");
  auto unit = new_unit(s.admin, "Jobcentret");
  auto a = created_object(s.admin, s.collection,
                          {{"title", "AP1 Kortlægning"},
                           {"goal", "Et fælles billede"},
                           {"deliverable", "Procesdiagram"},
                           {"start", "2026-01-01"},
                           {"end", "2026-06-30"},
                           {"responsible_id", lene},
                           {"participant_people", {niels}},
                           {"participant_units", {unit}},
                           {"status", "done"}});
  EXPECT_EQ(a["responsible_name"], "Lene Holm");
  EXPECT_EQ(a["participant_people"], json::array({niels}));
  EXPECT_EQ(a["participant_units"], json::array({unit}));
  EXPECT_EQ(a["late"], false);  // done is never late
  auto b = created_object(s.admin, s.collection,
                          {{"title", "AP2 Pilot"},
                           {"start", "2020-05-01"},
                           {"end", "2020-12-31"},
                           {"depends_on", {a["id"]}}});
  EXPECT_EQ(b["status"], "planned");
  EXPECT_EQ(b["late"], true);  // 2020 is long gone
  EXPECT_EQ(b["depends_on"], json::array({a["id"]}));

  auto first = s.admin.get(s.collection + "?limit=1").json();
  ASSERT_EQ(first["items"].size(), 1u);
  auto rest =
      s.admin.get(s.collection + "?cursor=" + first["next_cursor"].get<std::string>()).json();
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_EQ(s.admin.get(item(b)).json()["title"], "AP2 Pilot");

  auto moved = s.admin.send_json(
      "PATCH", item(b), {{"end", "2030-01-31"}, {"status", "in_progress"}, {"version", 1}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["late"], false);
  EXPECT_EQ(moved.json()["depends_on"], json::array({a["id"]}));  // not named: kept
  EXPECT_EQ(stale_patch(s.admin, item(b), {{"title", "Gammel"}, {"version", 1}})["title"],
            "AP2 Pilot");

  // Removing a package others depend on takes it out of their dependencies.
  auto gone = s.admin.send_delete(item(a));
  EXPECT_EQ(gone.status, 204);
  EXPECT_EQ(s.admin.get(item(a)).status, 404);
  EXPECT_EQ(s.admin.get(item(b)).json()["depends_on"], json::array());
  EXPECT_GE(s.admin.get("/api/v1/audit?entity=work_package").json()["items"].size(), 4u);
}

TEST_F(WorkPackagesTest, BadInputNamesTheFieldAndStoresNothing) {
  auto s = setup("wp-bad");
  auto other = new_tenant_admin("wp-bad-other");
  auto stranger = new_person(other.admin, "Fremmed");
  auto their_unit = new_unit(other.admin, "Fremmed enhed");
  std::string elsewhere = new_project(s.admin, "Et andet projekt");
  auto foreign = created_object(
      s.admin, "/api/v1/projects/" + elsewhere + "/work-packages",
      {{"title", "Andet projekts pakke"}, {"start", "2026-01-01"}, {"end", "2026-02-01"}});
  auto refused = [&](const json& body, const std::string& field) {
    auto r = s.admin.send_json("POST", s.collection, body);
    EXPECT_EQ(r.status, 422) << body.dump() << " " << r.body;
    EXPECT_TRUE(r.json()["error"]["fields"].contains(field)) << body.dump() << " " << r.body;
  };
  const json ok = {{"title", "AP"}, {"start", "2026-03-01"}, {"end", "2026-04-30"}};
  auto with = [&](const char* key, const json& v) {
    json b = ok;
    b[key] = v;
    return b;
  };
  refused(with("end", "2026-02-28"), "end");
  refused(with("start", "2026-02-30"), "start");
  refused(with("title", ""), "title");
  refused(with("status", "halfway"), "status");
  refused(with("responsible_id", stranger), "responsible_id");
  refused(with("participant_people", json::array({stranger})), "participant_people");
  refused(with("participant_units", json::array({their_unit})), "participant_units");
  refused(with("depends_on", json::array({foreign["id"]})), "depends_on");
  refused(with("depends_on", json::array({"01JNOSUCHPACKAGE0000000000"})), "depends_on");
  EXPECT_EQ(s.admin.get(s.collection).json()["items"].size(), 0u);

  // A cycle: a → b → c, then a depending on c closes the ring.
  auto a = created_object(s.admin, s.collection, ok);
  auto b = created_object(s.admin, s.collection, with("depends_on", json::array({a["id"]})));
  auto c = created_object(s.admin, s.collection, with("depends_on", json::array({b["id"]})));
  auto ring = s.admin.send_json("PATCH", item(a), {{"depends_on", {c["id"]}}, {"version", 1}});
  EXPECT_EQ(ring.status, 422) << ring.body;
  EXPECT_EQ(ring.json()["error"]["field_keys"]["depends_on"], "wp_err_cycle");
  auto self = s.admin.send_json("PATCH", item(a), {{"depends_on", {a["id"]}}, {"version", 1}});
  EXPECT_EQ(self.status, 422);
  EXPECT_EQ(s.admin.send_json("PATCH", item(a), {{"end", "2026-01-01"}, {"version", 1}}).status,
            422);
  auto stored = s.admin.get(item(a)).json();
  EXPECT_EQ(stored["depends_on"], json::array());
  EXPECT_EQ(stored["end"], "2026-04-30");
  EXPECT_EQ(stored["version"], 1);
}

TEST_F(WorkPackagesTest, AnotherTenantFindsNothingAndAMemberWithoutTheEditRightChangesNothing) {
  auto s = setup("wp-iso");
  auto wp =
      created_object(s.admin, s.collection,
                     {{"title", "Kun for A"}, {"start", "2026-01-01"}, {"end", "2026-03-31"}});
  std::string one = page_of(s) + "/" + wp["id"].get<std::string>();
  auto b = new_tenant_admin("wp-iso-b");
  expect_gets(b.admin, {s.collection, item(wp), page_of(s), one}, 404);
  EXPECT_EQ(b.admin
                .send_json("POST", s.collection,
                           {{"title", "B"}, {"start", "2026-01-01"}, {"end", "2026-01-02"}})
                .status,
            404);
  EXPECT_EQ(b.admin.send_json("PATCH", item(wp), {{"title", "B"}, {"version", 1}}).status, 404);
  EXPECT_EQ(b.admin.send_delete(item(wp)).status, 404);
  const std::string csrf_b = b.admin.csrf();
  EXPECT_EQ(b.admin.post_form(page_of(s), {{"_csrf", csrf_b}, {"title", "B"}}).status, 404);
  EXPECT_EQ(b.admin.post_form(one, {{"_csrf", csrf_b}, {"title", "B"}}).status, 404);
  EXPECT_EQ(b.admin.post_form(one + "/delete", {{"_csrf", csrf_b}}).status, 404);

  auto member = member_of(s.tenant);
  give_project_role(s.admin, s.project, member, "steering_member");
  expect_gets(member, {s.collection, item(wp)}, 200);
  EXPECT_EQ(member
                .send_json("POST", s.collection,
                           {{"title", "M"}, {"start", "2026-01-01"}, {"end", "2026-01-02"}})
                .status,
            403);
  EXPECT_EQ(member.send_json("PATCH", item(wp), {{"title", "M"}, {"version", 1}}).status, 403);
  EXPECT_EQ(member.send_delete(item(wp)).status, 403);
  auto page = member.get(page_of(s));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("action=\"" + page_of(s) + "\""), std::string::npos);
  const std::string csrf = member.csrf();
  expect_forbidden_form(
      member, page_of(s),
      {{"_csrf", csrf}, {"title", "M"}, {"start", "2026-01-01"}, {"end", "2026-01-02"}});
  EXPECT_EQ(member.get(one).status, 200);
  EXPECT_EQ(member.post_form(one, {{"_csrf", csrf}, {"title", "M"}, {"version", "1"}}).status, 403);
  EXPECT_EQ(member.post_form(one + "/delete", {{"_csrf", csrf}}).status, 403);
  expect_only_unchanged(s.admin, s.collection, "title", "Kun for A");
}

TEST_F(WorkPackagesTest, ThePagesAddChangeAndDrawTheTimeline) {
  auto s = setup("wp-pages");
  auto karin = new_person(s.admin, "Karin Friis");
  auto unit = new_unit(s.admin, "Hjemmeplejen");
  std::string csrf = s.admin.csrf();
  auto refused = s.admin.post_form(page_of(s), {{"_csrf", csrf},
                                                {"title", "AP1 Analyse"},
                                                {"goal", "Et fælles billede af i dag"},
                                                {"start", "2026-05-01"},
                                                {"end", "2026-04-01"},
                                                {"pp_" + karin, "on"}});
  expect_refused_input(
      refused, {"id=\"wp-end-error\"", "value=\"AP1 Analyse\"",
                "Et fælles billede af i dag</textarea>", "name=\"pp_" + karin + "\" checked"});
  auto added = s.admin.post_form(page_of(s), {{"_csrf", csrf},
                                              {"title", "AP1 Analyse"},
                                              {"start", "2026-01-01"},
                                              {"end", "2026-03-31"},
                                              {"responsible_id", karin},
                                              {"status", "in_progress"},
                                              {"pp_" + karin, "on"},
                                              {"pu_" + unit, "on"}});
  ASSERT_EQ(added.status, 303) << added.body;
  auto items = s.admin.get(s.collection).json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["participant_people"], json::array({karin}));
  EXPECT_EQ(items[0]["participant_units"], json::array({unit}));
  std::string one = page_of(s) + "/" + items[0]["id"].get<std::string>();
  EXPECT_NE(added.header("location").find(one), std::string::npos);
  auto second = s.admin.post_form(page_of(s), {{"_csrf", csrf},
                                               {"title", "AP2 Pilot"},
                                               {"start", "2026-03-01"},
                                               {"end", "2026-06-30"},
                                               {"dep_" + items[0]["id"].get<std::string>(), "on"}});
  ASSERT_EQ(second.status, 303) << second.body;

  // The timeline: one bar per package over January to June, with its table.
  auto page = s.admin.get(page_of(s));
  ASSERT_EQ(page.status, 200);
  expect_body_has(page,
                  {"class=\"wp-timeline\"", "<title>AP1 Analyse: 2026-01-01 – 2026-03-31</title>",
                   ">jan 26</text>", ">jun</text>", "<table class=\"wp-list\">",
                   "<span class=\"wp-dep\">AP1 Analyse</span>"});

  // One package's page changes it; a stale version shows what is stored beside the form.
  ASSERT_EQ(s.admin.get(one).status, 200);
  auto changed = s.admin.post_form(one, {{"_csrf", csrf},
                                         {"title", "AP1 Analyse og kortlægning"},
                                         {"start", "2026-01-01"},
                                         {"end", "2026-04-30"},
                                         {"status", "done"},
                                         {"version", "1"}});
  EXPECT_EQ(changed.status, 303) << changed.body;
  auto stored = s.admin.get(item(items[0])).json();
  EXPECT_EQ(stored["end"], "2026-04-30");
  EXPECT_EQ(stored["participant_people"], json::array());  // none ticked: none kept
  auto stale = s.admin.post_form(one, {{"_csrf", csrf},
                                       {"title", "Min gamle udgave"},
                                       {"start", "2026-01-01"},
                                       {"end", "2026-04-30"},
                                       {"version", "1"}});
  expect_stale_form(stale, "Min gamle udgave", "AP1 Analyse og kortlægning", 2);

  auto overview = s.admin.get("/projects/" + s.project);
  expect_body_has(overview, {"id=\"work-packages-heading\"", page_of(s)});
  EXPECT_EQ(s.admin.get(page_of(s) + "/01JNOSUCHPACKAGE0000000000").status, 404);
  EXPECT_EQ(s.admin.post_form(one + "/delete", {{"_csrf", csrf}}).status, 303);
  EXPECT_EQ(s.admin.get(item(items[0])).status, 404);
}

// The overview's card counts the packages on time, late and done in SQL: late is neither
// done nor cancelled and ended before today; a cancelled one counts as on time, as before.
TEST_F(WorkPackagesTest, TheOverviewsCardCountsOnTimeLateAndDone) {
  auto s = setup("wp-card");
  auto add = [&](const std::string& title, const std::string& end, const std::string& status) {
    created_object(s.admin, s.collection,
                   {{"title", title}, {"start", "2020-01-01"}, {"end", end}, {"status", status}});
  };
  add("Sen 1", "2020-02-01", "planned");
  add("Sen 2", "2020-03-01", "in_progress");
  add("Færdig før tid", "2099-01-01", "done");
  add("Færdig", "2020-02-01", "done");
  add("Aflyst", "2020-02-01", "cancelled");
  add("Fremme", "2099-01-01", "planned");
  add("Også fremme", "2099-02-01", "in_progress");
  auto overview = s.admin.get("/projects/" + s.project);
  expect_body_has(overview, {"<dt>Til tiden</dt><dd>3</dd>", "<dt>Forsinket</dt><dd>2</dd>",
                             "<dt>Færdige</dt><dd>2</dd>"});
}

}  // namespace
}  // namespace testing_http

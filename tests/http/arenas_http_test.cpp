// Agile arenas over HTTP, on both databases: every API route (the resource with its status
// filter, ticking a pulse item, the log, growing into a project), bad input naming the
// field, 409 on a stale version and on growing twice, another tenant's 404s, who may start,
// change and work in an arena, and the pages (the list and its filter, the forms keeping
// what was typed on 422 and 409, the step indicator, da/sv/en).
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

constexpr const char* kArenas = "/api/v1/arenas";

class ArenasTest : public HttpTest {
 protected:
  // A tenant with three units, a person in each and an arena led by the first.
  struct Setup {
    TestServer::Tenant tenant;
    Client admin;
    std::string leader, nurse, worker;  // person ids, one per unit
    std::string arena;                  // /api/v1/arenas/{id}
    json made;
  };
  Setup setup(const std::string& prefix) {
    auto [t, admin] = new_tenant_admin(prefix);
    auto leader =
        new_person(admin, "Helle Krogh", {{"unit_id", new_unit(admin, "Socialafdelingen")}});
    auto nurse = new_person(admin, "Ida Poulsen", {{"unit_id", new_unit(admin, "Sundhed")}});
    auto worker = new_person(admin, "Niels Madsen", {{"unit_id", new_unit(admin, "Hjemmeplejen")}});
    auto r = admin.send_json("POST", kArenas,
                             {{"title", "Hjælpemidler ved udskrivelse"},
                              {"goal", "Hjælpemidlerne er der, når borgeren kommer hjem"},
                              {"leader_id", leader},
                              {"member_ids", {nurse, worker}},
                              {"starts_on", "2026-01-05"},
                              {"ends_on", "2099-03-01"}});
    EXPECT_EQ(r.status, 201) << r.body;
    auto made = r.json();
    return {t,   admin, leader, nurse, worker, std::string(kArenas) + "/" + made.value("id", ""),
            made};
  }
  static std::string page_of(const Setup& s) {
    return "/arenas/" + s.made["id"].get<std::string>();
  }
  static std::string me(Client& c) { return c.get("/api/v1/me").json()["person_id"]; }
  // The arena page's forms (change it, tick a step, grow it into a project) posted by `c`
  // each answer `status`.
  static void expect_page_forms(Client& c, const Setup& s, const std::string& csrf, int status) {
    EXPECT_EQ(c.post_form(page_of(s), {{"_csrf", csrf}, {"title", "X"}, {"version", "1"}}).status,
              status);
    EXPECT_EQ(c.post_form(page_of(s) + "/items/communication-01", {{"_csrf", csrf}, {"done", "1"}})
                  .status,
              status);
    EXPECT_EQ(c.post_form(page_of(s) + "/grow", {{"_csrf", csrf}, {"template", "ffb"}}).status,
              status);
  }
};

TEST_F(ArenasTest, EveryApiRouteOfTheResource) {
  auto s = setup("ar-api");
  const auto& a = s.made;
  EXPECT_EQ(a["status"], "open");
  EXPECT_EQ(a["leader_name"], "Helle Krogh");
  EXPECT_EQ(a["version"], 1);
  EXPECT_FALSE(a["overdue"].get<bool>());
  EXPECT_TRUE(a["signal_id"].is_null());
  EXPECT_TRUE(a["project_id"].is_null());
  ASSERT_EQ(a["members"].size(), 3u);  // the leader first, then the members
  EXPECT_TRUE(a["members"][0]["leader"].get<bool>());
  ASSERT_EQ(a["units"].size(), 3u);
  EXPECT_EQ(a["units"][0]["unit_name"], "Socialafdelingen");
  // The agile-arena template's four steps with their checklists, all open.
  ASSERT_EQ(a["steps"].size(), 4u);
  EXPECT_EQ(a["steps"][0]["key"], "communication");
  EXPECT_EQ(a["steps"][3]["key"], "evaluation");
  EXPECT_TRUE(a["steps"][0]["current"].get<bool>());
  EXPECT_EQ(a["steps"][0]["done"], 0);
  EXPECT_GT(a["steps"][0]["items"].size(), 0u);

  auto list = s.admin.get(kArenas).json();
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["title"], "Hjælpemidler ved udskrivelse");
  EXPECT_EQ(s.admin.get(std::string(kArenas) + "?status=open").json()["items"].size(), 1u);
  EXPECT_EQ(s.admin.get(std::string(kArenas) + "?status=running").json()["items"].size(), 0u);
  auto bad = s.admin.get(std::string(kArenas) + "?status=sleeping");
  expect_refused_input(bad, {"status"});

  auto one = s.admin.get(s.arena);
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(one.header("etag"), "\"1\"");

  auto patched = s.admin.send_json(
      "PATCH", s.arena,
      {{"status", "running"}, {"outcome", "Bestilling ved udskrivelsessamtalen"}, {"version", 1}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["status"], "running");
  EXPECT_EQ(patched.json()["version"], 2);
  EXPECT_EQ(patched.json()["title"], "Hjælpemidler ved udskrivelse");  // not named: kept
  auto current = stale_patch(s.admin, s.arena, {{"status", "done"}, {"version", 1}});
  EXPECT_EQ(current["version"], 2);
  EXPECT_EQ(current["status"], "running");

  auto ticked = s.admin.send_json("POST", s.arena + "/items/communication-01", {{"done", true}});
  ASSERT_EQ(ticked.status, 200) << ticked.body;
  auto item = ticked.json()["steps"][0]["items"][0];
  EXPECT_EQ(item["key"], "communication-01");
  EXPECT_TRUE(item["done"].get<bool>());
  EXPECT_FALSE(item["done_at"].is_null());
  EXPECT_EQ(ticked.json()["steps"][0]["done"], 1);
  EXPECT_EQ(ticked.json()["version"], 2);  // ticking is no edit of the arena's fields
  EXPECT_EQ(s.admin.send_json("POST", s.arena + "/items/no-such-item", {{"done", true}}).status,
            404);
  EXPECT_EQ(s.admin.send_json("POST", s.arena + "/items/communication-01", json::object()).status,
            422);
  auto untick = s.admin.send_json("POST", s.arena + "/items/communication-01", {{"done", false}});
  EXPECT_FALSE(untick.json()["steps"][0]["items"][0]["done"].get<bool>());
  EXPECT_TRUE(untick.json()["steps"][0]["items"][0]["done_at"].is_null());

  auto logged = s.admin.send_json("POST", s.arena + "/log",
                                  {{"tried", "Bestilling ved samtalen"},
                                   {"result", "3 af 4 hjemme i tide"},
                                   {"logged_on", "2026-02-01"}});
  ASSERT_EQ(logged.status, 201) << logged.body;
  ASSERT_EQ(logged.json()["log"].size(), 1u);
  EXPECT_EQ(logged.json()["log"][0]["result"], "3 af 4 hjemme i tide");
  auto no_tried = s.admin.send_json("POST", s.arena + "/log", {{"logged_on", "2026-13-01"}});
  expect_refused_input(no_tried, {"tried", "logged_on"});

  // Growing into a project: any of the tenant's templates, through the projects' create.
  EXPECT_EQ(s.admin.send_json("POST", s.arena + "/grow", {{"template", "nope"}}).status, 422);
  auto grown = s.admin.send_json("POST", s.arena + "/grow", {{"template", "ffb"}});
  ASSERT_EQ(grown.status, 201) << grown.body;
  std::string project = grown.json()["project_id"];
  EXPECT_EQ(grown.header("location"), "/api/v1/projects/" + project);
  auto p = s.admin.get("/api/v1/projects/" + project).json();
  EXPECT_EQ(p["title"], "Hjælpemidler ved udskrivelse");
  EXPECT_EQ(p["template"], "ffb");
  EXPECT_EQ(p["purpose"], "Hjælpemidlerne er der, når borgeren kommer hjem");
  EXPECT_EQ(p["unit_ids"].size(), 3u);
  auto roles = s.admin.get("/api/v1/projects/" + project + "/roles").json();
  int leaders = 0, group = 0;
  for (const auto& r : roles["items"]) {
    if (r["person_id"] == s.leader && r["role"] == "project_leader") ++leaders;
    if ((r["person_id"] == s.nurse || r["person_id"] == s.worker) && r["role"] == "project_group")
      ++group;
  }
  EXPECT_EQ(leaders, 1);
  EXPECT_EQ(group, 2);
  auto twice = s.admin.send_json("POST", s.arena + "/grow", {{"template", "kl-workflow"}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.json()["error"]["current"]["project_id"], project);

  EXPECT_EQ(s.admin.send_delete(s.arena).status, 204);
  EXPECT_EQ(s.admin.get(s.arena).status, 404);
}

TEST_F(ArenasTest, BadInputNamesTheFieldAndStoresNothing) {
  auto s = setup("ar-bad");
  auto [other, other_admin] = new_tenant_admin("ar-bad-b");
  auto stranger = new_person(other_admin, "Fremmed");
  auto r = s.admin.send_json("POST", kArenas, {{"goal", "x"}});
  EXPECT_EQ(r.status, 422);
  for (const char* f : {"title", "leader_id", "ends_on"})
    EXPECT_NE(r.body.find(std::string("\"") + f + "\""), std::string::npos) << f;
  auto backwards = s.admin.send_json("POST", kArenas,
                                     {{"title", "T"},
                                      {"goal", "G"},
                                      {"leader_id", s.leader},
                                      {"starts_on", "2026-05-01"},
                                      {"ends_on", "2026-04-01"}});
  expect_refused_input(backwards, {"ends_on"});
  auto foreign = s.admin.send_json("POST", kArenas,
                                   {{"title", "T"},
                                    {"goal", "G"},
                                    {"leader_id", stranger},
                                    {"member_ids", {stranger}},
                                    {"ends_on", "2099-01-01"}});
  expect_refused_input(foreign, {"leader_id", "member_ids"});
  EXPECT_EQ(
      s.admin.send_json("PATCH", s.arena, {{"member_ids", {stranger}}, {"version", 1}}).status,
      422);
  EXPECT_EQ(s.admin.send_json("PATCH", s.arena, {{"title", "no version"}}).status, 422);
  EXPECT_EQ(s.admin.get(kArenas).json()["items"].size(), 1u);
  EXPECT_EQ(s.admin.get(s.arena).json()["version"], 1);
}

TEST_F(ArenasTest, OverdueWhenPastItsEndAndNotFinished) {
  auto s = setup("ar-late");
  auto late = s.admin.send_json("POST", kArenas,
                                {{"title", "Sen"},
                                 {"goal", "G"},
                                 {"leader_id", s.leader},
                                 {"starts_on", "2020-01-01"},
                                 {"ends_on", "2020-02-01"}});
  ASSERT_EQ(late.status, 201);
  EXPECT_TRUE(late.json()["overdue"].get<bool>());
  std::string id = late.json()["id"];
  auto done = s.admin.send_json("PATCH", std::string(kArenas) + "/" + id,
                                {{"status", "done"}, {"version", 1}});
  EXPECT_FALSE(done.json()["overdue"].get<bool>());
}

TEST_F(ArenasTest, AnotherTenantSeesAndChangesNothing) {
  auto s = setup("ar-iso");
  auto [b, b_admin] = new_tenant_admin("ar-iso-b");
  EXPECT_EQ(b_admin.get(kArenas).json()["items"].size(), 0u);
  EXPECT_EQ(b_admin.get(s.arena).status, 404);
  EXPECT_EQ(b_admin.send_json("PATCH", s.arena, {{"title", "B"}, {"version", 1}}).status, 404);
  EXPECT_EQ(b_admin.send_delete(s.arena).status, 404);
  EXPECT_EQ(b_admin.send_json("POST", s.arena + "/items/communication-01", {{"done", true}}).status,
            404);
  EXPECT_EQ(b_admin.send_json("POST", s.arena + "/log", {{"tried", "B"}}).status, 404);
  EXPECT_EQ(b_admin.send_json("POST", s.arena + "/grow", {{"template", "ffb"}}).status, 404);
  // A leader of another tenant is no person here.
  EXPECT_EQ(
      b_admin
          .send_json(
              "POST", kArenas,
              {{"title", "T"}, {"goal", "G"}, {"leader_id", s.leader}, {"ends_on", "2099-01-01"}})
          .status,
      422);
  // The pages alike.
  EXPECT_EQ(b_admin.get(page_of(s)).status, 404);
  expect_page_forms(b_admin, s, b_admin.csrf(), 404);
  auto after = s.admin.get(s.arena).json();
  EXPECT_EQ(after["version"], 1);
  EXPECT_EQ(after["steps"][0]["done"], 0);
  EXPECT_TRUE(after["project_id"].is_null());
  EXPECT_EQ(after["log"].size(), 0u);
}

TEST_F(ArenasTest, ManagersStartLeadersChangeTheTeamWorks) {
  auto s = setup("ar-rights");
  auto member = member_of(s.tenant);
  std::string person = me(member);
  const json fresh = {
      {"title", "M"}, {"goal", "G"}, {"leader_id", s.leader}, {"ends_on", "2099-01-01"}};
  // A member who manages nothing reads but does not start, change or work in an arena.
  EXPECT_EQ(member.get(kArenas).status, 200);
  EXPECT_EQ(member.get(s.arena).status, 200);
  EXPECT_EQ(member.send_json("POST", kArenas, fresh).status, 403);
  EXPECT_EQ(member.send_json("PATCH", s.arena, {{"title", "M"}, {"version", 1}}).status, 403);
  EXPECT_EQ(member.send_delete(s.arena).status, 403);
  EXPECT_EQ(member.send_json("POST", s.arena + "/items/communication-01", {{"done", true}}).status,
            403);
  EXPECT_EQ(member.send_json("POST", s.arena + "/log", {{"tried", "M"}}).status, 403);
  EXPECT_EQ(member.send_json("POST", s.arena + "/grow", {{"template", "ffb"}}).status, 403);
  // On the team: ticks and writes down, still does not change the arena.
  auto on_team = s.admin.send_json("PATCH", s.arena,
                                   {{"member_ids", {s.nurse, s.worker, person}}, {"version", 1}});
  ASSERT_EQ(on_team.status, 200) << on_team.body;
  EXPECT_EQ(member.send_json("POST", s.arena + "/items/communication-01", {{"done", true}}).status,
            200);
  EXPECT_EQ(member.send_json("POST", s.arena + "/log", {{"tried", "M"}}).status, 201);
  EXPECT_EQ(member.send_json("PATCH", s.arena, {{"title", "M"}, {"version", 2}}).status, 403);
  // The process leader changes it.
  ASSERT_EQ(s.admin.send_json("PATCH", s.arena, {{"leader_id", person}, {"version", 2}}).status,
            200);
  EXPECT_EQ(member.send_json("PATCH", s.arena, {{"title", "Ny titel"}, {"version", 3}}).status,
            200);
  // A manager of a unit starts arenas, and changes the ones they started.
  auto unit = new_unit(s.admin, "Team Ressourceforløb");
  ASSERT_EQ(
      s.admin.send_json("PATCH", "/api/v1/units/" + unit, {{"manager_id", person}, {"version", 1}})
          .status,
      200);
  auto started = member.send_json("POST", kArenas, fresh);
  ASSERT_EQ(started.status, 201) << started.body;
  EXPECT_EQ(
      member
          .send_json("PATCH", std::string(kArenas) + "/" + started.json()["id"].get<std::string>(),
                     {{"status", "running"}, {"version", 1}})
          .status,
      200);
}

TEST_F(ArenasTest, ConcurrentEditsOfOneVersionOneWins) {
  auto s = setup("ar-race");
  auto first = s.admin.send_json("PATCH", s.arena, {{"outcome", "A"}, {"version", 1}});
  auto second = s.admin.send_json("PATCH", s.arena, {{"outcome", "B"}, {"version", 1}});
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(second.status, 409);
  EXPECT_EQ(second.json()["error"]["current"]["outcome"], "A");
  EXPECT_EQ(s.admin.get(s.arena).json()["outcome"], "A");
}

TEST_F(ArenasTest, PagesListFilterAndKeepWhatWasTyped) {
  auto s = setup("ar-pages");
  auto list = s.admin.get("/arenas");
  ASSERT_EQ(list.status, 200);
  expect_body_has(list, {"Hjælpemidler ved udskrivelse", "href=\"/arenas\" aria-current=\"page\""});
  EXPECT_EQ(s.admin.get("/arenas?status=done").body.find("Hjælpemidler ved udskrivelse"),
            std::string::npos);
  auto csrf = form_csrf(list.body);
  ASSERT_FALSE(csrf.empty());
  auto refused = s.admin.post_form("/arenas", {{"_csrf", csrf},
                                               {"title", ""},
                                               {"goal", "Behov der skal huskes"},
                                               {"leader_id", s.leader},
                                               {"m_" + s.nurse, "on"},
                                               {"ends_on", "2099-01-01"}});
  expect_refused_input(refused, {"Behov der skal huskes", "name=\"m_" + s.nurse + "\" checked"});
  auto made = s.admin.post_form("/arenas", {{"_csrf", csrf},
                                            {"title", "Fra formularen"},
                                            {"goal", "G"},
                                            {"leader_id", s.leader},
                                            {"m_" + s.nurse, "on"},
                                            {"ends_on", "2099-01-01"}});
  EXPECT_EQ(made.status, 303);

  auto page = s.admin.get(page_of(s));
  ASSERT_EQ(page.status, 200);
  expect_body_has(page, {"<ol class=\"phases\"", "aria-current=\"step\""});
  EXPECT_NE(page.body.find("Hjemmeplejen"), std::string::npos);  // a unit on the team
  EXPECT_EQ(
      s.admin.post_form(page_of(s) + "/items/communication-01", {{"_csrf", csrf}, {"done", "1"}})
          .status,
      303);
  EXPECT_EQ(s.admin.get(s.arena).json()["steps"][0]["done"], 1);
  // The edit form against an old version: 409, what was typed and the stored version.
  ASSERT_EQ(
      s.admin.send_json("PATCH", s.arena, {{"outcome", "Gemt af en anden"}, {"version", 1}}).status,
      200);
  auto stale = s.admin.post_form(page_of(s), {{"_csrf", csrf},
                                              {"version", "1"},
                                              {"title", "Min nye titel"},
                                              {"goal", "G"},
                                              {"leader_id", s.leader},
                                              {"ends_on", "2099-03-01"},
                                              {"status", "running"},
                                              {"outcome", ""}});
  expect_stale_form(stale, "Min nye titel", "Gemt af en anden", 2);
  auto no_tried = s.admin.post_form(page_of(s) + "/log",
                                    {{"_csrf", csrf}, {"tried", ""}, {"result", "Husk mig"}});
  expect_refused_input(no_tried, {"Husk mig"});
  auto grown =
      s.admin.post_form(page_of(s) + "/grow", {{"_csrf", csrf}, {"template", "kl-workflow"}});
  EXPECT_EQ(grown.status, 303);
  EXPECT_EQ(grown.header("location").rfind("/projects/", 0), 0u);
  auto again = s.admin.post_form(page_of(s) + "/grow", {{"_csrf", csrf}, {"template", "ffb"}});
  EXPECT_EQ(again.status, 409);

  s.admin.cookies()["fremdrift_lang"] = "sv";
  EXPECT_NE(s.admin.get(page_of(s)).body.find("Pulsprogrammet"), std::string::npos);
  EXPECT_NE(s.admin.get("/arenas").body.find("Agila arenor"), std::string::npos);
  s.admin.cookies()["fremdrift_lang"] = "en";
  EXPECT_NE(s.admin.get(page_of(s)).body.find("The pulse programme"), std::string::npos);
  EXPECT_NE(s.admin.get("/arenas").body.find("Agile arenas"), std::string::npos);
}

TEST_F(ArenasTest, PagesRefuseWhoMayNot) {
  auto s = setup("ar-page-rights");
  auto member = member_of(s.tenant);
  auto list = member.get("/arenas");
  EXPECT_EQ(list.status, 200);
  // No form to start one.
  EXPECT_EQ(list.body.find("method=\"post\" action=\"/arenas\""), std::string::npos);
  auto page = member.get(page_of(s));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("/grow"), std::string::npos);
  auto csrf = form_csrf(list.body);
  ASSERT_FALSE(csrf.empty());
  auto refused = member.post_form("/arenas", {{"_csrf", csrf},
                                              {"title", "Mit forsøg"},
                                              {"goal", "G"},
                                              {"leader_id", s.leader},
                                              {"ends_on", "2099-01-01"}});
  EXPECT_EQ(refused.status, 403);
  expect_page_forms(member, s, csrf, 403);
}

}  // namespace
}  // namespace testing_http

// "Mit overblik" through the API and the page, on both engines: the lists a person sees
// (their projects, tasks overdue first, meetings ahead, KPIs due), tenant isolation, and
// login landing on it.
#include <chrono>
#include <cstdio>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class OverviewTest : public HttpTest {
 protected:
  // A project of the admin's (they lead it, having created it) in which the tenant's member
  // holds a project-group role and is responsible for two actions, one overdue.
  struct Scene {
    Client admin;
    Client member;
    std::string project_id;
    std::string member_person;
    std::string admin_person;
  };

  Scene scene(const TestServer::Tenant& t, const std::string& title) {
    Client admin = admin_of(t);
    Client member = member_of(t);
    std::string member_person = member.get("/api/v1/me").json()["person_id"];
    std::string admin_person = admin.get("/api/v1/me").json()["person_id"];
    std::string id = new_project(admin, title);
    created_id(admin, "/api/v1/projects/" + id + "/roles",
               {{"person_id", member_person}, {"role", "project_group"}});
    std::string plan = "/api/v1/projects/" + id + "/actions";
    created_id(
        admin, plan,
        {{"task", "Senere opgave"}, {"responsible_id", member_person}, {"deadline", "2099-03-01"}});
    created_id(admin, plan,
               {{"task", "Forsinket opgave"},
                {"responsible_id", member_person},
                {"deadline", "2020-01-15"}});
    created_id(admin, plan,
               {{"task", "Færdig opgave"},
                {"responsible_id", member_person},
                {"deadline", "2020-01-10"},
                {"status", "done"}});
    created_id(admin, plan,
               {{"task", "Adminens opgave"},
                {"responsible_id", admin_person},
                {"deadline", "2020-01-01"}});
    return {admin, member, id, member_person, admin_person};
  }

  // The date seven days before `today` ("YYYY-MM-DD"): a weekly KPI's last period.
  static std::string week_ago(const std::string& today) {
    using namespace std::chrono;
    year_month_day d{year{std::stoi(today.substr(0, 4))},
                     month{static_cast<unsigned>(std::stoi(today.substr(5, 2)))},
                     day{static_cast<unsigned>(std::stoi(today.substr(8, 2)))}};
    year_month_day back{sys_days{d} - days{7}};
    char out[32];
    std::snprintf(out, sizeof(out), "%04d-%02u-%02u", static_cast<int>(back.year()),
                  static_cast<unsigned>(back.month()), static_cast<unsigned>(back.day()));
    return out;
  }

  static std::vector<std::string> texts(const json& tasks) {
    std::vector<std::string> out;
    for (const auto& t : tasks) out.push_back(t["text"]);
    return out;
  }
};

TEST_F(OverviewTest, ResponsiblePersonSeesTheirActionsOverdueFirst) {
  auto t = server().create_tenant("ov-actions");
  auto s = scene(t, "Overblik A");
  auto r = s.member.get("/api/v1/me/overview");
  ASSERT_EQ(r.status, 200) << r.body;
  auto o = r.json();
  ASSERT_EQ(o["projects"].size(), 1u);
  const auto& p = o["projects"][0];
  EXPECT_EQ(p["id"], s.project_id);
  EXPECT_EQ(p["title"], "Overblik A");
  EXPECT_EQ(p["roles"], json::array({"project_group"}));
  EXPECT_EQ(p["phase_name"], "Før projektstart");  // the kl-workflow's first phase, in Danish
  EXPECT_EQ(p["status"], "green");
  EXPECT_EQ(p["overdue_actions"], 2);  // the member's and the admin's; done rows never are
  EXPECT_EQ(p["overdue"], 2);
  EXPECT_TRUE(p["next_meeting"].is_null());
  // The open rows only, the overdue one first and marked.
  EXPECT_EQ(texts(o["tasks"]), (std::vector<std::string>{"Forsinket opgave", "Senere opgave"}));
  EXPECT_EQ(o["tasks"][0]["kind"], "action");
  EXPECT_EQ(o["tasks"][0]["due"], "2020-01-15");
  EXPECT_TRUE(o["tasks"][0]["overdue"].get<bool>());
  EXPECT_FALSE(o["tasks"][1]["overdue"].get<bool>());
  EXPECT_EQ(o["tasks"][0]["project_id"], s.project_id);
  EXPECT_EQ(o["time_zone"], "Europe/Copenhagen");
  EXPECT_FALSE(o["more_projects"].get<bool>());
  // The page shows the same, in the same order.
  auto page = s.member.get("/overview");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<h1>Mit overblik</h1>"), std::string::npos);
  auto late = page.body.find("Forsinket opgave");
  auto later = page.body.find("Senere opgave");
  ASSERT_NE(late, std::string::npos);
  ASSERT_NE(later, std::string::npos);
  EXPECT_LT(late, later);
  expect_body_has(
      page, {"<tr class=\"overdue\">", "href=\"/projects/" + s.project_id + "\">Overblik A</a>"});
  EXPECT_EQ(page.body.find("Adminens opgave"), std::string::npos);
  EXPECT_EQ(page.body.find("Færdig opgave"), std::string::npos);
}

TEST_F(OverviewTest, ChecklistItemsCardsMeetingsAndDueKpis) {
  auto t = server().create_tenant("ov-lists");
  auto s = scene(t, "Overblik B");
  const std::string project = "/api/v1/projects/" + s.project_id;
  auto item = s.admin.get(project + "/checklist").json()["items"][0];
  ASSERT_EQ(s.admin
                .send_json("PATCH", "/api/v1/checklist-items/" + item["id"].get<std::string>(),
                           {{"responsible_id", s.member_person},
                            {"due_date", "2020-01-20"},
                            {"version", item["version"]}})
                .status,
            200);
  created_id(s.admin, project + "/kaizen-cards",
             {{"text", "Kort til medlemmet"}, {"responsible_id", s.member_person}});
  created_id(
      s.admin, project + "/meetings",
      {{"kind", "project_group"}, {"title", "Fremtidigt møde"}, {"starts_at", "2098-05-06T09:00"}});
  created_id(
      s.admin, project + "/meetings",
      {{"kind", "project_group"}, {"title", "Gammelt møde"}, {"starts_at", "2020-05-06T09:00"}});
  created_id(s.admin, project + "/kpis",
             {{"name", "Ventetid"}, {"owner_id", s.member_person}, {"frequency", "weekly"}});
  created_id(s.admin, project + "/kpis", {{"name", "Adminens KPI"}, {"owner_id", s.admin_person}});

  auto o = s.member.get("/api/v1/me/overview").json();
  // Overdue by date (the action 15 January, the item 20 January), then dated, then undated.
  EXPECT_EQ(texts(o["tasks"]),
            (std::vector<std::string>{"Forsinket opgave", item["text"]["da"].get<std::string>(),
                                      "Senere opgave", "Kort til medlemmet"}));
  EXPECT_EQ(o["tasks"][1]["kind"], "checklist_item");
  EXPECT_TRUE(o["tasks"][1]["overdue"].get<bool>());
  EXPECT_EQ(o["tasks"][3]["kind"], "kaizen_card");
  EXPECT_TRUE(o["tasks"][3]["due"].is_null());
  EXPECT_EQ(o["projects"][0]["overdue_checklist_items"], 1);
  EXPECT_EQ(o["projects"][0]["overdue"], 3);
  EXPECT_EQ(o["projects"][0]["next_meeting"], "2098-05-06T09:00");
  // Invited to the project group's meeting as a project-group member; the past one is gone.
  ASSERT_EQ(o["meetings"].size(), 1u);
  EXPECT_EQ(o["meetings"][0]["title"], "Fremtidigt møde");
  EXPECT_EQ(o["meetings"][0]["starts_at"], "2098-05-06T09:00");
  ASSERT_EQ(o["kpis"].size(), 1u);
  EXPECT_EQ(o["kpis"][0]["name"], "Ventetid");
  EXPECT_TRUE(o["kpis"][0]["last_period"].is_null());

  // The leader sees every meeting of their project and their own KPI, not the member's.
  auto mine = s.admin.get("/api/v1/me/overview").json();
  EXPECT_EQ(mine["projects"][0]["roles"], json::array({"project_leader"}));
  ASSERT_EQ(mine["meetings"].size(), 1u);
  ASSERT_EQ(mine["kpis"].size(), 1u);
  EXPECT_EQ(mine["kpis"][0]["name"], "Adminens KPI");
  EXPECT_EQ(texts(mine["tasks"]), (std::vector<std::string>{"Adminens opgave"}));
  // A value for the week before this one: no longer due.
  auto kpi_id = mine["kpis"][0]["id"].get<std::string>();
  auto pushed =
      s.admin.send_json("POST", "/api/v1/kpis/" + kpi_id + "/measurements",
                        json::array({{{"period", week_ago(mine["today"])}, {"value", 4}}}));
  ASSERT_EQ(pushed.status, 200) << pushed.body;
  EXPECT_TRUE(s.admin.get("/api/v1/me/overview").json()["kpis"].empty());
}

TEST_F(OverviewTest, AnotherTenantsProjectsAndTasksAreNeverListed) {
  auto a = server().create_tenant("ov-tenant-a");
  auto b = server().create_tenant("ov-tenant-b");
  auto in_a = scene(a, "Kun i A");
  auto in_b = scene(b, "Kun i B");
  for (Client* c : {&in_b.member, &in_b.admin}) {
    auto o = c->get("/api/v1/me/overview").json();
    ASSERT_EQ(o["projects"].size(), 1u);
    EXPECT_EQ(o["projects"][0]["title"], "Kun i B");
    for (const auto& task : o["tasks"]) EXPECT_NE(task["project_id"], in_a.project_id);
    auto page = c->get("/overview").body;
    EXPECT_EQ(page.find("Kun i A"), std::string::npos);
  }
  // A's project is one B may not read (404, as if it did not exist), and B's lists hold none
  // of it.
  EXPECT_EQ(in_b.admin.get("/api/v1/projects/" + in_a.project_id).status, 404);
  // Someone of the tenant without a role or a task sees empty lists and what to do next.
  Client admin_b = admin_of(b);
  std::string loner = new_person(admin_b, "Uden roller", {{"email", "loner@" + b.slug + ".test"}});
  ASSERT_EQ(admin_b
                .send_json("POST", "/api/v1/people/" + loner + "/login",
                           {{"password", TestServer::kPassword}, {"role", "member"}})
                .status,
            201);
  Client c = client();
  ASSERT_EQ(c.login("loner@" + b.slug + ".test", TestServer::kPassword).status, 200);
  auto empty = c.get("/api/v1/me/overview").json();
  for (const char* list : {"projects", "tasks", "meetings", "kpis"})
    EXPECT_TRUE(empty[list].empty()) << list;
  auto page = c.get("/overview").body;
  EXPECT_NE(page.find("Du har ingen opgaver."), std::string::npos);
  EXPECT_NE(page.find("<a href=\"/projects\">Gå til projektlisten</a>"), std::string::npos);
}

TEST_F(OverviewTest, ListsFiftyProjectsByTitleAndSaysThereAreMore) {
  auto [t, admin] = new_tenant_admin("ov-many");
  for (int i = 0; i < 51; ++i) {
    char title[16];
    std::snprintf(title, sizeof(title), "Projekt %02d", i);
    new_project(admin, title);  // whoever creates a project leads it
  }
  auto o = admin.get("/api/v1/me/overview").json();
  ASSERT_EQ(o["projects"].size(), 50u);
  EXPECT_EQ(o["projects"][0]["title"], "Projekt 00");
  EXPECT_EQ(o["projects"][49]["title"], "Projekt 49");
  EXPECT_TRUE(o["more_projects"].get<bool>());
  auto page = admin.get("/overview").body;
  EXPECT_NE(page.find("Du har flere end 50 projekter"), std::string::npos);
  EXPECT_EQ(page.find("Projekt 50"), std::string::npos);
}

TEST_F(OverviewTest, LoginLandsOnTheStartPage) {
  auto t = server().create_tenant("ov-landing");
  Client c = client();
  auto login =
      c.post_form("/login", {{"email", t.member_email}, {"password", TestServer::kPassword}});
  EXPECT_EQ(login.status, 303);
  EXPECT_EQ(login.header("location"), "/overview");
  EXPECT_EQ(c.get("/login").header("location"), "/overview");  // already logged in
  EXPECT_EQ(c.get("/").header("location"), "/overview");
  auto page = c.get("/overview");
  ASSERT_EQ(page.status, 200);
  // First in the menu and marked as the current page; the organisation stays in the menu.
  auto first = page.body.find("<li><a href=\"/overview\" aria-current=\"page\">Mit overblik</a>");
  ASSERT_NE(first, std::string::npos);
  EXPECT_LT(first, page.body.find("<li><a href=\"/projects\""));
  EXPECT_NE(page.body.find("<li><a href=\"/org\">Organisation</a>"), std::string::npos);
  // A local next= still wins.
  auto next = client().post_form(
      "/login",
      {{"email", t.member_email}, {"password", TestServer::kPassword}, {"next", "/projects?x=1"}});
  EXPECT_EQ(next.header("location"), "/projects?x=1");
  auto anonymous = client().get("/overview");  // not logged in: to the login page, and back
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.header("location").rfind("/login?next=", 0), 0u);
  EXPECT_EQ(client().get("/api/v1/me/overview").status, 401);
}

TEST_F(OverviewTest, SpeaksSwedishAndEnglish) {
  auto t = server().create_tenant("ov-lang");
  auto s = scene(t, "Overblik sprog");
  s.member.post_form("/lang", {{"_csrf", s.member.csrf()}, {"lang", "sv"}, {"next", "/overview"}});
  auto sv = s.member.get("/overview").body;
  EXPECT_NE(sv.find("<h1>Min översikt</h1>"), std::string::npos);
  EXPECT_NE(sv.find("Mina projekt"), std::string::npos);
  EXPECT_NE(sv.find("Försenad"), std::string::npos);
  s.member.post_form("/lang", {{"_csrf", s.member.csrf()}, {"lang", "en"}, {"next", "/overview"}});
  auto en = s.member.get("/overview").body;
  EXPECT_NE(en.find("<h1>My overview</h1>"), std::string::npos);
  EXPECT_NE(en.find("Before start"), std::string::npos);
}

}  // namespace
}  // namespace testing_http

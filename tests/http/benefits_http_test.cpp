// Benefits realisation through the API and the pages, on both engines: the plan with its
// KPIs' run-chart status, the judgement as a decision, bad input, rights and isolation.
#include <cstdio>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class BenefitsTest : public HttpTest {
 protected:
  struct Setup {
    TestServer::Tenant tenant;
    Client admin;
    std::string project_id;
    std::string path;     // /api/v1/projects/{id}
    std::string owner;    // the project's owner (a person)
    std::string kpi;      // a KPI of the project whose chart shows an improvement
    std::string foreign;  // a KPI of another project of the same tenant
  };

  // 12 weeks around 20 days, then 12 around 10: a long run below the median, for a KPI
  // where lower is better.
  static json improving_weeks() {
    json rows = json::array();
    for (int w = 1; w <= 24; ++w) {
      char period[16];
      std::snprintf(period, sizeof period, "2026-W%02d", w);
      rows.push_back({{"period", period}, {"value", (w <= 12 ? 20 : 10) + (w % 2)}});
    }
    return rows;
  }

  Setup setup(const std::string& prefix) {
    auto t = server().create_tenant(prefix);
    Setup s{t, admin_of(t), "", "", "", "", ""};
    s.project_id = new_project(s.admin, "Sammenhængende forløb");
    s.path = "/api/v1/projects/" + s.project_id;
    s.owner = new_person(s.admin, "Lene Holm");
    EXPECT_EQ(
        s.admin.send_json("POST", s.path + "/roles", {{"person_id", s.owner}, {"role", "owner"}})
            .status,
        201);
    s.kpi = created_id(s.admin, s.path + "/kpis",
                       {{"name", "Ventedage"}, {"direction", "lower"}, {"unit", "dage"}});
    EXPECT_EQ(
        s.admin.send_json("POST", "/api/v1/kpis/" + s.kpi + "/measurements", improving_weeks())
            .status,
        200);
    auto other = new_project(s.admin, "Andet projekt");
    s.foreign = created_id(s.admin, "/api/v1/projects/" + other + "/kpis", {{"name", "Andet"}});
    return s;
  }

  static json a_benefit(const Setup& s) {
    return {{"title", "Kortere ventetid"},
            {"category", "citizen_quality"},
            {"baseline", 21.5},
            {"target", 10},
            {"unit", "dage"},
            {"target_date", "2099-06-30"},
            {"deliverables", {"Fælles opstartsmøde"}},
            {"changes", {"Én indgang", "Faste kontakter"}},
            {"kpi_ids", {s.kpi}}};
  }
};

TEST_F(BenefitsTest, ABenefitShowsItsKpisRunChartStatusAndTakesItsOwnerFromTheRoles) {
  auto s = setup("benefit");
  auto r = s.admin.send_json("POST", s.path + "/benefits", a_benefit(s));
  ASSERT_EQ(r.status, 201) << r.body;
  auto b = r.json();
  EXPECT_EQ(r.header("location"), "/api/v1/benefits/" + b["id"].get<std::string>());
  EXPECT_EQ(b["owner_id"], s.owner);
  EXPECT_EQ(b["realisation"], "not_judged");
  ASSERT_EQ(b["kpis"].size(), 1u);
  EXPECT_EQ(b["kpis"][0]["id"], s.kpi);
  EXPECT_EQ(b["kpis"][0]["chart_status"], "better");
  EXPECT_EQ(b["status"], "on_track");
  EXPECT_EQ(b["changes"], json({"Én indgang", "Faste kontakter"}));

  auto item = "/api/v1/benefits/" + b["id"].get<std::string>();
  auto list = s.admin.get(s.path + "/benefits").json();
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["status"], "on_track");
  EXPECT_EQ(s.admin.get(item).json()["kpis"][0]["chart_status"], "better");

  auto patched = s.admin.send_json("PATCH", item, {{"kpi_ids", json::array()}, {"version", 1}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json()["status"], "not_measured");
  EXPECT_EQ(patched.json()["title"], "Kortere ventetid");  // partial
  auto current = stale_patch(s.admin, item, {{"title", "Gammel"}, {"version", 1}});
  EXPECT_EQ(current["version"], 2);

  auto csv = s.admin.get(s.path + "/benefits.csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("Kortere ventetid"), std::string::npos);
  EXPECT_EQ(s.admin.get(s.path + "/benefits.xlsx").status, 200);

  EXPECT_EQ(s.admin.send_delete(item).status, 204);
  EXPECT_EQ(s.admin.get(item).status, 404);
}

TEST_F(BenefitsTest, AnotherProjectsKpiOrAnotherTenantsPersonIsRefusedAndNothingStored) {
  auto s = setup("benefitbad");
  auto other = new_tenant_admin("benefitother");
  auto stranger = new_person(other.admin, "Fremmed");

  auto body = a_benefit(s);
  body["kpi_ids"] = {s.foreign};
  auto r = s.admin.send_json("POST", s.path + "/benefits", body);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.json()["error"]["fields"].contains("kpi_ids")) << r.body;

  body = a_benefit(s);
  body["owner_id"] = stranger;
  r = s.admin.send_json("POST", s.path + "/benefits", body);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.json()["error"]["fields"].contains("owner_id")) << r.body;

  r = s.admin.send_json("POST", s.path + "/benefits",
                        {{"title", ""},
                         {"category", "happiness"},
                         {"target_date", "2026-02-30"},
                         {"baseline", "lots"}});
  EXPECT_EQ(r.status, 422);
  for (const char* f : {"title", "category", "target_date", "baseline"})
    EXPECT_TRUE(r.json()["error"]["fields"].contains(f)) << f << " " << r.body;
  EXPECT_TRUE(s.admin.get(s.path + "/benefits").json()["items"].empty());

  // The same on a change: nothing of it is stored.
  auto id = created_id(s.admin, s.path + "/benefits", a_benefit(s));
  auto item = "/api/v1/benefits/" + id;
  r = s.admin.send_json("PATCH", item, {{"title", "Ny"}, {"leader_id", stranger}, {"version", 1}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.json()["error"]["fields"].contains("leader_id")) << r.body;
  EXPECT_EQ(s.admin.get(item).json()["title"], "Kortere ventetid");
  EXPECT_EQ(s.admin.get(item).json()["version"], 1);
}

TEST_F(BenefitsTest, AJudgementNeedsTheDecideRightAndLandsInTheDecisionLog) {
  auto s = setup("benefitjudge");
  auto id = created_id(s.admin, s.path + "/benefits", a_benefit(s));
  auto item = "/api/v1/benefits/" + id;
  Client member = member_of(s.tenant);
  give_project_role(s.admin, s.project_id, member, "project_group");  // may edit, may not decide
  EXPECT_EQ(member.send_json("PATCH", item, {{"unit", "kalenderdage"}, {"version", 1}}).status,
            200);
  auto refused = member.send_json("POST", item + "/judge",
                                  {{"realisation", "realised"}, {"reason", "Ja"}, {"version", 2}});
  EXPECT_EQ(refused.status, 403);
  auto bad =
      s.admin.send_json("POST", item + "/judge",
                        {{"realisation", "maybe"}, {"decided_on", "2026-13-01"}, {"version", 2}});
  EXPECT_EQ(bad.status, 422);
  for (const char* f : {"realisation", "reason", "decided_on"})
    EXPECT_TRUE(bad.json()["error"]["fields"].contains(f)) << f << " " << bad.body;
  auto stale = s.admin.send_json("POST", item + "/judge",
                                 {{"realisation", "realised"}, {"reason", "Ja"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_TRUE(s.admin.get(s.path + "/decisions").json()["items"].empty());

  auto judged = s.admin.send_json(
      "POST", item + "/judge",
      {{"realisation", "partly"}, {"reason", "Halvvejs mod målet"}, {"version", 2}});
  ASSERT_EQ(judged.status, 200) << judged.body;
  auto b = judged.json();
  EXPECT_EQ(b["realisation"], "partly");
  EXPECT_EQ(b["status"], "partly_realised");
  EXPECT_EQ(b["judgement_reason"], "Halvvejs mod målet");
  auto log = s.admin.get(s.path + "/decisions").json()["items"];
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["id"], b["decision_id"]);
  EXPECT_NE(log[0]["text"].get<std::string>().find("Halvvejs mod målet"), std::string::npos);
}

TEST_F(BenefitsTest, MembersWithoutARoleReadAndOtherTenantsSeeNothing) {
  auto s = setup("benefitrights");
  auto id = created_id(s.admin, s.path + "/benefits", a_benefit(s));
  auto item = "/api/v1/benefits/" + id;
  Client member = member_of(s.tenant);
  EXPECT_EQ(member.get(item).status, 200);
  EXPECT_EQ(member.get(s.path + "/benefits").status, 200);
  EXPECT_EQ(member.get("/projects/" + s.project_id + "/benefits").status, 200);
  EXPECT_EQ(member.send_json("POST", s.path + "/benefits", a_benefit(s)).status, 403);
  EXPECT_EQ(member.send_json("PATCH", item, {{"title", "Mit"}, {"version", 1}}).status, 403);
  EXPECT_EQ(member.send_delete(item).status, 403);
  auto page = member.get("/projects/" + s.project_id + "/benefits/" + id);
  EXPECT_EQ(page.body.find("/judge\""), std::string::npos);  // no form without the right
  EXPECT_EQ(member
                .post_form("/projects/" + s.project_id + "/benefits/" + id,
                           {{"_csrf", member.csrf()}, {"title", "Mit"}, {"version", "1"}})
                .status,
            403);

  auto b = new_tenant_admin("benefitb");
  EXPECT_EQ(b.admin.get(item).status, 404);
  EXPECT_EQ(b.admin.get(s.path + "/benefits").status, 404);
  EXPECT_EQ(b.admin.get(s.path + "/benefits.csv").status, 404);
  EXPECT_EQ(b.admin.send_json("PATCH", item, {{"title", "B"}, {"version", 1}}).status, 404);
  EXPECT_EQ(b.admin
                .send_json("POST", item + "/judge",
                           {{"realisation", "realised"}, {"reason", "B"}, {"version", 1}})
                .status,
            404);
  EXPECT_EQ(b.admin.send_delete(item).status, 404);
  EXPECT_EQ(b.admin.get("/projects/" + s.project_id + "/benefits/" + id).status, 404);
  EXPECT_EQ(b.admin
                .post_form("/projects/" + s.project_id + "/benefits/" + id + "/delete",
                           {{"_csrf", b.admin.csrf()}})
                .status,
            404);
  EXPECT_EQ(s.admin.get(item).json()["title"], "Kortere ventetid");
}

TEST_F(BenefitsTest, ThePagesDrawThePlanAndTheDiagramAndKeepWhatWasTyped) {
  auto s = setup("benefitpages");
  const std::string pages = "/projects/" + s.project_id + "/benefits";
  auto refused = s.admin.post_form(
      pages, {{"_csrf", s.admin.csrf()}, {"title", "Skrevet af mig"}, {"kpi_ids", s.foreign}});
  expect_refused_input(refused, {"value=\"Skrevet af mig\"", "id=\"b-kpis-error\""});

  auto made = s.admin.post_form(pages, {{"_csrf", s.admin.csrf()},
                                        {"title", "Kortere ventetid"},
                                        {"category", "economy"},
                                        {"target_date", "2099-06-30"},
                                        {"baseline", "21,5"},
                                        {"deliverables", "Fælles opstartsmøde\nVisitationsmøde"},
                                        {"changes", "Én indgang"},
                                        {"kpi_ids", s.kpi}});
  ASSERT_EQ(made.status, 303) << made.body;
  auto items = s.admin.get(s.path + "/benefits").json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["deliverables"].size(), 2u);
  EXPECT_EQ(items[0]["baseline"], 21.5);
  EXPECT_EQ(items[0]["kpi_ids"], json({s.kpi}));
  std::string id = items[0]["id"];

  auto plan = s.admin.get(pages);
  ASSERT_EQ(plan.status, 200);
  expect_body_has(
      plan, {"<svg", "Visitationsmøde", "href=\"/projects/" + s.project_id + "/business-case\"",
             "status-on_track"});
  auto overview = s.admin.get("/projects/" + s.project_id);
  EXPECT_NE(overview.body.find("id=\"benefits-heading\""), std::string::npos);
  EXPECT_NE(overview.body.find("href=\"" + pages + "\""), std::string::npos);  // the tab

  auto page = s.admin.get(pages + "/" + id);
  ASSERT_EQ(page.status, 200);
  auto stale = s.admin.post_form(
      pages + "/" + id, {{"_csrf", s.admin.csrf()}, {"title", "Min nye titel"}, {"version", "7"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(stale.body.find("Min nye titel"), std::string::npos);
  auto judged = s.admin.post_form(
      pages + "/" + id + "/judge",
      {{"_csrf", s.admin.csrf()}, {"realisation", "realised"}, {"reason", ""}, {"version", "1"}});
  expect_refused_input(judged, {"id=\"j-reason-error\""});
  judged = s.admin.post_form(pages + "/" + id + "/judge", {{"_csrf", s.admin.csrf()},
                                                           {"realisation", "realised"},
                                                           {"reason", "Målet er nået"},
                                                           {"version", "1"}});
  EXPECT_EQ(judged.status, 303);
  EXPECT_EQ(s.admin.get("/api/v1/benefits/" + id).json()["status"], "realised");
  EXPECT_EQ(s.admin.post_form(pages + "/" + id + "/delete", {{"_csrf", s.admin.csrf()}}).status,
            303);
  EXPECT_TRUE(s.admin.get(s.path + "/benefits").json()["items"].empty());
}

}  // namespace
}  // namespace testing_http

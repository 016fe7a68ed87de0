// The business case through the API and the pages, on both engines: saved with its
// version, NPV and payback, bad input refused naming the field, the tenant's hour price
// and rate, approval by a decision (decide right) compared with later estimates, exports,
// another tenant's 404 and a member's 403.
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class BusinessCaseTest : public HttpTest {
 protected:
  struct Setup {
    Client admin;
    std::string project_id;
    std::string path;  // /api/v1/projects/{id}/business-case
  };
  Setup setup(const TestServer::Tenant& t) {
    Client admin = admin_of(t);
    std::string id = new_project(admin, "Fælles plan");
    return {std::move(admin), id, "/api/v1/projects/" + id + "/business-case"};
  }
  // 100 of costs in year 0, 40 of benefits in years 1-3 (as text with a decimal comma in
  // year 3): at rate 0 the cumulative net is -100, -60, -20, 20 → year 3, NPV 20.
  static json three_years(long long version) {
    return {{"version", version},
            {"horizon", 3},
            {"discount_rate", 0},
            {"rows",
             {{{"year", 0}, {"one_off_costs", 100}},
              {{"year", 1}, {"running_benefits", 40}},
              {{"year", 2}, {"running_benefits", 40}},
              {{"year", 3}, {"running_benefits", "40,0"}}}}};
  }
};

TEST_F(BusinessCaseTest, SavedComputedVersionedAndBadInputRefused) {
  auto t = server().create_tenant("bcase");
  auto s = setup(t);
  auto fresh = s.admin.get(s.path);
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  EXPECT_EQ(fresh.json()["version"], 0);
  EXPECT_EQ(fresh.json()["rate_used"], 3.5);  // the Ministry of Finance's rate
  EXPECT_EQ(fresh.json()["hour_price_used"], 0);
  EXPECT_TRUE(fresh.json()["payback_year"].is_null());
  EXPECT_TRUE(fresh.json()["approved"].is_null());
  EXPECT_EQ(fresh.json()["years"].size(), 6u);  // years 0..5

  auto saved = s.admin.send_json("PUT", s.path, three_years(0));
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto body = saved.json();
  EXPECT_EQ(body["version"], 1);
  EXPECT_EQ(body["npv"], 20);
  EXPECT_EQ(body["payback_year"], 3);
  EXPECT_EQ(body["rows"].size(), 4u);
  EXPECT_EQ(body["years"][3]["cumulative_net"], 20);
  EXPECT_EQ(s.admin.send_json("PUT", s.path, three_years(0)).status, 409);  // made already

  // Bad input names the field and stores nothing.
  for (const auto& [field, value] :
       std::vector<std::pair<std::string, json>>{{"discount_rate", -1},
                                                 {"discount_rate", 20.5},
                                                 {"horizon", 0},
                                                 {"horizon", 21},
                                                 {"rows", "years"}}) {
    auto r = s.admin.send_json("PUT", s.path, {{"version", 1}, {field, value}});
    EXPECT_EQ(r.status, 422) << field << " " << value.dump();
    EXPECT_TRUE(r.json()["error"]["fields"].contains(field)) << r.body;
  }
  auto cell = s.admin.send_json(
      "PUT", s.path, {{"version", 1}, {"rows", {{{"year", 1}, {"running_costs", "abc"}}}}});
  EXPECT_EQ(cell.status, 422);
  EXPECT_TRUE(cell.json()["error"]["fields"].contains("rows[0].running_costs")) << cell.body;
  EXPECT_EQ(s.admin.send_json("PUT", s.path, {{"horizon", 4}}).status, 422);  // no version
  EXPECT_EQ(s.admin.get(s.path).json()["version"], 1);
  EXPECT_EQ(s.admin.get(s.path).json()["npv"], 20);

  // A case that never pays back says so: null, no division by zero.
  auto never = s.admin.send_json(
      "PUT", s.path, {{"version", 1}, {"rows", {{{"year", 0}, {"one_off_costs", 1000}}}}});
  ASSERT_EQ(never.status, 200) << never.body;
  EXPECT_TRUE(never.json()["payback_year"].is_null());
  EXPECT_EQ(never.json()["npv"], -1000);
  // A stale version: 409 with the stored case.
  auto stale = s.admin.send_json("PUT", s.path, three_years(1));
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["current"]["version"], 2);
}

TEST_F(BusinessCaseTest, TheTenantsHourPriceAndRatePriceTheCase) {
  auto t = server().create_tenant("bcrate");
  auto s = setup(t);
  auto case_body = three_years(0);
  case_body.erase("discount_rate");
  case_body["rows"][1]["running_benefit_hours"] = 2;  // 2 hours × 50 = 100 more in year 1
  ASSERT_EQ(s.admin.send_json("PUT", s.path, case_body).status, 200);
  auto tenant = s.admin.get("/api/v1/tenant").json();
  auto bad = s.admin.send_json("PATCH", "/api/v1/tenant",
                               {{"version", tenant["version"]}, {"discount_rate", -2}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("discount_rate")) << bad.body;
  auto changed =
      s.admin.send_json("PATCH", "/api/v1/tenant",
                        {{"version", tenant["version"]}, {"hour_price", 50}, {"discount_rate", 0}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["hour_price"], 50);
  auto priced = s.admin.get(s.path).json();
  EXPECT_EQ(priced["hour_price_used"], 50);
  EXPECT_EQ(priced["rate_used"], 0);
  EXPECT_EQ(priced["npv"], 120);         // -100 + 140 + 40 + 40
  EXPECT_EQ(priced["payback_year"], 1);  // -100 + 140 ≥ 0
  // Settings through the page: a decimal comma.
  Client browser = admin_of(t);
  auto page = browser.get("/settings");
  EXPECT_NE(page.body.find("name=\"hour_price\" value=\"50\""), std::string::npos);
  auto saved = browser.post_form("/settings", {{"_csrf", browser.csrf()},
                                               {"name", t.slug},
                                               {"default_locale", "da"},
                                               {"time_zone", "Europe/Copenhagen"},
                                               {"hour_price", "412,5"},
                                               {"discount_rate", ""},
                                               {"version", changed.json()["version"].dump()}});
  EXPECT_EQ(saved.status, 303) << saved.body.substr(0, 500);
  EXPECT_EQ(s.admin.get(s.path).json()["hour_price_used"], 412.5);
  EXPECT_EQ(s.admin.get(s.path).json()["rate_used"], 3.5);
}

TEST_F(BusinessCaseTest, ApprovedByADecisionAndComparedWithTheReEstimate) {
  auto t = server().create_tenant("bcappr");
  auto s = setup(t);
  json approval = {{"decision", "Styregruppen godkender business casen"}, {"version", 1}};
  EXPECT_EQ(s.admin.send_json("POST", s.path + "/approve", approval).status, 409);  // unsaved
  ASSERT_EQ(s.admin.send_json("PUT", s.path, three_years(0)).status, 200);

  // A project-group member edits but does not decide.
  Client editor = member_of(t);
  give_project_role(s.admin, s.project_id, editor, "project_group");
  EXPECT_EQ(editor.send_json("POST", s.path + "/approve", approval).status, 403);
  EXPECT_EQ(s.admin.send_json("POST", s.path + "/approve", {{"version", 1}}).status, 422);

  auto approved = s.admin.send_json("POST", s.path + "/approve", approval);
  ASSERT_EQ(approved.status, 201) << approved.body;
  EXPECT_EQ(approved.json()["number"], 1);
  EXPECT_EQ(approved.json()["npv"], 20);
  std::string decision_id = approved.json()["decision_id"];
  auto decisions = s.admin.get("/api/v1/projects/" + s.project_id + "/decisions").json()["items"];
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0]["id"], decision_id);
  EXPECT_EQ(decisions[0]["text"], "Styregruppen godkender business casen");

  // The editor re-estimates: year 0 costs 120; the approved version stays as it was.
  auto again = three_years(1);
  again["rows"][0]["one_off_costs"] = 120;
  auto re = editor.send_json("PUT", s.path, again);
  ASSERT_EQ(re.status, 200) << re.body;
  auto now = s.admin.get(s.path).json();
  EXPECT_EQ(now["npv"], 0);
  EXPECT_EQ(now["approved"]["number"], 1);
  EXPECT_EQ(now["approved"]["npv"], 20);
  EXPECT_EQ(now["approved"]["decision_id"], decision_id);
  EXPECT_EQ(now["approved"]["comparison"]["npv_difference"], -20);
  EXPECT_EQ(now["approved"]["comparison"]["years"][0]["difference"], -20);
  EXPECT_EQ(now["approved"]["comparison"]["payback_year_change"], 0);
  EXPECT_EQ(s.admin.send_json("POST", s.path + "/approve", approval).status, 409);  // stale
  auto versions = s.admin.get(s.path + "/versions").json()["items"];
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0]["rows"][0]["one_off_costs"], 100);
}

TEST_F(BusinessCaseTest, AMemberWithoutARoleReadsAndAnotherTenantSeesNothing) {
  auto t = server().create_tenant("bciso");
  auto s = setup(t);
  ASSERT_EQ(s.admin.send_json("PUT", s.path, three_years(0)).status, 200);
  Client member = member_of(t);
  EXPECT_EQ(member.get(s.path).status, 200);
  EXPECT_EQ(member.get(s.path + "/versions").status, 200);
  EXPECT_EQ(member.get(s.path + ".csv").status, 200);
  EXPECT_EQ(member.send_json("PUT", s.path, three_years(1)).status, 403);
  EXPECT_EQ(
      member.send_json("POST", s.path + "/approve", {{"decision", "x"}, {"version", 1}}).status,
      403);

  auto b = server().create_tenant("bcisob");
  Client bob = admin_of(b);
  for (const std::string& p : {s.path, s.path + "/versions", s.path + ".csv", s.path + ".xlsx",
                               "/projects/" + s.project_id + "/business-case"})
    EXPECT_EQ(bob.get(p).status, 404) << p;
  EXPECT_EQ(bob.send_json("PUT", s.path, three_years(1)).status, 404);
  EXPECT_EQ(bob.send_json("POST", s.path + "/approve", {{"decision", "x"}, {"version", 1}}).status,
            404);
  Client& browser = bob;
  EXPECT_EQ(browser
                .post_form("/projects/" + s.project_id + "/business-case",
                           {{"_csrf", browser.csrf()}, {"version", "1"}, {"horizon", "2"}})
                .status,
            404);
  EXPECT_EQ(browser
                .post_form("/projects/" + s.project_id + "/business-case/approve",
                           {{"_csrf", browser.csrf()}, {"version", "1"}, {"decision", "x"}})
                .status,
            404);
  auto stored = s.admin.get(s.path).json();
  EXPECT_EQ(stored["version"], 1);
  EXPECT_EQ(stored["horizon"], 3);
  EXPECT_TRUE(s.admin.get(s.path + "/versions").json()["items"].empty());
}

TEST_F(BusinessCaseTest, ExportsAndThePages) {
  auto t = server().create_tenant("bcpage");
  auto s = setup(t);
  ASSERT_EQ(s.admin.send_json("PUT", s.path, three_years(0)).status, 200);
  auto csv = s.admin.get(s.path + ".csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("content-type").find("text/csv"), std::string::npos);
  EXPECT_NE(csv.body.find("Samlet netto"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("\n3;"), std::string::npos);  // a row per year, 0..3
  auto xlsx = s.admin.get(s.path + ".xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");

  Client browser = admin_of(t);
  const std::string page = "/projects/" + s.project_id + "/business-case";
  auto html = browser.get(page);
  ASSERT_EQ(html.status, 200);
  expect_body_has(html, {"år 3", "class=\"bcase-bar"});
  EXPECT_EQ(html.body.find("aria-invalid"), std::string::npos);  // no errors, no marks
  auto overview = browser.get("/projects/" + s.project_id);
  expect_body_has(overview, {"bcase-section-heading", "/projects/" + s.project_id + "/benefits"});

  // The form: a bad rate is refused with what was typed kept; a decimal comma saves.
  std::map<std::string, std::string> form = {{"_csrf", browser.csrf()},
                                             {"version", "1"},
                                             {"horizon", "3"},
                                             {"currency", "DKK"},
                                             {"discount_rate", "-3"},
                                             {"y0_one_off_costs", "1.000,5"},
                                             {"y1_running_benefits", "2000"}};
  auto refused = browser.post_form(page, form);
  expect_refused_input(refused, {"value=\"1.000,5\"", "bc-rate-error"});
  // Only the refused field is marked.
  EXPECT_EQ(refused.body.find("aria-invalid"), refused.body.rfind("aria-invalid"));
  auto cell = form;
  cell["discount_rate"] = "0";
  cell["y1_running_costs"] = "abc";
  auto refused_cell = browser.post_form(page, cell);
  expect_refused_input(refused_cell, {"Nogle felter i tabellen"});
  auto at = refused_cell.body.find("value=\"abc\"");
  ASSERT_NE(at, std::string::npos);
  EXPECT_LT(refused_cell.body.find("aria-invalid", at), refused_cell.body.find('<', at));
  form["discount_rate"] = "0";
  auto saved = browser.post_form(page, form);
  EXPECT_EQ(saved.status, 303) << saved.body.substr(0, 400);
  auto stored = s.admin.get(s.path).json();
  EXPECT_EQ(stored["rows"][0]["one_off_costs"], 1000.5);
  EXPECT_EQ(stored["payback_year"], 1);
  auto stale = browser.post_form(page, form);  // version 1 again
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(stale.body.find("name=\"version\" value=\"2\""), std::string::npos);

  // Approval through the form, by the admin; a member without the decide right gets 403.
  auto approved = browser.post_form(
      page + "/approve", {{"_csrf", browser.csrf()}, {"version", "2"}, {"decision", "Godkendt"}});
  EXPECT_EQ(approved.status, 303) << approved.body.substr(0, 400);
  EXPECT_EQ(s.admin.get(s.path + "/versions").json()["items"].size(), 1u);
  Client member = member_of(t);
  auto member_page = member.get(page);
  EXPECT_EQ(member_page.body.find("/business-case/approve"), std::string::npos);
  auto forbidden = member.post_form(
      page + "/approve", {{"_csrf", member.csrf()}, {"version", "2"}, {"decision", "Nej"}});
  EXPECT_EQ(forbidden.status, 403);
}

}  // namespace
}  // namespace testing_http

// Status reports through the API and the pages, on both engines: issued with typed colours
// over the data's suggestions, frozen against later changes, cut per level, compared with
// the report before, downloaded as standalone HTML and as a PDF printed by Chromium (its
// pages and text read back with poppler's pdfinfo and pdftotext), another tenant's 404 and
// a member's 403.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class StatusReportsTest : public HttpTest {
 protected:
  struct Setup {
    TestServer::Tenant tenant;
    Client admin;
    std::string project_id;
    std::string path;  // /api/v1/projects/{id}/status-reports
    std::string kpi;   // tactical, with a run of measurements
    std::string operational_kpi;
  };

  Setup setup(const std::string& prefix) {
    auto t = server().create_tenant(prefix);
    Setup s{t, admin_of(t), "", "", "", ""};
    s.project_id = new_project(s.admin, "Sammenhængende forløb");
    std::string project = "/api/v1/projects/" + s.project_id;
    s.path = project + "/status-reports";
    s.kpi = created_id(s.admin, project + "/kpis",
                       {{"name", "Ventedage"}, {"direction", "lower"}, {"level", "tactical"}});
    s.operational_kpi = created_id(s.admin, project + "/kpis",
                                   {{"name", "Daglige opkald"}, {"level", "operational"}});
    json rows = json::array();
    for (int w = 1; w <= 24; ++w) {
      char period[16];
      std::snprintf(period, sizeof period, "2026-W%02d", w);
      rows.push_back({{"period", period}, {"value", (w <= 12 ? 20 : 10) + (w % 2)}});
    }
    EXPECT_EQ(s.admin.send_json("POST", "/api/v1/kpis/" + s.kpi + "/measurements", rows).status,
              200);
    overdue_action(s, "Ring til borgerne");
    return s;
  }
  static void overdue_action(Setup& s, const std::string& task) {
    created_id(s.admin, "/api/v1/projects/" + s.project_id + "/actions",
               {{"task", task}, {"deadline", "2020-01-01"}});
  }
  static json section(const json& report, const std::string& key) {
    for (const auto& sec : report["sections"])
      if (sec["key"] == key) return sec["data"];
    return nullptr;
  }
  static json area(const json& report, const std::string& key) {
    for (const auto& a : report["areas"])
      if (a["key"] == key) return a;
    return nullptr;
  }
};

TEST_F(StatusReportsTest, IssuedFrozenCutPerLevelAndCompared) {
  auto s = setup("reports");
  auto issued = s.admin.send_json(
      "POST", s.path,
      {{"title", "Status april"},
       {"issued_on", "2026-04-01"},
       {"areas", {{"budget", {{"colour", "red"}, {"reason", "Overskridelse i fase 2"}}}}},
       {"decisions", {"Godkend ekstra midler"}}});
  ASSERT_EQ(issued.status, 201) << issued.body;
  auto first = issued.json();
  EXPECT_EQ(first["level"], "tactical");
  EXPECT_EQ(first["issued_on"], "2026-04-01");
  ASSERT_EQ(first["areas"].size(), 6u);
  EXPECT_EQ(area(first, "budget")["colour"], "red");
  EXPECT_EQ(area(first, "budget")["reason"], "Overskridelse i fase 2");
  EXPECT_EQ(area(first, "time")["suggested"], "yellow");  // one overdue action
  EXPECT_EQ(area(first, "time")["colour"], "yellow");     // none typed: the suggestion
  EXPECT_EQ(first["decisions"][0], "Godkend ekstra midler");
  std::vector<std::string> keys;
  for (const auto& sec : first["sections"]) keys.push_back(sec["key"]);
  EXPECT_EQ(keys, (std::vector<std::string>{"phases", "milestones", "overdue_actions", "kpis",
                                            "benefits", "business_case", "risks", "budget"}));
  // No risk is logged: the risks area is suggested green.
  EXPECT_EQ(section(first, "risks")["open"], 0);
  EXPECT_EQ(area(first, "risks")["suggested"], "green");
  // No budget either: the section says so and suggests nothing for the budget area.
  EXPECT_EQ(section(first, "budget")["has_budget"], false);
  // Tactical: its own KPIs and those above, not the operational one.
  auto kpis = section(first, "kpis")["items"];
  ASSERT_EQ(kpis.size(), 1u);
  EXPECT_EQ(kpis[0]["name"], "Ventedage");
  EXPECT_EQ(kpis[0]["chart_status"], "better");
  EXPECT_EQ(section(first, "overdue_actions")["items"].size(), 1u);
  std::string first_id = first["id"];
  std::string item = "/api/v1/status-reports/" + first_id;

  // Later changes never alter an issued report.
  EXPECT_EQ(s.admin
                .send_json("POST", "/api/v1/kpis/" + s.kpi + "/measurements",
                           json::array({{{"period", "2026-W25"}, {"value", 30}}}))
                .status,
            200);
  overdue_action(s, "Opdater skabelon");
  auto again = s.admin.get(item);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["sections"], first["sections"]);

  // Strategic: no overdue actions, no operational KPIs; operational: both KPIs.
  auto strategic = s.admin.send_json("POST", s.path, {{"level", "strategic"}});
  ASSERT_EQ(strategic.status, 201) << strategic.body;
  EXPECT_TRUE(section(strategic.json(), "overdue_actions").is_null());
  EXPECT_TRUE(section(strategic.json(), "kpis")["items"].empty());
  auto operational = s.admin.send_json("POST", s.path, {{"level", "operational"}});
  ASSERT_EQ(operational.status, 201);
  EXPECT_EQ(section(operational.json(), "kpis")["items"].size(), 2u);
  EXPECT_TRUE(section(operational.json(), "business_case").is_null());

  // A month later, compared with the one before it.
  auto second = s.admin.send_json(
      "POST", s.path,
      {{"issued_on", "2026-05-01"}, {"areas", {{"budget", {{"colour", "yellow"}}}}}});
  ASSERT_EQ(second.status, 201);
  std::string second_id = second.json()["id"];
  auto cmp = s.admin.get("/api/v1/status-reports/" + second_id + "/comparison?with=" + first_id);
  ASSERT_EQ(cmp.status, 200) << cmp.body;
  auto c = cmp.json();
  EXPECT_EQ(c["older"]["id"], first_id);
  for (const auto& a : c["areas"])
    if (a["key"] == "budget") {
      EXPECT_TRUE(a["changed"]);
      EXPECT_EQ(a["before"], "red");
      EXPECT_EQ(a["after"], "yellow");
    }
  ASSERT_EQ(c["new_overdue_actions"].size(), 1u);
  EXPECT_EQ(c["new_overdue_actions"][0]["task"], "Opdater skabelon");
  ASSERT_EQ(c["kpis_moved"].size(), 1u);
  EXPECT_EQ(c["kpis_moved"][0]["last_after"], 30);
  EXPECT_EQ(s.admin.get(item + "/comparison").status, 404);  // the first has none before it

  auto list = s.admin.get(s.path);
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json()["items"].size(), 4u);
  // Newest first: the two issued today, then May, then April.
  EXPECT_EQ(list.json()["items"][0]["id"], operational.json()["id"]);
  EXPECT_EQ(list.json()["items"][2]["id"], second_id);
  EXPECT_EQ(list.json()["items"][3]["id"], first_id);

  // Bad input names the field and issues nothing.
  auto bad =
      s.admin.send_json("POST", s.path,
                        {{"level", "board"},
                         {"areas", {{"time", {{"colour", "blue"}}}, {"weather", json::object()}}}});
  EXPECT_EQ(bad.status, 422);
  for (const char* f : {"level", "areas.time.colour", "areas.weather"})
    EXPECT_TRUE(bad.json()["error"]["fields"].contains(f)) << f << bad.body;
  EXPECT_EQ(s.admin.send_json("POST", s.path, {{"issued_on", "2026-13-01"}}).status, 422);
  EXPECT_EQ(s.admin.get(s.path).json()["items"].size(), 4u);
}

TEST_F(StatusReportsTest, StandaloneHtmlAndPdfOnA4) {
  auto s = setup("reportpdf");
  auto issued = s.admin.send_json("POST", s.path, {{"title", "Statusrapport maj"}});
  ASSERT_EQ(issued.status, 201);
  std::string item = "/api/v1/status-reports/" + issued.json()["id"].get<std::string>();

  auto html = s.admin.get(item + ".html");
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(html.header("content-disposition").find("attachment"), std::string::npos);
  EXPECT_NE(html.body.find("<style>"), std::string::npos);  // the print CSS inlined
  EXPECT_NE(html.body.find("@page { size: A4"), std::string::npos);
  EXPECT_EQ(html.body.find("<link"), std::string::npos);  // no external assets
  EXPECT_EQ(html.body.find("<script"), std::string::npos);
  expect_body_has(html, {"Statusrapport maj", "Ventedage"});

  if (!std::filesystem::exists("/usr/bin/chromium")) GTEST_SKIP() << "chromium not installed";
  auto pdf = s.admin.get(item + ".pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  ASSERT_EQ(pdf.body.substr(0, 5), "%PDF-");
  if (!std::filesystem::exists("/usr/bin/pdftotext")) GTEST_SKIP() << "poppler-utils not installed";
  auto file = std::filesystem::temp_directory_path() /
              ("status-report-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf.body;
  auto info = run_command("pdfinfo " + file.string());
  auto pages = info.find("Pages:");
  ASSERT_NE(pages, std::string::npos) << info;
  EXPECT_EQ(std::stoi(info.substr(pages + 6)), 2) << info;  // the areas and phases, then the rest
  EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
  auto text = run_command("pdftotext -layout " + file.string() + " -");
  std::filesystem::remove(file);
  for (const char* expected : {"Statusrapport maj", "Sammenhængende forløb", "Ventedage",
                               "Ring til borgerne", "Tid", "Gevinster"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
}

// A server without Chromium answers the PDF with 503 and says why; the HTML file stays.
TEST_F(StatusReportsTest, PdfWithoutChromiumIs503) {
  auto s = setup("reportnopdf");
  auto issued = s.admin.send_json("POST", s.path, json::object());
  ASSERT_EQ(issued.status, 201);
  std::string item = "/api/v1/status-reports/" + issued.json()["id"].get<std::string>();
  ::setenv("FREMDRIFT_CHROMIUM", "/nonexistent/chromium", 1);
  TestServer without(TestServer::SameDatabase{}, server());
  ::unsetenv("FREMDRIFT_CHROMIUM");
  Client c(without.port());
  ASSERT_EQ(c.login(s.tenant.admin_email, TestServer::kPassword).status, 200);
  auto pdf = c.get(item + ".pdf");
  EXPECT_EQ(pdf.status, 503);
  EXPECT_EQ(pdf.json()["error"]["code"], "pdf_unavailable");
  EXPECT_NE(pdf.json()["error"]["message"].get<std::string>().find("Chromium"), std::string::npos);
  EXPECT_EQ(c.get(item + ".html").status, 200);
}

TEST_F(StatusReportsTest, PagesIssueShowAndCompare) {
  auto s = setup("reportpages");
  std::string base = "/projects/" + s.project_id + "/status-reports";
  auto page = s.admin.get(base);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("name=\"area_time_colour\""), std::string::npos);
  std::map<std::string, std::string> form = {{"_csrf", s.admin.csrf()},
                                             {"title", "Fra formularen"},
                                             {"level", "tactical"},
                                             {"issued_on", "2026-04-01"},
                                             {"area_time_colour", "red"},
                                             {"area_time_reason", "To uger bagud"},
                                             {"decisions", "Godkend plan\nForlæng fase 3"}};
  auto posted = s.admin.post_form(base, form);
  ASSERT_EQ(posted.status, 303) << posted.body;
  std::string location = posted.header("location");
  auto shown = s.admin.get(location);
  ASSERT_EQ(shown.status, 200);
  expect_body_has(shown, {"To uger bagud", "Forlæng fase 3"});
  // A refused form keeps what was typed.
  form["issued_on"] = "i morgen";
  auto refused = s.admin.post_form(base, form);
  expect_refused_input(refused, {"Fra formularen", "To uger bagud"});

  form["issued_on"] = "2026-05-01";
  form["area_time_colour"] = "green";
  ASSERT_EQ(s.admin.post_form(base, form).status, 303);
  auto list = s.admin.get(s.path).json()["items"];
  std::string newer = list[0]["id"], older = list[1]["id"];
  auto cmp = s.admin.get(base + "/compare?from=" + older + "&to=" + newer);
  ASSERT_EQ(cmp.status, 200);
  EXPECT_NE(cmp.body.find("2026-04-01"), std::string::npos);
  EXPECT_EQ(s.admin.get(base + "/compare?from=" + older + "&to=nope").status, 404);
}

TEST_F(StatusReportsTest, OtherTenantGets404AndMemberWithoutEditGets403) {
  auto s = setup("reportiso");
  auto issued = s.admin.send_json("POST", s.path, json::object());
  ASSERT_EQ(issued.status, 201);
  std::string id = issued.json()["id"];
  std::string item = "/api/v1/status-reports/" + id;
  std::string base = "/projects/" + s.project_id + "/status-reports";

  Client member = member_of(s.tenant);
  EXPECT_EQ(member.get(item).status, 200);
  EXPECT_EQ(member.get(s.path).status, 200);
  EXPECT_EQ(member.get(item + ".html").status, 200);
  EXPECT_EQ(member.get(base + "/" + id).status, 200);
  EXPECT_EQ(member.send_json("POST", s.path, json::object()).status, 403);
  EXPECT_EQ(member.post_form(base, {{"_csrf", member.csrf()}, {"level", "tactical"}}).status, 403);
  EXPECT_EQ(member.get(base).body.find("name=\"area_time_colour\""), std::string::npos);

  auto b = new_tenant_admin("reportiso-b");
  EXPECT_EQ(b.admin.get(item).status, 404);
  EXPECT_EQ(b.admin.get(item + ".html").status, 404);
  EXPECT_EQ(b.admin.get(item + ".pdf").status, 404);
  EXPECT_EQ(b.admin.get(item + "/comparison").status, 404);
  EXPECT_EQ(b.admin.get(s.path).status, 404);
  EXPECT_EQ(b.admin.send_json("POST", s.path, json::object()).status, 404);
  EXPECT_EQ(b.admin.get(base).status, 404);
  EXPECT_EQ(b.admin.get(base + "/" + id).status, 404);
  EXPECT_EQ(b.admin.post_form(base, {{"_csrf", b.admin.csrf()}}).status, 404);
  // Their own project's compare page cannot reach our reports.
  auto theirs = new_project(b.admin, "Deres");
  EXPECT_EQ(b.admin.get("/projects/" + theirs + "/status-reports/compare?from=" + id + "&to=" + id)
                .status,
            404);
  EXPECT_EQ(s.admin.get(s.path).json()["items"].size(), 1u);
}

TEST_F(StatusReportsTest, ProgrammePageRollsUpTheLatestReport) {
  auto s = setup("reportprog");
  std::string programme =
      created_id(s.admin, "/api/v1/programmes", {{"title", "Sammen om borgeren"}});
  ASSERT_EQ(s.admin
                .send_json("POST", "/api/v1/programmes/" + programme + "/projects",
                           {{"project_id", s.project_id}})
                .status,
            201);
  std::string page = "/programmes/" + programme;
  EXPECT_NE(s.admin.get(page).body.find("ingen rapport"), std::string::npos);

  s.admin.send_json("POST", s.path,
                    {{"issued_on", "2026-04-01"}, {"areas", {{"budget", {{"colour", "green"}}}}}});
  auto latest = s.admin.send_json(
      "POST", s.path, {{"issued_on", "2026-05-01"}, {"areas", {{"budget", {{"colour", "red"}}}}}});
  ASSERT_EQ(latest.status, 201);
  auto body = s.admin.get(page).body;
  EXPECT_NE(body.find("/projects/" + s.project_id + "/status-reports/" +
                      latest.json()["id"].get<std::string>()),
            std::string::npos);
  EXPECT_NE(body.find("Økonomi: Rød"), std::string::npos);
  EXPECT_EQ(body.find("Økonomi: Grøn"), std::string::npos);  // the older report is not shown
  // The project's overview has the same card.
  auto overview = s.admin.get("/projects/" + s.project_id).body;
  EXPECT_NE(overview.find("report-section-heading"), std::string::npos);
  EXPECT_NE(overview.find("Økonomi: Rød"), std::string::npos);
}

}  // namespace
}  // namespace testing_http

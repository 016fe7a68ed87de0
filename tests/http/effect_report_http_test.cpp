// A programme's effect report (issue 18, point 5) on both engines: who sees it, the before and
// after of seeded KPIs, benefits and their judgement, clusters and tracks, a project that is
// not attached never in it, and the printable page and PDF (text read back with pdftotext).
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class EffectReportTest : public HttpTest {
 protected:
  struct Scene {
    Client umbrella, a, b, outsider;
    TestServer::Tenant a_tenant;
    std::string programme, path;
    std::string waiting, collaboration, cost;  // KPI ids
    std::string benefit_a;
  };

  static json weeks(int first, const std::vector<double>& values) {
    json rows = json::array();
    for (std::size_t i = 0; i < values.size(); ++i) {
      char period[16];
      std::snprintf(period, sizeof period, "2026-W%02d", first + static_cast<int>(i));
      rows.push_back({{"period", period}, {"value", values[i]}});
    }
    return rows;
  }

  static std::string kpi(Client& c, const std::string& project, const json& fields,
                         const json& measurements) {
    std::string id = created_id(c, "/api/v1/projects/" + project + "/kpis", fields);
    auto pushed = c.send_json("POST", "/api/v1/kpis/" + id + "/measurements", measurements);
    EXPECT_EQ(pushed.status, 200) << pushed.body;
    return id;
  }

  static void attach(Client& c, const std::string& programme, const std::string& project,
                     const std::string& cluster, const std::string& track) {
    auto r = c.send_json("POST", "/api/v1/programmes/" + programme + "/projects",
                         {{"project_id", project}, {"cluster", cluster}, {"tracks", {track}}});
    ASSERT_EQ(r.status, 201) << r.body;
  }

  static void join(Client& umbrella, Client& member) {
    auto code = umbrella.send_json("POST", "/api/v1/umbrella/join-code", json::object());
    ASSERT_EQ(code.status, 201) << code.body;
    ASSERT_EQ(member
                  .send_json("POST", "/api/v1/umbrella-memberships",
                             {{"join_code", code.json()["join_code"]}})
                  .status,
              201);
  }

  // An umbrella's programme with a project of municipality A (two KPIs and a judged benefit)
  // and one of B (a KPI that got worse), a project of A that is not attached, and a
  // municipality that is no member.
  Scene scene(const std::string& prefix) {
    auto [u, ua] = new_tenant_admin(prefix + "u", "umbrella");
    auto [ta, ka] = new_tenant_admin(prefix + "a");
    auto [tb, kb] = new_tenant_admin(prefix + "b");
    auto [tc, kc] = new_tenant_admin(prefix + "c");
    Scene s{ua, ka, kb, kc, ta, "", "", "", "", "", ""};
    join(s.umbrella, s.a);
    join(s.umbrella, s.b);
    s.programme = created_id(s.umbrella, "/api/v1/programmes",
                             {{"title", "Mere kerneopgave"},
                              {"clusters", {"Nord", "Syd"}},
                              {"tracks", {"Borgerkontakt", "Ledelse"}}});
    s.path = "/api/v1/programmes/" + s.programme + "/effect-report";

    std::string pa = new_project(s.a, "Sammenhængende forløb");
    s.waiting = kpi(s.a, pa,
                    {{"name", "Ventedage"},
                     {"unit", "dage"},
                     {"direction", "lower"},
                     {"baseline", 20},
                     {"category", "citizen_quality"}},
                    weeks(1, {12, 14, 13}));
    s.collaboration = kpi(s.a, pa,
                          {{"name", "Samarbejde"},
                           {"unit", "1–5"},
                           {"direction", "higher"},
                           {"category", "work_environment"}},
                          weeks(1, {3, 3, 4, 3, 4, 3, 4, 5, 4, 5, 4, 5}));
    for (const json& split :
         {json{{"start", "2026-W01"}, {"label", "Baseline"}, {"freeze_until", "2026-W06"}},
          json{{"start", "2026-W07"}, {"label", "Forsøg"}, {"frozen", true}}})
      EXPECT_EQ(s.a.send_json("POST", "/api/v1/kpis/" + s.collaboration + "/periods", split).status,
                201);
    s.benefit_a = created_id(s.a, "/api/v1/projects/" + pa + "/benefits",
                             {{"title", "Kortere ventetid"},
                              {"category", "citizen_quality"},
                              {"unit", "dage"},
                              {"target_date", "2099-06-30"},
                              {"kpi_ids", {s.waiting}}});
    auto judged = s.a.send_json(
        "POST", "/api/v1/benefits/" + s.benefit_a + "/judge",
        {{"realisation", "realised"}, {"reason", "Jens Hansen bekræftede det"}, {"version", 1}});
    EXPECT_EQ(judged.status, 200) << judged.body;
    attach(s.a, s.programme, pa, "Nord", "Borgerkontakt");

    std::string hidden = new_project(s.a, "Ikke med");
    kpi(s.a, hidden, {{"name", "Hemmelig indikator"}, {"baseline", 1}}, weeks(1, {2, 3}));

    std::string pb = new_project(s.b, "Færre overdragelser");
    s.cost = kpi(s.b, pb,
                 {{"name", "Kroner pr. forløb"},
                  {"unit", "kr"},
                  {"direction", "higher"},
                  {"baseline", 100},
                  {"category", "economy"}},
                 weeks(1, {90, 92, 91}));
    created_id(s.b, "/api/v1/projects/" + pb + "/benefits",
               {{"title", "Lavere udgifter"},
                {"category", "economy"},
                {"unit", "kr"},
                {"target_date", "2099-12-31"}});
    attach(s.b, s.programme, pb, "Syd", "Ledelse");
    return s;
  }

  static const json* kpi_in(const json& report, const std::string& category,
                            const std::string& id) {
    for (const auto& c : report["categories"])
      if (c["category"] == category)
        for (const auto& k : c["kpis"])
          if (k["kpi_id"] == id) return &k;
    return nullptr;
  }
};

TEST_F(EffectReportTest, BeforeAndAfterAcrossMunicipalities) {
  auto s = scene("eff");
  const json report = s.umbrella.get(s.path).json();
  EXPECT_EQ(report["programme"]["title"], "Mere kerneopgave");
  EXPECT_EQ(report["summary"]["projects"], 2);
  EXPECT_EQ(report["summary"]["municipalities"], 2);
  EXPECT_EQ(report["period"]["from"], "2025-12-29");  // the Monday of 2026-W01
  EXPECT_EQ(report["period"]["to"], "2026-03-22");    // the Sunday of 2026-W12

  const json* waiting = kpi_in(report, "citizen_quality", s.waiting);
  ASSERT_NE(waiting, nullptr) << report.dump();
  EXPECT_EQ((*waiting)["before"], 20.0);
  EXPECT_EQ((*waiting)["before_source"], "kpi_baseline");
  EXPECT_EQ((*waiting)["after"], 13.0);
  EXPECT_EQ((*waiting)["after_period"]["from"], "2026-W01");
  EXPECT_EQ((*waiting)["after_period"]["to"], "2026-W03");
  EXPECT_EQ((*waiting)["outcome"], "improved");  // lower is better
  EXPECT_EQ((*waiting)["project"]["title"], "Sammenhængende forløb");
  EXPECT_EQ((*waiting)["project"]["municipality"], "Test " + s.a_tenant.slug);

  const json* collaboration = kpi_in(report, "work_environment", s.collaboration);
  ASSERT_NE(collaboration, nullptr);
  EXPECT_EQ((*collaboration)["before"], 3.0);  // the frozen baseline's median
  EXPECT_EQ((*collaboration)["before_source"], "chart_baseline");
  EXPECT_EQ((*collaboration)["before_period"]["to"], "2026-W06");
  EXPECT_EQ((*collaboration)["after"], 4.5);  // the trial's own median
  EXPECT_EQ((*collaboration)["after_period"]["from"], "2026-W07");
  EXPECT_EQ((*collaboration)["outcome"], "improved");

  const json* cost = kpi_in(report, "economy", s.cost);
  ASSERT_NE(cost, nullptr);
  EXPECT_EQ((*cost)["after"], 91.0);
  EXPECT_EQ((*cost)["outcome"], "worse");  // higher is better, and it fell
  EXPECT_EQ(report["summary"]["kpis"]["economy"]["worse"], 1);
  EXPECT_EQ(report["summary"]["kpis"]["citizen_quality"]["improved"], 1);

  // The benefits: the judged one realised, the other not measured; no reason, no people.
  EXPECT_EQ(report["summary"]["benefits"]["total"], 2);
  EXPECT_EQ(report["summary"]["benefits"]["realised"], 1);
  const auto& citizen = report["categories"][0];
  ASSERT_EQ(citizen["category"], "citizen_quality");
  ASSERT_EQ(citizen["benefits"]["items"].size(), 1u);
  EXPECT_EQ(citizen["benefits"]["items"][0]["title"], "Kortere ventetid");
  EXPECT_EQ(citizen["benefits"]["items"][0]["status"], "realised");
  EXPECT_EQ(citizen["benefits"]["statuses"]["realised"], 1);
  EXPECT_EQ(report["categories"][2]["benefits"]["items"][0]["status"], "not_measured");

  // By cluster and by track.
  ASSERT_EQ(report["clusters"].size(), 2u);
  EXPECT_EQ(report["clusters"][0]["name"], "Nord");
  EXPECT_EQ(report["clusters"][0]["projects"], 1);
  EXPECT_EQ(report["clusters"][0]["kpis"]["work_environment"]["improved"], 1);
  EXPECT_EQ(report["clusters"][0]["benefits"]["realised"], 1);
  EXPECT_EQ(report["clusters"][1]["kpis"]["economy"]["worse"], 1);
  ASSERT_EQ(report["tracks"].size(), 2u);
  EXPECT_EQ(report["tracks"][1]["name"], "Ledelse");
  EXPECT_EQ(report["tracks"][1]["projects"], 1);
  ASSERT_EQ(report["phases"].size(), 1u);
  EXPECT_EQ(report["phases"][0]["projects"], 2);

  const std::string body = report.dump();
  for (const char* never : {"Hemmelig indikator", "Ikke med", "Jens Hansen"})
    EXPECT_EQ(body.find(never), std::string::npos) << never;
}

TEST_F(EffectReportTest, OwnerAndMembersSeeItOthersGet404) {
  auto s = scene("effacc");
  Client member_a = member_of(s.a_tenant);
  for (Client* c : {&s.umbrella, &s.a, &s.b, &member_a}) {
    auto r = c->get(s.path);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["summary"]["projects"], 2);
    EXPECT_EQ(c->get("/programmes/" + s.programme + "/effect-report").status, 200);
  }
  expect_gets(s.outsider,
              {s.path, s.path + ".pdf", s.path + "?format=pdf",
               "/programmes/" + s.programme + "/effect-report",
               "/programmes/" + s.programme + "/effect-report.pdf",
               "/api/v1/programmes/nosuchprogramme/effect-report"},
              404);
  EXPECT_EQ(client().get(s.path).status, 401);
  auto bad = s.umbrella.get(s.path + "?format=xml");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("format"));
}

TEST_F(EffectReportTest, PagesShowTheSummaryAndTheReport) {
  auto s = scene("effpage");
  auto programme = s.b.get("/programmes/" + s.programme);
  ASSERT_EQ(programme.status, 200);
  expect_body_has(programme, {"Effekt på den tredobbelte bundlinje", "effect-clusters-heading",
                              "effect-tracks-heading", "Borgerkontakt",
                              "/programmes/" + s.programme + "/effect-report"});
  EXPECT_EQ(programme.body.find("effect-surveys-heading"), std::string::npos);  // none here
  auto page = s.umbrella.get("/programmes/" + s.programme + "/effect-report");
  ASSERT_EQ(page.status, 200);
  expect_body_has(page, {"Effektrapport", "Mere kerneopgave", "Ventedage", "Kroner pr. forløb",
                         "Forbedret", "Forværret", "Kortere ventetid", "4,5", "@page { size: A4"});
  EXPECT_EQ(page.body.find("Hemmelig indikator"), std::string::npos);
}

TEST_F(EffectReportTest, PdfOnA4OrUnavailable) {
  auto s = scene("effpdf");
  const std::string page_pdf = "/programmes/" + s.programme + "/effect-report.pdf";
  if (!std::filesystem::exists("/usr/bin/chromium")) {
    for (const auto& path : {s.path + ".pdf", s.path + "?format=pdf", page_pdf})
      EXPECT_EQ(s.umbrella.get(path).status, 503) << path;
    GTEST_SKIP() << "chromium not installed";
  }
  for (const auto& path : {s.path + "?format=pdf", page_pdf}) {
    auto r = s.a.get(path);
    ASSERT_EQ(r.status, 200) << path << r.body;
    EXPECT_EQ(r.header("content-type"), "application/pdf");
    EXPECT_EQ(r.body.substr(0, 5), "%PDF-");
  }
  auto pdf = s.umbrella.get(s.path + ".pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.header("content-type"), "application/pdf");
  EXPECT_NE(pdf.header("content-disposition").find("effect-report-"), std::string::npos);
  if (!std::filesystem::exists("/usr/bin/pdftotext")) GTEST_SKIP() << "poppler-utils not installed";
  auto file = std::filesystem::temp_directory_path() /
              ("effect-report-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf.body;
  auto info = run_command("pdfinfo " + file.string());
  EXPECT_NE(info.find("(A4)"), std::string::npos) << info;
  auto text = run_command("pdftotext -layout " + file.string() + " -");
  std::filesystem::remove(file);
  for (const char* expected : {"Effektrapport", "Mere kerneopgave", "Sammenfatning", "Ventedage",
                               "Kroner pr. forløb", "Kortere ventetid", "Nord", "Ledelse"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  EXPECT_EQ(text.find("Hemmelig"), std::string::npos);
}

// A server without Chromium answers every PDF route with 503 and says why; the page stays.
TEST_F(EffectReportTest, PdfWithoutChromiumIs503) {
  auto s = scene("effnopdf");
  ::setenv("FREMDRIFT_CHROMIUM", "/nonexistent/chromium", 1);
  TestServer without(TestServer::SameDatabase{}, server());
  ::unsetenv("FREMDRIFT_CHROMIUM");
  Client c(without.port());
  ASSERT_EQ(c.login(s.a_tenant.admin_email, TestServer::kPassword).status, 200);
  for (const auto& path : {s.path + ".pdf", s.path + "?format=pdf"}) {
    auto r = c.get(path);
    EXPECT_EQ(r.status, 503) << path;
    EXPECT_EQ(r.json()["error"]["code"], "pdf_unavailable");
  }
  auto page_pdf = c.get("/programmes/" + s.programme + "/effect-report.pdf");
  EXPECT_EQ(page_pdf.status, 503);
  EXPECT_NE(page_pdf.body.find("Chromium"), std::string::npos);
  EXPECT_EQ(c.get("/programmes/" + s.programme + "/effect-report").status, 200);
}

}  // namespace
}  // namespace testing_http

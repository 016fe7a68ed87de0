// A work package's budget, the rate card, the actuals ledger and the budget summary over
// HTTP, on both databases: exact amounts through GET/PUT, financing shares that must add up
// to 100 % and hours with no rate refused naming the field or row, an actual on another
// project's package refused, the import's dry run and all-or-nothing, the summary's figures
// and the funder's report; another tenant's 404s and a member without the edit right's 403s;
// the pages (the budget editor keeping what was typed, the import's preview and confirmation).
#include <filesystem>
#include <fstream>
#include <iterator>

#include <unistd.h>
#include <xlsxwriter.h>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class WorkPackageBudgetTest : public HttpTest {
 protected:
  struct Setup : ProjectScene {
    std::string package;  // /api/v1/work-packages/{id}
    std::string package_id;
    std::string actuals;  // /api/v1/projects/{id}/actuals
  };
  Setup setup(const std::string& prefix) {
    Setup s{new_project_scene(prefix, "Budget")};
    created_id(s.admin, "/api/v1/hourly-rates", {{"role", "project_leader"}, {"rate", "650,00"}});
    s.package_id =
        created_id(s.admin, "/api/v1/projects/" + s.project + "/work-packages",
                   {{"title", "AP1 Pilot"}, {"start", "2026-01-01"}, {"end", "2026-06-30"}});
    s.package = "/api/v1/work-packages/" + s.package_id;
    s.actuals = "/api/v1/projects/" + s.project + "/actuals";
    return s;
  }
  static json budget(const json& shares) {
    return {{"lines",
             {{{"year", 2026}, {"role", "project_leader"}, {"hours", "100"}, {"other", "5000.50"}},
              {{"year", 2027}, {"subcontractors", 1234.56}}}},
            {"financing", shares}};
  }
  static json split(const json& grant, const json& in_kind) {
    return {{{"kind", "grant"}, {"funder", "Testfonden"}, {"share", grant}},
            {{"kind", "in_kind"}, {"share", in_kind}}};
  }
  static HttpResponse import(Client& c, const std::string& project, const std::string& csv,
                             bool dry_run) {
    return c.request(
        "POST",
        "/api/v1/projects/" + project + "/actuals/import" + (dry_run ? "?dry_run=true" : ""), csv,
        {{"Content-Type", "text/csv"}, {"X-CSRF-Token", c.csrf()}});
  }
};

TEST_F(WorkPackageBudgetTest, TheBudgetIsExactAndItsFinancingAddsUpToAHundredPerCent) {
  auto s = setup("wpb-api");
  auto empty = s.admin.get(s.package + "/budget").json();
  EXPECT_EQ(empty["version"], 0);
  EXPECT_EQ(empty["lines"], json::array());
  auto put = s.admin.send_json("PUT", s.package + "/budget", budget(split("30", 70)));
  ASSERT_EQ(put.status, 200) << put.body;
  auto b = put.json();
  EXPECT_EQ(b["version"], 1);
  EXPECT_EQ(b["lines"][0]["rate"], "650.00");
  EXPECT_EQ(b["lines"][0]["personnel"], "65000.00");
  EXPECT_EQ(b["lines"][0]["total"], "70000.50");
  EXPECT_EQ(b["lines"][1]["subcontractors"], "1234.56");
  EXPECT_EQ(b["totals"]["total"], "71235.06");
  EXPECT_EQ(b["financing"][0]["amount"], "21370.52");  // 30 % of 71235.06 = 21370.518
  EXPECT_EQ(b["financing"][1]["amount"], "49864.54");
  EXPECT_EQ(b["totals"]["grant"], "21370.52");
  EXPECT_EQ(b["years"][1], (json{{"year", 2027}, {"total", "1234.56"}}));
  EXPECT_EQ(s.admin.get(s.package + "/budget").json(), b);
  // A stale version is 409 with the stored budget.
  auto stale = s.admin.send_json("PUT", s.package + "/budget", [&] {
    json x = budget(split(30, 70));
    x["version"] = 0;
    return x;
  }());
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["current"]["version"], 1);

  auto refused = [&](const json& body, const std::string& field) {
    auto r = s.admin.send_json("PUT", s.package + "/budget", body);
    EXPECT_EQ(r.status, 422) << body.dump() << " " << r.body;
    EXPECT_TRUE(r.json()["error"]["fields"].contains(field)) << field << " " << r.body;
  };
  refused(budget(split(40, 50)), "financing");
  refused(budget(split("30,5", 70)), "financing");
  refused(budget(json::array()), "financing");
  json negative = budget(split(30, 70));
  negative["lines"][0]["hours"] = -5;
  refused(negative, "lines[0].hours");
  json no_rate = budget(split(30, 70));
  no_rate["lines"][0]["role"] = "change_agent";  // not on the rate card
  refused(no_rate, "lines[0]");
  json no_funder = budget(split(30, 70));
  no_funder["financing"][0].erase("funder");
  refused(no_funder, "financing[0].funder");
  json fraction = budget(split(30, 70));
  fraction["lines"][0]["other"] = "1,005";
  refused(fraction, "lines[0].other");
  EXPECT_EQ(s.admin.get(s.package + "/budget").json()["version"], 1);

  // A person's own rate comes before their role's.
  auto lene = new_person(s.admin, "Lene Holm");
  ASSERT_EQ(s.admin.send_json("POST", "/api/v1/hourly-rates", {{"person_id", lene}, {"rate", 800}})
                .status,
            201);
  EXPECT_EQ(
      s.admin.send_json("POST", "/api/v1/hourly-rates", {{"role", "project_leader"}, {"rate", 1}})
          .status,
      409);
  EXPECT_EQ(s.admin.send_json("POST", "/api/v1/hourly-rates", {{"rate", 1}}).status, 422);
  json person = budget(split(30, 70));
  person["lines"][0]["person_id"] = lene;
  auto priced = s.admin.send_json("PUT", s.package + "/budget", person);
  ASSERT_EQ(priced.status, 200) << priced.body;
  EXPECT_EQ(priced.json()["lines"][0]["personnel"], "80000.00");
}

TEST_F(WorkPackageBudgetTest, ActualsTheImportAndTheSummary) {
  auto s = setup("wpb-actuals");
  ASSERT_EQ(s.admin.send_json("PUT", s.package + "/budget", budget(split(30, 70))).status, 200);
  auto a = s.admin.send_json("POST", s.actuals,
                             {{"date", "2026-02-15"},
                              {"work_package_id", s.package_id},
                              {"kind", "other"},
                              {"amount", "1.234,50"},
                              {"note", "Lokaler"}});
  ASSERT_EQ(a.status, 201) << a.body;
  EXPECT_EQ(a.json()["amount"], "1234.50");
  // Hours alone are priced at the package's budgeted rate: 65000 kr. for 100 h.
  auto h =
      s.admin.send_json("POST", s.actuals,
                        {{"date", "2026-03-01"}, {"work_package_id", s.package_id}, {"hours", 10}});
  ASSERT_EQ(h.status, 201) << h.body;
  EXPECT_EQ(h.json()["amount"], "6500.00");
  EXPECT_EQ(h.json()["hours"], "10.00");

  std::string elsewhere = new_project(s.admin, "Andet");
  std::string foreign =
      created_id(s.admin, "/api/v1/projects/" + elsewhere + "/work-packages",
                 {{"title", "Fremmed"}, {"start", "2026-01-01"}, {"end", "2026-02-01"}});
  auto refused = [&](const json& body, const std::string& field) {
    auto r = s.admin.send_json("POST", s.actuals, body);
    EXPECT_EQ(r.status, 422) << body.dump() << " " << r.body;
    EXPECT_TRUE(r.json()["error"]["fields"].contains(field)) << field << " " << r.body;
  };
  refused({{"date", "2026-03-01"}, {"work_package_id", foreign}, {"amount", 1}}, "work_package_id");
  refused({{"date", "2026-03-01"}, {"work_package_id", s.package_id}}, "amount");
  refused({{"date", "2026-03-01"}, {"work_package_id", s.package_id}, {"amount", -1}}, "amount");
  refused({{"date", "2026-02-30"}, {"work_package_id", s.package_id}, {"amount", 1}}, "date");
  refused({{"date", "2026-03-01"}, {"work_package_id", foreign}, {"hours", 1}}, "work_package_id");

  // The import: a dry run reports, a file with one bad row stores nothing, a good one all.
  const std::string good =
      "date;package;kind;amount;hours;note\n15-04-2026;AP1 Pilot;other;100,00;;A\n"
      "2026-05-01;ap1 pilot;personnel;;2;B\n";
  auto dry = import(s.admin, s.project, good, true);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.json()["summary"]["create"], 2);
  EXPECT_EQ(dry.json()["imported"], false);
  auto bad = import(s.admin, s.project, good + "2026-05-02;Fremmed;other;5;;\n", false);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["summary"]["error"], 1);
  EXPECT_TRUE(bad.json()["rows"][2]["errors"].contains("package"));
  EXPECT_EQ(s.admin.get(s.actuals).json()["items"].size(), 2u);
  EXPECT_EQ(import(s.admin, s.project, "dato;pakke\n", false).status, 422);
  auto done = import(s.admin, s.project, good, false);
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["imported"], true);
  EXPECT_EQ(s.admin.get(s.actuals).json()["items"].size(), 4u);

  // 1234.50 + 6500 + 100 + 1300 = 9134.50 of 71235.06.
  auto sum = s.admin.get("/api/v1/projects/" + s.project + "/budget-summary").json();
  EXPECT_EQ(sum["project"]["budget"], "71235.06");
  EXPECT_EQ(sum["project"]["actual"], "9134.50");
  EXPECT_EQ(sum["project"]["remaining"], "62100.56");
  EXPECT_EQ(sum["project"]["grant"], "21370.52");
  EXPECT_EQ(sum["project"]["grant_share"], "30.00");
  EXPECT_EQ(sum["packages"][0]["actual"], "9134.50");
  EXPECT_EQ(sum["years"][0], (json{{"year", 2026},
                                   {"budget", "70000.50"},
                                   {"actual", "9134.50"},
                                   {"remaining", "60866.00"},
                                   {"over", false}}));
  EXPECT_EQ(sum["funders"][0]["funder"], "Testfonden");
  EXPECT_EQ(sum["funders"][0]["spent"], "2740.35");  // 30 % of 9134.50
  // January 2026 to December 2027: the 2027 line, outside the package's dates, spreads over
  // that year's twelve months.
  EXPECT_EQ(sum["burn"].size(), 24u);
  EXPECT_EQ(sum["burn"][1]["actual_cumulative"], "1234.50");
  // The overview's card shows the same share, summed in SQL: 9134.50 of 71235.06.
  s.admin.cookies()["fremdrift_lang"] = "da";
  auto overview = s.admin.get("/projects/" + s.project);
  ASSERT_EQ(overview.status, 200);
  EXPECT_NE(overview.body.find("Budget brugt</dt><dd>12,82 %"), std::string::npos);
  auto xlsx = s.admin.get("/api/v1/projects/" + s.project + "/funder-report.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  s.admin.cookies()["fremdrift_lang"] = "en";
  auto csv = s.admin.get("/api/v1/projects/" + s.project + "/funder-report.csv");
  EXPECT_NE(csv.body.find("Testfonden;AP1 Pilot;2026;21000.15;2740.35;18259.80"), std::string::npos)
      << csv.body;

  // A package with actuals is kept.
  EXPECT_EQ(s.admin.send_delete(s.package).status, 409);
}

TEST_F(WorkPackageBudgetTest,
       AnotherTenantFindsNothingAndAMemberWithoutTheEditRightChangesNothing) {
  auto s = setup("wpb-iso");
  ASSERT_EQ(s.admin.send_json("PUT", s.package + "/budget", budget(split(30, 70))).status, 200);
  auto a =
      s.admin
          .send_json("POST", s.actuals,
                     {{"date", "2026-02-15"}, {"work_package_id", s.package_id}, {"amount", 10}})
          .json();
  std::string actual = "/api/v1/actuals/" + a["id"].get<std::string>();
  std::string summary = "/api/v1/projects/" + s.project + "/budget-summary";
  std::string report = "/api/v1/projects/" + s.project + "/funder-report.xlsx";
  std::string page = "/projects/" + s.project + "/budget";
  std::string package_page = "/projects/" + s.project + "/work-packages/" + s.package_id;
  auto b = new_tenant_admin("wpb-iso-b");
  expect_gets(b.admin, {s.package + "/budget", s.actuals, actual, summary, report, page}, 404);
  EXPECT_EQ(b.admin.send_json("PUT", s.package + "/budget", budget(split(30, 70))).status, 404);
  EXPECT_EQ(
      b.admin
          .send_json("POST", s.actuals,
                     {{"date", "2026-02-15"}, {"work_package_id", s.package_id}, {"amount", 1}})
          .status,
      404);
  EXPECT_EQ(import(b.admin, s.project, "date;package\n2026-01-01;AP1 Pilot\n", false).status, 404);
  EXPECT_EQ(b.admin.send_delete(actual).status, 404);
  EXPECT_EQ(b.admin.post_form(package_page + "/budget", {{"_csrf", b.admin.csrf()}}).status, 404);
  EXPECT_EQ(
      b.admin.post_form(page + "/actuals", {{"_csrf", b.admin.csrf()}, {"amount", "1"}}).status,
      404);
  // Their own package cannot be booked in A's project either.
  std::string theirs = new_project(b.admin, "B");
  std::string their_package =
      created_id(b.admin, "/api/v1/projects/" + theirs + "/work-packages",
                 {{"title", "B1"}, {"start", "2026-01-01"}, {"end", "2026-02-01"}});
  EXPECT_EQ(
      s.admin
          .send_json("POST", s.actuals,
                     {{"date", "2026-02-15"}, {"work_package_id", their_package}, {"amount", 1}})
          .status,
      422);
  // The rate card is the tenant's: B sees none of A's.
  EXPECT_EQ(b.admin.get("/api/v1/hourly-rates").json()["items"].size(), 0u);

  auto member = member_of(s.tenant);
  give_project_role(s.admin, s.project, member, "steering_member");
  expect_gets(member,
              {s.package + "/budget", s.actuals, actual, summary, report, page, package_page}, 200);
  EXPECT_EQ(member.send_json("PUT", s.package + "/budget", budget(split(30, 70))).status, 403);
  EXPECT_EQ(
      member
          .send_json("POST", s.actuals,
                     {{"date", "2026-02-15"}, {"work_package_id", s.package_id}, {"amount", 1}})
          .status,
      403);
  EXPECT_EQ(import(member, s.project, "date;package\n2026-01-01;AP1 Pilot\n", false).status, 403);
  EXPECT_EQ(member.send_delete(actual).status, 403);
  EXPECT_EQ(
      member.send_json("POST", "/api/v1/hourly-rates", {{"role", "project_group"}, {"rate", 1}})
          .status,
      403);
  auto form =
      member.post_form(package_page + "/budget", {{"_csrf", member.csrf()}, {"l0_year", "2026"}});
  EXPECT_EQ(form.status, 403);
  EXPECT_EQ(member.post_form(page + "/actuals", {{"_csrf", member.csrf()}, {"amount", "1"}}).status,
            403);
  EXPECT_EQ(member
                .post_form(page + "/rates",
                           {{"_csrf", member.csrf()}, {"role", "project_group"}, {"rate", "1"}})
                .status,
            403);
  EXPECT_EQ(b.admin
                .post_form(page + "/rates",
                           {{"_csrf", b.admin.csrf()}, {"role", "project_group"}, {"rate", "1"}})
                .status,
            404);
  EXPECT_EQ(s.admin.get("/api/v1/hourly-rates").json()["items"].size(), 1u);
  EXPECT_EQ(s.admin.get(s.package + "/budget").json()["version"], 1);
  EXPECT_EQ(s.admin.get(s.actuals).json()["items"].size(), 1u);
}

TEST_F(WorkPackageBudgetTest, ThePagesKeepWhatWasTypedAndImportAfterAPreview) {
  auto s = setup("wpb-pages");
  std::string package_page = "/projects/" + s.project + "/work-packages/" + s.package_id;
  std::string csrf = s.admin.csrf();
  auto refused = s.admin.post_form(package_page + "/budget", {{"_csrf", csrf},
                                                              {"budget_version", "0"},
                                                              {"l0_year", "2026"},
                                                              {"l0_role", "project_leader"},
                                                              {"l0_hours", "12,5"},
                                                              {"l0_subcontractors", ""},
                                                              {"l0_other", ""},
                                                              {"l1_year", ""},
                                                              {"f0_kind", "grant"},
                                                              {"f0_funder", "Testfonden"},
                                                              {"f0_share", "40"},
                                                              {"f1_kind", "in_kind"},
                                                              {"f1_funder", ""},
                                                              {"f1_share", "50"}});
  expect_refused_input(refused, {"100 % (nu 90 %)", "name=\"l0_hours\" value=\"12,5\"",
                                 "name=\"f0_funder\" value=\"Testfonden\""});
  auto saved = s.admin.post_form(package_page + "/budget", {{"_csrf", csrf},
                                                            {"budget_version", "0"},
                                                            {"l0_year", "2026"},
                                                            {"l0_role", "project_leader"},
                                                            {"l0_hours", "12,5"},
                                                            {"f0_kind", "grant"},
                                                            {"f0_funder", "Testfonden"},
                                                            {"f0_share", "40"},
                                                            {"f1_kind", "in_kind"},
                                                            {"f1_share", "60"}});
  EXPECT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(s.admin.get(s.package + "/budget").json()["totals"]["total"], "8125.00");
  auto page = s.admin.get(package_page);
  EXPECT_NE(page.body.find("id=\"wp-budget-total\">8.125,00<"), std::string::npos);

  // The import page: a preview, then the confirmation posts the checked rows back.
  std::string budget_page = "/projects/" + s.project + "/budget";
  const std::string boundary = "wpb0123456789";
  const std::string csv = "date;package;amount\n2026-03-03;AP1 Pilot;250\n";
  auto preview = s.admin.request(
      "POST", budget_page + "/import",
      "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf +
          "\r\n--" + boundary +
          "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\nContent-Type: "
          "text/csv\r\n\r\n" +
          csv + "\r\n--" + boundary + "--\r\n",
      {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_NE(preview.body.find("Rækker: 1 · Med fejl: 0"), std::string::npos);
  EXPECT_EQ(s.admin.get(s.actuals).json()["items"].size(), 0u);
  auto start = preview.body.find("name=\"csv\" value=\"");
  ASSERT_NE(start, std::string::npos);
  start += std::string("name=\"csv\" value=\"").size();
  std::string checked = preview.body.substr(start, preview.body.find('"', start) - start);
  auto unescape = [](std::string v) {
    for (auto [from, to] :
         {std::pair<std::string, std::string>{"&#39;", "'"}, {"&quot;", "\""}, {"&amp;", "&"}})
      for (auto at = v.find(from); at != std::string::npos; at = v.find(from))
        v.replace(at, from.size(), to);
    return v;
  };
  auto confirmed = s.admin.post_form(
      budget_page + "/import", {{"_csrf", csrf}, {"confirm", "1"}, {"csv", unescape(checked)}});
  EXPECT_EQ(confirmed.status, 303) << confirmed.body;
  auto items = s.admin.get(s.actuals).json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["amount"], "250.00");
  auto shown = s.admin.get(budget_page);
  expect_body_has(shown, {"class=\"wp-burn\"", "Testfonden"});
  auto overview = s.admin.get("/projects/" + s.project);
  EXPECT_NE(overview.body.find("Budget brugt"), std::string::npos);

  // The rate card on the budget page: an administrator adds a rate; a bad one is named.
  EXPECT_NE(shown.body.find("<th scope=\"row\">Projektleder</th><td class=\"num\">650,00</td>"),
            std::string::npos);
  auto bad_rate = s.admin.post_form(budget_page + "/rates",
                                    {{"_csrf", csrf}, {"role", "project_group"}, {"rate", "-5"}});
  expect_refused_input(bad_rate, {"id=\"r-rate-error\""});
  EXPECT_EQ(s.admin
                .post_form(budget_page + "/rates",
                           {{"_csrf", csrf}, {"role", "project_group"}, {"rate", "520,50"}})
                .status,
            303);
  EXPECT_NE(s.admin.get(budget_page).body.find("<td class=\"num\">520,50</td>"), std::string::npos);
}

TEST_F(WorkPackageBudgetTest, AnXlsxFileImportsLikeACsvFile) {
  auto s = setup("wpb-xlsx");
  auto path = std::filesystem::temp_directory_path() /
              ("wp-actuals-" + std::to_string(::getpid()) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(wb, nullptr);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd-mm-yyyy");
  int column = 0;
  for (const char* text : {"Date", "Package", "Kind", "Amount", "Note"})
    worksheet_write_string(sheet, 0, column++, text, nullptr);
  lxw_datetime d{2026, 3, 31, 0, 0, 0};
  worksheet_write_datetime(sheet, 1, 0, &d, date);
  worksheet_write_string(sheet, 1, 1, "AP1 Pilot", nullptr);
  worksheet_write_string(sheet, 1, 2, "subcontractors", nullptr);
  worksheet_write_number(sheet, 1, 3, 1234.5, nullptr);
  worksheet_write_string(sheet, 1, 4, "Konsulent", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  auto r = s.admin.request(
      "POST", "/api/v1/projects/" + s.project + "/actuals/import", bytes,
      {{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
       {"X-CSRF-Token", s.admin.csrf()}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto items = s.admin.get(s.actuals).json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["date"], "2026-03-31");
  EXPECT_EQ(items[0]["kind"], "subcontractors");
  EXPECT_EQ(items[0]["amount"], "1234.50");
}

}  // namespace
}  // namespace testing_http

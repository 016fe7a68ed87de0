// The portfolio: filters, sorts, CSV and XLSX exports of exactly the filtered list.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "http/fixture.hpp"

namespace testing_http {
namespace {

class PortfolioTest : public HttpTest {
 protected:
  // Three projects: statuses, end dates and units differ; one title tries a formula.
  void SetUp() override {
    t = server().create_tenant("portfolio");
    Client c = admin_of(t);
    job = c.send_json("POST", "/api/v1/units", {{"name", "Jobcenter"}}).json()["id"];
    soc = c.send_json("POST", "/api/v1/units", {{"name", "Socialafdelingen"}}).json()["id"];
    a = make(c, "Æblehaven; \"nye\" veje", "ffb",
             {{"status", "red"},
              {"status_reason", "Mangler ressourcer"},
              {"unit_ids", {job}},
              {"start_date", "2026-01-05"},
              {"end_date", "2026-06-30"}});
    b = make(c, "=HYPERLINK(\"http://evil.example\")", "kl-workflow",
             {{"unit_ids", {job, soc}}, {"end_date", "2026-03-31"}});
    d = make(c, "borgerkontakt", "kl-workflow",
             {{"status", "yellow"}, {"status_reason", "Forsinket"}});
  }

  std::string make(Client& c, const std::string& title, const std::string& tmpl, json charter) {
    auto r = c.send_json("POST", "/api/v1/projects", {{"title", title}, {"template", tmpl}});
    EXPECT_EQ(r.status, 201) << r.body;
    std::string id = r.json()["id"];
    charter["version"] = 1;
    auto p = c.send_json("PATCH", "/api/v1/projects/" + id, charter);
    EXPECT_EQ(p.status, 200) << p.body;
    return id;
  }

  static std::vector<std::string> titles(const json& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i["title"]);
    return out;
  }

  TestServer::Tenant t;
  std::string job, soc, a, b, d;
};

TEST_F(PortfolioTest, ApiFiltersAndSorts) {
  Client c = member_of(t);
  auto all = c.get("/api/v1/portfolio").json()["items"];
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(titles(all), (std::vector<std::string>{"=HYPERLINK(\"http://evil.example\")",
                                                   "borgerkontakt", "Æblehaven; \"nye\" veje"}));
  auto by_unit = c.get("/api/v1/portfolio?unit=" + job + "&sort=end_date").json()["items"];
  ASSERT_EQ(by_unit.size(), 2u);
  EXPECT_EQ(by_unit[0]["id"], b);
  EXPECT_EQ(by_unit[1]["units"], json::array({"Jobcenter"}));
  auto soc_only = c.get("/api/v1/portfolio?unit=" + soc).json()["items"];
  ASSERT_EQ(soc_only.size(), 1u);
  EXPECT_EQ(soc_only[0]["id"], b);
  auto red = c.get("/api/v1/portfolio?status=red").json()["items"];
  ASSERT_EQ(red.size(), 1u);
  EXPECT_EQ(red[0]["status_reason"], "Mangler ressourcer");
  EXPECT_EQ(c.get("/api/v1/portfolio?phase=prepare").json()["items"].size(), 1u);  // FFB
  auto status_desc = c.get("/api/v1/portfolio?sort=status&dir=desc").json()["items"];
  EXPECT_EQ(status_desc[0]["id"], a);
  EXPECT_EQ(status_desc[2]["id"], b);
  auto ends = c.get("/api/v1/portfolio?sort=end_date&dir=desc").json()["items"];
  EXPECT_EQ(ends[0]["id"], a);
  EXPECT_EQ(ends[2]["id"], d);  // no end date: last either way
  auto bad = c.get("/api/v1/portfolio?sort=budget&status=purple");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("sort"));
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("status"));
  EXPECT_EQ(c.get("/portfolio?dir=sideways").status, 422);
}

TEST_F(PortfolioTest, LastUpdateFollowsTheChecklist) {
  Client c = admin_of(t);
  auto before = c.get("/api/v1/portfolio?sort=last_update&dir=desc").json()["items"];
  ASSERT_EQ(before[0]["id"], d);  // changed last
  auto item = c.get("/api/v1/projects/" + a + "/checklist").json()["items"][0];
  ASSERT_EQ(c.send_json("PATCH", "/api/v1/checklist-items/" + item["id"].get<std::string>(),
                        {{"status", "done"}, {"version", item["version"]}})
                .status,
            200);
  auto after = c.get("/api/v1/portfolio?sort=last_update&dir=desc").json()["items"];
  EXPECT_EQ(after[0]["id"], a);
}

TEST_F(PortfolioTest, CsvHoldsExactlyTheFilteredListSafelyQuoted) {
  Client c = member_of(t);
  auto r = c.get("/portfolio.csv?unit=" + job + "&sort=end_date");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(r.header("content-disposition").find("attachment; filename=\"portfolio-"),
            std::string::npos);
  ASSERT_EQ(r.body.substr(0, 3), "\xEF\xBB\xBF");
  std::vector<std::string> lines;
  std::size_t start = 3;
  while (start < r.body.size()) {
    auto end = r.body.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    lines.push_back(r.body.substr(start, end - start));
    start = end + 2;
  }
  ASSERT_EQ(lines.size(), 3u);  // heading + the two projects of the unit
  EXPECT_EQ(lines[0].substr(0, 28), "Titel;Metode;Fase;Status;Beg");
  // The formula is defused with a leading ' and quoted because it holds quotes.
  EXPECT_EQ(lines[1].rfind("\"'=HYPERLINK(\"\"http://evil.example\"\")\";", 0), 0u) << lines[1];
  EXPECT_NE(lines[1].find(";Jobcenter, Socialafdelingen;"), std::string::npos);
  EXPECT_NE(lines[1].find(";2026-03-31;"), std::string::npos);
  EXPECT_EQ(lines[2].rfind("\"Æblehaven; \"\"nye\"\" veje\";", 0), 0u) << lines[2];
  EXPECT_NE(lines[2].find(";Rød;Mangler ressourcer;"), std::string::npos);
  EXPECT_EQ(r.body.find("borgerkontakt"), std::string::npos);  // filtered away
  // The API variant is the same document.
  EXPECT_EQ(c.get("/api/v1/portfolio.csv?unit=" + job + "&sort=end_date").body, r.body);
  // The page links its exports with the same filters.
  auto page = c.get("/portfolio?unit=" + job + "&sort=end_date");
  ASSERT_EQ(page.status, 200);
  expect_body_has(page,
                  {"/portfolio.csv?unit=" + job + "&amp;sort=end_date", "aria-sort=\"ascending\""});
  EXPECT_EQ(page.body.find(">borgerkontakt</a>"), std::string::npos);
  EXPECT_NE(page.body.find(">Æblehaven; &quot;nye&quot; veje</a>"), std::string::npos);
}

TEST_F(PortfolioTest, XlsxIsAWorkbookWithTheFilteredRows) {
  Client c = member_of(t);
  auto r = c.get("/portfolio.xlsx?status=red");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  ASSERT_GT(r.body.size(), 1000u);
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  EXPECT_NE(r.body.find("xl/worksheets/sheet1.xml"), std::string::npos);
  auto file = std::filesystem::temp_directory_path() / unique("portfolio-") += ".xlsx";
  std::ofstream(file, std::ios::binary) << r.body;
  // Read it back with a real zip reader: the sheet holds the red project, not the others.
  // The export is written in constant memory, so its texts stand in the sheet itself.
  std::string check =
      "/usr/bin/python3 -c \"import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); "
      "n=set(z.namelist()); s=z.read('xl/sharedStrings.xml' if 'xl/sharedStrings.xml' in n "
      "else 'xl/worksheets/sheet1.xml').decode(); w=z.read('xl/workbook.xml').decode(); "
      "sys.exit(0 if 'Æblehaven' in s and 'Mangler ressourcer' in s and 'HYPERLINK' not in s "
      "and 'Portefølje' in w else 1)\" " +
      file.string();
  EXPECT_EQ(std::system(check.c_str()), 0);
  std::filesystem::remove(file);
  auto api = c.get("/api/v1/portfolio.xlsx?status=red");
  EXPECT_EQ(api.status, 200);
  EXPECT_EQ(api.body.substr(0, 2), "PK");
}

TEST_F(PortfolioTest, ProgrammesAndTracksFilterThePortfolio) {
  auto [u, ua] = new_tenant_admin("portumb", "umbrella");
  Client ka = admin_of(t);
  auto p = ua.send_json("POST", "/api/v1/programmes",
                        {{"title", "Rammeprojekt"}, {"tracks", {"Styrket borgerkontakt"}}});
  ASSERT_EQ(p.status, 201);
  std::string code =
      ua.send_json("POST", "/api/v1/umbrella/join-code", json::object()).json()["join_code"];
  ASSERT_EQ(ka.send_json("POST", "/api/v1/umbrella-memberships", {{"join_code", code}}).status,
            201);
  std::string pid = p.json()["id"];
  ASSERT_EQ(ka.send_json("POST", "/api/v1/programmes/" + pid + "/projects",
                         {{"project_id", d}, {"tracks", {"Styrket borgerkontakt"}}})
                .status,
            201);
  auto by_track = ka.get("/api/v1/portfolio?track=Styrket%20borgerkontakt").json()["items"];
  ASSERT_EQ(by_track.size(), 1u);
  EXPECT_EQ(by_track[0]["id"], d);
  EXPECT_EQ(by_track[0]["programmes"][0]["title"], "Rammeprojekt");
  EXPECT_EQ(ka.get("/api/v1/portfolio?programme=" + pid).json()["items"].size(), 1u);
  auto page = ka.get("/portfolio?track=Styrket+borgerkontakt");
  ASSERT_EQ(page.status, 200);
  expect_body_has(page, {"<option value=\"Styrket borgerkontakt\" selected>",
                         "href=\"/programmes/" + pid + "\""});
}

}  // namespace
}  // namespace testing_http

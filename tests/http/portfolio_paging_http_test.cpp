// The portfolio paged in SQL: every project once in the asked order across pages, the
// cursor keeping filters and order, the page's next/previous links, tenants apart.
#include <algorithm>
#include <cctype>
#include <set>

#include <gtest/gtest.h>

#include "http/fixture.hpp"

namespace testing_http {
namespace {

constexpr int kProjects = 450;
const std::vector<std::string> kStatuses = {"green", "yellow", "red"};

class PortfolioPagingTest : public HttpTest {
 protected:
  // One tenant with 450 projects, made once: titles repeat in three spellings (ties on the
  // title), a fifth have no end date, statuses and methods alternate.
  static void SetUpTestSuite() {
    HttpTest::SetUpTestSuite();
    if (!tenant_.slug.empty()) return;
    tenant_ = server().create_tenant("paging");
    other_ = server().create_tenant("paging-other");
    Client c(server().port());
    ASSERT_EQ(c.login(tenant_.admin_email, TestServer::kPassword).status, 200);
    unit_ = c.send_json("POST", "/api/v1/units", {{"name", "Jobcenter"}}).json()["id"];
    for (int i = 0; i < kProjects; ++i) {
      std::string n = std::to_string(i % 150);
      std::string title = i % 3 == 0   ? "PROJEKT " + n
                          : i % 3 == 1 ? "projekt " + n
                                       : "Projekt " + n;
      json body = {{"title", title},
                   {"template", i % 2 == 0 ? "ffb" : "kl-workflow"},
                   {"status", kStatuses[static_cast<std::size_t>(i % 7) % 3]}};
      if (body["status"] != "green") body["status_reason"] = "Forsinket";
      if (i % 5 != 0) body["end_date"] = "2026-0" + std::to_string(1 + i % 9) + "-15";
      if (i % 4 == 0) body["unit_ids"] = {unit_};
      auto r = c.send_json("POST", "/api/v1/projects", body);
      ASSERT_EQ(r.status, 201) << r.body;
    }
    Client o(server().port());
    ASSERT_EQ(o.login(other_.admin_email, TestServer::kPassword).status, 200);
    for (int i = 0; i < 3; ++i)
      ASSERT_EQ(o.send_json("POST", "/api/v1/projects",
                            {{"title", "Anden " + std::to_string(i)}, {"template", "ffb"}})
                    .status,
                201);
  }

  static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  // What the order compares, ascending; the id last so no two projects tie.
  static std::vector<std::string> key(const json& p, const std::string& sort, bool desc) {
    std::vector<std::string> k;
    if (sort == "phase") k.push_back(p["template"]);  // every project is in its first phase
    if (sort == "status")
      k.push_back(std::to_string(
          std::find(kStatuses.begin(), kStatuses.end(), p["status"].get<std::string>()) -
          kStatuses.begin()));
    if (sort == "last_update") k.push_back(p["last_update"]);
    if (sort == "end_date")
      k.push_back(p["end_date"].is_null() ? (desc ? "" : "~") : p["end_date"].get<std::string>());
    k.push_back(lower(p["title"]));
    k.push_back(p["id"]);
    return k;
  }

  // Follows next_cursor (the cursor alone) to the end, returning every item.
  static std::vector<json> all_pages(Client& c, const std::string& first, int* pages) {
    std::vector<json> out;
    std::string url = first;
    *pages = 0;
    for (;;) {
      auto r = c.get(url);
      EXPECT_EQ(r.status, 200) << url << " " << r.body;
      if (r.status != 200) return out;
      auto body = r.json();
      ++*pages;
      EXPECT_LE(body["items"].size(), 200u);
      for (const auto& i : body["items"]) out.push_back(i);
      if (body["next_cursor"].is_null() || *pages > 10) return out;
      url = "/api/v1/portfolio?limit=200&cursor=" + body["next_cursor"].get<std::string>();
    }
  }

  static inline TestServer::Tenant tenant_, other_;
  static inline std::string unit_;
};

TEST_F(PortfolioPagingTest, EveryProjectOnceInTheAskedOrderForEachSort) {
  Client c = member_of(tenant_);
  for (const std::string sort : {"title", "phase", "status", "last_update", "end_date"}) {
    for (bool desc : {false, true}) {
      std::string first = "/api/v1/portfolio?limit=200&sort=" + sort + (desc ? "&dir=desc" : "");
      int pages = 0;
      auto items = all_pages(c, first, &pages);
      EXPECT_EQ(pages, 3) << first;
      ASSERT_EQ(items.size(), static_cast<std::size_t>(kProjects)) << first;
      std::set<std::string> ids;
      for (const auto& i : items) ids.insert(i["id"].get<std::string>());
      EXPECT_EQ(ids.size(), static_cast<std::size_t>(kProjects)) << first;
      for (std::size_t i = 1; i < items.size(); ++i) {
        auto a = key(items[i - 1], sort, desc), b = key(items[i], sort, desc);
        EXPECT_TRUE(desc ? a > b : a < b)
            << first << " at " << i << ": " << items[i - 1]["title"] << " / " << items[i]["title"];
      }
      if (sort == "end_date") {  // undated last in both directions
        EXPECT_TRUE(items.back()["end_date"].is_null());
        EXPECT_FALSE(items.front()["end_date"].is_null());
      }
    }
  }
}

TEST_F(PortfolioPagingTest, TheCursorKeepsTheFiltersAndTheOrder) {
  Client c = member_of(tenant_);
  int pages = 0;
  auto red = all_pages(c, "/api/v1/portfolio?limit=50&status=red&sort=end_date&dir=desc", &pages);
  std::size_t expected_red = 0;
  for (int i = 0; i < kProjects; ++i) expected_red += (i % 7) % 3 == 2;
  ASSERT_EQ(red.size(), expected_red);
  EXPECT_GT(pages, 1);
  for (const auto& i : red) EXPECT_EQ(i["status"], "red");
  auto by_unit = all_pages(c, "/api/v1/portfolio?limit=20&unit=" + unit_, &pages);
  EXPECT_EQ(by_unit.size(), static_cast<std::size_t>((kProjects + 3) / 4));
  for (const auto& i : by_unit) EXPECT_EQ(i["unit_ids"], json::array({unit_}));
  // Naming the same filters beside the cursor is fine; other filters are refused.
  auto first = c.get("/api/v1/portfolio?limit=10&status=red").json();
  std::string cursor = first["next_cursor"];
  auto same = c.get("/api/v1/portfolio?limit=10&status=red&cursor=" + cursor);
  EXPECT_EQ(same.status, 200);
  EXPECT_EQ(same.json()["items"][0]["status"], "red");
  auto other = c.get("/api/v1/portfolio?limit=10&status=green&cursor=" + cursor);
  EXPECT_EQ(other.status, 422);
  EXPECT_TRUE(other.json()["error"]["fields"].contains("cursor"));
  EXPECT_EQ(c.get("/api/v1/portfolio?cursor=p00zz").status, 422);
  EXPECT_EQ(c.get("/api/v1/portfolio?limit=201").status, 422);
}

TEST_F(PortfolioPagingTest, ExportsHoldEveryProjectOnceInTheAskedOrder) {
  Client c = member_of(tenant_);
  auto csv = c.get("/api/v1/portfolio.csv?sort=end_date&dir=desc");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-length"), std::to_string(csv.body.size()));
  std::size_t lines = 0;
  for (auto at = csv.body.find("\r\n"); at != std::string::npos; at = csv.body.find("\r\n", at + 2))
    ++lines;
  EXPECT_EQ(lines, static_cast<std::size_t>(kProjects) + 1);
  auto api = c.get("/api/v1/portfolio?limit=1&sort=end_date&dir=desc").json()["items"][0];
  auto first_row = csv.body.substr(csv.body.find("\r\n") + 2, 40);
  EXPECT_EQ(first_row.rfind(api["title"].get<std::string>() + ";", 0), 0u) << first_row;
  auto xlsx = c.get("/api/v1/portfolio.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

TEST_F(PortfolioPagingTest, TenantsSeeOnlyTheirOwnProjectsWhateverTheCursor) {
  Client mine = member_of(tenant_);
  std::string cursor = mine.get("/api/v1/portfolio?limit=5").json()["next_cursor"];
  Client theirs = member_of(other_);
  int pages = 0;
  auto all = all_pages(theirs, "/api/v1/portfolio", &pages);
  ASSERT_EQ(all.size(), 3u);
  for (const auto& i : all) EXPECT_EQ(i["title"].get<std::string>().rfind("Anden", 0), 0u);
  // Another tenant's cursor only says where to start in one's own list.
  auto r = theirs.get("/api/v1/portfolio?cursor=" + cursor);
  ASSERT_EQ(r.status, 200);
  for (const auto& i : r.json()["items"])
    EXPECT_EQ(i["title"].get<std::string>().rfind("Anden", 0), 0u);
  EXPECT_EQ(theirs.get("/portfolio").body.find("PROJEKT"), std::string::npos);
  EXPECT_EQ(theirs.get("/api/v1/portfolio.csv").body.find("PROJEKT"), std::string::npos);
}

TEST_F(PortfolioPagingTest, ThePageShowsFiftyRowsWithLinksThatKeepTheFilters) {
  Client c = member_of(tenant_);
  auto count_rows = [](const std::string& body) {
    std::size_t n = 0;
    for (auto at = body.find("<tr>\n    <td><a href=\"/projects/"); at != std::string::npos;
         at = body.find("<tr>\n    <td><a href=\"/projects/", at + 1))
      ++n;
    return n;
  };
  auto href = [](const std::string& body, const std::string& rel) {
    auto at = body.find("rel=\"" + rel + "\"");
    if (at == std::string::npos) return std::string();
    auto start = body.rfind("href=\"", at) + 6;
    std::string url = body.substr(start, body.find('"', start) - start);
    for (auto amp = url.find("&amp;"); amp != std::string::npos; amp = url.find("&amp;"))
      url.replace(amp, 5, "&");
    return url;
  };
  auto first = c.get("/portfolio?status=red&sort=end_date");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(count_rows(first.body), 50u);
  std::size_t expected_red = 0;
  for (int i = 0; i < kProjects; ++i) expected_red += (i % 7) % 3 == 2;
  EXPECT_NE(first.body.find(": " + std::to_string(expected_red) + " / 450"), std::string::npos);
  EXPECT_EQ(href(first.body, "prev"), "");
  std::string next = href(first.body, "next");
  ASSERT_EQ(next.rfind("/portfolio?status=red&sort=end_date&cursor=", 0), 0u) << next;
  auto second = c.get(next);
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(count_rows(second.body), 50u);
  EXPECT_NE(second.body.find("<option value=\"red\" selected>"), std::string::npos);
  EXPECT_EQ(second.body.find("status-green"), std::string::npos);
  EXPECT_EQ(second.body.find("status-yellow"), std::string::npos);
  // Previous leads back to the first page's rows.
  auto back = c.get(href(second.body, "prev"));
  ASSERT_EQ(back.status, 200);
  auto rows_of = [](const std::string& body) {
    return body.substr(body.find("<tbody>"), body.find("</tbody>") - body.find("<tbody>"));
  };
  EXPECT_EQ(rows_of(back.body), rows_of(first.body));
  EXPECT_EQ(href(back.body, "prev"), "");
}

}  // namespace
}  // namespace testing_http

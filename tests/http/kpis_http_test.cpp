// KPIs, bulk measurement pushes and run charts through the API, on both engines.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <thread>

#include <unistd.h>
#include <xlsxwriter.h>

#include <gtest/gtest.h>

#include "http/fixture.hpp"

namespace testing_http {
namespace {

class KpisTest : public HttpTest {
 protected:
  // A project of the tenant's administrator with one weekly KPI; returns the KPI path.
  std::string weekly_kpi(Client& c, const std::string& name = "Ventedage") {
    auto p =
        c.send_json("POST", "/api/v1/projects", {{"title", "KPI"}, {"template", "kl-workflow"}});
    EXPECT_EQ(p.status, 201) << p.body;
    project_id_ = p.json()["id"];
    auto k = c.send_json("POST", "/api/v1/projects/" + project_id_ + "/kpis",
                         {{"name", name},
                          {"unit", "dage"},
                          {"direction", "lower"},
                          {"baseline", 20},
                          {"target", 10}});
    EXPECT_EQ(k.status, 201) << k.body;
    return "/api/v1/kpis/" + k.json()["id"].get<std::string>();
  }

  static json weeks(int first, int count, double value) {
    json rows = json::array();
    for (int w = first; w < first + count; ++w) {
      char period[16];
      std::snprintf(period, sizeof period, "2026-W%02d", w);
      rows.push_back({{"period", period}, {"value", value + (w % 2)}});
    }
    return rows;
  }

  // The KPI's page for the API path of the KPI.
  std::string page_of(const std::string& kpi) const {
    return "/projects/" + project_id_ + "/kpis/" + kpi.substr(kpi.rfind('/') + 1);
  }

  // The KPI's stored measurements, in period order.
  static json stored(Client& c, const std::string& kpi) {
    return c.get(kpi + "/measurements").json()["items"];
  }

  // A push or an import that stored: 200 with these counts.
  static testing::AssertionResult counted(const HttpResponse& r, int created, int updated) {
    if (r.status != 200) return testing::AssertionFailure() << r.status << " " << r.body;
    auto body = r.json();
    if (body["created"] != created || body["updated"] != updated)
      return testing::AssertionFailure() << r.body;
    return testing::AssertionSuccess();
  }

  // POST a CSV to the import endpoint as text/csv.
  static HttpResponse import_csv(Client& c, const std::string& kpi, const std::string& csv,
                                 bool dry_run) {
    return c.request("POST", kpi + "/measurements/import?dry_run=" + (dry_run ? "true" : "false"),
                     csv, {{"Content-Type", "text/csv"}, {"X-CSRF-Token", c.csrf()}});
  }

  // A multipart/form-data body with the CSRF token and one file.
  static std::string multipart(const std::string& csrf, const std::string& filename,
                               const std::string& type, const std::string& data,
                               const std::string& boundary) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf +
           "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
           filename + "\"\r\nContent-Type: " + type + "\r\n\r\n" + data + "\r\n--" + boundary +
           "--\r\n";
  }

  std::string project_id_;
};

TEST_F(KpisTest, CreateReadPatchWithVersion) {
  auto [t, c] = new_tenant_admin("kpi-crud");
  auto kpi = weekly_kpi(c);
  auto got = c.get(kpi).json();
  EXPECT_EQ(got["name"], "Ventedage");
  EXPECT_EQ(got["frequency"], "weekly");
  EXPECT_EQ(got["rule_set"], "anhoej");
  EXPECT_TRUE(got["due"].get<bool>());  // nothing measured yet
  auto bad = c.send_json("POST", "/api/v1/projects/" + project_id_ + "/kpis",
                         {{"name", ""}, {"direction", "up"}, {"frequency", "daily"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("direction"));
  auto r = c.send_json("PATCH", kpi, {{"rule_set", "ihi"}, {"version", 1}});
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["rule_set"], "ihi");
  r = c.send_json("PATCH", kpi, {{"name", "Forældet"}, {"version", 1}});
  EXPECT_EQ(r.status, 409);
  auto list = c.get("/api/v1/projects/" + project_id_ + "/kpis").json();
  ASSERT_EQ(list["items"].size(), 1u);
}

TEST_F(KpisTest, ListPagesByNameAndReadsCarryTheLastValue) {
  auto [t, c] = new_tenant_admin("kpi-list");
  auto first = weekly_kpi(c, "Afsluttede sager");
  ASSERT_EQ(c.send_json("POST", "/api/v1/projects/" + project_id_ + "/kpis", {{"name", "Ventetid"}})
                .status,
            201);
  ASSERT_EQ(c.send_json("POST", first + "/measurements", weeks(3, 1, 4)).status, 200);
  std::string list = "/api/v1/projects/" + project_id_ + "/kpis";
  auto page = c.get(list + "?limit=1").json();
  ASSERT_EQ(page["items"].size(), 1u);
  EXPECT_EQ(page["items"][0]["name"], "Afsluttede sager");
  EXPECT_EQ(page["items"][0]["last"], json({{"period", "2026-W03"}, {"value", 5}}));
  ASSERT_TRUE(page["next_cursor"].is_string());
  auto rest = c.get(list + "?limit=1&cursor=" + page["next_cursor"].get<std::string>()).json();
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_EQ(rest["items"][0]["name"], "Ventetid");
  EXPECT_TRUE(rest["items"][0]["last"].is_null());
  EXPECT_TRUE(rest["next_cursor"].is_null());
  auto got = c.get(first).json();
  EXPECT_EQ(got["last"]["period"], "2026-W03");
  EXPECT_TRUE(got["due"].get<bool>());  // week 3 of 2026 is long past
  // A stale version: 409 with the KPI as stored, without what is read alongside it.
  auto stale = c.send_json("PATCH", first, {{"name", "x"}, {"version", 7}});
  ASSERT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["message"], "the KPI was changed by someone else");
  EXPECT_EQ(stale.json()["error"]["current"]["version"], 1);
  EXPECT_FALSE(stale.json()["error"]["current"].contains("last"));
  // Once measured, the frequency stays.
  auto locked = c.send_json("PATCH", first, {{"frequency", "monthly"}, {"version", 1}});
  ASSERT_EQ(locked.status, 422);
  EXPECT_EQ(locked.json()["error"]["fields"]["frequency"],
            "cannot change once measurements are stored");
}

TEST_F(KpisTest, TheKpiFormKeepsWhatWasTypedAndRefusesAStaleVersion) {
  auto [t, c] = new_tenant_admin("kpi-form");
  auto kpi = weekly_kpi(c);
  std::string page = page_of(kpi);
  auto form = c.get(page + "/edit");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"version\" value=\"1\""), std::string::npos);
  EXPECT_NE(form.body.find("value=\"20\""), std::string::npos);  // the baseline as typed
  std::map<std::string, std::string> typed{{"_csrf", c.csrf()},       {"name", "Ventedage"},
                                           {"frequency", "biweekly"}, {"baseline", "18,5"},
                                           {"version", "1"},          {"direction", "lower"}};
  auto bad = c.post_form(page + "/edit", typed);
  expect_refused_input(bad, {"id=\"k-start-error\"", "value=\"18,5\""});
  typed["frequency"] = "weekly";
  auto saved = c.post_form(page + "/edit", typed);
  ASSERT_EQ(saved.status, 303) << saved.body;
  EXPECT_EQ(c.get(kpi).json()["baseline"], 18.5);
  typed["name"] = "Forældet";
  auto stale = c.post_form(page + "/edit", typed);
  EXPECT_EQ(stale.status, 409);
  expect_body_has(stale, {"name=\"version\" value=\"2\"", "value=\"Forældet\""});
  EXPECT_EQ(c.get(kpi).json()["name"], "Ventedage");
  auto created = c.post_form("/projects/" + project_id_ + "/kpis",
                             {{"_csrf", c.csrf()}, {"name", "Ny"}, {"direction", ""}});
  ASSERT_EQ(created.status, 303) << created.body;
  EXPECT_NE(created.header("location").find("?saved=1"), std::string::npos);
}

TEST_F(KpisTest, ChartPeriodsFromThePageForm) {
  auto [t, c] = new_tenant_admin("kpi-period-page");
  auto kpi = weekly_kpi(c);
  std::string page = page_of(kpi);
  auto bad = c.post_form(page + "/periods",
                         {{"_csrf", c.csrf()}, {"start", "2026-W99"}, {"label", "Forsøg"}});
  expect_refused_input(bad, {"id=\"p-start-error\"", "value=\"Forsøg\""});
  auto ok = c.post_form(page + "/periods",
                        {{"_csrf", c.csrf()}, {"start", "2026-W10"}, {"label", "Forsøg"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  auto periods = c.get(kpi + "/periods").json()["items"];
  ASSERT_EQ(periods.size(), 1u);
  std::string id = periods[0]["id"];
  EXPECT_NE(c.get(page).body.find(page + "/periods/" + id + "/delete"), std::string::npos);
  auto m = member_of(t);
  EXPECT_EQ(m.post_form(page + "/periods/" + id + "/delete", {{"_csrf", m.csrf()}}).status, 403);
  EXPECT_EQ(c.post_form(page + "/periods/" + id + "/delete", {{"_csrf", c.csrf()}}).status, 303);
  EXPECT_TRUE(c.get(kpi + "/periods").json()["items"].empty());
}

TEST_F(KpisTest, BulkPushReportsCreatedAndUpdatedAndDrawsTheChart) {
  auto [t, c] = new_tenant_admin("kpi-push");
  auto kpi = weekly_kpi(c);
  auto r = c.send_json("POST", kpi + "/measurements", weeks(1, 12, 20));
  ASSERT_TRUE(counted(r, 12, 0));
  // The same periods again, plus new ones: updated, not duplicated.
  json again = weeks(11, 12, 10);
  r = c.send_json("POST", kpi + "/measurements", again);
  ASSERT_TRUE(counted(r, 10, 2));
  auto list = stored(c, kpi);
  ASSERT_EQ(list.size(), 22u);
  EXPECT_EQ(list[10]["period"], "2026-W11");
  EXPECT_DOUBLE_EQ(list[10]["value"].get<double>(), 11);
  // Dates are normalised to their ISO week.
  r = c.send_json("POST", kpi + "/measurements",
                  json::array({{{"period", "2026-06-03"}, {"value", 9}}}));
  EXPECT_EQ(r.json()["created"], 1);
  EXPECT_EQ(stored(c, kpi).back()["period"], "2026-W23");

  auto chart = c.get(kpi + "/chart").json();
  EXPECT_EQ(chart["points"].size(), 23u);
  EXPECT_EQ(chart["rule_set"], "anhoej");
  EXPECT_DOUBLE_EQ(chart["baseline"].get<double>(), 20);
  EXPECT_DOUBLE_EQ(chart["target"].get<double>(), 10);
  ASSERT_FALSE(chart["signals"].empty());  // the second half is all below the median
  EXPECT_EQ(chart["signals"][0]["rule"], "unusually_long_run");
}

TEST_F(KpisTest, BadRowsStoreNothingAndNameTheRow) {
  auto [t, c] = new_tenant_admin("kpi-bad");
  auto kpi = weekly_kpi(c);
  json rows = weeks(1, 4, 5);
  rows.push_back({{"period", "2025-W53"}, {"value", 1}});
  rows.push_back({{"period", "2026-W06"}, {"value", "ti"}});
  auto r = c.send_json("POST", kpi + "/measurements", rows);
  ASSERT_EQ(r.status, 422);
  auto fields = r.json()["error"]["fields"];
  EXPECT_TRUE(fields.contains("4.period")) << r.body;
  EXPECT_TRUE(fields.contains("5.value")) << r.body;
  EXPECT_TRUE(stored(c, kpi).empty());
  EXPECT_EQ(c.request("POST", kpi + "/measurements", "[{",
                      {{"Content-Type", "application/json"}, {"X-CSRF-Token", c.csrf()}})
                .status,
            400);
}

TEST_F(KpisTest, ConcurrentDoublePushKeepsOneRowPerPeriod) {
  auto [t, c] = new_tenant_admin("kpi-race");
  auto kpi = weekly_kpi(c);
  json rows = weeks(1, 30, 7);
  int ok = 0;
  std::thread a([&] { ok += c.send_json("POST", kpi + "/measurements", rows).status == 200; });
  auto c2 = admin_of(t);
  int status2 = c2.send_json("POST", kpi + "/measurements", rows).status;
  a.join();
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(status2, 200);
  EXPECT_EQ(stored(c, kpi).size(), 30u);
}

TEST_F(KpisTest, PushWorksWithAnApiToken) {
  auto [t, c] = new_tenant_admin("kpi-token");
  auto kpi = weekly_kpi(c);
  auto token = c.send_json("POST", "/api/v1/tokens", {{"name", "datavarehus"}});
  ASSERT_EQ(token.status, 201);
  Client api = client();
  api.use_bearer(token.json()["token"]);
  auto r = api.send_json("POST", kpi + "/measurements", weeks(1, 3, 4));
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["created"], 3);
}

TEST_F(KpisTest, SplitAndFreezeThroughTheApi) {
  auto [t, c] = new_tenant_admin("kpi-split");
  auto kpi = weekly_kpi(c);
  ASSERT_EQ(c.send_json("POST", kpi + "/measurements", weeks(1, 12, 20)).status, 200);
  ASSERT_EQ(c.send_json("POST", kpi + "/measurements", weeks(13, 12, 10)).status, 200);
  auto b =
      c.send_json("POST", kpi + "/periods",
                  {{"start", "2026-W01"}, {"label", "Baseline"}, {"freeze_until", "2026-W12"}});
  ASSERT_EQ(b.status, 201) << b.body;
  EXPECT_TRUE(b.json()["frozen"].get<bool>());
  auto trial = c.send_json("POST", kpi + "/periods",
                           {{"start", "2026-W13"}, {"label", "Forsøg"}, {"frozen", true}});
  ASSERT_EQ(trial.status, 201) << trial.body;
  EXPECT_EQ(
      c.send_json("POST", kpi + "/periods", {{"start", "2026-W13"}, {"label", "igen"}}).status,
      422);
  auto chart = c.get(kpi + "/chart").json();
  ASSERT_EQ(chart["periods"].size(), 2u);
  EXPECT_DOUBLE_EQ(chart["periods"][0]["median"].get<double>(), 20.5);
  EXPECT_DOUBLE_EQ(chart["periods"][1]["median"].get<double>(), 20.5);  // the frozen baseline
  ASSERT_FALSE(chart["signals"].empty());
  EXPECT_EQ(chart["signals"][0]["period"], "Forsøg");
  EXPECT_EQ(chart["signals"][0]["from"], "2026-W13");
  std::string id = trial.json()["id"];
  EXPECT_EQ(c.send_delete(kpi + "/periods/" + id).status, 204);
  EXPECT_EQ(c.get(kpi + "/chart").json()["periods"].size(), 1u);
}

TEST_F(KpisTest, ASignalIsColouredByTheKpisDirectionAndTheRulesFiguresAreShown) {
  auto [t, c] = new_tenant_admin("kpi-effect");
  auto lower = weekly_kpi(c);  // lower is better
  auto higher_created = c.send_json("POST", "/api/v1/projects/" + project_id_ + "/kpis",
                                    {{"name", "Tilfredshed"}, {"direction", "higher"}});
  ASSERT_EQ(higher_created.status, 201) << higher_created.body;
  auto higher = "/api/v1/kpis/" + higher_created.json()["id"].get<std::string>();
  // Twelve baseline weeks around 20.5, then eight trial weeks around 12.5, judged against
  // the median frozen at the baseline weeks: one long run below it (the last baseline
  // week, 20, and the eight trial weeks).
  for (const auto& kpi : {lower, higher}) {
    ASSERT_TRUE(counted(c.send_json("POST", kpi + "/measurements", weeks(1, 12, 20)), 12, 0));
    ASSERT_TRUE(counted(c.send_json("POST", kpi + "/measurements", weeks(13, 8, 12)), 8, 0));
    ASSERT_EQ(
        c.send_json("POST", kpi + "/periods",
                    {{"start", "2026-W01"}, {"label", "Baseline"}, {"freeze_until", "2026-W12"}})
            .status,
        201);
  }
  auto chart = c.get(lower + "/chart").json();
  ASSERT_EQ(chart["signals"].size(), 1u) << chart["signals"].dump();
  EXPECT_EQ(chart["signals"][0]["rule"], "unusually_long_run");
  EXPECT_EQ(chart["signals"][0]["effect"], "better");
  EXPECT_EQ(chart["periods"][0]["longest_run"], 9);
  EXPECT_EQ(chart["periods"][0]["longest_run_limit"], 7);
  EXPECT_EQ(c.get(higher + "/chart").json()["signals"][0]["effect"], "worse");

  auto page = c.get(page_of(lower));
  ASSERT_EQ(page.status, 200);
  expect_body_has(page, {"class=\"kpi-signal-better\"", "en forbedring"});
  EXPECT_EQ(page.body.find("kpi-signal-worse"), std::string::npos);
  expect_body_has(page, {"Længste serie på samme side af medianen: 9 punkter (signal ved flere "
                         "end 7)",
                         "Medianen krydses 11 gange (signal ved færre end 6)"});
  auto worse = c.get(page_of(higher)).body;
  EXPECT_NE(worse.find("kpi-signal-worse"), std::string::npos);
  EXPECT_NE(worse.find("en forværring"), std::string::npos);
  c.cookies()["fremdrift_lang"] = "en";
  EXPECT_NE(c.get(page_of(lower)).body.find("an improvement"), std::string::npos);
}

TEST_F(KpisTest, TheBaselineSplitIsOfferedWhenTrialDataStart) {
  auto [t, c] = new_tenant_admin("kpi-offer");
  auto kpi = weekly_kpi(c);
  ASSERT_TRUE(counted(c.send_json("POST", kpi + "/measurements", weeks(1, 12, 20)), 12, 0));
  auto page = c.get(page_of(kpi)).body;
  EXPECT_NE(page.find("Frys medianen ved baselineugerne"), std::string::npos);
  EXPECT_EQ(page.find("<option value=\"2026-W12\" selected>"), std::string::npos);
  // The project's trial began in week 13 (Monday 23 March 2026); trial weeks follow.
  std::string project = "/api/v1/projects/" + project_id_;
  for (const char* next : {"as-is-mapping", "redesign", "action-plan", "trial"}) {
    auto r = c.send_json("POST", project + "/phase",
                         {{"to_phase", next},
                          {"decision", "Videre"},
                          {"decided_on", "2026-03-23"},
                          {"open_items_reason", "Tages senere"}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  ASSERT_TRUE(counted(c.send_json("POST", kpi + "/measurements", weeks(13, 8, 12)), 8, 0));
  page = c.get(page_of(kpi)).body;
  EXPECT_NE(page.find("Afprøvningen er i gang"), std::string::npos);
  EXPECT_NE(page.find("<option value=\"2026-W12\" selected>"), std::string::npos);
  // Accepting it freezes the median at the baseline weeks: the trial's run is a signal.
  auto accepted = c.post_form(page_of(kpi) + "/periods", {{"_csrf", c.csrf()},
                                                          {"start", "2026-W01"},
                                                          {"label", "Baseline"},
                                                          {"freeze_until", "2026-W12"}});
  EXPECT_EQ(accepted.status, 303) << accepted.body;
  auto chart = c.get(kpi + "/chart").json();
  ASSERT_EQ(chart["periods"].size(), 1u);
  EXPECT_DOUBLE_EQ(chart["periods"][0]["median"].get<double>(), 20.5);
  ASSERT_EQ(chart["signals"].size(), 1u);
  EXPECT_EQ(chart["signals"][0]["effect"], "better");
  // A split chart offers it no more.
  EXPECT_EQ(c.get(page_of(kpi)).body.find("Frys medianen ved baselineugerne"), std::string::npos);
}

TEST_F(KpisTest, TheWeekGridPagesBackToTheBaselineWeeks) {
  auto [t, c] = new_tenant_admin("kpi-paging");
  auto kpi = weekly_kpi(c);
  std::string page = page_of(kpi);
  auto cells_of = [](const std::string& body) {
    std::vector<std::string> cells;
    std::regex cell("name=\"v_(\\d{4}-W\\d{2})\"");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), cell);
         it != std::sregex_iterator(); ++it)
      cells.push_back((*it)[1]);
    return cells;
  };
  auto latest = c.get(page).body;
  auto newest = cells_of(latest);
  ASSERT_EQ(newest.size(), 8u);
  EXPECT_EQ(latest.find("rel=\"next\""), std::string::npos);  // nothing later than today
  // The earlier link shows the eight weeks before, and from there a later one comes back.
  std::smatch earlier;
  ASSERT_TRUE(std::regex_search(latest, earlier, std::regex("href=\"([^\"]*)\" rel=\"prev\"")));
  std::string back = std::regex_replace(earlier[1].str(), std::regex("&amp;"), "&");
  auto before = c.get(back.substr(0, back.find('#')));
  ASSERT_EQ(before.status, 200);
  auto weeks_before = cells_of(before.body);
  ASSERT_EQ(weeks_before.size(), 8u);
  EXPECT_LT(weeks_before.back(), newest.front());
  EXPECT_NE(before.body.find("rel=\"next\""), std::string::npos);
  // Paged back to the baseline weeks: typed in there, saved, and back on the same weeks.
  auto baseline = c.get(page + "?grid_end=2026-W08");
  auto weeks = cells_of(baseline.body);
  ASSERT_EQ(weeks.size(), 8u);
  EXPECT_EQ(weeks.front(), "2026-W01");
  EXPECT_EQ(weeks.back(), "2026-W08");
  std::map<std::string, std::string> form{{"_csrf", c.csrf()}, {"grid_end", "2026-W08"}};
  for (const auto& w : weeks) form["v_" + w] = "20";
  auto saved = c.post_form(page + "/measurements", form);
  ASSERT_EQ(saved.status, 303);
  EXPECT_NE(saved.header("location").find("grid_end=2026-W08"), std::string::npos);
  EXPECT_EQ(stored(c, kpi).size(), 8u);
  // Nonsense or a future period shows today's weeks.
  EXPECT_EQ(cells_of(c.get(page + "?grid_end=nonsense").body), newest);
  EXPECT_EQ(cells_of(c.get(page + "?grid_end=2099-W01").body), newest);
}

TEST_F(KpisTest, MembersWithoutAnEditRoleMayReadButNotWrite) {
  auto [t, c] = new_tenant_admin("kpi-rights");
  auto kpi = weekly_kpi(c);
  auto m = member_of(t);
  EXPECT_EQ(m.get(kpi + "/chart").status, 200);
  EXPECT_EQ(m.send_json("POST", kpi + "/measurements", weeks(1, 2, 3)).status, 403);
  EXPECT_EQ(m.send_json("PATCH", kpi, {{"name", "x"}, {"version", 1}}).status, 403);
  EXPECT_EQ(
      m.send_json("POST", "/api/v1/projects/" + project_id_ + "/kpis", {{"name", "x"}}).status,
      403);
}

TEST_F(KpisTest, AnotherTenantSeesNothing) {
  auto c = admin_of(server().create_tenant("kpi-own"));
  auto kpi = weekly_kpi(c);
  auto o = admin_of(server().create_tenant("kpi-other"));
  EXPECT_EQ(o.get(kpi).status, 404);
  EXPECT_EQ(o.get(kpi + "/chart").status, 404);
  EXPECT_EQ(o.send_json("POST", kpi + "/measurements", weeks(1, 2, 3)).status, 404);
  EXPECT_EQ(o.get("/api/v1/projects/" + project_id_ + "/kpis").status, 404);
}

TEST_F(KpisTest, WeekGridSavesAllCellsOrNoneAndKeepsWhatWasTyped) {
  auto [t, c] = new_tenant_admin("kpi-grid");
  auto kpi = weekly_kpi(c);
  std::string page = page_of(kpi);
  EXPECT_EQ(c.get("/projects/" + project_id_ + "/kpis").status, 200);
  auto r = c.get(page);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("data-run-chart="), std::string::npos);
  // No data yet: too few points to judge, not "the variation looks random".
  EXPECT_NE(r.body.find("For få punkter til at vurdere variationen"), std::string::npos);
  EXPECT_EQ(r.body.find("variationen ser tilfældig ud"), std::string::npos);
  std::vector<std::string> cells;
  std::regex cell("name=\"v_(\\d{4}-W\\d{2})\"");
  for (auto it = std::sregex_iterator(r.body.begin(), r.body.end(), cell);
       it != std::sregex_iterator(); ++it)
    cells.push_back((*it)[1]);
  ASSERT_EQ(cells.size(), 8u);
  std::map<std::string, std::string> form{{"_csrf", c.csrf()}};
  for (const auto& p : cells) form["v_" + p] = "7";
  form["v_" + cells[2]] = "syv";
  auto bad = c.post_form(page + "/measurements", form);
  expect_refused_input(bad, {"value=\"syv\"", "id=\"g-" + cells[2] + "-error\""});
  EXPECT_TRUE(stored(c, kpi).empty());
  form["v_" + cells[2]] = "7,5";
  EXPECT_EQ(c.post_form(page + "/measurements", form).status, 303);
  auto items = stored(c, kpi);
  ASSERT_EQ(items.size(), 8u);
  EXPECT_DOUBLE_EQ(items[2]["value"].get<double>(), 7.5);
  EXPECT_FALSE(c.get(kpi).json()["due"].get<bool>());
  // A member without an edit role sees the page but cannot save the grid.
  auto m = member_of(t);
  EXPECT_EQ(m.get(page).status, 200);
  form["_csrf"] = m.csrf();
  EXPECT_EQ(m.post_form(page + "/measurements", form).status, 403);
}

TEST_F(KpisTest, ImportDryRunSavesNothingAndReportsEachRow) {
  auto [t, c] = new_tenant_admin("kpi-import-dry");
  auto kpi = weekly_kpi(c);
  ASSERT_EQ(c.send_json("POST", kpi + "/measurements", weeks(2, 1, 4)).status, 200);
  std::string csv = "\xEF\xBB\xBFPeriode;Værdi\r\n2026-W01;12,5\r\n2026-W02;3\r\n;\r\n";
  auto r = import_csv(c, kpi, csv, true);
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = r.json();
  EXPECT_TRUE(body["dry_run"].get<bool>());
  EXPECT_FALSE(body["imported"].get<bool>());
  EXPECT_EQ(body["summary"], json({{"create", 1}, {"update", 1}, {"error", 0}}));
  ASSERT_EQ(body["rows"].size(), 2u);
  EXPECT_EQ(body["rows"][0]["action"], "create");
  EXPECT_EQ(body["rows"][0]["row"], 2);
  EXPECT_DOUBLE_EQ(body["rows"][0]["value"].get<double>(), 12.5);
  EXPECT_EQ(body["rows"][1]["action"], "update");
  auto items = stored(c, kpi);
  ASSERT_EQ(items.size(), 1u);  // still only the pushed one
  EXPECT_DOUBLE_EQ(items[0]["value"].get<double>(), 4);
  // Errors show per row in a dry run, with status 200.
  r = import_csv(c, kpi, "period,value\n2026-W03,x\n2026-W03,2\n", true);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["summary"]["error"], 2);
  EXPECT_EQ(r.json()["rows"][1]["errors"]["period"], "row 2 has the same period");
  EXPECT_EQ(r.json()["rows"][0]["errors"]["value"], "must be a number");
}

TEST_F(KpisTest, ImportIsAllOrNothingAndReimportUpdates) {
  auto [t, c] = new_tenant_admin("kpi-import");
  auto kpi = weekly_kpi(c);
  auto r = import_csv(c, kpi, "period;value\n2026-W01;1\n2026-W02;2\n2026-W99;3\n", false);
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "import_failed");
  EXPECT_EQ(r.json()["rows"][2]["action"], "error");
  EXPECT_TRUE(stored(c, kpi).empty());

  r = import_csv(c, kpi, "period;value\n2026-W01;1\n2026-W02;2,5\n2026-03-31;3\n", false);
  ASSERT_TRUE(counted(r, 3, 0));
  EXPECT_TRUE(r.json()["imported"].get<bool>());
  // The same file again: updates, no duplicates.
  r = import_csv(c, kpi, "period;value\n2026-W01;10\n2026-W02;2,5\n2026-W14;3\n2026-W15;4\n",
                 false);
  ASSERT_TRUE(counted(r, 1, 3));
  auto items = stored(c, kpi);
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0]["period"], "2026-W01");
  EXPECT_DOUBLE_EQ(items[0]["value"].get<double>(), 10);
  EXPECT_EQ(items[2]["period"], "2026-W14");
}

TEST_F(KpisTest, ImportWithAWrongColumnIs422NamingIt) {
  auto [t, c] = new_tenant_admin("kpi-import-col");
  auto kpi = weekly_kpi(c);
  for (bool dry : {true, false}) {
    auto r = import_csv(c, kpi, "Periode;Beløb\n2026-W01;1\n", dry);
    ASSERT_EQ(r.status, 422) << r.body;
    auto fields = r.json()["error"]["fields"];
    EXPECT_EQ(fields["Beløb"], "is not a column; use period and value") << r.body;
    EXPECT_EQ(fields["value"], "column is missing");
  }
  auto r = import_csv(c, kpi, "", false);
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.json()["error"]["fields"].contains("file"));
  r = c.request(
      "POST", kpi + "/measurements/import", "PK\x03\x04 not really",
      {{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
       {"X-CSRF-Token", c.csrf()}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.json()["error"]["fields"].contains("file")) << r.body;
  r = c.request("POST", kpi + "/measurements/import?dry_run=maybe", "period;value\n",
                {{"Content-Type", "text/csv"}, {"X-CSRF-Token", c.csrf()}});
  EXPECT_EQ(r.status, 422);
}

TEST_F(KpisTest, ImportAnXlsxAsMultipartAndRaw) {
  auto [t, c] = new_tenant_admin("kpi-import-xlsx");
  auto kpi = weekly_kpi(c);
  auto path = std::filesystem::temp_directory_path() /
              ("kpi-import-" + std::to_string(::getpid()) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* s = workbook_add_worksheet(wb, nullptr);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd-mm-yyyy");
  // Swedish headings, a week as text and a date cell.
  int column = 0;
  for (const char* text : {"Vecka", "Värde"}) worksheet_write_string(s, 0, column++, text, nullptr);
  worksheet_write_string(s, 1, 0, "2026-W10", nullptr);
  lxw_datetime d{2026, 3, 31, 0, 0, 0};
  worksheet_write_datetime(s, 2, 0, &d, date);
  for (auto [row, value] : {std::pair{1, 3.25}, std::pair{2, 4.0}})
    worksheet_write_number(s, row, 1, value, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);

  std::string boundary = "----fremdrift-test-7d1";
  auto r = c.request("POST", kpi + "/measurements/import?dry_run=true",
                     multipart(c.csrf(), "målinger.xlsx",
                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               bytes, boundary),
                     {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_EQ(r.json()["rows"].size(), 2u);
  EXPECT_EQ(r.json()["rows"][1]["period"], "2026-W14");
  EXPECT_TRUE(stored(c, kpi).empty());
  r = c.request(
      "POST", kpi + "/measurements/import", bytes,
      {{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
       {"X-CSRF-Token", c.csrf()}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["created"], 2);
  auto items = stored(c, kpi);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_DOUBLE_EQ(items[0]["value"].get<double>(), 3.25);
}

TEST_F(KpisTest, ImportIsClosedToOtherTenantsAndReadOnlyMembers) {
  auto [t, c] = new_tenant_admin("kpi-import-own");
  auto kpi = weekly_kpi(c);
  auto o = admin_of(server().create_tenant("kpi-import-other"));
  // Checked before the body is read: a bad file still gives 404, never 422.
  EXPECT_EQ(import_csv(o, kpi, "period;value\n2026-W01;1\n", true).status, 404);
  EXPECT_EQ(import_csv(o, kpi, "nonsense", false).status, 404);
  auto m = member_of(t);
  EXPECT_EQ(import_csv(m, kpi, "period;value\n2026-W01;1\n", true).status, 403);
  EXPECT_TRUE(stored(c, kpi).empty());
}

TEST_F(KpisTest, ImportPagePreviewsThenImportsWithoutJavaScript) {
  auto [t, c] = new_tenant_admin("kpi-import-page");
  auto kpi = weekly_kpi(c);
  std::string page = page_of(kpi);
  auto r = c.get(page);
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  std::string boundary = "xYz42";
  r = c.request("POST", page + "/import",
                multipart(c.csrf(), "m.csv", "text/csv",
                          "Uge;Værdi\r\n2026-W05;1,5\r\n2026-W06;2\r\n", boundary),
                {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  ASSERT_EQ(r.status, 200) << r.body;
  expect_body_has(r, {"class=\"kpi-import\"", "name=\"confirm\""});
  EXPECT_TRUE(stored(c, kpi).empty());
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.body, m, std::regex("name=\"csv\" value=\"([^\"]*)\"")));
  std::string csv = std::regex_replace(m[1].str(), std::regex("&#13;|&#x0D;"), "\r");
  csv = std::regex_replace(csv, std::regex("&#10;|&#x0A;"), "\n");
  csv = std::regex_replace(csv, std::regex("&quot;"), "\"");
  csv = std::regex_replace(csv, std::regex("&#39;"), "'");
  csv = std::regex_replace(csv, std::regex("&amp;"), "&");
  auto done = c.post_form(page + "/import", {{"_csrf", c.csrf()}, {"confirm", "1"}, {"csv", csv}});
  ASSERT_EQ(done.status, 303) << done.body;
  EXPECT_NE(done.header("location").find("imported=1&created=2"), std::string::npos);
  auto items = stored(c, kpi);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_DOUBLE_EQ(items[0]["value"].get<double>(), 1.5);
  // A wrong column shows on the page with 422.
  r = c.request("POST", page + "/import",
                multipart(c.csrf(), "m.csv", "text/csv", "Uge;Antal\r\n", boundary),
                {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  expect_refused_input(r, {"Antal"});
  // Without the CSRF token in the multipart body: refused.
  r = c.request("POST", page + "/import",
                multipart("wrong", "m.csv", "text/csv", "Uge;Værdi\r\n", boundary),
                {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
  EXPECT_EQ(r.status, 403);
}

}  // namespace
}  // namespace testing_http

// Benchmarks over HTTP, on both databases (issue 18, point 4): the shared catalogue of
// common indicators (validation, a duplicate external code 409, who may add), a KPI's link
// checked against the indicator, the tenant's opt-in and size, and the comparison with
// small-number protection: k-1 other municipalities withheld, k shown with the right
// figures, a size group withheld where it and "all" would single one out; another
// tenant's KPI 404, not opted in 403, no indicator 422.
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

constexpr const char* kIndicators = "/api/v1/indicators";

class BenchmarksTest : public HttpTest {
 protected:
  // A municipality with a project and one KPI on `indicator`, opted in or not, with values
  // per period ("2026-W11" → 22).
  struct Peer {
    TestServer::Tenant tenant;
    Client admin;
    std::string project;
    std::string kpi;
  };
  Peer peer(const std::string& prefix, const std::string& indicator, long long inhabitants,
            bool opt_in, const std::map<std::string, double>& values) {
    auto [t, admin] = new_tenant_admin(prefix);
    settle(admin, opt_in, inhabitants);
    Peer p{t, admin, new_project(admin, "Visitation"), ""};
    json kpi = {{"name", "Sagsbehandlingstid"}, {"unit", "dage"}, {"direction", "lower"}};
    if (!indicator.empty()) kpi["indicator_id"] = indicator;
    p.kpi = created_id(admin, "/api/v1/projects/" + p.project + "/kpis", kpi);
    push(admin, p.kpi, values);
    return p;
  }
  static void settle(Client& admin, bool opt_in, long long inhabitants) {
    auto tenant = admin.get("/api/v1/tenant").json();
    auto r = admin.send_json("PATCH", "/api/v1/tenant",
                             {{"benchmark_opt_in", opt_in},
                              {"inhabitants", inhabitants},
                              {"version", tenant["version"]}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["benchmark_opt_in"], opt_in);
    EXPECT_EQ(r.json()["inhabitants"], inhabitants);
  }
  static void push(Client& admin, const std::string& kpi, const std::map<std::string, double>& v) {
    if (v.empty()) return;
    json rows = json::array();
    for (const auto& [period, value] : v) rows.push_back({{"period", period}, {"value", value}});
    auto r = admin.send_json("POST", "/api/v1/kpis/" + kpi + "/measurements", rows);
    ASSERT_EQ(r.status, 200) << r.body;
  }
  // A new weekly indicator in days, lower is better, added by `admin`.
  static std::string indicator(Client& admin, const std::string& name) {
    return created_id(admin, kIndicators,
                      {{"name", name}, {"unit", "dage"}, {"direction", "lower"}});
  }
  static json period(const json& benchmark, const std::string& key) {
    for (const auto& p : benchmark["periods"])
      if (p["period"] == key) return p;
    return nullptr;
  }
};

TEST_F(BenchmarksTest, KMinusOneOthersAreWithheldAndKAreShownWithoutMe) {
  auto [t, admin] = new_tenant_admin("bm-a");
  auto id = indicator(admin, "Visitation til hjemmehjælp (k)");
  settle(admin, true, 30000);
  auto project = new_project(admin, "Visitation");
  auto kpi = created_id(admin, "/api/v1/projects/" + project + "/kpis",
                        {{"name", "Visitation"},
                         {"unit", "Dage "},  // unit compared without case and end spaces
                         {"direction", "lower"},
                         {"frequency", "biweekly"},
                         {"start_period", "2026-W10"},
                         {"indicator_id", id}});
  push(admin, kpi, {{"2026-W10", 1000}, {"2026-W12", 1000}});
  // W10: four others (k-1); W12: five (k), 20..24; W14: five, but I did not measure it.
  for (int i = 0; i < 5; ++i) {
    std::map<std::string, double> values = {{"2026-W12", 20.0 + i}, {"2026-W14", 30.0 + i}};
    if (i < 4) values["2026-W10"] = 10.0 + i;
    peer("bm-p" + std::to_string(i), id, 10000, true, values);
  }
  // Neither a municipality that has not opted in nor a KPI without the indicator counts.
  peer("bm-out", id, 10000, false, {{"2026-W10", 1}, {"2026-W12", 1}});
  peer("bm-none", "", 10000, true, {{"2026-W10", 1}});

  auto r = admin.get("/api/v1/kpis/" + kpi + "/benchmark");
  ASSERT_EQ(r.status, 200) << r.body;
  auto b = r.json();
  EXPECT_EQ(b["group"], "all");
  EXPECT_EQ(b["my_group"], "20k_50k");
  EXPECT_EQ(b["min_tenants"], 5);
  EXPECT_EQ(b["indicator"]["id"], id);
  auto w10 = period(b, "2026-W10");
  ASSERT_TRUE(w10.is_object()) << b.dump();
  EXPECT_EQ(w10["value"], 1000);
  EXPECT_FALSE(w10["shown"].get<bool>());
  EXPECT_TRUE(w10["median"].is_null());
  EXPECT_TRUE(w10["lower_quartile"].is_null());
  auto w12 = period(b, "2026-W12");
  ASSERT_TRUE(w12.is_object());
  EXPECT_TRUE(w12["shown"].get<bool>());
  EXPECT_EQ(w12["median"], 22);  // my 1000 is not among them
  EXPECT_EQ(w12["lower_quartile"], 21);
  EXPECT_EQ(w12["upper_quartile"], 23);
  // A withheld period has the same keys as a shown one: nothing says how many there are.
  std::vector<std::string> shown_keys, withheld_keys;
  for (const auto& [k, v] : w12.items()) shown_keys.push_back(k);
  for (const auto& [k, v] : w10.items()) withheld_keys.push_back(k);
  EXPECT_EQ(shown_keys, withheld_keys);
  EXPECT_EQ(b.dump().find("count"), std::string::npos);
  auto w14 = period(b, "2026-W14");
  ASSERT_TRUE(w14.is_object());
  EXPECT_TRUE(w14["value"].is_null());
  EXPECT_EQ(w14["median"], 32);
  // My own page shows the section with the figures and the withheld period.
  auto page = admin.get("/projects/" + project + "/kpis/" + kpi);
  ASSERT_EQ(page.status, 200);
  expect_body_has(page, {"benchmark-table", "Visitation til hjemmehjælp (k)",
                         "<td>21</td><td>22</td><td>23</td>", "2026-W10", "benchmark-band"});
}

// Six others: five under 20,000 inhabitants and one over 100,000. "All" is shown; the small
// group would be too (five), but beside "all" it gives the large one away, so it is withheld.
TEST_F(BenchmarksTest, ASizeGroupIsWithheldWhereItAndAllWouldSingleOneOut) {
  auto [t, admin] = new_tenant_admin("bm-c");
  auto id = indicator(admin, "Visitation til hjemmehjælp (komplementær)");
  settle(admin, true, 0);
  auto project = new_project(admin, "Visitation");
  auto kpi = created_id(
      admin, "/api/v1/projects/" + project + "/kpis",
      {{"name", "Visitation"}, {"unit", "dage"}, {"direction", "lower"}, {"indicator_id", id}});
  push(admin, kpi, {{"2026-W20", 15}});
  for (int i = 0; i < 5; ++i)
    peer("bm-s" + std::to_string(i), id, 12000, true, {{"2026-W20", 10.0 + i}});
  peer("bm-l", id, 250000, true, {{"2026-W20", 99}});

  auto all = admin.get("/api/v1/kpis/" + kpi + "/benchmark?group=all").json();
  EXPECT_TRUE(all["my_group"].is_null());
  auto w20 = period(all, "2026-W20");
  ASSERT_TRUE(w20.is_object()) << all.dump();
  EXPECT_TRUE(w20["shown"].get<bool>());
  EXPECT_EQ(w20["median"], 12.5);  // 10, 11, 12, 13, 14, 99
  for (const char* group : {"under_20k", "over_100k"}) {
    auto b = admin.get("/api/v1/kpis/" + kpi + "/benchmark?group=" + group).json();
    EXPECT_EQ(b["group"], group);
    auto p = period(b, "2026-W20");
    ASSERT_TRUE(p.is_object()) << b.dump();
    EXPECT_FALSE(p["shown"].get<bool>()) << group;
    EXPECT_TRUE(p["median"].is_null()) << group;
  }
  // A group nobody asked for by its name.
  expect_refused_input(admin.get("/api/v1/kpis/" + kpi + "/benchmark?group=huge"), {"group"});
}

TEST_F(BenchmarksTest, OnlyMyOwnOptedInKpiOnAnIndicatorHasABenchmark) {
  auto [t, admin] = new_tenant_admin("bm-e");
  auto id = indicator(admin, "Visitation til hjemmehjælp (fejl)");
  auto project = new_project(admin, "Visitation");
  auto linked =
      created_id(admin, "/api/v1/projects/" + project + "/kpis",
                 {{"name", "Med"}, {"unit", "dage"}, {"direction", "lower"}, {"indicator_id", id}});
  auto plain = created_id(admin, "/api/v1/projects/" + project + "/kpis",
                          {{"name", "Uden"}, {"unit", "dage"}, {"direction", "lower"}});
  // Not opted in: 403 with a message saying so.
  auto r = admin.get("/api/v1/kpis/" + linked + "/benchmark");
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("Settings"), std::string::npos);
  expect_body_has(admin.get("/projects/" + project + "/kpis/" + linked),
                  {"benchmark-heading", "href=\"/settings\""});
  settle(admin, true, 8000);
  EXPECT_EQ(admin.get("/api/v1/kpis/" + linked + "/benchmark").status, 200);
  expect_refused_input(admin.get("/api/v1/kpis/" + plain + "/benchmark"), {"indicator_id"});
  // Another municipality, opted in, cannot read either KPI's benchmark: they are not its.
  auto [other, other_admin] = new_tenant_admin("bm-e2");
  settle(other_admin, true, 8000);
  EXPECT_EQ(other_admin.get("/api/v1/kpis/" + linked + "/benchmark").status, 404);
  EXPECT_EQ(other_admin.get("/api/v1/kpis/" + plain + "/benchmark").status, 404);
  // A member of the municipality without a role in the project reads it as they read the KPI.
  auto member = member_of(t);
  EXPECT_EQ(member.get("/api/v1/kpis/" + linked + "/benchmark").status,
            member.get("/api/v1/kpis/" + linked).status);
}

TEST_F(BenchmarksTest, AKpiLinksOnlyToAnIndicatorItFits) {
  auto [t, admin] = new_tenant_admin("bm-l");
  auto weekly = indicator(admin, "Visitation til hjemmehjælp (link)");
  auto project = new_project(admin, "Visitation");
  const std::string kpis = "/api/v1/projects/" + project + "/kpis";
  json base = {{"name", "Visitation"}, {"unit", "dage"}, {"direction", "lower"}};
  auto with = [&](json change) {
    json body = base;
    body.update(change);
    return admin.send_json("POST", kpis, body);
  };
  expect_refused_input(with({{"indicator_id", weekly}, {"unit", "timer"}}),
                       {"indicator_id", "dage"});
  expect_refused_input(with({{"indicator_id", weekly}, {"direction", "higher"}}), {"indicator_id"});
  expect_refused_input(with({{"indicator_id", weekly}, {"frequency", "monthly"}}),
                       {"indicator_id"});
  expect_refused_input(with({{"indicator_id", "01NOSUCHINDICATOR000000000"}}), {"indicator_id"});
  // Nothing was stored by the refusals.
  EXPECT_EQ(admin.get(kpis).json()["items"].size(), 0u);
  // A linked KPI keeps fitting: its unit cannot change away from the indicator's.
  json linked = base;
  linked["indicator_id"] = weekly;
  auto kpi = created_object(admin, kpis, linked);
  EXPECT_EQ(kpi["indicator_id"], weekly);
  auto item = "/api/v1/kpis/" + kpi["id"].get<std::string>();
  expect_refused_input(
      admin.send_json("PATCH", item, {{"unit", "timer"}, {"version", kpi["version"]}}),
      {"indicator_id"});
  auto unlinked =
      admin.send_json("PATCH", item, {{"indicator_id", nullptr}, {"version", kpi["version"]}});
  ASSERT_EQ(unlinked.status, 200) << unlinked.body;
  EXPECT_TRUE(unlinked.json()["indicator_id"].is_null());
  // The KPI form offers the catalogue.
  expect_body_has(admin.get("/projects/" + project + "/kpis/new"),
                  {"name=\"indicator_id\"", "Visitation til hjemmehjælp (link) (dage)"});
}

TEST_F(BenchmarksTest, TheCatalogueIsSharedAndItsCodesAreUnique) {
  auto [a, admin_a] = new_tenant_admin("bm-k");
  auto [b, admin_b] = new_tenant_admin("bm-k2");
  expect_refused_input(admin_a.send_json("POST", kIndicators, {{"unit", "dage"}}), {"name"});
  expect_refused_input(admin_a.send_json("POST", kIndicators, {{"name", "Uden enhed"}}), {"unit"});
  expect_refused_input(
      admin_a.send_json("POST", kIndicators,
                        {{"name", "Kilde uden kode"}, {"unit", "dage"}, {"source", "kolada"}}),
      {"external_code"});
  expect_refused_input(admin_a.send_json("POST", kIndicators,
                                         {{"name", "Ukendt kilde"},
                                          {"unit", "dage"},
                                          {"source", "nowhere"},
                                          {"external_code", "X1"}}),
                       {"source"});
  expect_refused_input(
      admin_a.send_json("POST", kIndicators,
                        {{"name", "Ugentlig?"}, {"unit", "dage"}, {"frequency", "biweekly"}}),
      {"frequency"});
  // A code unlikely to be another test's, lower-cased: stored upper-cased.
  const std::string code = "n9" + std::to_string(std::hash<std::string>{}(a.slug) % 100000);
  auto created = created_object(admin_a, kIndicators,
                                {{"name", "Hjemmehjælp, visitationstid"},
                                 {"unit", "dage"},
                                 {"direction", "lower"},
                                 {"frequency", "monthly"},
                                 {"source", "kolada"},
                                 {"external_code", code}});
  std::string upper = code;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(created["external_code"], upper);
  EXPECT_TRUE(created["mine"].get<bool>());
  // The same code from another municipality: 409, and nothing more in the catalogue.
  auto dup = admin_b.send_json(
      "POST", kIndicators,
      {{"name", "Samme kode"}, {"unit", "dage"}, {"source", "kolada"}, {"external_code", upper}});
  EXPECT_EQ(dup.status, 409) << dup.body;
  // The same code from another source is another key.
  EXPECT_EQ(admin_b
                .send_json("POST", kIndicators,
                           {{"name", "FLIS-udgaven"},
                            {"unit", "dage"},
                            {"source", "flis"},
                            {"external_code", upper}})
                .status,
            201);
  // Everyone reads the catalogue; the entry is not B's.
  auto id = created["id"].get<std::string>();
  auto seen = admin_b.get(std::string(kIndicators) + "/" + id);
  ASSERT_EQ(seen.status, 200);
  EXPECT_FALSE(seen.json()["mine"].get<bool>());
  EXPECT_EQ(seen.json().count("created_by_tenant_id"), 0u);
  auto found = member_of(b).get(std::string(kIndicators) + "?q=" + upper + "&source=kolada").json();
  ASSERT_EQ(found["items"].size(), 1u) << found.dump();
  EXPECT_EQ(found["items"][0]["id"], id);
  EXPECT_EQ(
      admin_b.get(std::string(kIndicators) + "?q=" + upper + "&source=flis").json()["items"].size(),
      1u);
  expect_refused_input(admin_b.get(std::string(kIndicators) + "?source=nowhere"), {"source"});
  // Wildcards are taken as text.
  EXPECT_EQ(admin_b.get(std::string(kIndicators) + "?q=%25%25zz_zz%25").json()["items"].size(), 0u);
  // Members do not add; B may not remove A's entry; A may, while no KPI names it.
  EXPECT_EQ(
      member_of(a).send_json("POST", kIndicators, {{"name", "Medlem"}, {"unit", "dage"}}).status,
      403);
  EXPECT_EQ(admin_b.send_delete(std::string(kIndicators) + "/" + id).status, 403);
  EXPECT_EQ(admin_a.send_delete(std::string(kIndicators) + "/" + id).status, 204);
  EXPECT_EQ(admin_a.get(std::string(kIndicators) + "/" + id).status, 404);
  // The page lists the catalogue, and its form shows what was wrong.
  expect_body_has(admin_b.get("/indicators"), {"FLIS-udgaven", "name=\"external_code\""});
  auto refused = admin_b.post_form("/indicators", {{"_csrf", admin_b.csrf()},
                                                   {"name", "Fra siden"},
                                                   {"unit", ""},
                                                   {"direction", "lower"},
                                                   {"frequency", "weekly"}});
  expect_refused_input(refused, {"Fra siden", "ind-unit-error"});
  auto added = admin_b.post_form("/indicators", {{"_csrf", admin_b.csrf()},
                                                 {"name", "Fra siden"},
                                                 {"unit", "timer"},
                                                 {"direction", "lower"},
                                                 {"frequency", "weekly"}});
  EXPECT_EQ(added.status, 303);
}

// The settings page takes part and gives the size; a size out of range is refused on the form.
TEST_F(BenchmarksTest, AdministratorsOptInOnTheSettingsPage) {
  auto [t, admin] = new_tenant_admin("bm-set");
  auto page = admin.get("/settings");
  expect_body_has(page, {"name=\"benchmark_opt_in\"", "name=\"inhabitants\""});
  auto form = [&](const std::string& opt_in, const std::string& inhabitants) {
    std::map<std::string, std::string> f = {
        {"_csrf", admin.csrf()},
        {"name", t.slug},
        {"default_locale", "da"},
        {"time_zone", "Europe/Copenhagen"},
        {"inhabitants", inhabitants},
        {"version", admin.get("/api/v1/tenant").json()["version"].dump()}};
    if (!opt_in.empty()) f["benchmark_opt_in"] = opt_in;
    return admin.post_form("/settings", f);
  };
  EXPECT_EQ(form("on", "45000").status, 303);
  auto tenant = admin.get("/api/v1/tenant").json();
  EXPECT_TRUE(tenant["benchmark_opt_in"].get<bool>());
  EXPECT_EQ(tenant["inhabitants"], 45000);
  expect_body_has(admin.get("/settings"),
                  {"value=\"45000\"", "name=\"benchmark_opt_in\" value=\"on\" checked"});
  expect_refused_input(form("on", "-4"), {"s-inhabitants-error", "-4"});
  EXPECT_EQ(admin.get("/api/v1/tenant").json()["inhabitants"], 45000);  // kept
  EXPECT_EQ(form("", "45000").status, 303);                             // the box left unticked
  EXPECT_FALSE(admin.get("/api/v1/tenant").json()["benchmark_opt_in"].get<bool>());
  // Members do not change it.
  EXPECT_EQ(member_of(t)
                .send_json("PATCH", "/api/v1/tenant",
                           {{"benchmark_opt_in", true}, {"version", tenant["version"]}})
                .status,
            403);
}

// The demo municipality's waiting days against six neighbours on an example indicator: "all"
// shown in every week but the one where a neighbour skipped (four others), its own size group
// only in the weeks before the small neighbour began (after that it would single it out).
TEST_F(BenchmarksTest, TheDemoComparesItsWaitingDaysWithSixNeighbours) {
  Client c = demo_admin(2);  // twice: idempotent
  ASSERT_FALSE(HasFailure());
  auto projects = c.get("/api/v1/projects").json()["items"];
  ASSERT_EQ(projects.size(), 1u);
  auto kpis =
      c.get("/api/v1/projects/" + projects[0]["id"].get<std::string>() + "/kpis").json()["items"];
  std::string kpi;
  int linked = 0;
  for (const auto& k : kpis) {
    if (!k["indicator_id"].is_string()) continue;
    ++linked;
    kpi = k["id"];
    EXPECT_EQ(k["name"], "Ventedage til første fælles samtale");
  }
  ASSERT_EQ(linked, 1);
  auto b = c.get("/api/v1/kpis/" + kpi + "/benchmark").json();
  EXPECT_EQ(b["indicator"]["external_code"], "N99901");
  EXPECT_NE(b["indicator"]["description"].get<std::string>().find("Eksempel"), std::string::npos);
  EXPECT_EQ(b["my_group"], "50k_100k");
  int shown = 0, mine = 0;
  for (const auto& p : b["periods"]) {
    shown += p["shown"].get<bool>() ? 1 : 0;
    mine += p["value"].is_number() ? 1 : 0;
  }
  EXPECT_EQ(mine, 28);
  EXPECT_EQ(shown, 27);
  auto group = c.get("/api/v1/kpis/" + kpi + "/benchmark?group=50k_100k").json();
  shown = 0;
  for (const auto& p : group["periods"]) shown += p["shown"].get<bool>() ? 1 : 0;
  EXPECT_EQ(shown, 5);
  // The example indicator once, not doubled by the second run.
  auto listed = c.get(std::string(kIndicators) + "?q=N99901&source=kolada").json()["items"];
  EXPECT_EQ(listed.size(), 1u);
}

}  // namespace
}  // namespace testing_http

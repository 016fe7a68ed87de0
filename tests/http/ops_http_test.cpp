// Operations: health, metrics, OpenAPI coverage, request ids, shutdown, CLI.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "http/fixture.hpp"

namespace testing_http {
namespace {

class OpsTest : public HttpTest {};

TEST_F(OpsTest, HealthzChecksTheDatabase) {
  auto r = client().get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json()["database"], "ok");
}

// Each request leaves one JSON line with ts and level first, even when its path carries
// quotes, backslashes and letters beyond ASCII.
TEST_F(OpsTest, TheAccessLogIsOneJsonLineARequest) {
  const std::string tag = unique("log");
  const std::string path = "/no-such-page/" + tag + "/%22quoted%22/%C3%A6%5C";
  EXPECT_EQ(client().get(path).status, 404);
  std::string raw;
  for (int i = 0; i < 50 && raw.empty(); ++i) {
    std::istringstream lines(server().log_text());
    for (std::string line; std::getline(lines, line);)
      if (line.find(tag) != std::string::npos && line.find("\"request_id\"") != std::string::npos)
        raw = line;
    if (raw.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_FALSE(raw.empty());
  EXPECT_EQ(raw.rfind(R"({"ts":")", 0), 0u) << raw;
  const json found = json::parse(raw);
  EXPECT_EQ(found["level"], "info");
  EXPECT_EQ(found["method"], "GET");
  EXPECT_EQ(found["status"], 404);
  EXPECT_TRUE(found["ms"].is_number());
  EXPECT_EQ(found["ts"].get<std::string>().size(), 24u);
  EXPECT_NE(found["path"].get<std::string>().find(tag), std::string::npos) << found.dump();
}

TEST_F(OpsTest, MetricsCountRequestsByRouteAndShowThePool) {
  auto [t, c] = new_tenant_admin("metrics");
  c.get("/api/v1/units");
  auto text = client().get("/metrics").body;
  EXPECT_NE(
      text.find(
          "fremdrift_http_requests_total{method=\"GET\",route=\"/api/v1/units\",status=\"200\"}"),
      std::string::npos);
  EXPECT_NE(text.find("fremdrift_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/"
                      "v1/units\",le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(text.find("fremdrift_db_pool_size "), std::string::npos);
  EXPECT_NE(text.find("fremdrift_db_pool_in_use "), std::string::npos);
}

TEST_F(OpsTest, OpenApiDescribesEveryRegisteredApiRoute) {
  auto doc = client().get("/api/v1/openapi.json").json();
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::string out;
  ASSERT_EQ(server().cli("routes", &out), 0);
  int checked = 0;
  std::set<std::string> ids;
  for (const auto& route : json::parse(out)) {
    std::string pattern = route["pattern"];
    if (pattern.rfind("/api/v1", 0) != 0) continue;
    std::string method = route["method"];
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    ASSERT_TRUE(doc["paths"].contains(pattern)) << pattern;
    ASSERT_TRUE(doc["paths"][pattern].contains(method)) << method << " " << pattern;
    const auto& op = doc["paths"][pattern][method];
    EXPECT_FALSE(op["summary"].get<std::string>().empty()) << pattern;
    // Code generators need URL-safe, unique operationIds (camelCase) and a security entry.
    std::string id = op["operationId"];
    EXPECT_TRUE(!id.empty() && std::islower(static_cast<unsigned char>(id[0])) &&
                std::all_of(id.begin(), id.end(),
                            [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)); }))
        << id;
    EXPECT_TRUE(ids.insert(id).second) << "operationId twice: " << id;
    EXPECT_TRUE(op.contains("security")) << pattern;
    ++checked;
  }
  EXPECT_GT(checked, 15);
  EXPECT_TRUE(doc["components"]["schemas"].contains("Unit"));
  EXPECT_TRUE(doc["components"]["schemas"].contains("Error"));
  EXPECT_EQ(doc["paths"]["/api/v1/projects/{id}/wins"]["get"]["operationId"], "listProjectsWins");
  EXPECT_EQ(doc["paths"]["/api/v1/session"]["post"]["security"], json::array());
}

TEST_F(OpsTest, RequestIdsAreReturnedAndPropagated) {
  auto r = client().get("/healthz");
  EXPECT_EQ(r.header("x-request-id").size(), 26u);
  auto mine = client().request("GET", "/healthz", "", {{"X-Request-Id", "trace-123"}});
  EXPECT_EQ(mine.header("x-request-id"), "trace-123");
}

TEST_F(OpsTest, UnknownRoutesAndMethodsGetJsonErrors) {
  auto r = client().get("/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["error"]["code"], "not_found");
  auto m = client().request("PUT", "/api/v1/units");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(client().get("/no-such-page").status, 404);
}

TEST_F(OpsTest, SigtermStopsTheServerCleanly) {
  TestServer own;
  EXPECT_EQ(Client(own.port()).get("/healthz").status, 200);
  own.stop();
  EXPECT_EQ(own.exit_code(), 0);
}

TEST_F(OpsTest, GlobalOptionsMayFollowTheSubcommand) {
  // The README says every command takes --db; newcomers write it after the command.
  std::string slug = unique("after");
  std::string cmd = std::string(FREMDRIFT_BINARY) + " admin create-tenant --slug " + slug +
                    " --name Efter --db '" + server().db_url() + "' > /dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  // It went into the server's database: the same slug again is refused there.
  std::string out;
  EXPECT_NE(server().cli("admin create-tenant --slug " + slug + " --name Igen", &out), 0) << out;
}

TEST_F(OpsTest, DemoIsIdempotentAndUsesTheGivenPassword) {
  std::string out;
  ASSERT_EQ(server().cli("demo", &out), 0) << out;
  ::setenv("FREMDRIFT_DEMO_PASSWORD", kDemoPassword, 1);
  ASSERT_EQ(server().cli("demo", &out), 0) << out;
  ::unsetenv("FREMDRIFT_DEMO_PASSWORD");
  EXPECT_NE(out.find("admin@demo.fremdrift.test"), std::string::npos);
  Client c = client();
  ASSERT_EQ(c.login("admin@demo.fremdrift.test", kDemoPassword).status, 200);
  auto units = c.get("/api/v1/units?limit=200").json()["items"];
  EXPECT_EQ(units.size(), 9u);  // not doubled by the second run
  EXPECT_EQ(c.get("/api/v1/me").json()["tenant"]["name"], "Demo Kommune");
  auto projects = c.get("/api/v1/projects").json()["items"];
  ASSERT_EQ(projects.size(), 1u);  // the seed's case, not doubled either
  EXPECT_EQ(projects[0]["phase"], "trial");
  EXPECT_EQ(projects[0]["unit_ids"].size(), 3u);
  std::string path = "/api/v1/projects/" + projects[0]["id"].get<std::string>();
  auto decisions = c.get(path + "/decisions").json()["items"];
  // Four phase gates, one taken at a meeting, three adoption decisions (two adopted steps,
  // one kept in development), the approval of the business case and the judgement of the
  // realised benefit (issue 14).
  EXPECT_EQ(decisions.size(), 10u);
  auto business_case = c.get(path + "/business-case").json();
  EXPECT_EQ(business_case["payback_year"], 3);
  EXPECT_EQ(business_case["approved"]["payback_year"], 3);
  EXPECT_EQ(business_case["approved"]["number"], 1);  // not doubled by the second run
  bool approval_logged = false;
  for (const auto& d : decisions)
    approval_logged = approval_logged || d["id"] == business_case["approved"]["decision_id"];
  EXPECT_TRUE(approval_logged);
  auto benefits = c.get(path + "/benefits").json()["items"];
  ASSERT_EQ(benefits.size(), 4u);  // not doubled by the second run
  int judged = 0;
  for (const auto& b : benefits) {
    if (!b["decision_id"].is_string()) continue;
    ++judged;
    EXPECT_EQ(b["status"], "realised");
    EXPECT_EQ(std::count_if(decisions.begin(), decisions.end(),
                            [&](const json& d) { return d["id"] == b["decision_id"]; }),
              1);
  }
  EXPECT_EQ(judged, 1);
  // Across the triple bottom line: one realised, one on track by its KPI's signal, one at risk.
  std::multiset<std::string> statuses;
  std::set<std::string> categories;
  for (const auto& b : benefits) {
    statuses.insert(b["status"].get<std::string>());
    categories.insert(b["category"].get<std::string>());
    if (b["status"] == "on_track") EXPECT_EQ(b["kpis"][0]["chart_status"], "better");
  }
  EXPECT_EQ(statuses, (std::multiset<std::string>{"realised", "on_track", "at_risk", "awaiting"}));
  EXPECT_EQ(categories.size(), 3u);
  int at_meetings = 0;
  for (const auto& d : decisions) at_meetings += d["meeting_id"].is_string() ? 1 : 0;
  EXPECT_EQ(at_meetings, 1);
  // Roles across the three units: a steering group with every unit's manager.
  EXPECT_EQ(c.get(path + "/coverage").json()["warnings"].size(), 0u);
  EXPECT_GE(c.get(path + "/roles").json()["items"].size(), 10u);
  auto meetings = c.get(path + "/meetings").json()["items"];
  ASSERT_EQ(meetings.size(), 4u);
  std::set<std::string> kinds;
  for (const auto& m : meetings) {
    kinds.insert(m["kind"]);
    EXPECT_TRUE(m["attendance_recorded"].get<bool>());
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"steering_group", "kaizen"}));
  auto table = c.get(path + "/attendance-by-unit").json();
  EXPECT_EQ(table["meetings"].size(), 4u);
  ASSERT_EQ(table["flagged_unit_ids"].size(), 1u);
  for (const auto& u : table["units"]) {
    EXPECT_EQ(u["flagged"].get<bool>(), u["unit_name"] == "Socialafdelingen") << u.dump();
  }
  auto first = c.get("/api/v1/meetings/" + meetings[0]["id"].get<std::string>()).json();
  EXPECT_TRUE(first["minutes"].is_string());
  EXPECT_EQ(first["decisions"].size(), 1u);

  // The action plan: ~15 rows around today, some overdue, one dropped, and the redesign's
  // two before-go-live notes taken into the plan (so no suggestion is left); one more row is
  // what happens now that a demo risk occurred.
  auto actions = c.get(path + "/actions").json()["items"];
  ASSERT_EQ(actions.size(), 15u + 1u);  // not doubled
  int overdue = 0, dropped = 0, done = 0, from_map = 0;
  for (const auto& a : actions) {
    overdue += a["overdue"].get<bool>() ? 1 : 0;
    dropped += a["status"] == "dropped" ? 1 : 0;
    done += a["status"] == "done" ? 1 : 0;
    from_map += a["origin"] == "map_note" ? 1 : 0;
  }
  EXPECT_GE(overdue, 2);
  EXPECT_EQ(dropped, 1);
  EXPECT_GE(done, 3);
  EXPECT_EQ(from_map, 2);
  EXPECT_EQ(c.get(path + "/action-suggestions").json()["items"].size(), 0u);
  int linked = 0;
  for (const auto& a : actions) linked += a["kpi_name"].is_string() ? 1 : 0;
  EXPECT_EQ(linked, 2);  // the rows that follow a demo KPI name it
  // Eight risks over the heat map (one closed), one review overdue, one occurred with its
  // action-plan row. Not doubled.
  auto risks = c.get(path + "/risks").json()["items"];
  ASSERT_EQ(risks.size(), 8u);
  int occurred = 0, risk_overdue = 0;
  for (const auto& r : risks) {
    risk_overdue += r["review_overdue"].get<bool>() ? 1 : 0;
    if (r["status"] != "occurred") continue;
    ++occurred;
    ASSERT_EQ(r["linked_actions"].size(), 1u);
    EXPECT_EQ(
        c.get("/api/v1/actions/" + r["linked_actions"][0]["action_id"].get<std::string>()).status,
        200);
  }
  EXPECT_EQ(occurred, 1);
  EXPECT_EQ(risk_overdue, 1);
  auto matrix = c.get(path + "/risk-matrix").json();
  EXPECT_EQ(matrix["before"]["total"], 7);
  std::set<std::string> bands;
  for (const auto& cell : matrix["before"]["cells"])
    if (cell["count"] > 0) bands.insert(cell["band"]);
  EXPECT_EQ(bands, (std::set<std::string>{"medium", "high"}));
  // Five weekly KPIs with 12 baseline and 16 trial weeks (the waiting time shifts), and the
  // survey's social-capital index as a monthly KPI with its two closed rounds.
  auto all_kpis = c.get(path + "/kpis").json()["items"];
  ASSERT_EQ(all_kpis.size(), 6u);  // not doubled
  json kpis = json::array();
  for (const auto& k : all_kpis) {
    if (k["frequency"] == "weekly") {
      kpis.push_back(k);
      continue;
    }
    EXPECT_EQ(k["name"], "Social kapital (indeks 0–100)");
    auto values = c.get("/api/v1/kpis/" + k["id"].get<std::string>() + "/measurements").json();
    ASSERT_EQ(values["items"].size(), 2u);
    EXPECT_LT(values["items"][0]["value"].get<double>(), values["items"][1]["value"].get<double>());
  }
  ASSERT_EQ(kpis.size(), 5u);
  int with_signal = 0;
  for (const auto& k : kpis) {
    auto chart = c.get("/api/v1/kpis/" + k["id"].get<std::string>() + "/chart").json();
    EXPECT_EQ(chart["points"].size(), 28u);
    ASSERT_EQ(chart["periods"].size(), 2u);
    EXPECT_TRUE(chart["periods"][1]["frozen"].get<bool>());
    EXPECT_FALSE(chart["due"].get<bool>());
    if (!chart["signals"].empty()) {
      ++with_signal;
      EXPECT_EQ(k["name"], "Ventedage til første fælles samtale");
      EXPECT_EQ(chart["signals"][0]["rule"], "unusually_long_run");
    }
  }
  EXPECT_EQ(with_signal, 1);
  // Adoption: two adopted steps of ten and one kept in development, by decisions; the
  // adoptions' wins and two typed in; two lessons learned. Not doubled.
  auto adoption = c.get(path + "/adoption").json();
  EXPECT_EQ(adoption["share"], (json{{"adopted", 2}, {"total", 10}, {"percent", 20}}));
  int developing = 0;
  for (const auto& s : adoption["steps"]) developing += s["status"] == "keep_developing" ? 1 : 0;
  EXPECT_EQ(developing, 1);
  EXPECT_EQ(c.get(path + "/adoption/history").json()["items"].size(), 3u);
  EXPECT_EQ(c.get(path + "/wins").json()["items"].size(), 4u);
  EXPECT_EQ(c.get(path + "/lessons").json()["items"].size(), 2u);
  EXPECT_EQ(c.get(path + "/closing-report").json()["adoption"]["adopted"].size(), 2u);
  // Twenty kaizen cards across the four columns, some raised by staff without an account.
  auto cards = c.get(path + "/kaizen-cards").json()["items"];
  ASSERT_EQ(cards.size(), 20u);  // not doubled
  std::map<std::string, int> per_column;
  int by_free_name = 0;
  for (const auto& k : cards) {
    per_column[k["column"]]++;
    by_free_name += k["raised_by_id"].is_null() ? 1 : 0;
  }
  EXPECT_EQ(per_column["new"], 6);
  EXPECT_EQ(per_column["in_progress"], 6);
  EXPECT_EQ(per_column["done"], 5);
  EXPECT_EQ(per_column["rejected"], 3);
  EXPECT_GE(by_free_name, 3);
  // The generated agenda of the next kaizen meeting has cards to decide.
  auto agenda = c.get(path + "/kaizen-agenda").json();
  EXPECT_FALSE(agenda["cards_to_decide"].empty());
  EXPECT_FALSE(agenda["kpis_with_new_signals"].empty());

  // The secretariat's programme, joined by the municipality, holds the demo project.
  auto programmes = c.get("/api/v1/programmes").json()["items"];
  ASSERT_EQ(programmes.size(), 1u);  // not doubled
  EXPECT_FALSE(programmes[0]["own"].get<bool>());
  EXPECT_EQ(programmes[0]["clusters"].size(), 2u);
  EXPECT_EQ(programmes[0]["tracks"].size(), 2u);
  EXPECT_EQ(programmes[0]["project_count"], 1);
  EXPECT_EQ(c.get("/api/v1/umbrella-memberships").json()["items"].size(), 1u);
  Client secretariat = client();
  ASSERT_EQ(secretariat.login("sekretariat@demo.fremdrift.test", kDemoPassword).status, 200);
  std::string programme = programmes[0]["id"];
  auto attached = secretariat.get("/api/v1/programmes/" + programme + "/projects").json()["items"];
  ASSERT_EQ(attached.size(), 1u);
  EXPECT_EQ(attached[0]["tenant"]["name"], "Demo Kommune");
  EXPECT_EQ(attached[0]["phase"], "trial");
  EXPECT_FALSE(attached[0]["cluster"].is_null());
  EXPECT_EQ(attached[0]["tracks"].size(), 1u);
  EXPECT_EQ(secretariat.get("/api/v1/projects").json()["items"].size(), 0u);
  EXPECT_EQ(secretariat.get("/api/v1/umbrella/members").json()["items"].size(), 1u);
}

TEST_F(OpsTest, TheDemoTellsOneStory) {
  Client c = demo_admin();
  ASSERT_FALSE(HasFailure());
  auto projects = c.get("/api/v1/projects").json()["items"];
  ASSERT_EQ(projects.size(), 1u);
  std::string id = projects[0]["id"];
  std::string path = "/api/v1/projects/" + id;
  auto table = c.get(path + "/attendance-by-unit").json();
  // The unit that missed the kaizen meetings is the one the project's status names.
  ASSERT_EQ(table["flagged_unit_ids"].size(), 1u);
  std::string status_reason = c.get(path).json()["status_reason"];
  for (const auto& u : table["units"]) {
    if (u["flagged"].get<bool>()) {
      EXPECT_NE(status_reason.find(u["unit_name"].get<std::string>()), std::string::npos);
    }
  }
  // A win about a meeting links it, and every involved unit came to that meeting (the
  // demo's win once said all three units came to the two meetings one of them missed).
  int about_meetings = 0;
  auto wins = c.get(path + "/wins").json();
  for (const auto& w : wins["items"]) {
    std::string text = w["text"];
    if (text.find("kaizenmøde") == std::string::npos) continue;
    ASSERT_TRUE(w["link"].is_string()) << text;
    std::string link = w["link"];
    std::string prefix = "/projects/" + id + "/meetings/";
    ASSERT_EQ(link.rfind(prefix, 0), 0u) << link;
    std::string meeting = link.substr(prefix.size());
    std::size_t index = table["meetings"].size();
    for (std::size_t i = 0; i < table["meetings"].size(); ++i)
      if (table["meetings"][i]["id"] == meeting) index = i;
    ASSERT_LT(index, table["meetings"].size()) << link;
    EXPECT_EQ(w["happened_on"],
              table["meetings"][index]["starts_at"].get<std::string>().substr(0, 10));
    for (const auto& u : table["units"])
      EXPECT_TRUE(u["present"][index].get<bool>()) << u["unit_name"] << " absent: " << text;
    ++about_meetings;
  }
  EXPECT_EQ(about_meetings, 1);
}

TEST_F(OpsTest, BackupAndRestoreRoundTrip) {
  std::string out;
  std::string file = (std::filesystem::temp_directory_path() / unique("backup-")).string() + ".db";
  ASSERT_EQ(server().cli("backup " + file, &out), 0) << out;
  if (server().db_url().rfind("postgres", 0) == 0) {
    EXPECT_NE(out.find("pg_dump"), std::string::npos);
    return;
  }
  EXPECT_TRUE(std::filesystem::exists(file));
  auto t = server().create_tenant("afterbackup");
  EXPECT_EQ(client().login(t.admin_email, TestServer::kPassword).status, 200);
  ASSERT_EQ(server().cli("restore " + file, &out), 0) << out;
  EXPECT_EQ(client().login(t.admin_email, TestServer::kPassword).status, 401);
  EXPECT_NE(server().cli("restore /nonexistent/file.db", &out), 0);
  std::filesystem::remove(file);
}

TEST_F(OpsTest, CliRejectsBadInputClearly) {
  std::string out;
  EXPECT_NE(server().cli("admin create-tenant --slug 'Not Valid' --name X", &out), 0);
  EXPECT_NE(out.find("slug"), std::string::npos);
  // Taken by the citizens' private links (/public/signals/{token}).
  EXPECT_NE(server().cli("admin create-tenant --slug signals --name X", &out), 0);
  EXPECT_NE(out.find("slug"), std::string::npos);
  EXPECT_NE(server().cli("admin create-user --tenant no-such-tenant --email a@b.dk --name A "
                         "--password long-enough-1",
                         &out),
            0);
  EXPECT_NE(out.find("no tenant"), std::string::npos);
  EXPECT_NE(server().cli("--db mysql://x migrate", &out), 0);
}

// Every kind of object the demo's change log holds can be chosen in the log's filter and is
// named in each language; a person's export shows names and words, not ids and codes.
TEST_F(OpsTest, TheDemosChangeLogAndExportReadAsText) {
  Client c = demo_admin();
  ASSERT_FALSE(HasFailure());
  std::set<std::string> kinds;
  std::string cursor;
  for (int pages = 0; pages < 50; ++pages) {
    auto body =
        c.get("/api/v1/audit?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor)).json();
    for (const auto& e : body["items"]) kinds.insert(e["entity"].get<std::string>());
    if (body["next_cursor"].is_null()) break;
    cursor = body["next_cursor"].get<std::string>();
  }
  EXPECT_GE(kinds.size(), 30u);
  for (const auto& kind : kinds) {
    EXPECT_EQ(c.get("/api/v1/audit?entity=" + kind).status, 200) << kind;
    for (const char* lang : {"da", "sv", "en"}) {
      c.cookies()["fremdrift_lang"] = lang;
      auto page = c.get("/audit?entity=" + kind);
      ASSERT_EQ(page.status, 200) << kind;
      EXPECT_EQ(page.body.find("audit.entity."), std::string::npos) << kind << " " << lang;
    }
  }
  c.cookies()["fremdrift_lang"] = "da";
  // Lene Holm, the demo's director, owns the project and its benefits.
  std::string lene;
  auto people = c.get("/api/v1/people?limit=200").json();
  for (const auto& p : people["items"])
    if (p["name"] == "Lene Holm") lene = p["id"];
  ASSERT_FALSE(lene.empty());
  auto project_id = c.get("/api/v1/projects").json()["items"][0]["id"].get<std::string>();
  // The change log names a benefit by its title, not its id.
  auto benefits = c.get("/api/v1/projects/" + project_id + "/benefits").json();
  ASSERT_FALSE(benefits["items"].empty());
  auto log = c.get("/audit?entity=benefit");
  EXPECT_EQ(log.body.find(benefits["items"][0]["id"].get<std::string>()), std::string::npos);
  EXPECT_NE(log.body.find(benefits["items"][0]["title"].get<std::string>()), std::string::npos);
  auto page = c.get("/people/" + lene + "/personal-data");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Projektejer (gevinstejer)"), std::string::npos);  // role owner
  EXPECT_NE(page.body.find("Til stede"), std::string::npos);                  // attendance
  EXPECT_NE(page.body.find("Forvaltning"), std::string::npos);                // unit kind
  EXPECT_EQ(page.body.find(project_id + "<"), std::string::npos);             // the title instead
  EXPECT_EQ(page.body.find("audit.entity."), std::string::npos);
  // A benefit's title is a title, a person's is their job title.
  EXPECT_NE(page.body.find("Titel: — → Kortere ventetid"), std::string::npos);
  EXPECT_NE(page.body.find("Stilling: — → Direktør"), std::string::npos);
}

}  // namespace
}  // namespace testing_http

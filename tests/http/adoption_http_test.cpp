// Adoption of the redesign, the wins log, split suggestions and the closing report
// through the API and the pages, on both engines.
#include <algorithm>
#include <map>
#include <vector>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

// A redesign with the given tasks (id, name) in one lane of the unit.
std::string redesign(const std::string& unit_id,
                     const std::vector<std::pair<std::string, std::string>>& tasks) {
  std::string refs, nodes, flows;
  std::string previous = "S";
  int n = 0;
  for (const auto& [id, name] : tasks) {
    refs += "<bpmn:flowNodeRef>" + id + "</bpmn:flowNodeRef>";
    nodes += "<bpmn:task id=\"" + id + "\" name=\"" + name + "\" />\n";
    flows += "<bpmn:sequenceFlow id=\"F" + std::to_string(++n) + "\" sourceRef=\"" + previous +
             "\" targetRef=\"" + id + "\" />\n";
    previous = id;
  }
  flows += "<bpmn:sequenceFlow id=\"F" + std::to_string(++n) + "\" sourceRef=\"" + previous +
           "\" targetRef=\"E\" />\n";
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:fremdrift="http://fremdrift.dk/schema/bpmn/1.0" id="D1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:collaboration id="C1"><bpmn:participant id="P1" processRef="Pr1" /></bpmn:collaboration>
  <bpmn:process id="Pr1" isExecutable="false">
    <bpmn:laneSet id="LS1"><bpmn:lane id="Lane_U" name="Enhed" fremdrift:unitId=")" +
         unit_id + R"("><bpmn:flowNodeRef>S</bpmn:flowNodeRef>)" + refs +
         R"(<bpmn:flowNodeRef>E</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="S" />
)" + nodes +
         R"(    <bpmn:endEvent id="E" />
)" + flows +
         R"(  </bpmn:process>
</bpmn:definitions>
)";
}

const std::vector<std::pair<std::string, std::string>> kThree = {
    {"T1", "Fælles screening"}, {"T2", "Én plan"}, {"T3", "Koordinator"}};

class AdoptionTest : public HttpTest {
 protected:
  struct Setup {
    Client admin;
    std::string project_id;
    std::string path;  // /api/v1/projects/{id}
    std::string unit_id;
    std::string map_id;
  };

  Setup setup(const TestServer::Tenant& t) {
    Client admin = admin_of(t);
    std::string unit = new_unit(admin, "Jobcenter");
    std::string id = new_project(admin, "Indførelse", "kl-workflow", {{"unit_ids", {unit}}});
    std::string path = "/api/v1/projects/" + id;
    std::string map_id =
        created_id(admin, path + "/maps", {{"kind", "redesign"}, {"title", "Ny vej"}});
    auto saved = save_map(admin, map_id, redesign(unit, kThree), 1);
    EXPECT_EQ(saved.status, 200) << saved.body;
    return {admin, id, path, unit, map_id};
  }

  HttpResponse save_map(Client& c, const std::string& map_id, const std::string& xml, int version) {
    return c.request("PUT", "/api/v1/maps/" + map_id + "/bpmn", xml,
                     {{"Content-Type", "application/xml"},
                      {"X-CSRF-Token", c.csrf()},
                      {"If-Match", "\"" + std::to_string(version) + "\""}});
  }

  static json decide(const std::string& element, const std::string& status, int version,
                     const std::string& text = "Styregruppen besluttede det") {
    return {{"element_id", element}, {"status", status}, {"decision", text}, {"version", version}};
  }
};

TEST_F(AdoptionTest, OnlyADecisionChangesAStepAndItLandsInTheDecisionLog) {
  auto t = server().create_tenant("adopt");
  auto s = setup(t);
  auto overview = s.admin.get(s.path + "/adoption").json();
  ASSERT_EQ(overview["steps"].size(), 3u);
  EXPECT_EQ(overview["map"]["id"], s.map_id);
  EXPECT_EQ(overview["steps"][0]["element_id"], "T1");
  EXPECT_EQ(overview["steps"][0]["name"], "Fælles screening");
  EXPECT_EQ(overview["steps"][0]["status"], "trial");
  EXPECT_EQ(overview["steps"][0]["version"], 1);
  EXPECT_EQ(overview["share"], (json{{"adopted", 0}, {"total", 3}, {"percent", 0}}));

  // A project-group member edits but does not decide.
  Client member = member_of(t);
  give_project_role(s.admin, s.project_id, member, "project_group");
  auto refused = member.send_json("POST", s.path + "/adoption", decide("T1", "adopted", 1));
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.json()["error"]["code"], "forbidden");

  auto r =
      s.admin.send_json("POST", s.path + "/adoption", decide("T1", "adopted", 1, "Fast praksis"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "adopted");
  EXPECT_EQ(r.json()["version"], 2);
  EXPECT_EQ(r.json()["share"]["adopted"], 1);
  EXPECT_EQ(r.json()["share"]["percent"], 33);
  std::string decision_id = r.json()["decision_id"];

  auto decisions = s.admin.get(s.path + "/decisions").json()["items"];
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0]["id"], decision_id);
  EXPECT_EQ(decisions[0]["kind"], "decision");
  EXPECT_EQ(decisions[0]["text"], "Fælles screening: Fast praksis");

  // Stale version: 409 with the current step.
  auto stale = s.admin.send_json("POST", s.path + "/adoption", decide("T1", "keep_developing", 1));
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.json()["error"]["current"]["version"], 2);
  EXPECT_EQ(stale.json()["error"]["current"]["status"], "adopted");
  // Refused changes, a missing decision, an unknown step.
  auto bad = s.admin.send_json("POST", s.path + "/adoption", decide("T1", "cancelled", 2));
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("status"));
  auto no_text = s.admin.send_json("POST", s.path + "/adoption",
                                   {{"element_id", "T2"}, {"status", "adopted"}, {"version", 1}});
  EXPECT_EQ(no_text.status, 422);
  EXPECT_TRUE(no_text.json()["error"]["fields"].contains("decision"));
  auto unknown = s.admin.send_json("POST", s.path + "/adoption", decide("NOPE", "adopted", 1));
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(unknown.json()["error"]["fields"].contains("element_id"));
  auto bad_meeting = s.admin.send_json("POST", s.path + "/adoption",
                                       {{"element_id", "T2"},
                                        {"status", "adopted"},
                                        {"decision", "x"},
                                        {"version", 1},
                                        {"meeting_id", "01JNOSUCHMEETING0000000000"}});
  EXPECT_EQ(bad_meeting.status, 422);
  // Nothing of the refused requests reached the log.
  EXPECT_EQ(s.admin.get(s.path + "/decisions").json()["items"].size(), 1u);

  // If-Match works as well as a version field; a steering-group member decides.
  give_project_role(s.admin, s.project_id, member, "steering_member");
  auto by_header = member.send_json(
      "POST", s.path + "/adoption",
      {{"element_id", "T2"}, {"status", "keep_developing"}, {"decision", "Mere tid"}},
      {{"If-Match", "\"1\""}});
  ASSERT_EQ(by_header.status, 200) << by_header.body;
  EXPECT_EQ(by_header.json()["status"], "keep_developing");

  // The adoption made a win; keep developing did not.
  auto wins = s.admin.get(s.path + "/wins").json()["items"];
  ASSERT_EQ(wins.size(), 1u);
  EXPECT_EQ(wins[0]["kind"], "step_adopted");
  EXPECT_TRUE(wins[0]["automatic"].get<bool>());
  EXPECT_NE(wins[0]["text"].get<std::string>().find("Fælles screening"), std::string::npos);
  auto history = s.admin.get(s.path + "/adoption/history").json()["items"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1]["from_status"], "trial");
  EXPECT_EQ(history[1]["to_status"], "adopted");
  EXPECT_EQ(history[1]["decision_id"], decision_id);
  // Every change is audited.
  EXPECT_EQ(s.admin.get("/api/v1/audit?entity=adoption_step").json()["items"].size(), 2u);
}

TEST_F(AdoptionTest, StepsThatLeaveTheMapStayListed) {
  auto t = server().create_tenant("adoptgone");
  auto s = setup(t);
  ASSERT_EQ(s.admin.send_json("POST", s.path + "/adoption", decide("T3", "adopted", 1)).status,
            200);
  auto saved = save_map(s.admin, s.map_id,
                        redesign(s.unit_id, {{"T1", "Fælles screening"}, {"T2", "Én plan"}}), 2);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto overview = s.admin.get(s.path + "/adoption").json();
  ASSERT_EQ(overview["steps"].size(), 3u);
  EXPECT_EQ(overview["steps"][2]["element_id"], "T3");
  EXPECT_FALSE(overview["steps"][2]["on_map"].get<bool>());
  EXPECT_EQ(overview["steps"][2]["name"], "Koordinator");
  EXPECT_EQ(overview["share"]["adopted"], 0);
  EXPECT_EQ(overview["share"]["total"], 2);
  // A step that left the map can still be decided on.
  auto r = s.admin.send_json("POST", s.path + "/adoption", decide("T3", "keep_developing", 2));
  EXPECT_EQ(r.status, 200) << r.body;
  auto page = s.admin.get("/projects/" + s.project_id + "/adoption");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("ikke længere på kortet"), std::string::npos);
}

TEST_F(AdoptionTest, AnAdoptedStepOffersASplitAndAKpiOnTargetIsAWinOnce) {
  auto t = server().create_tenant("adoptsplit");
  auto s = setup(t);
  auto k = s.admin.send_json("POST", s.path + "/kpis",
                             {{"name", "Ventedage"},
                              {"unit", "dage"},
                              {"direction", "lower"},
                              {"baseline", 20},
                              {"target", 10},
                              {"map_id", s.map_id},
                              {"element_id", "T1"}});
  ASSERT_EQ(k.status, 201) << k.body;
  std::string kpi = "/api/v1/kpis/" + k.json()["id"].get<std::string>();
  auto other = s.admin.send_json("POST", s.path + "/kpis", {{"name", "Tilfredshed"}});
  ASSERT_EQ(other.status, 201) << other.body;
  std::string other_kpi = "/api/v1/kpis/" + other.json()["id"].get<std::string>();

  json rows = json::array();
  for (int w = 1; w <= 6; ++w)
    rows.push_back({{"period", "2026-W0" + std::to_string(w)}, {"value", 20}});
  ASSERT_EQ(s.admin.send_json("POST", kpi + "/measurements", rows).status, 200);
  EXPECT_EQ(s.admin.get(s.path + "/wins").json()["items"].size(), 0u);
  ASSERT_EQ(s.admin
                .send_json("POST", kpi + "/measurements",
                           json::array({{{"period", "2026-W07"}, {"value", 9}}}))
                .status,
            200);
  auto wins = s.admin.get(s.path + "/wins").json()["items"];
  ASSERT_EQ(wins.size(), 1u);
  EXPECT_EQ(wins[0]["kind"], "kpi_target_reached");
  EXPECT_EQ(wins[0]["link"],
            "/projects/" + s.project_id + "/kpis/" + k.json()["id"].get<std::string>());
  // Reached again, or through the week grid: no second win.
  ASSERT_EQ(s.admin
                .send_json("POST", kpi + "/measurements",
                           json::array({{{"period", "2026-W08"}, {"value", 8}}}))
                .status,
            200);
  EXPECT_EQ(s.admin.get(s.path + "/wins").json()["items"].size(), 1u);

  EXPECT_EQ(s.admin.get(kpi + "/split-suggestions").json()["items"].size(), 0u);
  ASSERT_EQ(s.admin.send_json("POST", s.path + "/adoption", decide("T1", "adopted", 1)).status,
            200);
  auto suggestions = s.admin.get(kpi + "/split-suggestions").json()["items"];
  ASSERT_EQ(suggestions.size(), 1u);
  EXPECT_EQ(suggestions[0]["element_id"], "T1");
  EXPECT_TRUE(suggestions[0]["follows_step"].get<bool>());
  auto others = s.admin.get(other_kpi + "/split-suggestions").json()["items"];
  ASSERT_EQ(others.size(), 1u);  // every KPI of the project is offered the split
  EXPECT_FALSE(others[0]["follows_step"].get<bool>());

  // The KPI page shows the offer; one click splits the chart.
  std::string page = "/projects/" + s.project_id + "/kpis/" + k.json()["id"].get<std::string>();
  auto html = s.admin.get(page);
  expect_body_has(html, {"Fælles screening", "split-suggestions"});
  auto accepted = s.admin.post_form(page + "/split-suggestions",
                                    {{"_csrf", s.admin.csrf()}, {"element_id", "T1"}});
  EXPECT_EQ(accepted.status, 303) << accepted.body;
  auto periods = s.admin.get(kpi + "/periods").json()["items"];
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0]["start"], suggestions[0]["start"]);
  EXPECT_NE(periods[0]["label"].get<std::string>().find("Fælles screening"), std::string::npos);
  EXPECT_EQ(s.admin.get(kpi + "/split-suggestions").json()["items"].size(), 0u);
  // Through the API for the other KPI; a second accept finds nothing.
  auto api = s.admin.send_json("POST", other_kpi + "/split-suggestions", {{"element_id", "T1"}});
  EXPECT_EQ(api.status, 201) << api.body;
  EXPECT_EQ(
      s.admin.send_json("POST", other_kpi + "/split-suggestions", {{"element_id", "T1"}}).status,
      404);
}

TEST_F(AdoptionTest, WinsAreTypedInByEditorsAndLinksAreChecked) {
  auto t = server().create_tenant("wins");
  auto s = setup(t);
  Client member = member_of(t);
  auto refused = member.send_json("POST", s.path + "/wins", {{"text", "Jeg bestemmer"}});
  EXPECT_EQ(refused.status, 403);
  auto bad = s.admin.send_json("POST", s.path + "/wins",
                               {{"text", "x"},
                                {"link", "javascript:alert(1)"},
                                {"kind", "nope"},
                                {"happened_on", "2026-02-30"}});
  EXPECT_EQ(bad.status, 422);
  for (const char* f : {"link", "kind", "happened_on"})
    EXPECT_TRUE(bad.json()["error"]["fields"].contains(f)) << f;
  auto r = s.admin.send_json("POST", s.path + "/wins",
                             {{"text", "Første fælles plan"},
                              {"happened_on", "2026-10-01"},
                              {"link", "https://intra.example/nyhed"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["kind"], "other");
  EXPECT_FALSE(r.json()["automatic"].get<bool>());
  give_project_role(s.admin, s.project_id, member, "project_group");
  EXPECT_EQ(member.send_json("POST", s.path + "/wins", {{"text", "Også os"}, {"kind", "card_done"}})
                .status,
            201);
  auto items = member.get(s.path + "/wins").json()["items"];
  ASSERT_EQ(items.size(), 2u);
  // The project page celebrates; the wins page has the form.
  auto project = s.admin.get("/projects/" + s.project_id);
  expect_body_has(project, {"Første fælles plan", "id=\"wins-heading\""});
  auto form = s.admin.post_form("/projects/" + s.project_id + "/wins",
                                {{"_csrf", s.admin.csrf()}, {"text", ""}, {"kind", "other"}});
  EXPECT_EQ(form.status, 422);
  form =
      s.admin.post_form("/projects/" + s.project_id + "/wins",
                        {{"_csrf", s.admin.csrf()}, {"text", "Fra formularen"}, {"kind", "other"}});
  EXPECT_EQ(form.status, 303);
  std::string id = r.json()["id"];
  EXPECT_EQ(member.send_json("DELETE", "/api/v1/wins/" + id, nullptr).status, 204);
  EXPECT_EQ(s.admin.get(s.path + "/wins").json()["items"].size(), 2u);
}

// The project page's wins card reads the five newest wins in SQL, however many there are.
TEST_F(AdoptionTest, TheProjectPageShowsTheFiveNewestWins) {
  auto s = new_project_scene("winscard", "Sejre");
  const std::string wins = "/api/v1/projects/" + s.project + "/wins";
  for (int day : {3, 1, 7, 5, 2, 6, 4})  // added out of date order: the card sorts
    created_object(s.admin, wins,
                   {{"text", "Sejr nummer " + std::to_string(day)},
                    {"happened_on", "2026-01-0" + std::to_string(day)}});
  const std::string body = s.admin.get("/projects/" + s.project).body;
  std::vector<std::size_t> at;
  for (int day : {7, 6, 5, 4, 3}) {
    at.push_back(body.find("Sejr nummer " + std::to_string(day) + "<"));
    EXPECT_NE(at.back(), std::string::npos) << day;
  }
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
  for (int day : {1, 2})
    EXPECT_EQ(body.find("Sejr nummer " + std::to_string(day)), std::string::npos);
}

TEST_F(AdoptionTest, ClosingReportSumsUpTheProject) {
  auto t = server().create_tenant("closing");
  auto s = setup(t);
  ASSERT_EQ(s.admin.send_json("POST", s.path + "/adoption", decide("T1", "adopted", 1)).status,
            200);
  ASSERT_EQ(
      s.admin.send_json("POST", s.path + "/adoption", decide("T2", "keep_developing", 1)).status,
      200);
  ASSERT_EQ(s.admin.send_json("POST", s.path + "/adoption", decide("T3", "cancelled", 1)).status,
            200);
  auto k = s.admin.send_json(
      "POST", s.path + "/kpis",
      {{"name", "Ventedage"}, {"direction", "lower"}, {"baseline", 21}, {"target", 13}});
  ASSERT_EQ(k.status, 201);
  std::string kpi = "/api/v1/kpis/" + k.json()["id"].get<std::string>();
  // Baseline weeks 1–4 (20, 22, 21, 23: median 21.5), trial weeks 5–8 (14, 12, 13, 15: 13.5).
  json rows = json::array();
  std::vector<double> values = {20, 22, 21, 23, 14, 12, 13, 15};
  for (std::size_t i = 0; i < values.size(); ++i)
    rows.push_back({{"period", "2026-W0" + std::to_string(i + 1)}, {"value", values[i]}});
  ASSERT_EQ(s.admin.send_json("POST", kpi + "/measurements", rows).status, 200);
  ASSERT_EQ(
      s.admin
          .send_json("POST", kpi + "/periods",
                     {{"start", "2026-W01"}, {"label", "Baseline"}, {"freeze_until", "2026-W04"}})
          .status,
      201);
  ASSERT_EQ(s.admin
                .send_json("POST", kpi + "/periods",
                           {{"start", "2026-W05"}, {"label", "Forsøg"}, {"frozen", true}})
                .status,
            201);
  for (const char* status : {"done", "done", "dropped", "in_progress"}) {
    auto a = s.admin.send_json("POST", s.path + "/actions",
                               {{"task", std::string("Opgave ") + status}, {"status", status}});
    ASSERT_EQ(a.status, 201) << a.body;
  }
  ASSERT_EQ(s.admin.send_json("POST", s.path + "/lessons", {{"text", "Start med data"}}).status,
            201);
  Client member = member_of(t);
  EXPECT_EQ(member.send_json("POST", s.path + "/lessons", {{"text", "Nej"}}).status, 403);

  auto report = s.admin.get(s.path + "/closing-report");
  ASSERT_EQ(report.status, 200) << report.body;
  auto j = report.json();
  EXPECT_EQ(j["project"]["id"], s.project_id);
  ASSERT_EQ(j["adoption"]["adopted"].size(), 1u);
  EXPECT_EQ(j["adoption"]["adopted"][0]["element_id"], "T1");
  EXPECT_EQ(j["adoption"]["keep_developing"].size(), 1u);
  EXPECT_EQ(j["adoption"]["cancelled"].size(), 1u);
  EXPECT_EQ(j["adoption"]["share"]["percent"], 33);
  ASSERT_EQ(j["kpis"].size(), 1u);
  EXPECT_DOUBLE_EQ(j["kpis"][0]["baseline_median"].get<double>(), 21.5);
  EXPECT_DOUBLE_EQ(j["kpis"][0]["last_median"].get<double>(), 13.5);
  EXPECT_EQ(j["kpis"][0]["last_period"], "Forsøg");
  EXPECT_DOUBLE_EQ(j["kpis"][0]["target"].get<double>(), 13);
  EXPECT_FALSE(j["kpis"][0]["reached"].get<bool>());
  EXPECT_EQ(j["actions"]["done_count"], 2);
  EXPECT_EQ(j["actions"]["dropped_count"], 1);
  EXPECT_EQ(j["actions"]["open_count"], 1);
  EXPECT_EQ(j["actions"]["dropped"][0]["task"], "Opgave dropped");
  EXPECT_EQ(j["decisions"].size(), 3u);
  EXPECT_EQ(j["wins"].size(), 1u);  // the adoption
  ASSERT_EQ(j["lessons"].size(), 1u);
  EXPECT_EQ(j["lessons"][0]["text"], "Start med data");

  // The page, and the page as a file.
  std::string page = "/projects/" + s.project_id + "/closing-report";
  auto html = s.admin.get(page);
  ASSERT_EQ(html.status, 200);
  // A Danish page writes the median with a decimal comma; an English one with a point.
  expect_body_has(html, {"21,5", "Start med data"});
  s.admin.cookies()["fremdrift_lang"] = "en";
  EXPECT_NE(s.admin.get(page).body.find("21.5"), std::string::npos);
  s.admin.cookies().erase("fremdrift_lang");
  auto file = s.admin.get(page + "?download=1");
  EXPECT_EQ(file.status, 200);
  EXPECT_NE(file.header("content-disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(file.body.find("name=\"_csrf\""), std::string::npos);  // no forms in the file
  // Lessons through the form; removing one.
  auto added = s.admin.post_form("/projects/" + s.project_id + "/lessons",
                                 {{"_csrf", s.admin.csrf()}, {"text", "Inviter alle"}});
  EXPECT_EQ(added.status, 303);
  auto lessons = s.admin.get(s.path + "/lessons").json()["items"];
  ASSERT_EQ(lessons.size(), 2u);
  EXPECT_EQ(
      s.admin.send_json("DELETE", "/api/v1/lessons/" + lessons[0]["id"].get<std::string>(), nullptr)
          .status,
      204);
  EXPECT_EQ(s.admin.get(s.path + "/lessons").json()["items"].size(), 1u);
}

// Weeks 1–8 of 2026 with these values.
json weeks(const std::vector<double>& values) {
  json rows = json::array();
  for (std::size_t i = 0; i < values.size(); ++i)
    rows.push_back({{"period", "2026-W0" + std::to_string(i + 1)}, {"value", values[i]}});
  return rows;
}

TEST_F(AdoptionTest, TheClosingReportsBeforeAndAfterFollowTheBaselinePeriodAndTheWinsRule) {
  auto t = server().create_tenant("closingkpi");
  auto s = setup(t);
  // Baseline weeks 1–4 (20, 22, 21, 23), trial weeks 5–8 (14, 12, 13, 12): the last week
  // reaches the target 13, which the wins log records.
  auto add_kpi = [&](const std::string& name) {
    auto k = s.admin.send_json(
        "POST", s.path + "/kpis",
        {{"name", name}, {"direction", "lower"}, {"baseline", 21}, {"target", 13}});
    EXPECT_EQ(k.status, 201) << k.body;
    std::string kpi = "/api/v1/kpis/" + k.json()["id"].get<std::string>();
    auto pushed =
        s.admin.send_json("POST", kpi + "/measurements", weeks({20, 22, 21, 23, 14, 12, 13, 12}));
    EXPECT_EQ(pushed.status, 200) << pushed.body;
    return kpi;
  };
  std::string unsplit = add_kpi("Uden baseline");
  std::string split = add_kpi("Med baseline");
  // The baseline split: the median frozen at the baseline weeks, the trial judged on it.
  for (const json& period :
       {json{{"start", "2026-W01"}, {"label", "Baseline"}, {"freeze_until", "2026-W04"}},
        json{{"start", "2026-W05"}, {"label", "Forsøg"}, {"frozen", true}}})
    ASSERT_EQ(s.admin.send_json("POST", split + "/periods", period).status, 201);
  std::map<std::string, std::string> target_won;
  auto wins = s.admin.get(s.path + "/wins").json();
  for (const auto& w : wins["items"])
    if (w["kind"] == "kpi_target_reached")
      target_won[w["link"].get<std::string>()] = w["happened_on"].get<std::string>();
  EXPECT_EQ(target_won.size(), 2u);

  auto kpis = s.admin.get(s.path + "/closing-report").json()["kpis"];
  ASSERT_EQ(kpis.size(), 2u);
  for (const auto& k : kpis) {
    std::string link = "/projects/" + s.project_id + "/kpis/" + k["id"].get<std::string>();
    EXPECT_EQ(k["target_first_reached_on"], target_won[link]) << k.dump();
    if (k["name"] == "Uden baseline") {
      // No baseline period: the stated baseline; "after" is the one period's median
      // (12, 12, 13, 14, 20, 21, 22, 23 → 17), which does not reach 13.
      EXPECT_EQ(k["baseline_source"], "stated");
      EXPECT_DOUBLE_EQ(k["baseline_median"].get<double>(), 21);
      EXPECT_DOUBLE_EQ(k["last_median"].get<double>(), 17);
      EXPECT_FALSE(k["reached"].get<bool>());
    } else {
      // The baseline weeks' median against the trial's (14, 12, 13, 12 → 12.5): reached,
      // as the wins log says.
      EXPECT_EQ(k["baseline_source"], "period");
      EXPECT_EQ(k["baseline_period"], "Baseline");
      EXPECT_DOUBLE_EQ(k["baseline_median"].get<double>(), 21.5);
      EXPECT_DOUBLE_EQ(k["last_median"].get<double>(), 12.5);
      EXPECT_EQ(k["last_period"], "Forsøg");
      EXPECT_TRUE(k["reached"].get<bool>());
    }
  }
  auto page = s.admin.get("/projects/" + s.project_id + "/closing-report").body;
  EXPECT_NE(page.find("angivet baseline"), std::string::npos);
  EXPECT_NE(page.find("12,5"), std::string::npos);
}

TEST_F(AdoptionTest, TheClosingReportNamesTheGoalsTheMapFiguresAndTheDecidingBody) {
  auto t = server().create_tenant("closinggoals");
  auto s = setup(t);
  long long version = s.admin.get(s.path).json()["version"];
  auto charter = s.admin.send_json(
      "PATCH", s.path,
      {{"success_criteria", {"Borgeren har én plan"}},
       {"result_goals", {"Ventetid under 14 dage", "Halvt så mange overdragelser"}},
       {"version", version}});
  ASSERT_EQ(charter.status, 200) << charter.body;
  auto goals = s.admin.get(s.path + "/goal-outcomes").json()["items"];
  ASSERT_EQ(goals.size(), 3u);
  EXPECT_EQ(goals[0]["kind"], "success_criterion");
  EXPECT_TRUE(goals[0]["outcome"].is_null());
  json reached = {{"kind", "result_goal"},
                  {"goal", "Ventetid under 14 dage"},
                  {"outcome", "reached"},
                  {"note", "12,5 dage i forsøget"}};
  auto set = s.admin.send_json("PUT", s.path + "/goal-outcomes", reached);
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json()["outcome"], "reached");
  reached["outcome"] = "partly";  // replaced, not doubled
  ASSERT_EQ(s.admin.send_json("PUT", s.path + "/goal-outcomes", reached).status, 200);
  json unknown = reached;
  unknown["goal"] = "Noget andet";
  EXPECT_EQ(s.admin.send_json("PUT", s.path + "/goal-outcomes", unknown).status, 422);
  json bad = reached;
  bad["outcome"] = "maybe";
  EXPECT_EQ(s.admin.send_json("PUT", s.path + "/goal-outcomes", bad).status, 422);
  Client member = member_of(t);
  EXPECT_EQ(member.send_json("PUT", s.path + "/goal-outcomes", reached).status, 403);
  // Through the report's form.
  auto posted = s.admin.post_form("/projects/" + s.project_id + "/goal-outcomes",
                                  {{"_csrf", s.admin.csrf()},
                                   {"kind", "success_criterion"},
                                   {"goal", "Borgeren har én plan"},
                                   {"outcome", "not_reached"},
                                   {"note", ""}});
  EXPECT_EQ(posted.status, 303);

  // An as-is map of two steps against the redesign's three.
  std::string as_is =
      created_id(s.admin, s.path + "/maps", {{"kind", "as_is"}, {"title", "I dag"}});
  ASSERT_EQ(save_map(s.admin, as_is, redesign(s.unit_id, {{"A1", "Visitation"}, {"A2", "Plan"}}), 1)
                .status,
            200);
  // A decision whose maker nobody typed: the steering group took it.
  ASSERT_EQ(s.admin.send_json("POST", s.path + "/adoption", decide("T1", "adopted", 1)).status,
            200);

  auto report = s.admin.get(s.path + "/closing-report").json();
  ASSERT_EQ(report["goals"].size(), 3u);
  EXPECT_EQ(report["goals"][0]["outcome"], "not_reached");
  EXPECT_EQ(report["goals"][1]["outcome"], "partly");
  EXPECT_EQ(report["goals"][1]["note"], "12,5 dage i forsøget");
  EXPECT_TRUE(report["goals"][2]["outcome"].is_null());
  ASSERT_FALSE(report["maps"]["rows"].empty());
  EXPECT_EQ(report["maps"]["rows"][0]["metric"], "steps");
  EXPECT_EQ(report["maps"]["rows"][0]["before"], 2);
  EXPECT_EQ(report["maps"]["rows"][0]["after"], 3);
  ASSERT_FALSE(report["decisions"].empty());
  EXPECT_EQ(report["decisions"][0]["decided_by"], "Styregruppen");

  std::string page = "/projects/" + s.project_id + "/closing-report";
  auto html = s.admin.get(page).body;
  EXPECT_NE(html.find("Halvt så mange overdragelser"), std::string::npos);
  EXPECT_NE(html.find("Delvist nået"), std::string::npos);
  EXPECT_NE(html.find("Ikke vurderet endnu"), std::string::npos);
  EXPECT_NE(html.find("data-metric=\"steps\""), std::string::npos);
  EXPECT_NE(html.find("Styregruppen"), std::string::npos);
  s.admin.cookies()["fremdrift_lang"] = "en";
  html = s.admin.get(page).body;
  EXPECT_NE(html.find("The steering group"), std::string::npos);
  EXPECT_NE(html.find("Partly reached"), std::string::npos);
  s.admin.cookies().erase("fremdrift_lang");
}

TEST_F(AdoptionTest, TheKpiFormPicksTheMapAndTheStepInsteadOfTypingIds) {
  auto t = server().create_tenant("kpipicker");
  auto s = setup(t);
  std::string base = "/projects/" + s.project_id + "/kpis";
  auto form = s.admin.get(base + "/new");
  ASSERT_EQ(form.status, 200);
  expect_body_has(form, {"<select id=\"k-map\" name=\"map_id\"",
                         "<option value=\"" + s.map_id + "\">Ny vej</option>",
                         "<optgroup label=\"Ny vej\">", "<option value=\"T2\">Én plan</option>"});
  EXPECT_EQ(form.body.find("Kort (id)"), std::string::npos);
  auto saved = s.admin.post_form(base, {{"_csrf", s.admin.csrf()},
                                        {"name", "Ventedage"},
                                        {"direction", "lower"},
                                        {"frequency", "weekly"},
                                        {"level", "operational"},
                                        {"category", "citizen_quality"},
                                        {"rule_set", "anhoej"},
                                        {"map_id", s.map_id},
                                        {"element_id", "T2"}});
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto kpis = s.admin.get(s.path + "/kpis").json()["items"];
  ASSERT_EQ(kpis.size(), 1u);
  EXPECT_EQ(kpis[0]["map_id"], s.map_id);
  EXPECT_EQ(kpis[0]["element_id"], "T2");
  // Editing shows the choice made.
  auto edit = s.admin.get(base + "/" + kpis[0]["id"].get<std::string>() + "/edit").body;
  EXPECT_NE(edit.find("<option value=\"" + s.map_id + "\" selected>"), std::string::npos);
  EXPECT_NE(edit.find("<option value=\"T2\" selected>"), std::string::npos);
}

TEST_F(AdoptionTest, TheAdoptionPagesShowTheShareAndRecordDecisions) {
  auto t = server().create_tenant("adoptpages");
  auto s = setup(t);
  std::string base = "/projects/" + s.project_id;
  auto project = s.admin.get(base);
  expect_body_has(project, {"0 af 3 trin indført", "<meter"});
  auto form = s.admin.get(base + "/adoption/steps/T2");
  ASSERT_EQ(form.status, 200);
  auto missing = s.admin.post_form(
      base + "/adoption/steps/T2",
      {{"_csrf", s.admin.csrf()}, {"status", "adopted"}, {"decision", ""}, {"version", "1"}});
  EXPECT_EQ(missing.status, 422);
  auto saved = s.admin.post_form(base + "/adoption/steps/T2", {{"_csrf", s.admin.csrf()},
                                                               {"status", "adopted"},
                                                               {"decision", "Sådan gør vi nu"},
                                                               {"version", "1"}});
  EXPECT_EQ(saved.status, 303) << saved.body;
  auto stale = s.admin.post_form(base + "/adoption/steps/T2", {{"_csrf", s.admin.csrf()},
                                                               {"status", "keep_developing"},
                                                               {"decision", "Igen"},
                                                               {"version", "1"}});
  EXPECT_EQ(stale.status, 409);
  project = s.admin.get(base);
  EXPECT_NE(project.body.find("1 af 3 trin indført (33 %)"), std::string::npos);
  // The decision log is on the meetings and decisions tab.
  EXPECT_NE(s.admin.get(base + "/decisions").body.find("Én plan: Sådan gør vi nu"),
            std::string::npos);
  // A member without the decide right sees the page but not the forms.
  Client member = member_of(t);
  auto seen = member.get(base + "/adoption");
  EXPECT_EQ(seen.status, 200);
  EXPECT_EQ(seen.body.find("/adoption/steps/"), std::string::npos);
  EXPECT_EQ(member.get(base + "/adoption/steps/T1").status, 403);
}

}  // namespace
}  // namespace testing_http

// The risk log through the API and the pages, on both engines: every route, the heat map's
// counts before and after, bad scores refused naming the field with nothing stored, a
// mitigation turned into an action-plan row, the score history from the audit log, the
// tenant's bands, exports, rights (a member without the edit role gets 403) and isolation
// (another tenant gets 404 and changes nothing).
#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class RisksTest : public ProjectToolTest {
 protected:
  RisksTest() : ProjectToolTest("risks") {}
  struct Scene : Setup {
    std::string person;  // a possible owner
  };
  Scene scene(const std::string& prefix) {
    Scene s{setup(prefix)};
    s.person = new_person(s.admin, "Rikke Risiko");
    return s;
  }

  static int cell(const json& matrix, int p, int c) {
    for (const auto& x : matrix["cells"])
      if (x["probability"] == p && x["consequence"] == c) return x["count"];
    return -1;
  }
};

TEST_F(RisksTest, RecordChangeAndRemoveARisk) {
  auto s = scene("risklog");
  auto r = created_object(s.admin, s.collection,
                          {{"title", "Leverandøren når det ikke"},
                           {"owner_id", s.person},
                           {"probability", 4},
                           {"consequence", 5},
                           {"probability_after", 2},
                           {"consequence_after", 3},
                           {"mitigations", {"Ugentligt statusmøde", "Plan B med eget team"}},
                           {"next_review", "2020-01-01"}});
  EXPECT_EQ(r["score"], 20);
  EXPECT_EQ(r["band"], "high");
  EXPECT_EQ(r["score_after"], 6);
  EXPECT_EQ(r["band_after"], "medium");
  EXPECT_EQ(r["owner_name"], "Rikke Risiko");
  EXPECT_TRUE(r["review_overdue"].get<bool>());
  EXPECT_EQ(r["status"], "open");
  std::string risk_path = item(r);
  EXPECT_EQ(s.admin.get(risk_path).json()["title"], "Leverandøren når det ikke");
  EXPECT_EQ(s.admin.get(s.collection).json()["items"].size(), 1u);

  auto changed = s.admin.send_json("PATCH", risk_path, {{"version", 1}, {"probability", 1}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["score"], 5);
  EXPECT_EQ(changed.json()["band"], "medium");
  stale_patch(s.admin, risk_path, {{"version", 1}, {"probability", 2}});

  // Occurred asks what happens now.
  auto occurred = s.admin.send_json("PATCH", risk_path, {{"version", 2}, {"status", "occurred"}});
  EXPECT_EQ(occurred.status, 422);
  EXPECT_TRUE(occurred.json()["error"]["fields"].contains("what_now")) << occurred.body;

  EXPECT_EQ(s.admin.send_delete(risk_path).status, 204);
  EXPECT_EQ(s.admin.get(risk_path).status, 404);
}

TEST_F(RisksTest, BadScoresAreRefusedNamingTheFieldAndNothingIsStored) {
  auto s = scene("riskbad");
  for (const auto& [field, value] : std::vector<std::pair<std::string, json>>{
           {"probability", 0}, {"probability", 6}, {"consequence", "3"}, {"consequence", 2.5}}) {
    json body = {{"title", "Forkert"}, {"probability", 3}, {"consequence", 3}};
    body[field] = value;
    auto r = s.admin.send_json("POST", s.collection, body);
    SCOPED_TRACE(field + " = " + value.dump());
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_TRUE(r.json()["error"]["fields"].contains(field)) << r.body;
  }
  for (const auto& body : std::vector<json>{{{"title", "Kun den ene efter"},
                                             {"probability", 3},
                                             {"consequence", 3},
                                             {"probability_after", 2}},
                                            {{"title", "Efter uden for skala"},
                                             {"probability", 3},
                                             {"consequence", 3},
                                             {"probability_after", 7},
                                             {"consequence_after", 1}},
                                            {{"title", "Ukendt status"},
                                             {"probability", 3},
                                             {"consequence", 3},
                                             {"status", "maybe"}}}) {
    EXPECT_EQ(s.admin.send_json("POST", s.collection, body).status, 422) << body.dump();
  }
  // An owner of another tenant is no person here.
  auto other = scene("riskbadother");
  auto r = s.admin.send_json("POST", s.collection,
                             {{"title", "Fremmed ejer"},
                              {"probability", 3},
                              {"consequence", 3},
                              {"owner_id", other.person}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.json()["error"]["fields"].contains("owner_id")) << r.body;
  EXPECT_EQ(s.admin.get(s.collection).json()["items"].size(), 0u);

  // A change with a bad score leaves the stored risk as it was.
  auto ok = created_object(s.admin, s.collection,
                           {{"title", "God"}, {"probability", 2}, {"consequence", 2}});
  std::string risk_path = item(ok);
  auto bad = s.admin.send_json("PATCH", risk_path, {{"version", 1}, {"probability", "3"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("probability"));
  EXPECT_EQ(s.admin.get(risk_path).json()["probability"], 2);
  EXPECT_EQ(s.admin.get(risk_path).json()["version"], 1);
}

TEST_F(RisksTest, TheHeatMapCountsBeforeAndAfter) {
  auto s = scene("riskmap");
  created_object(s.admin, s.collection,
                 {{"title", "A"},
                  {"probability", 5},
                  {"consequence", 5},
                  {"probability_after", 2},
                  {"consequence_after", 2}});
  created_object(s.admin, s.collection, {{"title", "B"}, {"probability", 5}, {"consequence", 5}});
  created_object(s.admin, s.collection, {{"title", "C"}, {"probability", 1}, {"consequence", 3}});
  auto closed = created_object(s.admin, s.collection,
                               {{"title", "D"}, {"probability", 3}, {"consequence", 3}});
  s.admin.send_json("PATCH", item(closed), {{"version", 1}, {"status", "closed"}});
  auto m = s.admin.get("/api/v1/projects/" + s.project + "/risk-matrix");
  ASSERT_EQ(m.status, 200) << m.body;
  auto before = m.json()["before"], after = m.json()["after"];
  EXPECT_EQ(before["cells"].size(), 25u);
  EXPECT_EQ(before["cells"][0]["probability"], 5);
  EXPECT_EQ(before["cells"][0]["consequence"], 1);
  EXPECT_EQ(cell(before, 5, 5), 2);
  EXPECT_EQ(cell(before, 1, 3), 1);
  EXPECT_EQ(cell(before, 3, 3), 0);  // closed
  EXPECT_EQ(before["total"], 3);
  EXPECT_EQ(cell(after, 5, 5), 1);
  EXPECT_EQ(cell(after, 2, 2), 1);
  EXPECT_EQ(after["total"], 3);
  EXPECT_EQ(m.json()["bands"]["low_max"], 4);
  EXPECT_EQ(m.json()["bands"]["high_min"], 15);

  // The portfolio's map counts every project of the tenant.
  std::string second = new_project(s.admin, "Andet projekt");
  created_object(s.admin, "/api/v1/projects/" + second + "/risks",
                 {{"title", "E"}, {"probability", 5}, {"consequence", 5}});
  auto portfolio = s.admin.get("/api/v1/portfolio/risk-matrix");
  ASSERT_EQ(portfolio.status, 200) << portfolio.body;
  EXPECT_EQ(cell(portfolio.json()["before"], 5, 5), 3);
  // Another tenant's portfolio does not see them.
  auto other = scene("riskmapother");
  EXPECT_EQ(other.admin.get("/api/v1/portfolio/risk-matrix").json()["before"]["total"], 0);
}

TEST_F(RisksTest, AMitigationBecomesAnActionOnce) {
  auto s = scene("riskaction");
  auto r = created_object(s.admin, s.collection,
                          {{"title", "Nøglemedarbejder stopper"},
                           {"owner_id", s.person},
                           {"probability", 3},
                           {"consequence", 4},
                           {"mitigations", {"Dokumentér arbejdsgangen", "Oplær en makker"}}});
  std::string risk_path = item(r);
  auto made = s.admin.send_json("POST", risk_path + "/actions", {{"mitigation", 1}});
  ASSERT_EQ(made.status, 201) << made.body;
  std::string action_id = made.json()["action_id"];
  auto action = s.admin.get("/api/v1/actions/" + action_id).json();
  EXPECT_EQ(action["task"], "Oplær en makker");
  EXPECT_EQ(action["responsible_id"], s.person);
  EXPECT_EQ(action["project_id"], s.project);
  auto stored = s.admin.get(risk_path).json();
  ASSERT_EQ(stored["linked_actions"].size(), 1u);
  EXPECT_EQ(stored["linked_actions"][0]["action_id"], action_id);
  EXPECT_EQ(stored["linked_actions"][0]["text"], "Oplær en makker");
  // Twice is a conflict; a number without a mitigation is refused; nothing more is stored.
  EXPECT_EQ(s.admin.send_json("POST", risk_path + "/actions", {{"mitigation", 1}}).status, 409);
  EXPECT_EQ(s.admin.send_json("POST", risk_path + "/actions", {{"mitigation", 5}}).status, 422);
  EXPECT_EQ(s.admin.send_json("POST", risk_path + "/actions", {{"occurred", true}}).status, 422);
  EXPECT_EQ(s.admin.get("/api/v1/projects/" + s.project + "/actions").json()["items"].size(), 1u);

  // Occurred: what happens now becomes a row too.
  auto occurred = s.admin.send_json(
      "PATCH", risk_path,
      {{"version", stored["version"]}, {"status", "occurred"}, {"what_now", "Vikar fra puljen"}});
  ASSERT_EQ(occurred.status, 200) << occurred.body;
  auto now = s.admin.send_json("POST", risk_path + "/actions", {{"occurred", true}});
  ASSERT_EQ(now.status, 201) << now.body;
  EXPECT_EQ(
      s.admin.get("/api/v1/actions/" + now.json()["action_id"].get<std::string>()).json()["task"],
      "Vikar fra puljen");
}

TEST_F(RisksTest, TheTenantsBandsAreItsOwnAndChecked) {
  auto s = scene("riskbands");
  auto tenant = s.admin.get("/api/v1/tenant").json();
  EXPECT_EQ(tenant["risk_low_max"], 4);
  EXPECT_EQ(tenant["risk_high_min"], 15);
  auto bad = s.admin.send_json(
      "PATCH", "/api/v1/tenant",
      {{"version", tenant["version"]}, {"risk_low_max", 12}, {"risk_high_min", 10}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("risk_high_min")) << bad.body;
  auto ok = s.admin.send_json(
      "PATCH", "/api/v1/tenant",
      {{"version", tenant["version"]}, {"risk_low_max", 2}, {"risk_high_min", 6}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto r = created_object(s.admin, s.collection,
                          {{"title", "Lille"}, {"probability", 2}, {"consequence", 3}});
  EXPECT_EQ(r["band"], "high");
  auto m = s.admin.get("/api/v1/projects/" + s.project + "/risk-matrix").json();
  EXPECT_EQ(m["bands"]["high_min"], 6);
  // The settings page refuses bands the wrong way round and shows what was typed.
  auto current = s.admin.get("/api/v1/tenant").json();
  auto form =
      s.admin.post_form("/settings", {{"_csrf", form_csrf(s.admin.get("/settings").body)},
                                      {"name", current["name"]},
                                      {"default_locale", "da"},
                                      {"time_zone", current["time_zone"]},
                                      {"version", std::to_string(current["version"].get<int>())},
                                      {"risk_low_max", "10"},
                                      {"risk_high_min", "9"}});
  expect_refused_input(form, {"id=\"s-risk-high-error\"", "value=\"9\""});
  EXPECT_EQ(s.admin.get("/api/v1/tenant").json()["risk_high_min"], 6);
  // Another tenant keeps the defaults.
  auto other = scene("riskbandsother");
  EXPECT_EQ(created_object(other.admin, other.collection,
                           {{"title", "Lille"}, {"probability", 2}, {"consequence", 3}})["band"],
            "medium");
}

TEST_F(RisksTest, AMemberWithoutTheEditRoleReadsButCannotChange) {
  auto s = scene("riskrights");
  auto r = created_object(s.admin, s.collection,
                          {{"title", "Synlig"},
                           {"probability", 2},
                           {"consequence", 2},
                           {"mitigations", {"Gør noget"}}});
  std::string risk_path = item(r);
  Client member = member_of(s.tenant);
  EXPECT_EQ(member.get(s.collection).status, 200);
  EXPECT_EQ(member.get(risk_path).status, 200);
  EXPECT_EQ(member.get("/api/v1/projects/" + s.project + "/risk-matrix").status, 200);
  EXPECT_EQ(member.get("/api/v1/projects/" + s.project + "/risks.csv").status, 200);
  EXPECT_EQ(member.get(page_of(s)).status, 200);
  EXPECT_EQ(member
                .send_json("POST", s.collection,
                           {{"title", "Nej"}, {"probability", 1}, {"consequence", 1}})
                .status,
            403);
  EXPECT_EQ(member.send_json("PATCH", risk_path, {{"version", 1}, {"title", "Nej"}}).status, 403);
  EXPECT_EQ(member.send_json("POST", risk_path + "/actions", {{"mitigation", 0}}).status, 403);
  EXPECT_EQ(member.send_delete(risk_path).status, 403);
  auto page = member.post_form(
      page_of(s),
      {{"_csrf", member.csrf()}, {"title", "Nej"}, {"probability", "1"}, {"consequence", "1"}});
  EXPECT_EQ(page.status, 403);
  EXPECT_EQ(s.admin.get(s.collection).json()["items"].size(), 1u);
  EXPECT_EQ(s.admin.get(risk_path).json()["version"], 1);
}

TEST_F(RisksTest, AnotherTenantCanNeitherSeeNorChangeTheRisks) {
  auto s = scene("riskiso");
  auto r = created_object(
      s.admin, s.collection,
      {{"title", "Hemmelig"}, {"probability", 2}, {"consequence", 2}, {"mitigations", {"X"}}});
  std::string risk_path = item(r);
  auto other = scene("riskisoother");
  Client& bob = other.admin;
  EXPECT_EQ(bob.get(s.collection).status, 404);
  EXPECT_EQ(bob.get(risk_path).status, 404);
  EXPECT_EQ(bob.get("/api/v1/projects/" + s.project + "/risk-matrix").status, 404);
  EXPECT_EQ(bob.get("/api/v1/projects/" + s.project + "/risks.xlsx").status, 404);
  EXPECT_EQ(
      bob.send_json("POST", s.collection, {{"title", "B"}, {"probability", 1}, {"consequence", 1}})
          .status,
      404);
  EXPECT_EQ(bob.send_json("PATCH", risk_path, {{"version", 1}, {"title", "B"}}).status, 404);
  EXPECT_EQ(bob.send_json("POST", risk_path + "/actions", {{"mitigation", 0}}).status, 404);
  EXPECT_EQ(bob.send_delete(risk_path).status, 404);
  EXPECT_EQ(bob.get("/projects/" + s.project + "/risks/" + r["id"].get<std::string>()).status, 404);
  EXPECT_EQ(s.admin.get(risk_path).json()["title"], "Hemmelig");
  EXPECT_EQ(s.admin.get(risk_path).json()["version"], 1);
}

TEST_F(RisksTest, ThePagesShowTheMapTheFormAndTheHistory) {
  auto s = scene("riskpages");
  std::string page = page_of(s);
  auto log = s.admin.get(page);
  ASSERT_EQ(log.status, 200);
  std::string csrf = form_csrf(log.body);
  // A refused form keeps what was typed.
  auto refused = s.admin.post_form(
      page,
      {{"_csrf", csrf}, {"title", "Skrevet ind"}, {"probability", "9"}, {"consequence", "2"}});
  expect_refused_input(refused, {"Skrevet ind"});
  auto saved = s.admin.post_form(page, {{"_csrf", csrf},
                                        {"title", "Fra formularen"},
                                        {"probability", "4"},
                                        {"consequence", "4"},
                                        {"probability_after", ""},
                                        {"consequence_after", ""},
                                        {"mitigations", "Første tiltag\nAndet tiltag"}});
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto items = s.admin.get(s.collection).json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["mitigations"].size(), 2u);
  std::string risk_page = page + "/" + items[0]["id"].get<std::string>();
  auto edited = s.admin.post_form(risk_page, {{"_csrf", csrf},
                                              {"version", "1"},
                                              {"title", "Fra formularen"},
                                              {"probability", "2"},
                                              {"consequence", "4"},
                                              {"mitigations", "Første tiltag\nAndet tiltag"},
                                              {"status", "open"}});
  ASSERT_EQ(edited.status, 303) << edited.body;
  auto made = s.admin.post_form(risk_page + "/actions", {{"_csrf", csrf}, {"mitigation", "0"}});
  ASSERT_EQ(made.status, 303) << made.body;
  auto shown = s.admin.get(risk_page);
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("4 → 2"), std::string::npos)
      << "the probability's change in the history";
  EXPECT_EQ(s.admin.get("/api/v1/projects/" + s.project + "/actions").json()["items"][0]["task"],
            "Første tiltag");
  // The heat map filters the list to a cell.
  auto filtered = s.admin.get(page + "?p=2&c=4&view=before");
  EXPECT_NE(filtered.body.find("Fra formularen"), std::string::npos);
  EXPECT_EQ(s.admin.get(page + "?p=4&c=4&view=before").body.find(">Fra formularen<"),
            std::string::npos);
  // The overview shows the top risks.
  EXPECT_NE(s.admin.get("/projects/" + s.project).body.find("Fra formularen"), std::string::npos);
}

// The overview's card reads the five open risks of the highest score after mitigation in
// SQL (ties oldest first) and counts the open ones past their review, however many there are.
TEST_F(RisksTest, TheOverviewsCardShowsTheFiveOpenRisksOfTheHighestScore) {
  auto s = scene("riskcard");
  auto add = [&](const std::string& title, int p, int c, std::optional<std::pair<int, int>> after,
                 const std::string& review) {
    json body = {{"title", title}, {"probability", p}, {"consequence", c}, {"next_review", review}};
    if (after) {
      body["probability_after"] = after->first;
      body["consequence_after"] = after->second;
    }
    return created_object(s.admin, s.collection, body);
  };
  add("Alfa", 5, 5, std::pair{1, 1}, "2020-01-01");   // 1 after mitigation; review overdue
  add("Bravo", 4, 4, std::nullopt, "2099-01-01");     // 16
  add("Charlie", 2, 2, std::nullopt, "2020-01-01");   // 4; review overdue
  add("Delta", 5, 5, std::pair{3, 3}, "2099-01-01");  // 9
  add("Echo", 3, 4, std::nullopt, "2099-01-01");      // 12
  add("Foxtrot", 2, 3, std::nullopt, "2099-01-01");   // 6
  add("Golf", 4, 3, std::nullopt, "2099-01-01");      // 12, after Echo: the older first
  auto closed = add("Hotel", 5, 5, std::nullopt, "2020-01-01");  // not open: neither listed
  ASSERT_EQ(s.admin.send_json("PATCH", item(closed), {{"status", "closed"}, {"version", 1}}).status,
            200);
  const std::string body = s.admin.get("/projects/" + s.project).body;
  std::vector<std::size_t> at;
  for (const char* shown : {"Bravo", "Echo", "Golf", "Delta", "Foxtrot"}) {
    at.push_back(body.find(std::string(shown) + "</a>"));
    EXPECT_NE(at.back(), std::string::npos) << shown;
  }
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
  for (const char* hidden : {"Alfa</a>", "Charlie</a>", "Hotel</a>"})
    EXPECT_EQ(body.find(hidden), std::string::npos) << hidden;
  EXPECT_NE(body.find("Risici med overskredet gennemgang: 2<"), std::string::npos) << body;
}

// A programme of an umbrella counts the risks of the member's attached project (counts
// only); a tenant that does not see the programme gets 404.
TEST_F(RisksTest, AProgrammesHeatMapCountsItsAttachedProjects) {
  auto [u, umbrella] = new_tenant_admin("riskumb", "umbrella");
  auto s = scene("riskumbmember");
  auto code = umbrella.send_json("POST", "/api/v1/umbrella/join-code", json::object());
  ASSERT_EQ(code.status, 201) << code.body;
  ASSERT_EQ(s.admin
                .send_json("POST", "/api/v1/umbrella-memberships",
                           {{"join_code", code.json()["join_code"]}})
                .status,
            201);
  std::string programme = created_id(umbrella, "/api/v1/programmes", {{"title", "Risikoprogram"}});
  std::string base = "/api/v1/programmes/" + programme;
  ASSERT_EQ(s.admin.send_json("POST", base + "/projects", {{"project_id", s.project}}).status, 201);
  created_object(s.admin, s.collection,
                 {{"title", "Hemmelig titel"}, {"probability", 4}, {"consequence", 2}});
  new_project(s.admin, "Ikke med i programmet");
  auto m = umbrella.get(base + "/risk-matrix");
  ASSERT_EQ(m.status, 200) << m.body;
  EXPECT_EQ(cell(m.json()["before"], 4, 2), 1);
  EXPECT_EQ(m.json()["before"]["total"], 1);
  EXPECT_EQ(s.admin.get(base + "/risk-matrix").status, 200);
  for (const auto& path : {"/programmes/" + programme + "/risks", "/programmes/" + programme}) {
    auto page = umbrella.get(path);
    ASSERT_EQ(page.status, 200) << path;
    EXPECT_NE(page.body.find("class=\"risk-map\""), std::string::npos) << path;
    EXPECT_EQ(page.body.find("Hemmelig titel"), std::string::npos) << path;
  }
  EXPECT_EQ(s.admin.get("/portfolio/risks").status, 200);
  EXPECT_NE(s.admin.get("/portfolio").body.find("class=\"risk-map\""), std::string::npos);
  auto outsider = scene("riskumboutsider");
  EXPECT_EQ(outsider.admin.get(base + "/risk-matrix").status, 404);
  EXPECT_EQ(outsider.admin.get("/programmes/" + programme + "/risks").status, 404);
}

}  // namespace
}  // namespace testing_http

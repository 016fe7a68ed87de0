// Surveys over HTTP, on both databases: a survey from a built-in questionnaire, a round
// sent to two units with a personal link per person, answered once per link while open,
// results only once closed and hidden where too few answered (and complementarily); bad
// input naming the field, 409 on a stale version, a used link and a questionnaire changed
// after a round; another tenant's 404s and who may change a survey.
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

constexpr const char* kSurveys = "/api/v1/surveys";

class SurveysTest : public HttpTest {
 protected:
  // A tenant with two units (six people and three) and a survey from the short
  // social-capital questionnaire, sent to both units.
  struct Setup {
    TestServer::Tenant tenant;
    Client admin;
    std::string big, small;  // unit ids
    json survey;
    json round;
    std::vector<std::string> links;  // /s/{secret}
  };
  Setup setup(const std::string& prefix) {
    auto [t, admin] = new_tenant_admin(prefix);
    Setup s{t, admin};
    s.big = new_unit(admin, "Borgerservice");
    s.small = new_unit(admin, "Ydelser");
    for (int i = 0; i < 6; ++i)
      new_person(admin, "Medarbejder " + std::to_string(i), {{"unit_id", s.big}});
    for (int i = 0; i < 3; ++i)
      new_person(admin, "Ydelse " + std::to_string(i), {{"unit_id", s.small}});
    s.survey = created_object(
        admin, kSurveys,
        {{"title", "Social kapital 2026"}, {"template_key", "social-capital-short"}});
    auto r = admin.send_json("POST", path(s) + "/rounds",
                             {{"label", "Baseline"},
                              {"opens_on", "2026-01-01"},
                              {"closes_on", "2099-12-31"},
                              {"unit_ids", {s.big, s.small}}});
    EXPECT_EQ(r.status, 201) << r.body;
    s.round = r.json();
    for (const auto& l : s.round.value("links", json::array())) {
      const std::string url = l["url"];
      s.links.push_back(url.substr(url.find("/s/")));
    }
    return s;
  }
  static std::string path(const Setup& s) {
    return std::string(kSurveys) + "/" + s.survey["id"].get<std::string>();
  }
  static std::string round_path(const Setup& s) {
    return "/api/v1/rounds/" + s.round["id"].get<std::string>();
  }
  // Every Likert item of the survey answered with `point`.
  static json answers(const Setup& s, int point) {
    json out = json::object();
    for (const auto& item : s.survey["questionnaire"]["items"])
      if (item["kind"] == "likert") out[item["key"].get<std::string>()] = point;
    return out;
  }
  static HttpResponse set_status(Client& c, const Setup& s, const std::string& status) {
    long long version = c.get(round_path(s)).json()["version"];
    return c.send_json("PATCH", round_path(s), {{"status", status}, {"version", version}});
  }
};

TEST_F(SurveysTest, ARoundFromTemplateToResultsWithSmallGroupsHidden) {
  auto s = setup("sv-flow");
  EXPECT_EQ(s.survey["audience"], "staff");
  EXPECT_EQ(s.survey["min_group"], 5);
  EXPECT_EQ(s.survey["questionnaire"]["items"].size(), 4u);
  EXPECT_EQ(s.round["number"], 0);
  EXPECT_EQ(s.round["status"], "planned");
  ASSERT_EQ(s.links.size(), 9u);  // one per person of the two units
  // Not open yet: refused, and the link still works afterwards.
  auto early = client().send_json("POST", s.links[0], {{"answers", answers(s, 2)}});
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_NE(early.body.find("round"), std::string::npos) << early.body;
  ASSERT_EQ(set_status(s.admin, s, "open").status, 200);
  // Six answer 4 (100) and three answer 2 (50): the whole round's index is 83.33.
  for (std::size_t i = 0; i < s.links.size(); ++i) {
    auto r = client().send_json("POST", s.links[i], {{"answers", answers(s, i < 6 ? 4 : 2)}});
    EXPECT_EQ(r.status, 201) << r.body;
  }
  auto again = client().send_json("POST", s.links[0], {{"answers", answers(s, 0)}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(client().send_json("POST", "/s/not-a-link", {{"answers", answers(s, 1)}}).status, 404);
  // While open: how many answered, no indices.
  auto running = s.admin.get(round_path(s) + "/results").json();
  EXPECT_FALSE(running["closed"].get<bool>());
  EXPECT_TRUE(running["scales"].empty());
  long long answered = 0;
  for (const auto& p : running["participation"]) answered += p["answered"].get<long long>();
  EXPECT_EQ(answered, 9);
  ASSERT_EQ(set_status(s.admin, s, "closed").status, 200);
  auto closed = s.admin.get(round_path(s) + "/results");
  ASSERT_EQ(closed.status, 200) << closed.body;
  auto results = closed.json();
  ASSERT_EQ(results["scales"].size(), 1u);
  const auto& scale = results["scales"][0];
  EXPECT_FALSE(scale["total"]["hidden"].get<bool>());
  EXPECT_EQ(scale["total"]["n"], 9);
  EXPECT_NEAR(scale["total"]["mean"].get<double>(), 750.0 / 9, 1e-9);
  // Three is too few; the six go with them, or the total would give the three's index.
  ASSERT_EQ(scale["units"].size(), 2u);
  for (const auto& u : scale["units"]) {
    EXPECT_TRUE(u["hidden"].get<bool>()) << u.dump();
    EXPECT_FALSE(u.contains("n")) << u.dump();
    EXPECT_FALSE(u.contains("mean")) << u.dump();
  }
  // Closed: no more answers.
  EXPECT_EQ(client().send_json("POST", s.links[0], {{"answers", answers(s, 1)}}).status, 409);
  // The access log keeps no link, or it would tie each link to when it was used.
  const auto log = server().log_text();
  EXPECT_NE(log.find("\"route\":\"/s/{link}\""), std::string::npos);
  for (const auto& link : s.links) EXPECT_EQ(log.find(link.substr(3)), std::string::npos) << link;
}

TEST_F(SurveysTest, BadInputNamesTheFieldAndStoresNothing) {
  auto s = setup("sv-bad");
  expect_refused_input(
      s.admin.send_json("POST", kSurveys, {{"title", "X"}, {"template_key", "no-such-template"}}),
      {"template_key"});
  expect_refused_input(s.admin.send_json("POST", kSurveys, {{"title", "X"}, {"min_group", 2}}),
                       {"min_group"});
  json loose = {{"scales", json::array()},
                {"items", {{{"key", "q"}, {"kind", "likert"}, {"scale", "none"}}}}};
  expect_refused_input(
      s.admin.send_json("POST", kSurveys, {{"title", "X"}, {"questionnaire", loose}}),
      {"questionnaire"});
  EXPECT_EQ(s.admin.get(kSurveys).json()["items"].size(), 1u);  // only the setup's
  expect_refused_input(
      s.admin.send_json(
          "POST", path(s) + "/rounds",
          {{"label", "Bagvendt"}, {"opens_on", "2026-05-01"}, {"closes_on", "2026-04-01"}}),
      {"closes_on"});
  ASSERT_EQ(set_status(s.admin, s, "open").status, 200);
  // A Likert point outside the scale names the item; the link is not used up by it.
  auto item = s.survey["questionnaire"]["items"][0]["key"].get<std::string>();
  auto bad = client().send_json("POST", s.links[0], {{"answers", {{item, 9}}}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find(item), std::string::npos) << bad.body;
  auto long_text =
      client().send_json("POST", s.links[0], {{"answers", {{"why", std::string(4001, 'x')}}}});
  EXPECT_EQ(long_text.status, 422) << long_text.body;
  EXPECT_NE(long_text.body.find("why"), std::string::npos) << long_text.body;
  EXPECT_NE(long_text.body.find("4000"), std::string::npos) << long_text.body;  // refused, not cut
  EXPECT_EQ(client().send_json("POST", s.links[0], {{"answers", answers(s, 3)}}).status, 201);
  // A stale version, and a new questionnaire once a round was sent.
  EXPECT_EQ(
      s.admin.send_json("PATCH", round_path(s), {{"status", "closed"}, {"version", 1}}).status,
      409);
  auto changed = s.admin.send_json("PATCH", path(s),
                                   {{"questionnaire", loose}, {"version", s.survey["version"]}});
  EXPECT_EQ(changed.status, 422);  // refused as a questionnaire first
  json other = s.survey["questionnaire"];
  other["items"].erase(0);
  auto late = s.admin.send_json("PATCH", path(s),
                                {{"questionnaire", other}, {"version", s.survey["version"]}});
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(s.admin.send_delete(path(s)).status, 409);  // sent: kept with its answers
}

TEST_F(SurveysTest, AnotherTenantSeesNothingAndOnlyTheOwnerChangesASurvey) {
  auto s = setup("sv-iso");
  auto [other_tenant, stranger] = new_tenant_admin("sv-iso-b");
  expect_gets(stranger,
              {path(s), round_path(s), round_path(s) + "/results", round_path(s) + "/results.csv",
               round_path(s) + "/results.xlsx"},
              404);
  EXPECT_TRUE(stranger.get(kSurveys).json()["items"].empty());
  EXPECT_EQ(stranger.send_json("PATCH", path(s), {{"title", "Fremmed"}, {"version", 1}}).status,
            404);
  EXPECT_EQ(stranger.send_json("PATCH", round_path(s), {{"status", "open"}, {"version", 1}}).status,
            404);
  auto member = member_of(s.tenant);
  EXPECT_EQ(member.get(path(s)).status, 200);  // members read surveys
  EXPECT_EQ(member.send_json("PATCH", path(s), {{"title", "Mit"}, {"version", 1}}).status, 403);
  EXPECT_EQ(
      member
          .send_json("POST", path(s) + "/rounds",
                     {{"label", "Min"}, {"opens_on", "2026-01-01"}, {"closes_on", "2026-02-01"}})
          .status,
      403);
  EXPECT_EQ(member.send_json("PATCH", round_path(s), {{"status", "open"}, {"version", 1}}).status,
            403);
  // A member's own survey is theirs to change.
  auto own =
      created_object(member, kSurveys, {{"title", "Vores team"}, {"template_key", "core-task"}});
  EXPECT_EQ(member
                .send_json("PATCH", std::string(kSurveys) + "/" + own["id"].get<std::string>(),
                           {{"title", "Vores team 2026"}, {"version", own["version"]}})
                .status,
            200);
  EXPECT_EQ(s.admin.get(path(s)).json()["title"], "Social kapital 2026");
}

TEST_F(SurveysTest, AFollowUpsReportHasTheChangeSinceBaselineItemsTrendAndExports) {
  auto s = setup("sv-report");
  // Three may be shown (in the municipality and in the survey): both units are, so the change
  // per unit can be seen.
  ASSERT_EQ(s.admin
                .send_json("PATCH", "/api/v1/tenant",
                           {{"survey_min_group", 3},
                            {"version", s.admin.get("/api/v1/tenant").json()["version"]}})
                .status,
            200);
  ASSERT_EQ(
      s.admin.send_json("PATCH", path(s), {{"min_group", 3}, {"version", s.survey["version"]}})
          .status,
      200);
  // Before the round is closed there is nothing to export.
  EXPECT_EQ(s.admin.get(round_path(s) + "/results.csv").status, 409);
  EXPECT_EQ(s.admin.get(round_path(s) + "/results.xlsx").status, 409);
  // The baseline: points 1 and 2 (25 and 50) in turn.
  ASSERT_EQ(set_status(s.admin, s, "open").status, 200);
  for (std::size_t i = 0; i < s.links.size(); ++i)
    EXPECT_EQ(client().send_json("POST", s.links[i], {{"answers", answers(s, 1 + i % 2)}}).status,
              201);
  ASSERT_EQ(set_status(s.admin, s, "closed").status, 200);
  // The follow-up: points 3 and 4 (75 and 100).
  auto sent = s.admin.send_json("POST", path(s) + "/rounds",
                                {{"label", "Opfølgning 1"},
                                 {"opens_on", "2026-01-01"},
                                 {"closes_on", "2099-12-31"},
                                 {"unit_ids", {s.big, s.small}}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  const json sent_round = sent.json();
  const std::string follow_up = "/api/v1/rounds/" + sent_round["id"].get<std::string>();
  auto set = [&](const std::string& status) {
    long long version = s.admin.get(follow_up).json()["version"];
    return s.admin.send_json("PATCH", follow_up, {{"status", status}, {"version", version}}).status;
  };
  ASSERT_EQ(set("open"), 200);
  for (const auto& l : sent_round["links"]) {
    const std::string url = l["url"];
    EXPECT_EQ(client()
                  .send_json("POST", url.substr(url.find("/s/")), {{"answers", answers(s, 3)}})
                  .status,
              201);
  }
  // While it runs: the baseline is named, no figures yet.
  auto running = s.admin.get(follow_up + "/results").json();
  EXPECT_EQ(running["baseline_round_id"], s.round["id"]);
  EXPECT_TRUE(running["items"].empty());
  ASSERT_EQ(set("closed"), 200);

  auto r = s.admin.get(follow_up + "/results");
  ASSERT_EQ(r.status, 200) << r.body;
  auto report = r.json();
  EXPECT_EQ(report["baseline_round_id"], s.round["id"]);
  EXPECT_EQ(report["test"], "Welch's t-test, two-sided, 5 %");
  ASSERT_EQ(report["scales"].size(), 1u);
  const auto& scale = report["scales"][0];
  EXPECT_EQ(scale["key"], "social-capital");
  EXPECT_TRUE(scale["name"].contains("da"));
  EXPECT_NEAR(scale["total"]["mean"].get<double>(), 75, 1e-9);
  const auto& change = scale["total"]["change"];
  ASSERT_TRUE(change.is_object()) << scale.dump();
  // Nine at 25 or 50 (mean 36.1), then nine at 75: beyond chance.
  EXPECT_NEAR(change["difference"].get<double>(), 75 - 325.0 / 9, 1e-9);
  EXPECT_TRUE(change["beyond_chance"].get<bool>());
  EXPECT_GT(change["df"].get<double>(), 0);
  for (const auto& u : scale["units"]) {
    if (u["unit_id"] != s.big && u["unit_id"] != s.small) continue;
    EXPECT_FALSE(u["hidden"].get<bool>()) << u.dump();
    EXPECT_TRUE(u["change"].is_object()) << u.dump();
  }
  ASSERT_EQ(scale["trend"].size(), 2u);
  EXPECT_EQ(scale["trend"][0]["number"], 0);
  EXPECT_EQ(scale["trend"][1]["number"], 1);
  EXPECT_NEAR(scale["trend"][0]["mean"].get<double>(), 325.0 / 9, 1e-9);
  // The four items, each 75 now.
  ASSERT_EQ(report["items"].size(), 4u);
  EXPECT_EQ(report["items"][0]["key"], "trust-in-management");
  EXPECT_EQ(report["items"][0]["scale"], "social-capital");
  EXPECT_EQ(report["items"][0]["total"]["n"], 9);
  EXPECT_NEAR(report["items"][0]["total"]["mean"].get<double>(), 75, 1e-9);
  EXPECT_TRUE(report["items"][0]["total"]["change"].is_object());
  // The baseline's own report has nothing to compare with.
  auto baseline = s.admin.get(round_path(s) + "/results").json();
  EXPECT_TRUE(baseline["baseline_round_id"].is_null());
  EXPECT_TRUE(baseline["scales"][0]["total"]["change"].is_null());

  // The export: aggregates only, any member of the tenant.
  auto member = member_of(s.tenant);
  auto csv = member.get(follow_up + "/results.csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("content-type").rfind("text/csv", 0), 0u) << csv.header("content-type");
  EXPECT_NE(csv.header("content-disposition").find(".csv"), std::string::npos);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFkind;key;name;unit_id;unit;hidden;n;mean;sd;change;"
                           "beyond_chance\r\n",
                           0),
            0u)
      << csv.body.substr(0, 200);
  // The whole round's row: nine answered, mean 75, the change beyond chance.
  EXPECT_NE(csv.body.find(";;;false;9;75;0;"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("\r\nitem;trust-in-management;"), std::string::npos) << csv.body;
  auto xlsx = member.get(follow_up + "/results.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);
}

}  // namespace
}  // namespace testing_http

// The survey pages and the answer form over HTTP, on both databases: the form behind a
// personal link (questions shown, a refused answer naming the item, thanks, a used link), a
// citizens' survey with one public link that is rate limited, the list, survey and results
// pages with their forms, and another tenant's 404s.
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

constexpr const char* kSurveys = "/api/v1/surveys";

class SurveyPagesTest : public HttpTest {
 protected:
  // A survey from `template_key` sent to `units` (none: only a public link, for citizens).
  struct Sent {
    json survey;
    json round;
    std::vector<std::string> links;  // /s/{secret}
  };
  static std::string local(const std::string& url) { return url.substr(url.find("/s/")); }
  Sent send(Client& admin, const std::string& template_key, const std::vector<std::string>& units) {
    Sent s;
    s.survey = created_object(admin, kSurveys,
                              {{"title", "Undersøgelse " + template_key},
                               {"template_key", template_key},
                               {"min_group", 3}});
    json body = {{"label", "Før"}, {"opens_on", "2026-01-01"}, {"closes_on", "2099-12-31"}};
    if (!units.empty()) body["unit_ids"] = units;
    auto r = admin.send_json("POST", survey_path(s) + "/rounds", body);
    EXPECT_EQ(r.status, 201) << r.body;
    s.round = r.json();
    for (const auto& l : s.round.value("links", json::array())) s.links.push_back(local(l["url"]));
    return s;
  }
  static std::string survey_path(const Sent& s) {
    return std::string(kSurveys) + "/" + s.survey["id"].get<std::string>();
  }
  static std::string round_id(const Sent& s) { return s.round["id"]; }
  static HttpResponse set_status(Client& c, const Sent& s, const std::string& status) {
    const std::string path = "/api/v1/rounds/" + round_id(s);
    long long version = c.get(path).json()["version"];
    return c.send_json("PATCH", path, {{"status", status}, {"version", version}});
  }
};

TEST_F(SurveyPagesTest, TheAnswerFormTakesAnAnswerOnceAndKeepsNothingOfWhoSentIt) {
  auto [t, admin] = new_tenant_admin("svp-form");
  auto unit = new_unit(admin, "Hjemmeplejen");
  for (int i = 0; i < 3; ++i) new_person(admin, "Ansat " + std::to_string(i), {{"unit_id", unit}});
  auto s = send(admin, "social-capital-short", {unit});
  ASSERT_EQ(s.links.size(), 3u);
  auto web = client();
  // Not open yet: said so, no form.
  auto early = web.get(s.links[0]);
  EXPECT_EQ(early.status, 200);
  expect_body_has(early, {"ikke åben for svar"});
  EXPECT_EQ(early.body.find("survey-item"), std::string::npos);
  ASSERT_EQ(set_status(admin, s, "open").status, 200);
  auto form = web.get(s.links[0]);
  ASSERT_EQ(form.status, 200) << form.body;
  expect_body_has(form, {"Undersøgelse social-capital-short",
                         "Kan du regne med, at det, ledelsen fortæller jer, holder stik?",
                         "name=\"a.trust-in-management\"", "I meget høj grad"});
  EXPECT_EQ(form.header("cache-control"), "no-store");
  // A point outside the scale: the item named in the summary, nothing stored.
  auto bad = web.post_form(s.links[0],
                           {{"a.trust-in-management", "7"}, {"a.management-trusts-staff", "3"}});
  expect_refused_input(bad, {"error-summary", "skal være et af skalaens fem punkter"});
  EXPECT_NE(bad.body.find("value=\"3\" checked"), std::string::npos);  // the rest kept
  auto ok = web.post_form(s.links[0], {{"a.trust-in-management", "4"},
                                       {"a.management-trusts-staff", "3"},
                                       {"a.fair-distribution-of-tasks", "2"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.header("location"), s.links[0] + "/thanks");
  expect_body_has(web.get(s.links[0] + "/thanks"), {"Tak! Dine svar er modtaget."});
  auto used = web.get(s.links[0]);
  EXPECT_EQ(used.status, 410);
  expect_body_has(used, {"Der er allerede modtaget et svar gennem dette link."});
  EXPECT_EQ(web.post_form(s.links[0], {{"a.trust-in-management", "1"}}).status, 410);
  EXPECT_EQ(web.get("/s/no-such-link").status, 404);
  // The access log keeps neither the link nor the address an answer came from.
  std::istringstream log(server().log_text());
  int answer_lines = 0;
  for (std::string line; std::getline(log, line);) {
    if (line.find("\"route\":\"/s/{link}\"") == std::string::npos) continue;
    ++answer_lines;
    EXPECT_EQ(line.find("\"remote\""), std::string::npos) << line;
    EXPECT_EQ(line.find(s.links[0].substr(3)), std::string::npos) << line;
  }
  EXPECT_GE(answer_lines, 3);
  // In English when the reader asks for it.
  auto english = web.request("GET", s.links[1], "", {{"Accept-Language", "en"}});
  expect_body_has(english, {"Can you rely on what management tells you and your colleagues?"});
  // The answer reached the round's count, and three answers counted as one response.
  auto counts = admin.get("/api/v1/rounds/" + round_id(s)).json()["participation"];
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0]["answered"], 1);
}

TEST_F(SurveyPagesTest, ACitizensSurveyIsAnsweredThroughOnePublicLinkThatAFloodCannotFill) {
  auto [t, admin] = new_tenant_admin("svp-public");
  auto s = send(admin, "citizen-satisfaction", {});
  EXPECT_EQ(s.survey["audience"], "citizens");
  EXPECT_TRUE(s.links.empty());
  ASSERT_TRUE(s.round["public_link"].is_string()) << s.round.dump();
  const std::string link = local(s.round["public_link"]);
  ASSERT_EQ(set_status(admin, s, "open").status, 200);
  auto citizen = client();
  // A choice that is not one of the item's options is refused naming the item.
  auto bad = citizen.send_json("POST", link, {{"answers", {{"contact-channel", "pigeon"}}}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("contact-channel"), std::string::npos) << bad.body;
  // One address: five answers, then 429 with when to try again.
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(citizen.send_json("POST", link, {{"answers", {{"contact-channel", "phone"}}}}).status,
              201);
  auto flood = citizen.send_json("POST", link, {{"answers", {{"contact-channel", "phone"}}}});
  EXPECT_EQ(flood.status, 429) << flood.body;
  EXPECT_FALSE(flood.header("retry-after").empty());
  // Another citizen is not held up by the first one's flood, and the form works for them.
  auto other = client();
  EXPECT_EQ(other.get(link).status, 200);
  auto posted = other.post_form(link, {{"a.contact-channel", "self-service"}});
  EXPECT_EQ(posted.status, 303) << posted.body;
  EXPECT_EQ(other.get(link).status, 200);  // a public link stays open for the next citizen
  const std::string words = "Længere åbningstid om torsdagen, tak";
  ASSERT_EQ(client()
                .send_json("POST", link,
                           {{"answers", {{"contact-channel", "phone"}, {"do-better", words}}}})
                .status,
            201);
  ASSERT_EQ(set_status(admin, s, "closed").status, 200);
  // Six answered, above the municipality's five: the owner reads the free text, nobody else.
  const std::string results = "/rounds/" + round_id(s) + "/results";
  expect_body_has(admin.get(results), {"Fritekst", words});
  auto member = member_of(t);
  auto seen = member.get(results);
  EXPECT_EQ(seen.status, 200);
  EXPECT_EQ(seen.body.find(words), std::string::npos);
  EXPECT_EQ(client().send_json("POST", link, {{"answers", json::object()}}).status, 422);
}

TEST_F(SurveyPagesTest, ASurveyIsMadeSentOpenedAndReadOnItsPages) {
  auto [t, admin] = new_tenant_admin("svp-pages");
  auto unit = new_unit(admin, "Visitationen");
  new_person(admin, "Visitator", {{"unit_id", unit}});
  auto list = admin.get("/surveys");
  ASSERT_EQ(list.status, 200);
  expect_body_has(list, {"Nyt spørgeskema", "Social kapital – fire hurtige spørgsmål"});
  // No title: refused, with what was typed kept.
  auto refused = admin.post_form(
      "/surveys",
      {{"_csrf", admin.csrf()}, {"title", ""}, {"template_key", "core-task"}, {"min_group", "4"}});
  expect_refused_input(refused, {"survey-title-error", "value=\"4\""});
  EXPECT_TRUE(admin.get(kSurveys).json()["items"].empty());
  auto made = admin.post_form("/surveys", {{"_csrf", admin.csrf()},
                                           {"title", "Kerneopgaven i visitationen"},
                                           {"template_key", "core-task"},
                                           {"min_group", "4"}});
  ASSERT_EQ(made.status, 303) << made.body;
  const std::string page = made.header("location");
  auto stored = admin.get(kSurveys).json()["items"];
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0]["min_group"], 4);
  EXPECT_EQ(page, "/surveys/" + stored[0]["id"].get<std::string>());
  expect_body_has(admin.get(page), {"Kerneopgaven i visitationen", "Send næste runde"});
  // A round with a date that is none: refused naming it.
  expect_refused_input(admin.post_form(page + "/rounds", {{"_csrf", admin.csrf()},
                                                          {"label", "Før"},
                                                          {"opens_on", "2026-13-01"},
                                                          {"closes_on", "2026-12-31"},
                                                          {"unit_ids", unit}}),
                       {"round-opens-error", "value=\"Før\""});
  auto sent = admin.post_form(page + "/rounds", {{"_csrf", admin.csrf()},
                                                 {"label", "Før"},
                                                 {"opens_on", "2026-01-01"},
                                                 {"closes_on", "2099-12-31"},
                                                 {"unit_ids", unit}});
  ASSERT_EQ(sent.status, 201) << sent.body;
  expect_body_has(sent, {"Runden er oprettet", "Visitator", "/s/"});
  EXPECT_EQ(sent.header("cache-control"), "no-store");
  // The round's id and version, from the page's open button.
  const std::string body = admin.get(page).body;
  auto at = body.find("action=\"/rounds/");
  ASSERT_NE(at, std::string::npos);
  const std::string round = body.substr(at + 16, body.find('/', at + 16) - at - 16);
  EXPECT_EQ(admin
                .post_form("/rounds/" + round + "/status",
                           {{"_csrf", admin.csrf()}, {"status", "open"}, {"version", "9"}})
                .status,
            409);
  auto opened = admin.post_form("/rounds/" + round + "/status",
                                {{"_csrf", admin.csrf()}, {"status", "open"}, {"version", "1"}});
  ASSERT_EQ(opened.status, 303);
  expect_body_has(admin.get(opened.header("location")), {"Runden er åben for svar."});
  auto results = admin.get("/rounds/" + round + "/results");
  ASSERT_EQ(results.status, 200);
  expect_body_has(results, {"Resultaterne vises, når runden er lukket"});
  // A member reads the survey but does not send its rounds.
  auto member = member_of(t);
  EXPECT_EQ(member.get(page).status, 200);
  expect_forbidden_form(member, page + "/rounds",
                        {{"_csrf", member.csrf()},
                         {"label", "Min"},
                         {"opens_on", "2026-01-01"},
                         {"closes_on", "2026-02-01"}});
  EXPECT_EQ(member
                .post_form("/rounds/" + round + "/status",
                           {{"_csrf", member.csrf()}, {"status", "closed"}, {"version", "2"}})
                .status,
            403);
  // Another tenant finds none of it.
  auto [other, stranger] = new_tenant_admin("svp-pages-b");
  expect_gets(stranger, {page, "/rounds/" + round + "/results"}, 404);
  EXPECT_EQ(stranger
                .post_form("/rounds/" + round + "/status",
                           {{"_csrf", stranger.csrf()}, {"status", "closed"}, {"version", "2"}})
                .status,
            404);
  EXPECT_EQ(stranger
                .post_form(page + "/rounds", {{"_csrf", stranger.csrf()},
                                              {"label", "X"},
                                              {"opens_on", "2026-01-01"},
                                              {"closes_on", "2026-02-01"}})
                .status,
            404);
}

TEST_F(SurveyPagesTest, AScalesIndexFeedsAKpiOfTheProjectWhenARoundCloses) {
  auto [t, admin] = new_tenant_admin("svp-kpi");
  // Three may be shown in this municipality (the default is five).
  ASSERT_EQ(admin
                .send_json("PATCH", "/api/v1/tenant",
                           {{"survey_min_group", 3},
                            {"version", admin.get("/api/v1/tenant").json()["version"]}})
                .status,
            200);
  auto project = new_project(admin, "Tværgående samarbejde");
  auto kpi = created_id(admin, "/api/v1/projects/" + project + "/kpis",
                        {{"name", "Social kapital i hjemmeplejen"}, {"unit", "indeks"}});
  auto unit = new_unit(admin, "Hjemmeplejen");
  for (int i = 0; i < 3; ++i) new_person(admin, "Ansat " + std::to_string(i), {{"unit_id", unit}});
  auto survey = created_object(admin, kSurveys,
                               {{"title", "Social kapital"},
                                {"template_key", "social-capital-short"},
                                {"min_group", 3},
                                {"project_id", project}});
  const std::string feed = std::string(kSurveys) + "/" + survey["id"].get<std::string>() + "/kpi";
  // A scale the questionnaire lacks, a KPI of another tenant: refused naming the field.
  expect_refused_input(admin.send_json("POST", feed, {{"scale_key", "nope"}, {"kpi_id", kpi}}),
                       {"scale_key"});
  auto [other, stranger] = new_tenant_admin("svp-kpi-b");
  auto foreign =
      created_id(stranger, "/api/v1/projects/" + new_project(stranger, "Andet") + "/kpis",
                 {{"name", "Fremmed"}});
  expect_refused_input(
      admin.send_json("POST", feed, {{"scale_key", "social-capital"}, {"kpi_id", foreign}}),
      {"kpi_id"});
  EXPECT_EQ(stranger.send_json("POST", feed, {{"scale_key", "social-capital"}, {"kpi_id", foreign}})
                .status,
            404);
  auto member = member_of(t);
  EXPECT_EQ(
      member.send_json("POST", feed, {{"scale_key", "social-capital"}, {"kpi_id", kpi}}).status,
      403);
  auto linked = admin.send_json("POST", feed, {{"scale_key", "social-capital"}, {"kpi_id", kpi}});
  ASSERT_EQ(linked.status, 200) << linked.body;
  ASSERT_EQ(linked.json()["kpi_feeds"].size(), 1u);
  EXPECT_EQ(linked.json()["kpi_feeds"][0]["kpi_name"], "Social kapital i hjemmeplejen");
  const std::string measurements = "/api/v1/kpis/" + kpi + "/measurements";
  EXPECT_TRUE(admin.get(measurements).json()["items"].empty());  // no round closed yet
  // A round of three, all answering the middle point: the index is 50. The project group's
  // member is asked too (once, though in the unit as well); a survey without a project has
  // no participants to ask.
  Sent s{survey, nullptr, {}};
  auto outsider = new_person(admin, "Projektmedarbejder");
  auto insider = new_person(admin, "Ansat i gruppen", {{"unit_id", unit}});
  for (const auto& p : {outsider, insider})
    ASSERT_EQ(admin
                  .send_json("POST", "/api/v1/projects/" + project + "/roles",
                             {{"person_id", p}, {"role", "project_group"}})
                  .status,
              201);
  auto lone = created_object(admin, kSurveys, {{"title", "Uden projekt"}});
  expect_refused_input(
      admin.send_json("POST",
                      std::string(kSurveys) + "/" + lone["id"].get<std::string>() + "/rounds",
                      {{"label", "Før"},
                       {"opens_on", "2026-01-01"},
                       {"closes_on", "2026-12-31"},
                       {"project_participants", true}}),
      {"project_participants"});
  auto r = admin.send_json("POST", survey_path(s) + "/rounds",
                           {{"label", "Før"},
                            {"opens_on", "2026-01-01"},
                            {"closes_on", "2026-12-31"},
                            {"unit_ids", {unit}},
                            {"project_participants", true}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto sent = r.json();
  std::set<std::string> asked;
  for (const auto& l : sent["links"]) asked.insert(l["person_id"].get<std::string>());
  // The unit's three and the insider, the outsider, and the administrator who owns the project.
  EXPECT_EQ(sent["links"].size(), 6u);
  EXPECT_TRUE(asked.count(outsider));
  EXPECT_TRUE(asked.count(insider));
  s.round = r.json();
  ASSERT_EQ(set_status(admin, s, "open").status, 200);
  json middle = json::object();
  for (const auto& item : survey["questionnaire"]["items"])
    middle[item["key"].get<std::string>()] = 2;
  for (const auto& l : s.round["links"])
    if (l["person_id"] != outsider && l["person_id"] != insider)
      EXPECT_EQ(client().send_json("POST", local(l["url"]), {{"answers", middle}}).status, 201);
  ASSERT_EQ(set_status(admin, s, "closed").status, 200);
  auto values = admin.get(measurements).json()["items"];
  ASSERT_EQ(values.size(), 1u) << values.dump();
  EXPECT_DOUBLE_EQ(values[0]["value"].get<double>(), 50.0);
  EXPECT_EQ(values[0]["period"], "2026-W53");  // the week the round closed in
  // Feeding again writes the same period over, not a second value.
  ASSERT_EQ(
      admin.send_json("POST", feed, {{"scale_key", "social-capital"}, {"kpi_id", kpi}}).status,
      200);
  EXPECT_EQ(admin.get(measurements).json()["items"].size(), 1u);
  // The survey page lists the feed and links to the KPI.
  expect_body_has(admin.get("/surveys/" + survey["id"].get<std::string>()),
                  {"Social kapital i hjemmeplejen", "/projects/" + project + "/kpis/" + kpi});
}

TEST_F(SurveyPagesTest, LinksGoOutByMailAndAReminderGivesThoseWhoHaveNotAnsweredAFreshOne) {
  auto [t, admin] = new_tenant_admin("svp-mail");
  auto unit = new_unit(admin, "Tandplejen");
  auto anna = new_person(admin, "Anna", {{"unit_id", unit}, {"email", "anna@tand.example"}});
  auto bo = new_person(admin, "Bo", {{"unit_id", unit}, {"email", "bo@tand.example"}});
  auto carl = new_person(admin, "Carl", {{"unit_id", unit}});  // no address: handed out
  auto survey = created_object(admin, kSurveys,
                               {{"title", "Puls"}, {"template_key", "social-capital-short"}});
  const std::string rounds =
      std::string(kSurveys) + "/" + survey["id"].get<std::string>() + "/rounds";
  expect_refused_input(admin.send_json("POST", rounds,
                                       {{"label", "Før"},
                                        {"opens_on", "2026-01-01"},
                                        {"closes_on", "2099-12-31"},
                                        {"unit_ids", {unit}},
                                        {"mail", "yes"}}),
                       {"mail"});
  auto r = admin.send_json("POST", rounds,
                           {{"label", "Før"},
                            {"opens_on", "2026-01-01"},
                            {"closes_on", "2099-12-31"},
                            {"unit_ids", {unit}},
                            {"mail", true}});
  ASSERT_EQ(r.status, 201) << r.body;
  Sent s{survey, r.json(), {}};
  std::map<std::string, std::string> link_of;
  for (const auto& l : s.round["links"]) {
    link_of[l["person_id"]] = local(l["url"]);
    EXPECT_EQ(l["mailed"], l["person_id"] != carl) << l.dump();
  }
  auto outbox = [&](const std::string& kind) {
    std::vector<std::string> to;
    const auto rows = admin.get("/api/v1/outbox").json();
    for (const auto& m : rows["items"])
      if (m["kind"] == kind) to.push_back(m["to"]);
    std::sort(to.begin(), to.end());
    return to;
  };
  EXPECT_EQ(outbox("survey_invitation"),
            (std::vector<std::string>{"anna@tand.example", "bo@tand.example"}));
  const std::string reminders = "/api/v1/rounds/" + round_id(s) + "/reminders";
  expect_refused_input(admin.send_json("POST", reminders, json::object()), {"round"});
  ASSERT_EQ(set_status(admin, s, "open").status, 200);
  ASSERT_EQ(
      client().send_json("POST", link_of[anna], {{"answers", {{"trust-in-management", 3}}}}).status,
      201);
  auto member = member_of(t);
  EXPECT_EQ(member.send_json("POST", reminders, json::object()).status, 403);
  auto [other, stranger] = new_tenant_admin("svp-mail-b");
  EXPECT_EQ(stranger.send_json("POST", reminders, json::object()).status, 404);
  auto reminded = admin.send_json("POST", reminders, json::object());
  ASSERT_EQ(reminded.status, 200) << reminded.body;
  EXPECT_EQ(reminded.json()["mailed"], 1);  // Bo: Anna answered, Carl has no address
  EXPECT_EQ(outbox("survey_reminder"), (std::vector<std::string>{"bo@tand.example"}));
  EXPECT_EQ(client().get(link_of[bo]).status, 404);    // replaced by the reminder's link
  EXPECT_EQ(client().get(link_of[carl]).status, 200);  // still the one handed out
  EXPECT_EQ(client().get(link_of[anna]).status, 410);
  // From the page: the button, and what it did.
  auto page = "/surveys/" + survey["id"].get<std::string>();
  auto pressed =
      admin.post_form("/rounds/" + round_id(s) + "/reminders", {{"_csrf", admin.csrf()}});
  ASSERT_EQ(pressed.status, 303);
  expect_body_has(admin.get(pressed.header("location")), {"Påmindelse sendt til 1"});
}

TEST_F(SurveyPagesTest, TheMunicipalitysMinimumHidesSmallGroupsInEverySurvey) {
  auto [t, admin] = new_tenant_admin("svp-floor");
  auto tenant = admin.get("/api/v1/tenant").json();
  EXPECT_EQ(tenant["survey_min_group"], 5);
  expect_refused_input(admin.send_json("PATCH", "/api/v1/tenant",
                                       {{"survey_min_group", 2}, {"version", tenant["version"]}}),
                       {"survey_min_group"});
  auto unit = new_unit(admin, "Rengøring");
  for (int i = 0; i < 3; ++i) new_person(admin, "Ansat " + std::to_string(i), {{"unit_id", unit}});
  auto s = send(admin, "social-capital-short", {unit});  // the survey itself allows 3
  ASSERT_EQ(set_status(admin, s, "open").status, 200);
  json middle = json::object();
  for (const auto& item : s.survey["questionnaire"]["items"])
    middle[item["key"].get<std::string>()] = 2;
  for (const auto& link : s.links)
    EXPECT_EQ(client().send_json("POST", link, {{"answers", middle}}).status, 201);
  ASSERT_EQ(set_status(admin, s, "closed").status, 200);
  const std::string results = "/api/v1/rounds/" + round_id(s) + "/results";
  // The tenant's 5 is above the survey's 3: three answers are not shown.
  auto hidden = admin.get(results).json();
  EXPECT_EQ(hidden["min_group"], 5);
  EXPECT_TRUE(hidden["scales"][0]["total"]["hidden"].get<bool>()) << hidden.dump();
  tenant = admin.get("/api/v1/tenant").json();
  ASSERT_EQ(admin
                .send_json("PATCH", "/api/v1/tenant",
                           {{"survey_min_group", 3}, {"version", tenant["version"]}})
                .status,
            200);
  auto shown = admin.get(results).json();
  EXPECT_EQ(shown["min_group"], 3);
  EXPECT_FALSE(shown["scales"][0]["total"]["hidden"].get<bool>()) << shown.dump();
  EXPECT_EQ(shown["scales"][0]["total"]["n"], 3);
}

TEST_F(SurveyPagesTest, QuestionsAreAddedAndRemovedOnThePageUntilTheFirstRound) {
  auto [t, admin] = new_tenant_admin("svp-items");
  auto made = created_object(admin, kSurveys, {{"title", "Vores egne spørgsmål"}});
  const std::string id = made["id"];
  const std::string page = "/surveys/" + id;
  auto version = [&] {
    return std::to_string(
        admin.get(std::string(kSurveys) + "/" + id).json()["version"].get<long long>());
  };
  auto add = [&](std::map<std::string, std::string> form) {
    form["_csrf"] = admin.csrf();
    form["version"] = version();
    return admin.post_form(page + "/items", form);
  };
  // A choice with one option, a scale question in no scale, no text: refused, as typed.
  expect_refused_input(
      add({{"kind", "single"}, {"text", "Hvor arbejder du?"}, {"options", "Nord"}}),
      {"item-options-error", "Hvor arbejder du?"});
  expect_refused_input(add({{"kind", "likert"}, {"text", "Hjælper vi hinanden?"}}),
                       {"item-scale-error"});
  expect_refused_input(add({{"kind", "text"}, {"text", ""}}), {"item-text-error"});
  ASSERT_EQ(add({{"kind", "likert"},
                 {"text", "Hjælper vi hinanden på tværs?"},
                 {"new_scale", "Samarbejde"},
                 {"reverse", ""}})
                .status,
            303);
  ASSERT_EQ(add({{"kind", "single"}, {"text", "Hvor arbejder du?"}, {"options", "Nord\r\nSyd\r\n"}})
                .status,
            303);
  // A stale version is refused, not written over.
  auto stale = admin.post_form(
      page + "/items",
      {{"_csrf", admin.csrf()}, {"version", "1"}, {"kind", "text"}, {"text", "For sent"}});
  EXPECT_EQ(stale.status, 409);
  auto q = admin.get(std::string(kSurveys) + "/" + id).json()["questionnaire"];
  ASSERT_EQ(q["items"].size(), 2u) << q.dump();
  EXPECT_EQ(q["items"][0]["key"], "hjaelper-vi-hinanden-paa-tvaers");
  EXPECT_EQ(q["items"][0]["text"]["da"], "Hjælper vi hinanden på tværs?");
  EXPECT_EQ(q["items"][0]["scale"], "samarbejde");
  ASSERT_EQ(q["scales"].size(), 1u);
  EXPECT_EQ(q["scales"][0]["name"]["da"], "Samarbejde");
  ASSERT_EQ(q["items"][1]["options"].size(), 2u);
  EXPECT_EQ(q["items"][1]["options"][1]["label"]["da"], "Syd");
  // Removing the scale's only question removes the scale.
  auto removed = admin.post_form(page + "/items/hjaelper-vi-hinanden-paa-tvaers/remove",
                                 {{"_csrf", admin.csrf()}, {"version", version()}});
  ASSERT_EQ(removed.status, 303);
  q = admin.get(std::string(kSurveys) + "/" + id).json()["questionnaire"];
  EXPECT_EQ(q["items"].size(), 1u);
  EXPECT_TRUE(q["scales"].empty());
  // Once a round is sent the questions stay as they were answered.
  auto unit = new_unit(admin, "Kantinen");
  new_person(admin, "Kok", {{"unit_id", unit}});
  ASSERT_EQ(admin
                .send_json("POST", std::string(kSurveys) + "/" + id + "/rounds",
                           {{"label", "Før"},
                            {"opens_on", "2026-01-01"},
                            {"closes_on", "2099-12-31"},
                            {"unit_ids", {unit}}})
                .status,
            201);
  EXPECT_EQ(admin.get(page).body.find("Tilføj et spørgsmål"), std::string::npos);
  EXPECT_EQ(add({{"kind", "text"}, {"text", "For sent"}}).status, 409);
  // Only the owner and administrators change it; another tenant finds nothing.
  auto member = member_of(t);
  EXPECT_EQ(
      member
          .post_form(
              page + "/items",
              {{"_csrf", member.csrf()}, {"version", version()}, {"kind", "text"}, {"text", "Mit"}})
          .status,
      403);
  auto [other, stranger] = new_tenant_admin("svp-items-b");
  EXPECT_EQ(stranger
                .post_form(
                    page + "/items",
                    {{"_csrf", stranger.csrf()}, {"version", "1"}, {"kind", "text"}, {"text", "X"}})
                .status,
            404);
}

}  // namespace
}  // namespace testing_http

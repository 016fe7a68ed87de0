// The communication plan and the training plan over HTTP, on both databases: every API
// route (both resources, their CSV and XLSX exports, the training's progress), bad input
// naming the field with nothing stored (a date that is no date, reach below 0, a capacity of
// 0, a person, unit or meeting not of the tenant or project), another tenant's 404s, the
// rights of a project member without the edit right, and the pages (forms keeping what was
// typed, marking a row done with its reach, recording who was trained, the overview's card).
#include <algorithm>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class CommunicationTest : public HttpTest {
 protected:
  struct Setup : ProjectScene {
    std::string plan;      // /api/v1/projects/{id}/communication
    std::string training;  // /api/v1/projects/{id}/training
  };
  Setup setup(const std::string& prefix) {
    Setup s{new_project_scene(prefix, "Kommunikation")};
    s.plan = "/api/v1/projects/" + s.project + "/communication";
    s.training = "/api/v1/projects/" + s.project + "/training";
    return s;
  }
  static std::string row_of(const json& c) {
    return "/api/v1/communication/" + c["id"].get<std::string>();
  }
  static std::string class_of(const json& c) {
    return "/api/v1/training/" + c["id"].get<std::string>();
  }
  static std::string page(const Setup& s, const std::string& tail) {
    return "/projects/" + s.project + tail;
  }
};

TEST_F(CommunicationTest, EveryApiRouteOfThePlan) {
  auto s = setup("ct-plan");
  auto camilla = new_person(s.admin, "Camilla Skov");
  auto unit = new_unit(s.admin, "Hjemmeplejen");
  auto later = s.admin.send_json("POST", s.plan,
                                 {{"message", "Hjemmeplejen kobles på"},
                                  {"why", "De møder borgerne først"},
                                  {"audience", "unit"},
                                  {"unit_id", unit},
                                  {"channel", "meeting"},
                                  {"date", "2099-06-01"},
                                  {"owner_id", camilla}});
  ASSERT_EQ(later.status, 201) << later.body;
  auto l = later.json();
  EXPECT_EQ(later.header("location"), row_of(l));
  EXPECT_EQ(l["unit_name"], "Hjemmeplejen");
  EXPECT_EQ(l["owner_name"], "Camilla Skov");
  EXPECT_EQ(l["overdue"], false);
  auto late = s.admin
                  .send_json("POST", s.plan,
                             {{"message", "Status til MED"},
                              {"audience", "stakeholder_group"},
                              {"group", "hr_med"},
                              {"date", "2020-01-06"}})
                  .json();
  EXPECT_EQ(late["overdue"], true);  // 2020 is long gone
  EXPECT_EQ(late["channel"], "intranet");
  EXPECT_TRUE(late["reach"].is_null());

  // The list by date, paged.
  auto first = s.admin.get(s.plan + "?limit=1").json();
  ASSERT_EQ(first["items"].size(), 1u);
  EXPECT_EQ(first["items"][0]["id"], late["id"]);
  auto rest = s.admin.get(s.plan + "?cursor=" + first["next_cursor"].get<std::string>()).json();
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_EQ(rest["items"][0]["id"], l["id"]);
  EXPECT_EQ(s.admin.get(row_of(l)).json()["message"], "Hjemmeplejen kobles på");

  // Done with its reach; no longer overdue; a stale version is 409 with what is stored.
  auto done =
      s.admin.send_json("PATCH", row_of(late), {{"done", true}, {"reach", 23}, {"version", 1}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["overdue"], false);
  EXPECT_EQ(done.json()["reach"], 23);
  EXPECT_EQ(done.json()["group"], "hr_med");  // not named: kept
  EXPECT_EQ(stale_patch(s.admin, row_of(late), {{"reach", 1}, {"version", 1}})["reach"], 23);

  s.admin.cookies()["fremdrift_lang"] = "en";
  auto csv = s.admin.get(s.plan + ".csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.header("content-disposition").find("communication-plan-" + s.project),
            std::string::npos);
  EXPECT_NE(csv.body.find("Date;What (message);Why;To whom;Channel"), std::string::npos);
  EXPECT_NE(
      csv.body.find("2020-01-06;Status til MED;;HR and staff consultation (MED);Intranet;;;Yes;23"),
      std::string::npos)
      << csv.body;
  auto xlsx = s.admin.get(s.plan + ".xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");

  auto gone = s.admin.send_delete(row_of(l));
  EXPECT_EQ(gone.status, 204);
  EXPECT_EQ(s.admin.get(row_of(l)).status, 404);
  EXPECT_GE(s.admin.get("/api/v1/audit?entity=communication").json()["items"].size(), 4u);
}

TEST_F(CommunicationTest, EveryApiRouteOfTheTrainingPlan) {
  auto s = setup("ct-train");
  auto a = new_unit(s.admin, "Team A");
  auto b = new_unit(s.admin, "Team B");
  auto lene = new_person(s.admin, "Lene Holm", {{"unit_id", a}});
  auto made = s.admin.send_json("POST", s.training,
                                {{"title", "Teamledere"},
                                 {"audience", "team_leaders"},
                                 {"starts_on", "2026-05-01"},
                                 {"ends_on", "2026-05-02"},
                                 {"capacity", 4},
                                 {"unit_id", a},
                                 {"people", {lene}},
                                 {"unit_counts", {{{"unit_id", b}, {"trained", 2}}}}});
  ASSERT_EQ(made.status, 201) << made.body;
  auto c = made.json();
  EXPECT_EQ(made.header("location"), class_of(c));
  EXPECT_EQ(c["trained"], 3);
  EXPECT_EQ(c["people"][0]["name"], "Lene Holm");
  EXPECT_EQ(c["unit_counts"][0]["unit_name"], "Team B");
  auto second = s.admin
                    .send_json("POST", s.training,
                               {{"title", "Slutbrugere"},
                                {"audience", "end_users"},
                                {"starts_on", "2026-04-01"},
                                {"capacity", 20}})
                    .json();
  auto list = s.admin.get(s.training).json()["items"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["id"], second["id"]);  // by first day

  // Recording who was trained replaces the list.
  auto trained =
      s.admin.send_json("PATCH", class_of(second),
                        {{"unit_counts", {{{"unit_id", a}, {"trained", 9}}}}, {"version", 1}});
  ASSERT_EQ(trained.status, 200) << trained.body;
  EXPECT_EQ(trained.json()["trained"], 9);
  EXPECT_EQ(s.admin.get(class_of(second)).json()["version"], 2);

  auto progress = s.admin.get("/api/v1/projects/" + s.project + "/training-progress").json();
  EXPECT_EQ(progress["total"]["planned"], 24);
  EXPECT_EQ(progress["total"]["trained"], 12);
  EXPECT_EQ(progress["total"]["percent"], 50);
  ASSERT_EQ(progress["by_audience"].size(), 2u);
  EXPECT_EQ(progress["by_audience"][0]["label"], "Teamledere");
  EXPECT_EQ(progress["by_audience"][0]["percent"], 75);
  EXPECT_EQ(progress["by_unit"][0]["label"], "Team A");
  EXPECT_EQ(progress["by_unit"][0]["planned"], 4);
  EXPECT_EQ(progress["by_unit"][0]["trained"], 10);  // Lene and nine counted

  auto csv = s.admin.get(s.training + ".csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("Teamledere;Teamledere;2026-05-01;2026-05-02;;Team A;4;3"),
            std::string::npos)
      << csv.body;
  EXPECT_EQ(s.admin.get(s.training + ".xlsx").body.substr(0, 2), "PK");
  EXPECT_EQ(s.admin.send_delete(class_of(c)).status, 204);
  EXPECT_EQ(s.admin.get(class_of(c)).status, 404);
}

TEST_F(CommunicationTest, BadInputNamesTheFieldAndStoresNothing) {
  auto s = setup("ct-bad");
  auto other = new_tenant_admin("ct-bad-other");
  auto stranger = new_person(other.admin, "Fremmed");
  auto their_unit = new_unit(other.admin, "Fremmed enhed");
  auto refused = [&](const std::string& path, const json& body, const std::string& field) {
    auto r = s.admin.send_json("POST", path, body);
    EXPECT_EQ(r.status, 422) << body.dump() << " " << r.body;
    EXPECT_TRUE(r.json()["error"]["fields"].contains(field)) << body.dump() << " " << r.body;
  };
  const json row = {{"message", "M"}, {"date", "2026-04-01"}};
  auto with = [](json body, const char* key, const json& value) {
    body[key] = value;
    return body;
  };
  refused(s.plan, with(row, "date", "2026-02-30"), "date");
  refused(s.plan, with(row, "date", "next week"), "date");
  refused(s.plan, with(with(row, "done", true), "reach", -5), "reach");
  refused(s.plan, with(with(row, "done", true), "reach", "many"), "reach");
  refused(s.plan, with(row, "owner_id", stranger), "owner_id");
  refused(s.plan, with(with(row, "audience", "unit"), "unit_id", their_unit), "unit_id");
  refused(s.plan, with(row, "audience", "stakeholder_group"), "group");
  refused(s.plan, json::object(), "message");
  const json klass = {
      {"title", "Hold"}, {"audience", "end_users"}, {"starts_on", "2026-04-01"}, {"capacity", 5}};
  refused(s.training, with(klass, "capacity", 0), "capacity");
  refused(s.training, with(klass, "starts_on", "1. april"), "starts_on");
  refused(s.training, with(klass, "ends_on", "2026-03-01"), "ends_on");
  refused(s.training, with(klass, "people", {stranger}), "people");
  refused(s.training, with(klass, "unit_counts", {{{"unit_id", their_unit}, {"trained", 2}}}),
          "unit_counts[0].unit_id");
  refused(s.training, with(klass, "meeting_id", "01JNOSUCHMEETING0000000000"), "meeting_id");
  EXPECT_EQ(s.admin.get(s.plan).json()["items"].size(), 0u);
  EXPECT_EQ(s.admin.get(s.training).json()["items"].size(), 0u);

  // A change with bad input stores nothing either.
  auto c = s.admin.send_json("POST", s.training, klass).json();
  auto r = s.admin.send_json("PATCH", class_of(c),
                             {{"capacity", 0}, {"people", {stranger}}, {"version", 1}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(r.json()["error"]["fields"].contains("capacity"));
  auto stored = s.admin.get(class_of(c)).json();
  EXPECT_EQ(stored["capacity"], 5);
  EXPECT_EQ(stored["version"], 1);
  EXPECT_EQ(s.admin.send_json("PATCH", class_of(c), {{"people", {stranger}}, {"version", 1}})
                .json()["error"]["field_keys"]["people"],
            "stakeholder_err_no_person");
}

TEST_F(CommunicationTest, AnotherTenantFindsNothingAndAMemberWithoutTheEditRightChangesNothing) {
  auto s = setup("ct-iso");
  auto c =
      s.admin.send_json("POST", s.plan, {{"message", "Kun for A"}, {"date", "2026-04-01"}}).json();
  auto k = s.admin
               .send_json("POST", s.training,
                          {{"title", "Kun for A"},
                           {"audience", "end_users"},
                           {"starts_on", "2026-04-01"},
                           {"capacity", 5}})
               .json();
  std::string row_page = page(s, "/communication/" + c["id"].get<std::string>());
  std::string class_page = page(s, "/training/" + k["id"].get<std::string>());
  auto b = new_tenant_admin("ct-iso-b");
  expect_gets(b.admin,
              {s.plan, s.training, row_of(c), class_of(k), s.plan + ".csv", s.training + ".xlsx",
               "/api/v1/projects/" + s.project + "/training-progress", page(s, "/communication"),
               page(s, "/training"), row_page, class_page},
              404);
  EXPECT_EQ(b.admin.send_json("POST", s.plan, {{"message", "B"}, {"date", "2026-04-01"}}).status,
            404);
  EXPECT_EQ(b.admin.send_json("PATCH", row_of(c), {{"done", true}, {"version", 1}}).status, 404);
  EXPECT_EQ(b.admin.send_json("PATCH", class_of(k), {{"capacity", 9}, {"version", 1}}).status, 404);
  EXPECT_EQ(b.admin.send_delete(row_of(c)).status, 404);
  EXPECT_EQ(b.admin.send_delete(class_of(k)).status, 404);
  const std::string csrf_b = b.admin.csrf();
  for (const auto& path :
       {page(s, "/communication"), row_page, row_page + "/done", row_page + "/delete",
        page(s, "/training"), class_page, class_page + "/trained", class_page + "/delete"})
    EXPECT_EQ(b.admin.post_form(path, {{"_csrf", csrf_b}, {"version", "1"}}).status, 404) << path;

  // A steering-group member decides but does not edit: reads, changes nothing.
  auto member = member_of(s.tenant);
  give_project_role(s.admin, s.project, member, "steering_member");
  expect_gets(member,
              {s.plan, s.training, row_of(c), class_of(k), s.plan + ".csv",
               page(s, "/communication"), page(s, "/training"), row_page, class_page},
              200);
  EXPECT_EQ(member.send_json("POST", s.plan, {{"message", "M"}, {"date", "2026-04-01"}}).status,
            403);
  EXPECT_EQ(member.send_json("PATCH", row_of(c), {{"done", true}, {"version", 1}}).status, 403);
  EXPECT_EQ(member.send_json("PATCH", class_of(k), {{"capacity", 9}, {"version", 1}}).status, 403);
  EXPECT_EQ(member.send_delete(class_of(k)).status, 403);
  auto plan_page = member.get(page(s, "/communication"));
  EXPECT_EQ(plan_page.body.find("action=\"/projects/" + s.project + "/communication\""),
            std::string::npos);
  EXPECT_EQ(plan_page.body.find("/done\""), std::string::npos);
  expect_forbidden_form(member, page(s, "/communication"),
                        {{"_csrf", member.csrf()}, {"message", "M"}, {"date", "2026-04-01"}});
  for (const auto& path : {row_page, row_page + "/done", row_page + "/delete", class_page,
                           class_page + "/trained", class_page + "/delete"})
    EXPECT_EQ(member.post_form(path, {{"_csrf", member.csrf()}, {"version", "1"}}).status, 403)
        << path;
  EXPECT_EQ(member
                .post_form(page(s, "/training"),
                           {{"_csrf", member.csrf()}, {"title", "M"}, {"capacity", "3"}})
                .status,
            403);
  EXPECT_EQ(s.admin.get(row_of(c)).json()["version"], 1);
  EXPECT_EQ(s.admin.get(class_of(k)).json()["version"], 1);
  EXPECT_EQ(s.admin.get(s.plan).json()["items"].size(), 1u);
}

TEST_F(CommunicationTest, ThePlanPageAddsMarksDoneAndChanges) {
  auto s = setup("ct-pages");
  std::string csrf = s.admin.csrf();
  auto refused = s.admin.post_form(page(s, "/communication"), {{"_csrf", csrf},
                                                               {"message", "Folderen til borgerne"},
                                                               {"why", "Borgerne skal vide det"},
                                                               {"audience", "citizens"},
                                                               {"channel", "letter"},
                                                               {"date", "2026-13-01"}});
  expect_refused_input(refused, {"id=\"c-date-error\"", "Folderen til borgerne</textarea>",
                                 "value=\"2026-13-01\"", "<option value=\"letter\" selected>"});
  auto added = s.admin.post_form(page(s, "/communication"), {{"_csrf", csrf},
                                                             {"message", "Folderen til borgerne"},
                                                             {"audience", "citizens"},
                                                             {"channel", "letter"},
                                                             {"group", ""},
                                                             {"unit_id", ""},
                                                             {"owner_id", ""},
                                                             {"date", "2020-03-01"}});
  EXPECT_EQ(added.status, 303) << added.body;
  auto items = s.admin.get(s.plan).json()["items"];
  ASSERT_EQ(items.size(), 1u);
  std::string url = page(s, "/communication/" + items[0]["id"].get<std::string>());
  auto plan = s.admin.get(page(s, "/communication"));
  expect_body_has(plan, {"<tr class=\"overdue\">", "action=\"" + url + "/done\"",
                         "href=\"/projects/" + s.project + "/training\""});

  // Marked done with its reach; a negative reach is refused on the row's page.
  auto negative =
      s.admin.post_form(url + "/done", {{"_csrf", csrf}, {"reach", "-4"}, {"version", "1"}});
  expect_refused_input(negative, {"id=\"c-reach-error\""});
  auto done =
      s.admin.post_form(url + "/done", {{"_csrf", csrf}, {"reach", "250"}, {"version", "1"}});
  EXPECT_EQ(done.status, 303) << done.body;
  auto stored = s.admin.get(row_of(items[0])).json();
  EXPECT_EQ(stored["done"], true);
  EXPECT_EQ(stored["reach"], 250);
  EXPECT_EQ(s.admin.get(page(s, "/communication")).body.find("<tr class=\"overdue\">"),
            std::string::npos);

  // The row's page changes it; unticking done needs the reach cleared; a stale version is 409.
  ASSERT_EQ(s.admin.get(url).status, 200);
  auto changed = s.admin.post_form(url, {{"_csrf", csrf},
                                         {"message", "Folderen, 2. udgave"},
                                         {"audience", "citizens"},
                                         {"channel", "letter"},
                                         {"date", "2020-03-01"},
                                         {"reach", ""},
                                         {"version", "2"}});
  EXPECT_EQ(changed.status, 303) << changed.body;
  EXPECT_EQ(s.admin.get(row_of(items[0])).json()["done"], false);
  auto stale = s.admin.post_form(url, {{"_csrf", csrf},
                                       {"message", "Min gamle udgave"},
                                       {"audience", "citizens"},
                                       {"channel", "letter"},
                                       {"date", "2020-03-01"},
                                       {"version", "2"}});
  expect_stale_form(stale, "Min gamle udgave", "Folderen, 2. udgave", 3);

  auto overview = s.admin.get("/projects/" + s.project);
  EXPECT_NE(overview.body.find("id=\"communication-heading\""), std::string::npos);
  EXPECT_NE(
      overview.body.find("Folderen, 2. udgave</a> · Borgere <strong class=\"overdue-marker\">"),
      std::string::npos);
  EXPECT_NE(overview.body.find("href=\"/projects/" + s.project + "/communication\""),
            std::string::npos);
  EXPECT_EQ(s.admin.post_form(url + "/delete", {{"_csrf", csrf}}).status, 303);
  EXPECT_EQ(s.admin.get(row_of(items[0])).status, 404);
}

// The overview's card counts the whole plan in SQL and lists every overdue row and only the
// next three ahead, in the plan's order, however long the plan.
TEST_F(CommunicationTest, TheOverviewsCardCountsThePlanAndShowsTheNextThree) {
  auto s = setup("ct-card");
  auto add = [&](const std::string& message, const std::string& date) {
    return created_object(
        s.admin, s.plan,
        {{"message", message}, {"audience", "all_staff"}, {"channel", "intranet"}, {"date", date}});
  };
  // Added out of date order: the card sorts by date.
  for (const auto& [message, date] :
       std::vector<std::pair<std::string, std::string>>{{"Fremme 3", "2099-03-01"},
                                                        {"Bagud 2", "2020-02-01"},
                                                        {"Fremme 5", "2099-05-01"},
                                                        {"Fremme 1", "2099-01-01"},
                                                        {"Bagud 1", "2020-01-01"},
                                                        {"Fremme 4", "2099-04-01"},
                                                        {"Fremme 2", "2099-02-01"}})
    add(message, date);
  for (const auto& [message, date] : std::vector<std::pair<std::string, std::string>>{
           {"Sendt før", "2020-03-01"}, {"Sendt forud", "2099-01-15"}}) {
    auto done = s.admin.send_json("PATCH", row_of(add(message, date)),
                                  {{"done", true}, {"reach", 10}, {"version", 1}});
    ASSERT_EQ(done.status, 200) << done.body;
  }
  const std::string body = s.admin.get(page(s, "")).body;
  // Nine rows: seven not done (two of them overdue), two done.
  EXPECT_NE(body.find("<dt>Planlagt</dt><dd>7</dd></div>\n  <div><dt>Overskredet</dt><dd>2</dd>"
                      "</div>\n  <div><dt>Udført</dt><dd>2</dd>"),
            std::string::npos)
      << body;
  std::vector<std::size_t> at;
  for (const char* shown : {"Bagud 1", "Bagud 2", "Fremme 1", "Fremme 2", "Fremme 3"}) {
    at.push_back(body.find(std::string(shown) + "</a> · "));
    EXPECT_NE(at.back(), std::string::npos) << shown;
  }
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
  EXPECT_NE(body.find("Bagud 2</a> · Alle medarbejdere <strong class=\"overdue-marker\">"),
            std::string::npos);
  EXPECT_EQ(body.find("Fremme 1</a> · Alle medarbejdere <strong"), std::string::npos);
  for (const char* hidden : {"Fremme 4", "Fremme 5", "Sendt før", "Sendt forud"})
    EXPECT_EQ(body.find(hidden), std::string::npos) << hidden;
}

TEST_F(CommunicationTest, TheTrainingPagesAddAClassAndRecordWhoWasTrained) {
  auto s = setup("ct-tpages");
  auto unit = new_unit(s.admin, "Jobcenter");
  auto lene = new_person(s.admin, "Lene Holm", {{"unit_id", unit}});
  std::string csrf = s.admin.csrf();
  auto refused = s.admin.post_form(page(s, "/training"), {{"_csrf", csrf},
                                                          {"title", "Superbrugere i SBSYS"},
                                                          {"audience", "super_users"},
                                                          {"starts_on", "2026-05-01"},
                                                          {"capacity", "0"}});
  expect_refused_input(refused, {"id=\"k-capacity-error\"", "value=\"Superbrugere i SBSYS\""});
  auto added = s.admin.post_form(page(s, "/training"), {{"_csrf", csrf},
                                                        {"title", "Superbrugere i SBSYS"},
                                                        {"audience", "super_users"},
                                                        {"starts_on", "2026-05-01"},
                                                        {"ends_on", ""},
                                                        {"capacity", "6"},
                                                        {"place", ""},
                                                        {"unit_id", unit},
                                                        {"meeting_id", ""}});
  EXPECT_EQ(added.status, 303) << added.body;
  auto k = s.admin.get(s.training).json()["items"][0];
  std::string url = page(s, "/training/" + k["id"].get<std::string>());
  ASSERT_EQ(s.admin.get(url).status, 200);

  // A count that is no whole number is said beside its unit, the ticks kept.
  auto bad = s.admin.post_form(
      url + "/trained",
      {{"_csrf", csrf}, {"person_" + lene, "on"}, {"count_" + unit, "2,5"}, {"version", "1"}});
  expect_refused_input(bad, {"id=\"tc-" + unit + "-error\"", "value=\"2,5\"",
                             "name=\"person_" + lene + "\" checked"});
  auto ok = s.admin.post_form(
      url + "/trained",
      {{"_csrf", csrf}, {"person_" + lene, "on"}, {"count_" + unit, "3"}, {"version", "1"}});
  EXPECT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(s.admin.get(class_of(k)).json()["trained"], 4);
  auto training = s.admin.get(page(s, "/training"));
  expect_body_has(training,
                  {"<th scope=\"row\">Superbrugere</th>", "aria-label=\"Jobcenter: 67 %\"",
                   "href=\"/projects/" + s.project + "/communication\""});
  // The class's own form changes it, and a stale version shows what is stored.
  auto changed = s.admin.post_form(url, {{"_csrf", csrf},
                                         {"title", "Superbrugere, hold 1"},
                                         {"audience", "super_users"},
                                         {"starts_on", "2026-05-01"},
                                         {"capacity", "8"},
                                         {"version", "2"}});
  EXPECT_EQ(changed.status, 303) << changed.body;
  EXPECT_EQ(s.admin.get(class_of(k)).json()["trained"], 4);  // kept
  auto stale = s.admin.post_form(url, {{"_csrf", csrf},
                                       {"title", "Min gamle titel"},
                                       {"audience", "super_users"},
                                       {"starts_on", "2026-05-01"},
                                       {"capacity", "8"},
                                       {"version", "2"}});
  expect_stale_form(stale, "Min gamle titel", "Superbrugere, hold 1", 3);
  auto overview = s.admin.get("/projects/" + s.project);
  EXPECT_NE(overview.body.find("Superbrugere: 4 / 8"), std::string::npos);
  EXPECT_EQ(s.admin.post_form(url + "/delete", {{"_csrf", csrf}}).status, 303);
  EXPECT_EQ(s.admin.get(class_of(k)).status, 404);
}

}  // namespace
}  // namespace testing_http

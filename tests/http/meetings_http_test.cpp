// Meetings, attendance by unit, decisions at meetings and the iCalendar exports,
// through the API and the pages, on both engines.

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"
#include "meetings/ics_parser.hpp"

namespace testing_http {
namespace {

// A project over two involved units (the second with a team below it) and role
// holders in both, created by the tenant's administrator.
struct Scene {
  std::string project;  // "/api/v1/projects/{id}"
  std::string project_id;
  std::string unit_a, unit_b, team_b, outside;
  std::string chair, leader, group_a, group_b, team_member;
  std::string creator;  // the administrator, project leader by creating the project
};

class MeetingsTest : public HttpTest {
 protected:
  static std::string id(const json& j) { return j["id"].get<std::string>(); }

  json person(Client& c, const std::string& name, const std::string& unit) {
    auto r = c.send_json("POST", "/api/v1/people", {{"name", name}, {"unit_id", unit}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  Scene make_scene(Client& c) {
    Scene s;
    s.unit_a = id(c.send_json("POST", "/api/v1/units", {{"name", "Jobcenter"}}).json());
    s.unit_b = id(c.send_json("POST", "/api/v1/units", {{"name", "Socialafdelingen"}}).json());
    s.team_b = id(c.send_json("POST", "/api/v1/units",
                              {{"name", "Team Udsatte"}, {"parent_id", s.unit_b}, {"kind", "team"}})
                      .json());
    s.outside = id(c.send_json("POST", "/api/v1/units", {{"name", "Hjemmeplejen"}}).json());
    s.creator = c.get("/api/v1/me").json()["person_id"];
    s.chair = id(person(c, "Anne Chef", s.unit_a));
    s.leader = id(person(c, "Bo Leder", s.outside));
    s.group_a = id(person(c, "Cecilie Job", s.unit_a));
    s.group_b = id(person(c, "Dorte Social", s.unit_b));
    s.team_member = id(person(c, "Erik Team", s.team_b));
    auto p =
        c.send_json("POST", "/api/v1/projects", {{"title", "Møder"}, {"template", "kl-workflow"}});
    EXPECT_EQ(p.status, 201);
    s.project_id = id(p.json());
    s.project = "/api/v1/projects/" + s.project_id;
    EXPECT_EQ(c.send_json("PATCH", s.project, {{"unit_ids", {s.unit_a, s.unit_b}}, {"version", 1}})
                  .status,
              200);
    for (const auto& [person_id, role] :
         std::vector<std::pair<std::string, std::string>>{{s.chair, "steering_chair"},
                                                          {s.leader, "project_leader"},
                                                          {s.group_a, "project_group"},
                                                          {s.group_b, "project_group"},
                                                          {s.team_member, "change_agent"}}) {
      EXPECT_EQ(
          c.send_json("POST", s.project + "/roles", {{"person_id", person_id}, {"role", role}})
              .status,
          201);
    }
    return s;
  }

  json meeting(Client& c, const Scene& s, const std::string& kind, const std::string& at,
               json extra = json::object()) {
    json body = {{"kind", kind}, {"title", "Møde " + at}, {"starts_at", at}};
    body.update(extra);
    auto r = c.send_json("POST", s.project + "/meetings", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  static std::vector<std::string> invited(const json& m) {
    std::vector<std::string> out;
    for (const auto& a : m["attendance"]) out.push_back(a["person_id"]);
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_F(MeetingsTest, CreateListPatchWithVersions) {
  auto [t, c] = new_tenant_admin("meet");
  auto s = make_scene(c);
  auto bad = c.send_json("POST", s.project + "/meetings",
                         {{"kind", "coffee"},
                          {"title", "X"},
                          {"starts_at", "2026-02-30T09:00"},
                          {"duration_minutes", 3}});
  ASSERT_EQ(bad.status, 422);
  auto fields = bad.json()["error"]["fields"];
  EXPECT_TRUE(fields.contains("kind"));
  EXPECT_TRUE(fields.contains("starts_at"));
  EXPECT_TRUE(fields.contains("duration_minutes"));
  EXPECT_EQ(c.get(s.project + "/meetings").json()["items"].size(), 0u);

  auto m = meeting(c, s, "steering_group", "2026-04-07T09:00",
                   {{"agenda", {"Handlingsplanen", "KPI'er"}}, {"location", "Rådhuset"}});
  EXPECT_EQ(m["kind"], "steering_group");
  EXPECT_EQ(m["duration_minutes"], 60);
  EXPECT_EQ(m["ends_at"], "2026-04-07T10:00");
  EXPECT_EQ(m["version"], 1);
  EXPECT_TRUE(m["series_id"].is_null());
  EXPECT_EQ(m["agenda"], json::array({"Handlingsplanen", "KPI'er"}));
  // The steering group and the project leaders (also whoever created the project) are
  // invited; nobody has attended yet.
  auto expected = std::vector<std::string>{s.chair, s.leader, s.creator};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(invited(m), expected);
  for (const auto& a : m["attendance"]) EXPECT_TRUE(a["status"].is_null());
  EXPECT_FALSE(m["attendance_recorded"].get<bool>());

  auto kaizen = meeting(c, s, "kaizen", "2026-04-14T14:00");
  EXPECT_EQ(kaizen["attendance"].size(), 5u);  // two leaders, both groups, the change agent
  auto list = c.get(s.project + "/meetings").json()["items"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["id"], m["id"]);  // time order

  std::string path = "/api/v1/meetings/" + id(m);
  EXPECT_EQ(c.get(path).json()["location"], "Rådhuset");
  EXPECT_EQ(c.send_json("PATCH", path, {{"minutes", "Godkendt"}}).status, 422);  // no version
  auto ok = c.send_json("PATCH", path,
                        {{"minutes", "Handlingsplanen blev godkendt."},
                         {"starts_at", "2026-04-07T10:00"},
                         {"duration_minutes", 90},
                         {"version", 1}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["version"], 2);
  EXPECT_EQ(ok.json()["ends_at"], "2026-04-07T11:30");
  auto current = stale_patch(c, path, {{"minutes", "Mit referat"}, {"version", 1}});
  EXPECT_EQ(current["minutes"], "Handlingsplanen blev godkendt.");
  EXPECT_EQ(current["version"], 2);
  auto if_match = c.send_json("PATCH", path, {{"location", nullptr}}, {{"If-Match", "2"}});
  EXPECT_EQ(if_match.status, 200);
  EXPECT_TRUE(if_match.json()["location"].is_null());
  EXPECT_EQ(c.send_json("PATCH", path, {{"starts_at", "tomorrow"}, {"version", 3}}).status, 422);
  EXPECT_EQ(c.get(path).json()["starts_at"], "2026-04-07T10:00");

  EXPECT_EQ(c.send_json("DELETE", "/api/v1/meetings/" + id(kaizen), nullptr).status, 204);
  EXPECT_EQ(c.get("/api/v1/meetings/" + id(kaizen)).status, 404);
  EXPECT_EQ(c.get(s.project + "/meetings").json()["items"].size(), 1u);
}

TEST_F(MeetingsTest, ASeriesIsCreatedAtOnceAndExportsAsICalendar) {
  auto [t, c] = new_tenant_admin("series");
  auto s = make_scene(c);
  auto first = meeting(c, s, "kaizen", "2026-03-17T14:00",
                       {{"title", "Kaizen, tavlemøde; uge 12"},
                        {"agenda", {"KPI'er siden sidst", "Forbedringskort"}},
                        {"location", "Jobcentret, lokale 2"},
                        {"repeat", {{"every_days", 14}, {"count", 4}}}});
  ASSERT_TRUE(first["series_id"].is_string());
  ASSERT_EQ(first["occurrences"].size(), 4u);
  EXPECT_EQ(first["occurrences"][3]["starts_at"], "2026-04-28T14:00");
  auto bad = c.send_json("POST", s.project + "/meetings",
                         {{"kind", "kaizen"},
                          {"title", "X"},
                          {"starts_at", "2026-03-17T14:00"},
                          {"repeat", {{"every_days", 14}, {"count", 500}}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("repeat.count"));
  meeting(c, s, "steering_group", "2026-03-10T09:00");
  std::string series = first["series_id"];
  EXPECT_EQ(c.get(s.project + "/meetings?series_id=" + series).json()["items"].size(), 4u);
  EXPECT_EQ(c.get(s.project + "/meetings").json()["items"].size(), 5u);

  auto one = c.get("/api/v1/meetings/" + id(first) + ".ics");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.header("content-type"), "text/calendar; charset=utf-8");
  EXPECT_NE(one.header("content-disposition").find("attachment; filename="), std::string::npos);
  EXPECT_NE(one.header("content-disposition").find(".ics"), std::string::npos);
  auto parsed = ics_test::parse(one.body);
  ASSERT_FALSE(parsed.contains("error")) << parsed.dump() << one.body;
  EXPECT_EQ(parsed["METHOD"], "PUBLISH");
  ASSERT_EQ(parsed["events"].size(), 1u);
  auto e = parsed["events"][0];
  EXPECT_EQ(e["uid"], id(first) + "@fremdrift");
  EXPECT_EQ(e["summary"], "Kaizen, tavlemøde; uge 12");
  EXPECT_EQ(e["location"], "Jobcentret, lokale 2");
  EXPECT_EQ(e["tzid"], "Europe/Copenhagen");
  EXPECT_EQ(e["start_utc"], "2026-03-17T13:00");  // winter time, UTC+1
  EXPECT_EQ(e["end_utc"], "2026-03-17T14:00");
  EXPECT_NE(e["description"].get<std::string>().find("1. KPI'er siden sidst"), std::string::npos);

  auto all = c.get(s.project + "/meetings.ics");
  ASSERT_EQ(all.status, 200);
  auto all_parsed = ics_test::parse(all.body);
  ASSERT_EQ(all_parsed["events"].size(), 5u) << all.body;
  EXPECT_EQ(all_parsed["events"][4]["start_utc"], "2026-04-28T12:00");  // summer time, UTC+2
  auto only_series = ics_test::parse(c.get(s.project + "/meetings.ics?series_id=" + series).body);
  EXPECT_EQ(only_series["events"].size(), 4u);
  std::set<std::string> uids;
  for (const auto& ev : all_parsed["events"]) uids.insert(ev["uid"]);
  EXPECT_EQ(uids.size(), 5u);
}

TEST_F(MeetingsTest, ACalendarEventNamesItsOrganiserAndAttendeesAndLinksBack) {
  auto [t, c] = new_tenant_admin("icspeople");
  auto s = make_scene(c);
  for (const auto& [person, email] : std::vector<std::pair<std::string, std::string>>{
           {s.chair, "anne@kommune.test"}, {s.leader, "bo@kommune.test"}}) {
    auto p = c.get("/api/v1/people/" + person).json();
    auto r = c.send_json("PATCH", "/api/v1/people/" + person,
                         {{"email", email}, {"version", p["version"]}});
    ASSERT_EQ(r.status, 200) << r.body;
  }
  auto m = meeting(c, s, "steering_group", "2026-03-10T09:00");
  auto ics = c.get("/api/v1/meetings/" + id(m) + ".ics");
  ASSERT_EQ(ics.status, 200);
  auto parsed = ics_test::parse(ics.body);
  ASSERT_FALSE(parsed.contains("error")) << parsed.dump() << ics.body;
  ASSERT_EQ(parsed["events"].size(), 1u);
  auto e = parsed["events"][0];
  // The project leader organises; the people invited who have an address attend.
  std::set<std::string> leaders;
  auto roles = c.get(s.project + "/roles").json();
  for (const auto& r : roles["items"])
    if (r["role"] == "project_leader") leaders.insert(r["person_name"].get<std::string>());
  EXPECT_TRUE(leaders.count(e["organizer_cn"].get<std::string>())) << e.dump();
  EXPECT_EQ(e["organizer"].get<std::string>().rfind("mailto:", 0), 0u) << e.dump();
  std::map<std::string, std::string> attendees;
  for (const auto& a : e["attendees"]) {
    attendees[a["cn"]] = a["address"];
    EXPECT_EQ(a["role"], "REQ-PARTICIPANT");
  }
  EXPECT_EQ(attendees["Anne Chef"], "mailto:anne@kommune.test") << e.dump();
  EXPECT_EQ(attendees["Bo Leder"], "mailto:bo@kommune.test") << e.dump();
  EXPECT_EQ(attendees.count("Cecilie Job"), 0u);  // project group: not invited
  EXPECT_EQ(e["url"], std::string(kPublicUrl) + "/projects/" + s.project_id + "/meetings/" + id(m));
  // The project's feed carries the same.
  auto feed = ics_test::parse(c.get(s.project + "/meetings.ics").body);
  ASSERT_EQ(feed["events"].size(), 1u);
  EXPECT_EQ(feed["events"][0]["url"], e["url"]);
  EXPECT_EQ(feed["events"][0]["attendees"].size(), e["attendees"].size());
}

TEST_F(MeetingsTest, AttendanceByUnitFlagsAUnitAbsentTwiceInARow) {
  auto t = server().create_tenant("attend");
  auto other = server().create_tenant("attendother");
  Client c = admin_of(t);
  std::string stranger = admin_of(other).get("/api/v1/me").json()["person_id"];
  auto s = make_scene(c);
  auto m1 = meeting(c, s, "kaizen", "2026-04-14T14:00");
  auto m2 = meeting(c, s, "kaizen", "2026-04-28T14:00");
  auto m3 = meeting(c, s, "kaizen", "2026-05-12T14:00");
  meeting(c, s, "kaizen", "2026-05-26T14:00");  // not recorded: does not count
  auto put = [&](const json& m, const json& body) {
    return c.send_json("PUT", "/api/v1/meetings/" + id(m) + "/attendance", body);
  };
  // Both units there; unit B only through a person in the team below it.
  auto r1 = put(m1, json::array({{{"person_id", s.group_a}, {"status", "present"}},
                                 {{"person_id", s.group_b}, {"status", "absent"}},
                                 {{"person_id", s.team_member}, {"status", "present"}}}));
  ASSERT_EQ(r1.status, 200) << r1.body;
  EXPECT_TRUE(r1.json()["attendance_recorded"].get<bool>());
  EXPECT_EQ(r1.json()["attendance"].size(), 3u);  // the list replaces the invitations
  // Unit B away; A's person absent but with a substitute.
  ASSERT_EQ(put(m2, {{"attendance",
                      {{{"person_id", s.group_a},
                        {"status", "substitute"},
                        {"substitute_name", "Vikar Hansen"}},
                       {{"person_id", s.group_b}, {"status", "absent"}}}}})
                .status,
            200);
  ASSERT_EQ(put(m3, json::array({{{"person_id", s.group_a}, {"status", "present"}},
                                 {{"person_id", s.group_b}, {"status", "absent"}},
                                 {{"person_id", s.team_member}, {"status", "absent"}}}))
                .status,
            200);
  auto stored = c.get("/api/v1/meetings/" + id(m2) + "/attendance").json()["items"];
  ASSERT_EQ(stored.size(), 2u);
  bool substitute_seen = false;
  for (const auto& a : stored) {
    if (a["person_id"] == s.group_a) {
      EXPECT_EQ(a["status"], "substitute");
      EXPECT_EQ(a["substitute_name"], "Vikar Hansen");
      substitute_seen = true;
    }
  }
  EXPECT_TRUE(substitute_seen);

  auto table = c.get(s.project + "/attendance-by-unit").json();
  ASSERT_EQ(table["meetings"].size(), 3u);
  EXPECT_EQ(table["meetings"][0]["id"], m1["id"]);
  EXPECT_EQ(table["meetings_without_attendance"], 1);
  ASSERT_EQ(table["units"].size(), 2u);
  for (const auto& u : table["units"]) {
    if (u["unit_id"] == s.unit_a) {
      EXPECT_EQ(u["present"], json::array({true, true, true}));
      EXPECT_FALSE(u["flagged"].get<bool>());
    } else {
      EXPECT_EQ(u["unit_name"], "Socialafdelingen");
      EXPECT_EQ(u["present"], json::array({true, false, false}));
      EXPECT_EQ(u["longest_absence"], 2);
      EXPECT_TRUE(u["flagged"].get<bool>());
    }
  }
  EXPECT_EQ(table["flagged_unit_ids"], json::array({s.unit_b}));

  // Wrong lists: nothing is stored.
  auto no_name = put(m3, json::array({{{"person_id", s.group_b}, {"status", "substitute"}}}));
  EXPECT_EQ(no_name.status, 422);
  EXPECT_TRUE(no_name.json()["error"]["fields"].contains("attendance[0].substitute_name"));
  auto foreign = put(m3, json::array({{{"person_id", stranger}, {"status", "present"}}}));
  EXPECT_EQ(foreign.status, 422);
  EXPECT_EQ(foreign.json()["error"]["fields"]["attendance[0].person_id"], "no such person");
  EXPECT_EQ(put(m3, json::array({{{"person_id", s.group_a}, {"status", "late"}}})).status, 422);
  EXPECT_EQ(put(m3, {{"name", "not a list"}}).status, 422);
  EXPECT_EQ(c.get("/api/v1/meetings/" + id(m3)).json()["attendance"].size(), 3u);
}

TEST_F(MeetingsTest, DecisionsTakenAtAMeetingGoIntoTheDecisionLog) {
  auto [t, c] = new_tenant_admin("mdecide");
  auto s = make_scene(c);
  auto m = meeting(c, s, "steering_group", "2026-04-07T09:00");
  std::string path = "/api/v1/meetings/" + id(m);
  EXPECT_EQ(c.send_json("POST", path + "/decisions", {{"decided_by", "x"}}).status, 422);
  auto d = c.send_json("POST", path + "/decisions", {{"decision", "Kaizenmøder hver 14. dag"}});
  ASSERT_EQ(d.status, 201) << d.body;
  EXPECT_EQ(d.json()["meeting_id"], m["id"]);
  EXPECT_EQ(d.json()["decided_on"], "2026-04-07");  // the meeting's date, not today
  EXPECT_EQ(d.json()["kind"], "decision");
  auto log = c.get(s.project + "/decisions").json()["items"];
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["meeting_id"], m["id"]);
  auto plain = c.send_json("POST", s.project + "/decisions", {{"decision", "Uden møde"}});
  EXPECT_TRUE(plain.json()["meeting_id"].is_null());
  auto at_meeting = c.get(path + "/decisions").json()["items"];
  ASSERT_EQ(at_meeting.size(), 1u);
  EXPECT_EQ(at_meeting[0]["text"], "Kaizenmøder hver 14. dag");
  EXPECT_EQ(c.get(path).json()["decisions"].size(), 1u);
  auto keep = c.send_json("DELETE", path, nullptr);
  EXPECT_EQ(keep.status, 409);
  EXPECT_EQ(keep.json()["error"]["code"], "meeting_has_decisions");
  EXPECT_EQ(c.get("/api/v1/audit?entity=meeting").json()["items"].size(), 1u);
}

TEST_F(MeetingsTest, DeadlinesOfChecklistItemsAsAFeedPerPerson) {
  auto [t, c] = new_tenant_admin("deadline");
  auto [other, o] = new_tenant_admin("deadlineother");
  auto s = make_scene(c);
  auto items = c.get(s.project + "/checklist").json()["items"];
  std::string item = items[0]["id"];
  ASSERT_EQ(c.send_json("PATCH", "/api/v1/checklist-items/" + item,
                        {{"responsible_id", s.leader}, {"due_date", "2026-05-31"}, {"version", 1}})
                .status,
            200);
  // Responsible without a due date: not in the feed.
  c.send_json("PATCH", "/api/v1/checklist-items/" + items[1]["id"].get<std::string>(),
              {{"responsible_id", s.leader}, {"version", 1}});
  auto feed = c.get("/api/v1/people/" + s.leader + "/deadlines.ics");
  ASSERT_EQ(feed.status, 200);
  EXPECT_EQ(feed.header("content-type"), "text/calendar; charset=utf-8");
  auto parsed = ics_test::parse(feed.body);
  ASSERT_EQ(parsed["events"].size(), 1u) << feed.body;
  auto e = parsed["events"][0];
  EXPECT_EQ(e["uid"], item + "@fremdrift");
  EXPECT_TRUE(e["all_day"].get<bool>());
  EXPECT_EQ(e["start"], "2026-05-31");
  EXPECT_EQ(e["end"], "2026-06-01");
  EXPECT_EQ(e["summary"], items[0]["text"]["da"]);
  EXPECT_EQ(e["description"], "Møder");  // the project's title
  auto empty = ics_test::parse(c.get("/api/v1/people/" + s.chair + "/deadlines.ics").body);
  EXPECT_EQ(empty["events"].size(), 0u);
  EXPECT_EQ(empty["VERSION"], "2.0");
  EXPECT_EQ(o.get("/api/v1/people/" + s.leader + "/deadlines.ics").status, 404);
}

// docs/project-rights.md: edit rights for meetings, decide rights for decisions.
TEST_F(MeetingsTest, ProjectRolesDecideWhoChangesMeetings) {
  auto t = server().create_tenant("mrights");
  auto other = server().create_tenant("mrightsother");
  Client admin = admin_of(t);
  Client member = member_of(t);
  Client stranger = admin_of(other);
  std::string me = member.get("/api/v1/me").json()["person_id"];
  auto s = make_scene(admin);
  auto m = meeting(admin, s, "steering_group", "2026-04-07T09:00");
  std::string path = "/api/v1/meetings/" + id(m);
  json create = {{"kind", "kaizen"}, {"title", "Kaizen"}, {"starts_at", "2026-04-14T14:00"}};
  json attendance = json::array({{{"person_id", s.chair}, {"status", "present"}}});

  // No role: reads, changes nothing.
  EXPECT_EQ(member.get(path).status, 200);
  EXPECT_EQ(member.get(path + ".ics").status, 200);
  EXPECT_EQ(member.get(s.project + "/meetings").status, 200);
  EXPECT_EQ(member.get(s.project + "/attendance-by-unit").status, 200);
  auto refused = member.send_json("POST", s.project + "/meetings", create);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json()["error"]["code"], "forbidden");
  EXPECT_EQ(member.send_json("PATCH", path, {{"minutes", "Nej"}, {"version", 1}}).status, 403);
  EXPECT_EQ(member.send_json("PUT", path + "/attendance", attendance).status, 403);
  EXPECT_EQ(member.send_json("POST", path + "/decisions", {{"decision", "Nej"}}).status, 403);
  EXPECT_EQ(member.send_json("DELETE", path, nullptr).status, 403);
  EXPECT_EQ(admin.get(path).json()["version"], 1);

  // Project group edits meetings but does not decide.
  auto group =
      admin.send_json("POST", s.project + "/roles", {{"person_id", me}, {"role", "project_group"}});
  ASSERT_EQ(group.status, 201);
  EXPECT_EQ(member.send_json("POST", s.project + "/meetings", create).status, 201);
  EXPECT_EQ(member.send_json("PATCH", path, {{"minutes", "Ja"}, {"version", 1}}).status, 200);
  EXPECT_EQ(member.send_json("PUT", path + "/attendance", attendance).status, 200);
  EXPECT_EQ(member.send_json("POST", path + "/decisions", {{"decision", "Nej"}}).status, 403);

  // The steering group decides but does not edit.
  admin.send_json("DELETE", "/api/v1/project-roles/" + id(group.json()), nullptr);
  admin.send_json("POST", s.project + "/roles", {{"person_id", me}, {"role", "steering_member"}});
  EXPECT_EQ(member.send_json("POST", path + "/decisions", {{"decision", "Ja"}}).status, 201);
  EXPECT_EQ(member.send_json("PATCH", path, {{"minutes", "Nej"}, {"version", 2}}).status, 403);

  // Another tenant sees nothing.
  for (const std::string& p :
       {path, path + ".ics", path + "/attendance", path + "/decisions", s.project + "/meetings",
        s.project + "/meetings.ics", s.project + "/attendance-by-unit"}) {
    EXPECT_EQ(stranger.get(p).status, 404) << p;
  }
  EXPECT_EQ(stranger.send_json("PATCH", path, {{"minutes", "B"}, {"version", 2}}).status, 404);
  EXPECT_EQ(stranger.send_json("PUT", path + "/attendance", attendance).status, 404);
  EXPECT_EQ(stranger.send_json("POST", s.project + "/meetings", create).status, 404);
  EXPECT_EQ(stranger.send_json("POST", path + "/decisions", {{"decision", "B"}}).status, 404);
  EXPECT_EQ(stranger.send_json("DELETE", path, nullptr).status, 404);
  EXPECT_EQ(admin.get(path).json()["minutes"], "Ja");
}

TEST_F(MeetingsTest, PagesPlanAMeetingRecordAttendanceAndShowTheFlag) {
  auto [t, api] = new_tenant_admin("mpages");
  auto s = make_scene(api);
  Client c = client();
  ASSERT_EQ(form_login(c, t.admin_email), 303);
  auto front = c.get("/projects/" + s.project_id);
  ASSERT_EQ(front.status, 200);
  expect_body_has(front,
                  {"id=\"meetings-heading\"", "/projects/" + s.project_id + "/meetings/new"});
  std::string csrf = form_csrf(front.body);
  ASSERT_FALSE(csrf.empty());

  auto form = c.get("/projects/" + s.project_id + "/meetings/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"60\""), std::string::npos);  // the default duration
  auto bad = c.post_form("/projects/" + s.project_id + "/meetings",
                         {{"_csrf", csrf},
                          {"kind", "kaizen"},
                          {"date", "2026-02-30"},
                          {"time", "14:00"},
                          {"duration_minutes", "60"},
                          {"agenda", "KPI'er\nForbedringskort"}});
  expect_refused_input(bad, {">KPI&apos;er\nForbedringskort</textarea>", "id=\"m-date-error\""});
  auto created =
      c.post_form("/projects/" + s.project_id + "/meetings", {{"_csrf", csrf},
                                                              {"kind", "kaizen"},
                                                              {"title", ""},
                                                              {"date", "2026-04-14"},
                                                              {"time", "14:00"},
                                                              {"duration_minutes", "60"},
                                                              {"agenda", "KPI'er\nForbedringskort"},
                                                              {"repeat_count", "3"},
                                                              {"repeat_every_days", "14"}});
  ASSERT_EQ(created.status, 303) << created.body;
  std::string url = created.header("location").substr(0, created.header("location").find('?'));
  auto list = api.get(s.project + "/meetings").json()["items"];
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]["title"], "Kaizenmøde");  // a blank title becomes the kind
  EXPECT_EQ(list[2]["starts_at"], "2026-05-12T14:00");
  std::string first = list[0]["id"];

  auto page = c.get(url);
  ASSERT_EQ(page.status, 200);
  expect_body_has(page,
                  {"/api/v1/meetings/" + first + ".ics", "name=\"status_" + s.group_b + "\""});
  auto missing = c.post_form(
      url + "/attendance",
      {{"_csrf", csrf}, {"status_" + s.group_a, "present"}, {"status_" + s.group_b, "substitute"}});
  expect_refused_input(missing, {"id=\"att-" + s.group_b + "-error\""});
  EXPECT_FALSE(api.get("/api/v1/meetings/" + first).json()["attendance_recorded"].get<bool>());
  for (const auto& meeting : list) {
    std::string murl =
        "/projects/" + s.project_id + "/meetings/" + meeting["id"].get<std::string>();
    bool first_one = meeting["id"] == first;
    auto saved = c.post_form(murl + "/attendance",
                             {{"_csrf", csrf},
                              {"status_" + s.group_a, "present"},
                              {"status_" + s.group_b, first_one ? "present" : "absent"},
                              {"status_" + s.team_member, first_one ? "present" : "absent"},
                              {"add_person_id", first_one ? s.chair : ""}});
    ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 500);
  }
  auto stored = api.get("/api/v1/meetings/" + first).json();
  EXPECT_EQ(stored["attendance"].size(), 6u);  // the chair was added
  EXPECT_TRUE(stored["attendance_recorded"].get<bool>());

  EXPECT_EQ(
      c.post_form(url + "/minutes", {{"_csrf", csrf}, {"minutes", "Godt møde"}, {"version", "1"}})
          .status,
      303);
  auto conflict = c.post_form(url + "/minutes",
                              {{"_csrf", csrf}, {"minutes", "Mit referat"}, {"version", "1"}});
  EXPECT_EQ(conflict.status, 409);
  expect_body_has(conflict, {">Mit referat</textarea>", "Godt møde"});
  EXPECT_EQ(c.post_form(url + "/decisions", {{"_csrf", csrf}, {"decision", ""}}).status, 422);
  EXPECT_EQ(c.post_form(url + "/decisions", {{"_csrf", csrf}, {"decision", "Fortsæt"}}).status,
            303);
  EXPECT_EQ(api.get("/api/v1/meetings/" + first + "/decisions").json()["items"].size(), 1u);

  auto edit = c.post_form(url + "/edit", {{"_csrf", csrf},
                                          {"kind", "kaizen"},
                                          {"title", "Første kaizenmøde"},
                                          {"date", "2026-04-14"},
                                          {"time", "13:00"},
                                          {"duration_minutes", "45"},
                                          {"version", "2"}});
  ASSERT_EQ(edit.status, 303) << edit.body.substr(0, 500);
  auto edited = api.get("/api/v1/meetings/" + first).json();
  EXPECT_EQ(edited["starts_at"], "2026-04-14T13:00");
  EXPECT_EQ(edited["minutes"], "Godt møde");  // the edit form leaves the minutes alone

  auto table = c.get("/projects/" + s.project_id + "/attendance");
  ASSERT_EQ(table.status, 200);
  expect_body_has(table, {"Socialafdelingen", "Fraværende på to møder i træk"});
  // The meetings and decisions tab lists the meetings and flags the unit.
  auto again = c.get("/projects/" + s.project_id + "/decisions");
  expect_body_has(again, {"Fraværende på to møder i træk", "Første kaizenmøde"});
  EXPECT_EQ(c.get("/projects/" + s.project_id + "/meetings/01ARZ3NDEKTSV4RRFFQ69G5FAV").status,
            404);
}

}  // namespace
}  // namespace testing_http

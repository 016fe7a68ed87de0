// Projects through the API and the pages, on both engines.

#include <chrono>
#include <ctime>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

class ProjectsTest : public HttpTest {
 protected:
  json create(Client& c, const std::string& title, const std::string& tmpl = "kl-workflow") {
    auto r = c.send_json("POST", "/api/v1/projects", {{"title", title}, {"template", tmpl}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }
};

TEST_F(ProjectsTest, TemplatesAreListed) {
  auto t = server().create_tenant("tmpl");
  Client c = member_of(t);
  auto items = c.get("/api/v1/templates").json()["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["key"], "kl-workflow");
  EXPECT_EQ(items[1]["key"], "ffb");
  EXPECT_EQ(items[2]["key"], "agile-arena");
  EXPECT_EQ(items[1]["phases"].size(), 4u);
}

TEST_F(ProjectsTest, CreateFromTemplateCopiesTheChecklist) {
  auto t = server().create_tenant("create");
  Client c = member_of(t);
  auto unknown = c.send_json("POST", "/api/v1/projects", {{"title", "X"}, {"template", "prince2"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(unknown.json()["error"]["fields"].contains("template"));
  EXPECT_EQ(c.get("/api/v1/projects").json()["items"].size(), 0u);

  auto p = create(c, "Sammenhængende forløb", "ffb");
  EXPECT_EQ(p["phase"], "prepare");
  EXPECT_EQ(p["version"], 1);
  auto items =
      c.get("/api/v1/projects/" + p["id"].get<std::string>() + "/checklist").json()["items"];
  ASSERT_GT(items.size(), 20u);
  for (const auto& i : items) {
    EXPECT_EQ(i["status"], "open");
    EXPECT_TRUE(i["dimension"].is_string());
    EXPECT_TRUE(i["text"].contains("sv"));
  }
}

TEST_F(ProjectsTest, CharterRulesAndConflicts) {
  auto [t, admin] = new_tenant_admin("charter");
  auto unit = admin.send_json("POST", "/api/v1/units", {{"name", "Jobcenter"}}).json();
  auto p = create(admin, "Forløb");
  std::string path = "/api/v1/projects/" + p["id"].get<std::string>();

  auto dates = admin.send_json(
      "PATCH", path, {{"start_date", "2026-05-01"}, {"end_date", "2026-04-01"}, {"version", 1}});
  EXPECT_EQ(dates.status, 422);
  EXPECT_EQ(dates.json()["error"]["fields"]["end_date"], "must not be before the start date");
  auto bad_unit = admin.send_json("PATCH", path,
                                  {{"unit_ids", {"01ARZ3NDEKTSV4RRFFQ69G5FAV"}}, {"version", 1}});
  EXPECT_EQ(bad_unit.status, 422);
  EXPECT_EQ(admin.get(path).json()["version"], 1);

  json goals = json::array({"1", "2", "3", "4", "5", "6"});
  auto ok = admin.send_json("PATCH", path,
                            {{"purpose", "Færre overdragelser"},
                             {"citizen_journey", "Anna har brug for hjælp fra tre forvaltninger."},
                             {"result_goals", goals},
                             {"unit_ids", {unit["id"]}},
                             {"start_date", "2026-01-05"},
                             {"end_date", "2026-12-18"},
                             {"version", 1}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["warnings"].size(), 1u);
  EXPECT_EQ(ok.json()["unit_ids"], json::array({unit["id"]}));
  auto stale = admin.send_json("PATCH", path, {{"purpose", "Mit formål"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["current"]["purpose"], "Færre overdragelser");
}

TEST_F(ProjectsTest, ChecklistItemsAreTickedWithVersions) {
  auto [t, c] = new_tenant_admin("items");
  auto [other, o] = new_tenant_admin("itemsother");
  std::string stranger = o.get("/api/v1/me").json()["person_id"];
  auto p = create(c, "Tjek");
  auto item =
      c.get("/api/v1/projects/" + p["id"].get<std::string>() + "/checklist").json()["items"][0];
  std::string path = "/api/v1/checklist-items/" + item["id"].get<std::string>();
  std::string me = c.get("/api/v1/me").json()["person_id"];
  auto done = c.send_json("PATCH", path,
                          {{"status", "done"},
                           {"responsible_id", me},
                           {"due_date", "2026-02-01"},
                           {"evidence", "Referat 12/1"},
                           {"version", 1}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["status"], "done");
  EXPECT_EQ(done.json()["version"], 2);
  EXPECT_EQ(c.send_json("PATCH", path, {{"status", "open"}, {"version", 1}}).status, 409);
  EXPECT_EQ(c.send_json("PATCH", path, {{"status", "maybe"}, {"version", 2}}).status, 422);
  auto foreign = c.send_json("PATCH", path, {{"responsible_id", stranger}, {"version", 2}});
  EXPECT_EQ(foreign.status, 422);
  EXPECT_EQ(foreign.json()["error"]["fields"]["responsible_id"], "no such person");
}

TEST_F(ProjectsTest, RunsThroughAllSixKlPhasesByGateDecisions) {
  auto [t, c] = new_tenant_admin("phases");
  auto p = create(c, "Hele vejen");
  std::string path = "/api/v1/projects/" + p["id"].get<std::string>();
  auto no_decision = c.send_json("POST", path + "/phase", {{"to_phase", "as-is-mapping"}});
  EXPECT_EQ(no_decision.status, 422);
  EXPECT_TRUE(no_decision.json()["error"]["fields"].contains("decision"));
  auto skip =
      c.send_json("POST", path + "/phase", {{"to_phase", "redesign"}, {"decision", "Spring over"}});
  EXPECT_EQ(skip.status, 422);
  EXPECT_TRUE(skip.json()["error"]["fields"].contains("to_phase"));
  EXPECT_EQ(c.get(path).json()["phase"], "before-start");
  EXPECT_EQ(c.get(path + "/decisions").json()["items"].size(), 0u);

  // The checklist's items are still open: the gate wants to know why the project moves on.
  auto open = c.send_json("POST", path + "/phase",
                          {{"to_phase", "as-is-mapping"}, {"decision", "Styregruppen godkender"}});
  ASSERT_EQ(open.status, 422);
  EXPECT_TRUE(open.json()["error"]["fields"].contains("open_items_reason")) << open.body;
  EXPECT_EQ(c.get(path).json()["phase"], "before-start");
  const std::vector<std::string> phases = {"as-is-mapping", "redesign", "action-plan", "trial",
                                           "closing-operation"};
  for (const auto& next : phases) {
    auto r = c.send_json("POST", path + "/phase",
                         {{"to_phase", next},
                          {"decision", "Styregruppen godkender " + next},
                          {"decided_on", "2026-03-01"},
                          {"decided_by", "Styregruppen"},
                          {"open_items_reason", "Punkterne tages i næste fase"}});
    ASSERT_EQ(r.status, 200) << next << " " << r.body;
    EXPECT_EQ(r.json()["phase"], next);
  }
  EXPECT_EQ(c.send_json("POST", path + "/phase",
                        {{"to_phase", "closing-operation"}, {"decision", "igen"}})
                .status,
            422);
  auto log = c.get(path + "/decisions?kind=phase_gate").json()["items"];
  ASSERT_EQ(log.size(), 5u);
  EXPECT_EQ(log[0]["to_phase"], "closing-operation");
  EXPECT_EQ(log[0]["text"],
            "Styregruppen godkender closing-operation\n\nPunkterne tages i næste fase");
  EXPECT_EQ(log[4]["from_phase"], "before-start");
  EXPECT_EQ(log[4]["decided_by"], "Styregruppen");
  EXPECT_EQ(c.get(path + "/decisions?kind=gossip").status, 422);
  EXPECT_EQ(c.send_json("POST", path + "/decisions", {{"decided_by", "x"}}).status, 422);
  auto plain =
      c.send_json("POST", path + "/decisions",
                  {{"decision", "Borgerservice inviteres med"}, {"decided_on", "2026-03-02"}});
  ASSERT_EQ(plain.status, 201) << plain.body;
  EXPECT_EQ(plain.json()["kind"], "decision");
  EXPECT_TRUE(plain.json()["to_phase"].is_null());
  EXPECT_EQ(c.get(path + "/decisions").json()["items"].size(), 6u);
  auto only = c.get(path + "/decisions?kind=decision").json()["items"];
  ASSERT_EQ(only.size(), 1u);
  EXPECT_EQ(only[0]["text"], "Borgerservice inviteres med");

  // Attachments are links, and only web addresses: they are shown as links.
  auto script = c.send_json("POST", path + "/decisions",
                            {{"decision", "Bilag"}, {"links", {"javascript:alert(1)"}}});
  EXPECT_EQ(script.status, 422);
  EXPECT_TRUE(script.json()["error"]["fields"].contains("links"));
  auto linked =
      c.send_json("POST", path + "/decisions",
                  {{"decision", "Bilag"}, {"links", {"https://intra.example.dk/referat-12.pdf"}}});
  ASSERT_EQ(linked.status, 201) << linked.body;
  EXPECT_EQ(linked.json()["links"][0], "https://intra.example.dk/referat-12.pdf");
  EXPECT_EQ(c.get(path + "/decisions").json()["items"].size(), 7u);
}

TEST_F(ProjectsTest, PeopleAndUnitsStillNamedInAProjectCannotBeDeleted) {
  auto [t, c] = new_tenant_admin("inuse");
  auto unit = c.send_json("POST", "/api/v1/units", {{"name", "Ydelser"}}).json();
  auto person = c.send_json("POST", "/api/v1/people", {{"name", "Rollehaver"}}).json();
  std::string unit_id = unit["id"];
  std::string person_id = person["id"];
  auto p = create(c, "I brug");
  std::string path = "/api/v1/projects/" + p["id"].get<std::string>();
  ASSERT_EQ(c.send_json("PATCH", path, {{"unit_ids", {unit_id}}, {"version", 1}}).status, 200);
  ASSERT_EQ(
      c.send_json("POST", path + "/roles", {{"person_id", person_id}, {"role", "viewer"}}).status,
      201);

  auto r = c.send_json("DELETE", "/api/v1/people/" + person_id, nullptr);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "person_in_use");
  EXPECT_EQ(r.json()["error"]["current"]["name"], "Rollehaver");
  EXPECT_EQ(c.get("/api/v1/people/" + person_id).status, 200);

  r = c.send_json("DELETE", "/api/v1/units/" + unit_id, nullptr);
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "unit_in_use");
  EXPECT_EQ(c.get("/api/v1/units/" + unit_id).status, 200);
  EXPECT_EQ(c.get(path).json()["unit_ids"][0], unit_id);
}

TEST_F(ProjectsTest, RolesAndSteeringGroupCoverage) {
  auto t = server().create_tenant("roles");
  auto other = server().create_tenant("rolesother");
  Client c = admin_of(t);
  std::string stranger = admin_of(other).get("/api/v1/me").json()["person_id"];
  auto boss = c.send_json("POST", "/api/v1/people", {{"name", "Chef"}}).json();
  auto unit =
      c.send_json("POST", "/api/v1/units", {{"name", "Jobcenter"}, {"manager_id", boss["id"]}})
          .json();
  auto insider =
      c.send_json("POST", "/api/v1/people", {{"name", "Indefra"}, {"unit_id", unit["id"]}}).json();
  auto p = create(c, "Roller");
  std::string path = "/api/v1/projects/" + p["id"].get<std::string>();
  c.send_json("PATCH", path, {{"unit_ids", {unit["id"]}}, {"version", 1}});

  auto warnings = c.get(path + "/coverage").json()["warnings"];
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0]["code"], "manager_not_in_steering_group");
  EXPECT_EQ(warnings[0]["subject_id"], unit["id"]);

  auto chair =
      c.send_json("POST", path + "/roles", {{"person_id", boss["id"]}, {"role", "steering_chair"}});
  ASSERT_EQ(chair.status, 201) << chair.body;
  EXPECT_EQ(
      c.send_json("POST", path + "/roles", {{"person_id", boss["id"]}, {"role", "steering_chair"}})
          .status,
      409);
  EXPECT_EQ(
      c.send_json("POST", path + "/roles", {{"person_id", boss["id"]}, {"role", "king"}}).status,
      422);
  auto foreign =
      c.send_json("POST", path + "/roles", {{"person_id", stranger}, {"role", "viewer"}});
  EXPECT_EQ(foreign.status, 422);
  EXPECT_EQ(foreign.json()["error"]["fields"]["person_id"], "no such person");
  EXPECT_EQ(c.get(path + "/coverage").json()["warnings"].size(), 0u);

  c.send_json("POST", path + "/roles",
              {{"person_id", insider["id"]}, {"role", "process_facilitator"}});
  warnings = c.get(path + "/coverage").json()["warnings"];
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0]["code"], "facilitator_from_involved_unit");

  auto roles = c.get(path + "/roles").json()["items"];
  ASSERT_EQ(roles.size(), 3u);
  EXPECT_EQ(roles[0]["role"], "steering_chair");  // in seed 003's order
  EXPECT_EQ(roles[0]["person_name"], "Chef");
  EXPECT_EQ(roles[1]["role"], "project_leader");  // whoever created the project
  EXPECT_EQ(roles[1]["person_id"], c.get("/api/v1/me").json()["person_id"]);
  EXPECT_EQ(
      c.send_json("DELETE", "/api/v1/project-roles/" + roles[0]["id"].get<std::string>(), nullptr)
          .status,
      204);
  EXPECT_EQ(c.get(path + "/roles").json()["items"].size(), 2u);
  EXPECT_EQ(c.get(path + "/coverage").json()["warnings"].size(), 2u);
}

// The rights table of docs/project-rights.md, row by row.
TEST_F(ProjectsTest, ProjectRolesDecideWhoMayEditAndDecide) {
  auto [t, admin] = new_tenant_admin("rights");
  Client member = member_of(t);
  std::string member_person = member.get("/api/v1/me").json()["person_id"];
  auto p = create(admin, "Rettigheder");
  std::string path = "/api/v1/projects/" + p["id"].get<std::string>();
  auto item = admin.get(path + "/checklist").json()["items"][0];
  std::string item_path = "/api/v1/checklist-items/" + item["id"].get<std::string>();
  json gate = {
      {"to_phase", "as-is-mapping"}, {"decision", "Videre"}, {"open_items_reason", "Tages senere"}};

  // No role: reads everything, changes nothing.
  EXPECT_EQ(member.get(path).status, 200);
  EXPECT_EQ(member.get(path + "/decisions").status, 200);
  auto refused = member.send_json("PATCH", path, {{"purpose", "Nej"}, {"version", 1}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json()["error"]["code"], "forbidden");
  EXPECT_EQ(member.send_json("PATCH", item_path, {{"status", "done"}, {"version", 1}}).status, 403);
  EXPECT_EQ(member.send_json("POST", path + "/phase", gate).status, 403);
  EXPECT_EQ(
      member.send_json("POST", path + "/roles", {{"person_id", member_person}, {"role", "owner"}})
          .status,
      403);
  EXPECT_EQ(admin.get(path).json()["version"], 1);  // nothing changed

  // The responsible person may tick off their own item.
  admin.send_json("PATCH", item_path, {{"responsible_id", member_person}, {"version", 1}});
  EXPECT_EQ(member.send_json("PATCH", item_path, {{"status", "done"}, {"version", 2}}).status, 200);

  // Steering group: decides, does not edit.
  auto steering = admin.send_json("POST", path + "/roles",
                                  {{"person_id", member_person}, {"role", "steering_member"}});
  ASSERT_EQ(steering.status, 201);
  EXPECT_EQ(member.send_json("PATCH", path, {{"purpose", "Nej"}, {"version", 1}}).status, 403);
  EXPECT_EQ(member.send_json("POST", path + "/decisions", {{"decision", "Godkendt"}}).status, 201);
  EXPECT_EQ(member.send_json("POST", path + "/phase", gate).status, 200);

  // Project group: edits, does not decide or hand out roles.
  admin.send_json("DELETE", "/api/v1/project-roles/" + steering.json()["id"].get<std::string>(),
                  nullptr);
  admin.send_json("POST", path + "/roles",
                  {{"person_id", member_person}, {"role", "project_group"}});
  EXPECT_EQ(member.send_json("PATCH", path, {{"purpose", "Ja"}, {"version", 2}}).status, 200);
  EXPECT_EQ(member.send_json("POST", path + "/decisions", {{"decision", "Nej"}}).status, 403);
  auto own = admin.get(path + "/roles").json()["items"][0]["id"].get<std::string>();
  EXPECT_EQ(member.send_json("DELETE", "/api/v1/project-roles/" + own, nullptr).status, 403);

  // A member who starts a project leads it and may hand out roles.
  auto mine = create(member, "Mit eget");
  std::string mine_path = "/api/v1/projects/" + mine["id"].get<std::string>();
  EXPECT_EQ(member.send_json("PATCH", mine_path, {{"purpose", "Ja"}, {"version", 1}}).status, 200);
  std::string admin_person = admin.get("/api/v1/me").json()["person_id"];
  EXPECT_EQ(member
                .send_json("POST", mine_path + "/roles",
                           {{"person_id", admin_person}, {"role", "project_group"}})
                .status,
            201);
  // But not to themselves, and not the roles that decide (docs/project-rights.md).
  EXPECT_EQ(member
                .send_json("POST", mine_path + "/roles",
                           {{"person_id", member_person}, {"role", "owner"}})
                .status,
            403);
  EXPECT_EQ(member
                .send_json("POST", mine_path + "/roles",
                           {{"person_id", admin_person}, {"role", "steering_member"}})
                .status,
            403);
}

TEST_F(ProjectsTest, PagesWorkAndKeepTypedCharterValues) {
  auto [t, api] = new_tenant_admin("ppages");
  Client c = client();
  ASSERT_EQ(form_login(c, t.admin_email), 303);
  auto page = c.get("/projects");
  ASSERT_EQ(page.status, 200);
  std::string csrf = form_csrf(page.body);
  ASSERT_FALSE(csrf.empty());
  auto created = c.post_form(
      "/projects", {{"_csrf", csrf}, {"title", "Via formular"}, {"template", "kl-workflow"}});
  ASSERT_EQ(created.status, 303);
  std::string charter_url = created.header("location");
  ASSERT_EQ(c.get(charter_url).status, 200);
  auto bad = c.post_form(charter_url, {{"_csrf", csrf},
                                       {"title", "Via formular"},
                                       {"purpose", "Mit formål"},
                                       {"start_date", "2026-05-01"},
                                       {"end_date", "2026-04-01"},
                                       {"status", "green"},
                                       {"version", "1"}});
  expect_refused_input(bad, {">Mit formål</textarea>"});
  auto good = c.post_form(charter_url, {{"_csrf", csrf},
                                        {"title", "Via formular"},
                                        {"purpose", "Mit formål"},
                                        {"status", "green"},
                                        {"version", "1"}});
  EXPECT_EQ(good.status, 303);
  EXPECT_NE(bad.body.find("må ikke ligge før startdatoen"), std::string::npos);
  std::string id = api.get("/api/v1/projects").json()["items"][0]["id"];
  auto front = c.get("/projects/" + id);
  EXPECT_EQ(front.status, 200);
  expect_body_has(front, {"aria-current=\"step\"", "Borgerforløbet"});
  auto print = c.get("/projects/" + id + "/print");
  EXPECT_EQ(print.status, 200);
  EXPECT_NE(print.body.find("Projektkommissorium"), std::string::npos);
  EXPECT_NE(print.body.find("Mit formål"), std::string::npos);  // the saved purpose
  auto moved =
      c.post_form("/projects/" + id + "/phase", {{"_csrf", csrf},
                                                 {"to_phase", "as-is-mapping"},
                                                 {"decision", "Godkendt"},
                                                 {"open_items_reason", "Resten tages senere"}});
  EXPECT_EQ(moved.status, 303);
  EXPECT_EQ(api.get("/api/v1/projects/" + id).json()["phase"], "as-is-mapping");
  auto empty = c.post_form("/projects/" + id + "/decisions", {{"_csrf", csrf}, {"decision", ""}});
  expect_refused_input(empty, {"id=\"decision-text-error\""});
  EXPECT_EQ(c.post_form("/projects/" + id + "/decisions",
                        {{"_csrf", csrf}, {"decision", "Husk borgerservice"}})
                .status,
            303);
  EXPECT_EQ(api.get("/api/v1/projects/" + id + "/decisions?kind=decision").json()["items"].size(),
            1u);
}

TEST_F(ProjectsTest, TheProjectsTabsArePagesOfTheirOwn) {
  auto t = server().create_tenant("ptabs");
  Client api = member_of(t);
  std::string id = create(api, "Faner")["id"];
  Client c = client();
  ASSERT_EQ(form_login(c, t.admin_email), 303);
  const std::string base = "/projects/" + id;
  for (const std::string tab :
       {"", "/roles", "/maps", "/actions", "/kpis", "/kaizen", "/decisions", "/adoption"}) {
    auto page = c.get(base + tab);
    ASSERT_EQ(page.status, 200) << tab;
    EXPECT_NE(page.body.find("class=\"project-tabs\""), std::string::npos) << tab;
    EXPECT_NE(page.body.find("href=\"" + base + tab + "\" aria-current=\"page\""),
              std::string::npos)
        << tab;
  }
  // Roles are handed out on the charter tab, decisions recorded on the meetings tab.
  auto overview = c.get(base);
  EXPECT_EQ(overview.body.find("action=\"" + base + "/roles\""), std::string::npos);
  EXPECT_NE(c.get(base + "/roles").body.find("action=\"" + base + "/roles\""), std::string::npos);
  std::string csrf = form_csrf(overview.body);
  auto refused = c.post_form(base + "/decisions",
                             {{"_csrf", csrf}, {"decision", ""}, {"links", "https://x.dk/a"}});
  expect_refused_input(refused, {"id=\"decisions-heading\"", ">https://x.dk/a</textarea>"});
  auto recorded =
      c.post_form(base + "/decisions", {{"_csrf", csrf}, {"decision", "Vi går i gang"}});
  EXPECT_EQ(recorded.status, 303);
  EXPECT_EQ(recorded.header("location"), base + "/decisions?saved=1#decisions-heading");
  EXPECT_NE(c.get(base + "/decisions").body.find("Vi går i gang"), std::string::npos);
  EXPECT_EQ(c.get(base).body.find("Vi går i gang"), std::string::npos);

  // A checklist item's responsible, deadline and evidence are set on its own page.
  auto item = api.get("/api/v1/projects/" + id + "/checklist").json()["items"][0];
  const std::string item_page = base + "/items/" + item["id"].get<std::string>();
  auto form = c.get(item_page);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"responsible_id\""), std::string::npos);
  auto saved = c.post_form(item_page, {{"_csrf", csrf},
                                       {"version", "1"},
                                       {"status", "not_relevant"},
                                       {"due_date", "2026-05-01"},
                                       {"evidence", "Referat"}});
  EXPECT_EQ(saved.status, 303);
  auto stored = api.get("/api/v1/projects/" + id + "/checklist").json()["items"][0];
  EXPECT_EQ(stored["due_date"], "2026-05-01");
  EXPECT_EQ(stored["evidence"], "Referat");
  EXPECT_EQ(stored["status"], "not_relevant");
  // The overview's short form sets the status only and keeps the rest.
  EXPECT_NE(c.get(base).body.find("2026-05-01"), std::string::npos);
  EXPECT_EQ(c.post_form(item_page, {{"_csrf", csrf}, {"version", "2"}, {"status", "done"}}).status,
            303);
  stored = api.get("/api/v1/projects/" + id + "/checklist").json()["items"][0];
  EXPECT_EQ(stored["due_date"], "2026-05-01");
  EXPECT_EQ(stored["status"], "done");
  EXPECT_EQ(c.get(base + "/items/01ARZ3NDEKTSV4RRFFQ69G5FAV").status, 404);
  // A refused post shows the item's page again with the error and what was typed.
  auto bad_date = c.post_form(
      item_page,
      {{"_csrf", csrf}, {"version", "3"}, {"due_date", "31-12-2026"}, {"evidence", "Skrevet om"}});
  expect_refused_input(bad_date,
                       {"id=\"item-due-error\"", "value=\"31-12-2026\"", ">Skrevet om</textarea>"});
  auto stale = c.post_form(item_page, {{"_csrf", csrf}, {"version", "1"}, {"evidence", "Gammel"}});
  EXPECT_EQ(stale.status, 409);
  expect_body_has(stale, {"name=\"version\" value=\"3\"", ">Gammel</textarea>"});
  EXPECT_EQ(api.get("/api/v1/projects/" + id + "/checklist").json()["items"][0]["evidence"],
            "Referat");

  // Another tenant finds none of the tabs.
  auto other = server().create_tenant("ptabs-other");
  Client stranger = client();
  ASSERT_EQ(form_login(stranger, other.admin_email), 303);
  for (const std::string tab : {"", "/roles", "/decisions"})
    EXPECT_EQ(stranger.get(base + tab).status, 404) << tab;
  EXPECT_EQ(stranger.get(item_page).status, 404);
}

TEST_F(ProjectsTest, TheOverviewSaysWhatToDoNext) {
  auto t = server().create_tenant("pnext");
  Client api = admin_of(t);
  std::string boss = new_person(api, "Chef Hansen");
  std::string unit =
      created_id(api, "/api/v1/units", {{"name", "Jobcenter"}, {"manager_id", boss}});
  std::string id = new_project(api, "Næste", "kl-workflow", {{"unit_ids", {unit}}});
  Client c = client();
  ASSERT_EQ(form_login(c, t.admin_email), 303);
  const std::string base = "/projects/" + id;
  auto page = c.get(base);
  ASSERT_EQ(page.status, 200);
  expect_body_has(page, {"Lederen af Jobcenter, Chef Hansen, sidder ikke i styregruppen",
                         "Der er endnu ikke tegnet et kort over arbejdsgangen",
                         "punkter i denne fase er ikke afsluttet"});
  // The missing manager is added with one click: the form carries the person and the role.
  auto added = c.post_form(
      base + "/roles",
      {{"_csrf", form_csrf(page.body)}, {"person_id", boss}, {"role", "steering_member"}});
  EXPECT_EQ(added.status, 303);
  EXPECT_NE(page.body.find("name=\"person_id\" value=\"" + boss + "\""), std::string::npos);
  ASSERT_EQ(api.send_json("POST", "/api/v1/projects/" + id + "/maps",
                          {{"kind", "as_is"}, {"title", "Som i dag"}})
                .status,
            201);
  ASSERT_EQ(
      api.send_json("POST", "/api/v1/projects/" + id + "/kpis", {{"name", "Ventetid"}}).status,
      201);
  page = c.get(base);
  EXPECT_EQ(page.body.find("sidder ikke i styregruppen"), std::string::npos);
  EXPECT_EQ(page.body.find("Der er endnu ikke tegnet et kort"), std::string::npos);
  EXPECT_NE(page.body.find("KPI&apos;en »Ventetid« har ingen baseline"), std::string::npos);
  // In Swedish, too.
  c.cookies()["fremdrift_lang"] = "sv";
  EXPECT_NE(c.get(base).body.find("Nyckeltalet »Ventetid« har ingen baslinje"), std::string::npos);
}

// The UTC date `days` from today, "YYYY-MM-DD" (a day either side of the tenant's date
// does not matter where it is used).
std::string utc_date_in(int days) {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() +
                                                       std::chrono::hours(24 * days));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[11];
  std::strftime(out, sizeof out, "%Y-%m-%d", &tm);
  return out;
}

TEST_F(ProjectsTest, TheOverviewSaysWhenTheKaizenMeetingIsDue) {
  auto [t, api] = new_tenant_admin("pkaizen");
  std::string id = create(api, "Kaizen")["id"];
  const std::string path = "/api/v1/projects/" + id;
  Client c = client();
  ASSERT_EQ(form_login(c, t.admin_email), 303);
  EXPECT_EQ(c.get("/projects/" + id).body.find("kaizenmøde"), std::string::npos);
  // In the trial without a kaizen meeting.
  for (const std::string next : {"as-is-mapping", "redesign", "action-plan", "trial"}) {
    ASSERT_EQ(api.send_json("POST", path + "/phase",
                            {{"to_phase", next},
                             {"decision", "Videre"},
                             {"open_items_reason", "Testen går videre"}})
                  .status,
              200)
        << next;
  }
  EXPECT_NE(c.get("/projects/" + id)
                .body.find("Afprøvningen er i gang, men der er ikke planlagt et kaizenmøde endnu"),
            std::string::npos);
  // The last was three weeks ago and none is planned: overdue, with its date.
  const std::string three_weeks_ago = utc_date_in(-21);
  ASSERT_EQ(
      api.send_json(
             "POST", path + "/meetings",
             {{"kind", "kaizen"}, {"title", "Kaizen 1"}, {"starts_at", three_weeks_ago + "T09:00"}})
          .status,
      201);
  auto page = c.get("/projects/" + id).body;
  EXPECT_NE(page.find("Kaizenmødet er overskredet: det seneste blev holdt " + three_weeks_ago),
            std::string::npos);
  EXPECT_NE(page.find(">Planlæg et kaizenmøde</a>"), std::string::npos);
  // A planned one puts it right.
  ASSERT_EQ(
      api.send_json(
             "POST", path + "/meetings",
             {{"kind", "kaizen"}, {"title", "Kaizen 2"}, {"starts_at", utc_date_in(3) + "T09:00"}})
          .status,
      201);
  EXPECT_EQ(c.get("/projects/" + id).body.find("Kaizenmødet er overskredet"), std::string::npos);
}

TEST_F(ProjectsTest, AStaleCharterFormShowsTheStoredCharterAndItsVersion) {
  auto [t, api] = new_tenant_admin("pstale");
  Client c = client();
  ASSERT_EQ(form_login(c, t.admin_email), 303);
  std::string id = create(api, "Før")["id"];
  ASSERT_EQ(api.send_json("PATCH", "/api/v1/projects/" + id,
                          {{"purpose", "Ændret af en anden"}, {"version", 1}})
                .status,
            200);
  std::string charter_url = "/projects/" + id + "/charter";
  std::string csrf = form_csrf(c.get(charter_url).body);
  ASSERT_FALSE(csrf.empty());
  auto stale = c.post_form(charter_url, {{"_csrf", csrf},
                                         {"title", "Før"},
                                         {"purpose", "Min tekst"},
                                         {"status", "green"},
                                         {"version", "1"}});
  expect_stale_form(stale, ">Min tekst</textarea>", "<dd>Ændret af en anden</dd>", 2);
  EXPECT_NE(stale.body.find("(version 2)"), std::string::npos);
  auto api_stale =
      api.send_json("PATCH", "/api/v1/projects/" + id, {{"purpose", "x"}, {"version", 1}});
  EXPECT_EQ(api_stale.status, 409);
  EXPECT_EQ(api_stale.json()["error"]["message"],
            "the project was changed by someone else (version 2)");
  EXPECT_EQ(api.get("/api/v1/projects/" + id).json()["purpose"], "Ændret af en anden");
}

}  // namespace
}  // namespace testing_http

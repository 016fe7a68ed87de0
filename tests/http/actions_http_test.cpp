// The action plan through the API and the pages, on both engines: rows, filters and
// sorting, optimistic locking, my actions, exports, the CSV import, suggestions from a
// redesign map's before-go-live notes, rights and tenant isolation.
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

// A redesign with two steps, one carrying a before-go-live note under its own prefix.
std::string redesign_xml() {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:fd="http://fremdrift.dk/schema/bpmn/1.0" id="D1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:collaboration id="C1"><bpmn:participant id="P1" processRef="Pr1" /></bpmn:collaboration>
  <bpmn:process id="Pr1" isExecutable="false">
    <bpmn:laneSet id="LS1">
      <bpmn:lane id="Lane_C" name="Borger" fd:laneKind="citizen"><bpmn:flowNodeRef>S</bpmn:flowNodeRef><bpmn:flowNodeRef>T1</bpmn:flowNodeRef><bpmn:flowNodeRef>T2</bpmn:flowNodeRef><bpmn:flowNodeRef>E</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="S" />
    <bpmn:task id="T1" name="Fælles sag" fd:beforeGoLive="Skabelon i SBSYS klar" />
    <bpmn:task id="T2" name="Plan" />
)" + bpmn_ending({"T1", "T2"});
}

class ActionsTest : public HttpTest {
 protected:
  struct Scene {
    Client admin;
    std::string project_id;
    std::string plan;  // "/api/v1/projects/{id}/actions"
    std::string unit_id;
    std::string anne;  // a person in the unit
    std::string me;    // the admin's own person
  };

  Scene scene(const TestServer::Tenant& t) {
    Client admin = admin_of(t);
    std::string unit = new_unit(admin, "Jobcenter");
    std::string anne = new_person(admin, "Anne Hansen", {{"unit_id", unit}});
    std::string id = new_project(admin, "Handlingsplan");
    std::string me = admin.get("/api/v1/me").json()["person_id"];
    return {admin, id, "/api/v1/projects/" + id + "/actions", unit, anne, me};
  }

  static HttpResponse import_csv(Client& c, const std::string& plan, const std::string& csv,
                                 bool dry_run) {
    return c.request("POST", plan + "/import?dry_run=" + (dry_run ? "true" : "false"), csv,
                     {{"Content-Type", "text/csv"}, {"X-CSRF-Token", c.csrf()}});
  }

  static std::vector<std::string> tasks(const json& list) {
    std::vector<std::string> out;
    for (const auto& a : list["items"]) out.push_back(a["task"]);
    return out;
  }
};

TEST_F(ActionsTest, CreateListFilterAndSort) {
  auto s = scene(server().create_tenant("actlist"));
  auto late = created_object(s.admin, s.plan,
                             {{"task", "Sen"},
                              {"deadline", "2020-01-10"},
                              {"status", "in_progress"},
                              {"responsible_id", s.anne},
                              {"effect", "Kortere ventetid"},
                              {"kpi_id", "k-1"}});
  EXPECT_TRUE(late["overdue"].get<bool>());
  EXPECT_EQ(late["origin"], "manual");
  EXPECT_EQ(late["responsible"]["name"], "Anne Hansen");
  EXPECT_EQ(late["responsible"]["unit_name"], "Jobcenter");
  EXPECT_EQ(late["kpi_id"], "k-1");
  auto done = created_object(s.admin, s.plan,
                             {{"task", "Færdig"},
                              {"deadline", "2020-01-05"},
                              {"status", "done"},
                              {"responsible_id", s.me}});
  EXPECT_FALSE(done["overdue"].get<bool>());
  created_object(s.admin, s.plan, {{"task", "Senere"}, {"deadline", "2099-01-01"}});
  created_object(s.admin, s.plan, {{"task", "Uden frist"}});

  EXPECT_EQ(tasks(s.admin.get(s.plan).json()),
            (std::vector<std::string>{"Færdig", "Sen", "Senere", "Uden frist"}));
  EXPECT_EQ(tasks(s.admin.get(s.plan + "?sort=status").json()),
            (std::vector<std::string>{"Senere", "Uden frist", "Sen", "Færdig"}));
  EXPECT_EQ(tasks(s.admin.get(s.plan + "?sort=created").json()),
            (std::vector<std::string>{"Sen", "Færdig", "Senere", "Uden frist"}));
  EXPECT_EQ(tasks(s.admin.get(s.plan + "?overdue=true").json()), (std::vector<std::string>{"Sen"}));
  EXPECT_EQ(tasks(s.admin.get(s.plan + "?status=done").json()),
            (std::vector<std::string>{"Færdig"}));
  EXPECT_EQ(tasks(s.admin.get(s.plan + "?responsible_id=" + s.anne).json()),
            (std::vector<std::string>{"Sen"}));
  // "Admin …" before "Anne Hansen"; rows without a responsible last.
  EXPECT_EQ(tasks(s.admin.get(s.plan + "?sort=responsible").json()),
            (std::vector<std::string>{"Færdig", "Sen", "Senere", "Uden frist"}));
  EXPECT_EQ(s.admin.get(s.plan + "?sort=colour").status, 422);

  auto bad = s.admin.send_json("POST", s.plan,
                               {{"task", ""}, {"deadline", "2026-02-30"}, {"status", "later"}});
  ASSERT_EQ(bad.status, 422);
  auto fields = bad.json()["error"]["fields"];
  EXPECT_TRUE(fields.contains("task"));
  EXPECT_TRUE(fields.contains("deadline"));
  EXPECT_TRUE(fields.contains("status"));
  auto nobody = s.admin.send_json("POST", s.plan, {{"task", "x"}, {"responsible_id", "nobody"}});
  EXPECT_EQ(nobody.status, 422);
  EXPECT_EQ(s.admin.get(s.plan).json()["items"].size(), 4u);
}

// The plan is paged after its sort: the cursor walks every row once in the asked order, and
// a page's last row deleted meanwhile does not lose the rows after it.
TEST_F(ActionsTest, PagesInTheAskedOrder) {
  auto s = scene(server().create_tenant("actpages"));
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) {
    // Deadlines in the reverse order of creation, so sort=deadline is not the stored order.
    ids.push_back(created_object(s.admin, s.plan,
                                 {{"task", "Række " + std::to_string(i)},
                                  {"deadline", "2030-01-0" + std::to_string(9 - i)}})["id"]);
  }
  auto first = s.admin.get(s.plan + "?sort=deadline&limit=3").json();
  EXPECT_EQ(tasks(first), (std::vector<std::string>{"Række 6", "Række 5", "Række 4"}));
  ASSERT_TRUE(first["next_cursor"].is_string());
  auto second =
      s.admin
          .get(s.plan + "?sort=deadline&limit=3&cursor=" + first["next_cursor"].get<std::string>())
          .json();
  EXPECT_EQ(tasks(second), (std::vector<std::string>{"Række 3", "Række 2", "Række 1"}));
  ASSERT_TRUE(second["next_cursor"].is_string());
  // "Række 1", the second page's last row, goes; the third page still starts at "Række 0".
  ASSERT_EQ(s.admin.send_delete("/api/v1/actions/" + ids[1]).status, 204);
  auto third =
      s.admin
          .get(s.plan + "?sort=deadline&limit=3&cursor=" + second["next_cursor"].get<std::string>())
          .json();
  EXPECT_EQ(tasks(third), (std::vector<std::string>{"Række 0"}));
  EXPECT_TRUE(third["next_cursor"].is_null());
  EXPECT_EQ(s.admin.get(s.plan + "?limit=3&cursor=garbage").status, 422);
  EXPECT_EQ(s.admin.get(s.plan + "?limit=0").status, 422);
}

// Paged in SQL, every sort walks each row exactly once in the order of the whole list:
// ties on the sort key (two rows a day, one status, one responsible), rows without a
// deadline or a responsible, and filters kept from page to page.
TEST_F(ActionsTest, EverySortPagesEachRowOnce) {
  auto s = scene(server().create_tenant("actkeyset"));
  const std::vector<std::string> statuses = {"not_started", "in_progress", "done", "dropped"};
  for (int i = 0; i < 13; ++i) {
    json row = {{"task", "R" + std::to_string(i)}, {"status", statuses[i % 4]}};
    if (i % 3 != 0) row["deadline"] = "2030-02-0" + std::to_string(1 + i % 5);
    if (i % 4 == 1) row["responsible_id"] = s.anne;
    if (i % 4 == 2) row["responsible_id"] = s.me;
    created_object(s.admin, s.plan, row);
  }
  auto walk = [&](const std::string& query, int limit) {
    std::vector<std::string> out;
    std::string cursor;
    for (int pages = 0; pages < 20; ++pages) {
      auto body = s.admin
                      .get(s.plan + "?" + query + "&limit=" + std::to_string(limit) +
                           (cursor.empty() ? "" : "&cursor=" + cursor))
                      .json();
      for (const auto& t : tasks(body)) out.push_back(t);
      if (body["next_cursor"].is_null()) return out;
      cursor = body["next_cursor"].get<std::string>();
    }
    ADD_FAILURE() << query << " did not end";
    return out;
  };
  for (const std::string sort : {"deadline", "status", "responsible", "created"}) {
    auto whole = walk("sort=" + sort, 200);
    ASSERT_EQ(whole.size(), 13u) << sort;
    EXPECT_EQ(walk("sort=" + sort, 2), whole) << sort;
    EXPECT_EQ(walk("sort=" + sort, 1), whole) << sort;
  }
  // Deadlines first by date (ties by creation), rows without one last.
  EXPECT_EQ(walk("sort=deadline", 4),
            (std::vector<std::string>{"R5", "R10", "R1", "R11", "R2", "R7", "R8", "R4", "R0", "R3",
                                      "R6", "R9", "R12"}));
  // Anne's rows (R1, R5, R9), then the admin's (R2, R6, R10); unassigned last.
  auto by_responsible = walk("sort=responsible", 2);
  EXPECT_EQ(std::vector<std::string>(by_responsible.begin(), by_responsible.begin() + 6),
            (std::vector<std::string>{"R2", "R6", "R10", "R1", "R5", "R9"}));
  EXPECT_EQ(walk("sort=status&status=in_progress", 1),
            (std::vector<std::string>{"R1", "R5", "R9"}));
  EXPECT_EQ(walk("sort=created&responsible_id=" + s.anne, 2),
            (std::vector<std::string>{"R1", "R5", "R9"}));
  auto mine = s.admin.get("/api/v1/my-actions?limit=2").json();
  EXPECT_EQ(tasks(mine), (std::vector<std::string>{"R10", "R2"}));
  auto rest =
      s.admin.get("/api/v1/my-actions?limit=2&cursor=" + mine["next_cursor"].get<std::string>())
          .json();
  EXPECT_EQ(tasks(rest), (std::vector<std::string>{"R6"}));
  EXPECT_TRUE(rest["next_cursor"].is_null());
}

TEST_F(ActionsTest, PatchNeedsTheCurrentVersionAndDeleteRemoves) {
  auto s = scene(server().create_tenant("actpatch"));
  auto a = created_object(s.admin, s.plan, {{"task", "Skabelon"}});
  std::string path = "/api/v1/actions/" + a["id"].get<std::string>();
  auto ok = s.admin.send_json("PATCH", path, {{"status", "in_progress"}, {"version", 1}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["version"], 2);
  EXPECT_EQ(ok.json()["status"], "in_progress");
  EXPECT_EQ(ok.json()["task"], "Skabelon");
  auto stale = s.admin.send_json("PATCH", path, {{"status", "done"}, {"version", 1}});
  ASSERT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["current"]["version"], 2);
  EXPECT_EQ(stale.json()["error"]["current"]["status"], "in_progress");
  EXPECT_EQ(s.admin.send_json("PATCH", path, {{"status", "done"}}).status, 422);  // no version
  EXPECT_EQ(s.admin.send_json("PATCH", path, {{"deadline", "soon"}, {"version", 2}}).status, 422);
  EXPECT_EQ(s.admin.get(path).json()["status"], "in_progress");
  EXPECT_EQ(s.admin.send_delete(path).status, 204);
  EXPECT_EQ(s.admin.get(path).status, 404);
  EXPECT_EQ(s.admin.get(s.plan).json()["items"].size(), 0u);
}

TEST_F(ActionsTest, MyActionsAcrossProjects) {
  auto s = scene(server().create_tenant("actmine"));
  auto other = s.admin.send_json("POST", "/api/v1/projects",
                                 {{"title", "Andet projekt"}, {"template", "kl-workflow"}});
  std::string other_plan = "/api/v1/projects/" + other.json()["id"].get<std::string>() + "/actions";
  created_object(s.admin, s.plan,
                 {{"task", "Min første"}, {"responsible_id", s.me}, {"deadline", "2020-01-01"}});
  created_object(s.admin, other_plan, {{"task", "Min anden"}, {"responsible_id", s.me}});
  created_object(s.admin, s.plan, {{"task", "Annes"}, {"responsible_id", s.anne}});
  auto mine = s.admin.get("/api/v1/my-actions").json();
  EXPECT_EQ(tasks(mine), (std::vector<std::string>{"Min første", "Min anden"}));
  EXPECT_EQ(mine["items"][1]["project_title"], "Andet projekt");
  EXPECT_EQ(tasks(s.admin.get("/api/v1/my-actions?overdue=true").json()),
            (std::vector<std::string>{"Min første"}));
  auto page = s.admin.get("/my-actions");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Min anden"), std::string::npos);
  EXPECT_EQ(page.body.find("Annes"), std::string::npos);
  EXPECT_NE(page.body.find("overdue-marker"), std::string::npos);
}

TEST_F(ActionsTest, ExportsCsvAndXlsx) {
  auto s = scene(server().create_tenant("actexport"));
  created_object(s.admin, s.plan,
                 {{"task", "Skabelon; ny"},
                  {"responsible_id", s.anne},
                  {"deadline", "2026-05-01"},
                  {"status", "in_progress"}});
  auto csv = s.admin.get(s.plan + ".csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type").rfind("text/csv", 0), 0u);
  EXPECT_NE(csv.header("content-disposition").find(".csv"), std::string::npos);
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  expect_body_has(csv, {"Ændring/opgave;Ansvarlig;Enhed;Effekt",
                        "\"Skabelon; ny\";Anne Hansen;Jobcenter;", "2026-05-01;I gang"});
  auto xlsx = s.admin.get(s.plan + ".xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_NE(xlsx.header("content-type").find("spreadsheetml"), std::string::npos);
  auto filtered = s.admin.get(s.plan + ".csv?status=done");
  EXPECT_EQ(filtered.body.find("Skabelon"), std::string::npos);
}

TEST_F(ActionsTest, TheKpiColumnShowsTheKpisName) {
  auto s = scene(server().create_tenant("actkpi"));
  auto kpi = s.admin.send_json("POST", "/api/v1/projects/" + s.project_id + "/kpis",
                               {{"name", "Ventedage til samtale"}});
  ASSERT_EQ(kpi.status, 201) << kpi.body;
  std::string kpi_id = kpi.json()["id"];
  auto a = created_object(s.admin, s.plan, {{"task", "Fælles møde"}, {"kpi_id", kpi_id}});
  EXPECT_EQ(a["kpi_id"], kpi_id);
  EXPECT_EQ(a["kpi_name"], "Ventedage til samtale");
  auto loose = created_object(s.admin, s.plan, {{"task", "Løs"}, {"kpi_id", "k-unknown"}});
  EXPECT_TRUE(loose["kpi_name"].is_null());
  auto list = s.admin.get(s.plan).json()["items"];
  ASSERT_EQ(list.size(), 2u);
  // The export writes the name; importing it again resolves the name to the KPI.
  auto csv = s.admin.get(s.plan + ".csv").body;
  EXPECT_NE(csv.find(";Ventedage til samtale;"), std::string::npos) << csv;
  EXPECT_EQ(csv.find(kpi_id), std::string::npos);
  auto again = import_csv(s.admin, s.plan, csv, false);
  ASSERT_EQ(again.status, 200) << again.body;
  for (const auto& row : s.admin.get(s.plan).json()["items"]) {
    if (row["task"] == "Fælles møde") {
      EXPECT_EQ(row["kpi_id"], kpi_id);
    }
  }
  // The page links the name to the KPI page and offers the project's KPIs by name.
  auto page = s.admin.get("/projects/" + s.project_id + "/actions");
  ASSERT_EQ(page.status, 200);
  expect_body_has(page, {"<a href=\"/projects/" + s.project_id + "/kpis/" + kpi_id +
                             "\">Ventedage til samtale</a>",
                         "<option value=\"" + kpi_id + "\">Ventedage til samtale</option>",
                         "<option value=\"" + kpi_id + "\" selected>Ventedage til samtale"});
}

TEST_F(ActionsTest, ImportPreviewsAndIsAllOrNothing) {
  auto s = scene(server().create_tenant("actimport"));
  std::string header = "task;responsible;effect;how;deadline;status\r\n";
  auto dry = import_csv(s.admin, s.plan,
                        "\xEF\xBB\xBF" + header +
                            "Ny skabelon;Anne Hansen;Hurtigere;Workshop;31-05-2026;in_progress\r\n"
                            ";Ukendt Person;;;2026-02-30;soon\r\n",
                        true);
  ASSERT_EQ(dry.status, 200) << dry.body;
  auto report = dry.json();
  EXPECT_TRUE(report["dry_run"].get<bool>());
  ASSERT_EQ(report["rows"].size(), 2u);
  EXPECT_EQ(report["rows"][0]["action"], "create");
  EXPECT_EQ(report["rows"][0]["row"], 2);
  EXPECT_EQ(report["rows"][1]["action"], "error");
  EXPECT_EQ(report["rows"][1]["row"], 3);
  for (const char* column : {"task", "responsible", "deadline", "status"})
    EXPECT_TRUE(report["rows"][1]["errors"].contains(column)) << column;
  EXPECT_EQ(report["summary"]["error"], 1);
  EXPECT_EQ(s.admin.get(s.plan).json()["items"].size(), 0u);  // a dry run stores nothing

  auto refused = import_csv(
      s.admin, s.plan, header + "Ny skabelon;Anne Hansen;;;;\r\n;;;;;\r\nx;;;;bad;\r\n", false);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json()["rows"][1]["action"], "error");
  EXPECT_EQ(s.admin.get(s.plan).json()["items"].size(), 0u);  // nothing half-imported

  auto wrong =
      import_csv(s.admin, s.plan, "task;responsible;effect;how;frist;status\r\nx;;;;;\r\n", false);
  ASSERT_EQ(wrong.status, 422);
  auto fields = wrong.json()["error"]["fields"];
  EXPECT_TRUE(fields.contains("frist")) << wrong.body;
  EXPECT_TRUE(fields.contains("deadline")) << wrong.body;
  EXPECT_EQ(import_csv(s.admin, s.plan, "", false).status, 422);

  auto good = import_csv(s.admin, s.plan,
                         "task,responsible,effect,how,deadline,status\n"
                         "\"Skabelon, ny\",Anne Hansen,Hurtigere,Workshop,2026-05-31,I gang\n"
                         "Folder,,,,,\n",
                         false);
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_TRUE(good.json()["imported"].get<bool>());
  auto list = s.admin.get(s.plan + "?sort=created").json()["items"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["task"], "Skabelon, ny");
  EXPECT_EQ(list[0]["origin"], "import");
  EXPECT_EQ(list[0]["status"], "in_progress");
  EXPECT_EQ(list[0]["responsible_id"], s.anne);
  EXPECT_EQ(list[1]["status"], "not_started");

  // The export imports again: its ids update the rows instead of adding new ones.
  auto exported = s.admin.get(s.plan + ".csv").body;
  auto again = import_csv(s.admin, s.plan, exported, true);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["summary"]["update"], 2) << again.body;
  EXPECT_EQ(again.json()["summary"]["error"], 0) << again.body;
  ASSERT_EQ(import_csv(s.admin, s.plan, exported, false).status, 200);
  EXPECT_EQ(s.admin.get(s.plan).json()["items"].size(), 2u);
}

TEST_F(ActionsTest, RedesignNotesBecomeRowsWithOneClick) {
  auto s = scene(server().create_tenant("actnotes"));
  std::string project = "/api/v1/projects/" + s.project_id;
  auto map = s.admin.send_json("POST", project + "/maps",
                               {{"kind", "redesign"}, {"title", "Ny"}, {"bpmn", redesign_xml()}});
  ASSERT_EQ(map.status, 201) << map.body;
  std::string map_id = map.json()["id"];
  auto suggestions = s.admin.get(project + "/action-suggestions").json()["items"];
  ASSERT_EQ(suggestions.size(), 1u);
  EXPECT_EQ(suggestions[0]["map_id"], map_id);
  EXPECT_EQ(suggestions[0]["element_id"], "T1");
  EXPECT_EQ(suggestions[0]["step_name"], "Fælles sag");
  EXPECT_EQ(suggestions[0]["note"], "Skabelon i SBSYS klar");
  auto page = s.admin.get("/projects/" + s.project_id + "/actions");
  EXPECT_NE(page.body.find("Skabelon i SBSYS klar"), std::string::npos);

  auto created = s.admin.send_json(
      "POST", s.plan, {{"from_suggestion", {{"map_id", map_id}, {"element_id", "T1"}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json()["origin"], "map_note");
  EXPECT_EQ(created.json()["map_id"], map_id);
  EXPECT_EQ(created.json()["element_id"], "T1");
  EXPECT_EQ(created.json()["task"], "Skabelon i SBSYS klar");
  EXPECT_EQ(s.admin.get(project + "/action-suggestions").json()["items"].size(), 0u);
  EXPECT_EQ(s.admin
                .send_json("POST", s.plan,
                           {{"from_suggestion", {{"map_id", map_id}, {"element_id", "T1"}}}})
                .status,
            409);
  EXPECT_EQ(s.admin
                .send_json("POST", s.plan,
                           {{"from_suggestion", {{"map_id", map_id}, {"element_id", "T2"}}}})
                .status,
            404);
  EXPECT_EQ(s.admin.send_json("POST", s.plan, {{"from_suggestion", "T1"}}).status, 422);
}

TEST_F(ActionsTest, RightsAndTenantIsolation) {
  auto t = server().create_tenant("actrights");
  auto s = scene(t);
  auto a = created_object(s.admin, s.plan, {{"task", "Kun projektgruppen"}});
  std::string path = "/api/v1/actions/" + a["id"].get<std::string>();
  Client member = member_of(t);
  EXPECT_EQ(member.get(s.plan).status, 200);  // municipal openness: everyone reads
  EXPECT_EQ(member.send_json("POST", s.plan, {{"task", "x"}}).status, 403);
  EXPECT_EQ(member.send_json("PATCH", path, {{"task", "x"}, {"version", 1}}).status, 403);
  EXPECT_EQ(member.send_delete(path).status, 403);
  EXPECT_EQ(
      import_csv(member, s.plan, "task;responsible;effect;how;deadline;status\nx;;;;;\n", true)
          .status,
      403);
  auto page = member.get("/projects/" + s.project_id + "/actions");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("id=\"new-action-heading\""), std::string::npos);

  Client other = admin_of(server().create_tenant("actother"));
  EXPECT_EQ(other.get(s.plan).status, 404);
  EXPECT_EQ(other.get(s.plan + ".csv").status, 404);
  EXPECT_EQ(other.get(path).status, 404);
  EXPECT_EQ(other.send_json("PATCH", path, {{"task", "x"}, {"version", 1}}).status, 404);
  EXPECT_EQ(import_csv(other, s.plan, "garbage", false).status, 404);
  EXPECT_EQ(other.get("/projects/" + s.project_id + "/actions").status, 404);
  EXPECT_EQ(s.admin.get(path).json()["task"], "Kun projektgruppen");
}

TEST_F(ActionsTest, PagesCreateEditAndImport) {
  auto s = scene(server().create_tenant("actpages"));
  std::string page = "/projects/" + s.project_id + "/actions";
  auto empty = s.admin.get(page);
  ASSERT_EQ(empty.status, 200);
  auto bad =
      s.admin.post_form(page, {{"_csrf", s.admin.csrf()}, {"task", ""}, {"effect", "Mere tid"}});
  expect_refused_input(bad, {"id=\"n-task-error\"", ">Mere tid</textarea>"});
  auto created = s.admin.post_form(page, {{"_csrf", s.admin.csrf()},
                                          {"task", "Ny mødeskabelon"},
                                          {"responsible_id", s.anne},
                                          {"deadline", "2020-03-01"},
                                          {"status", "not_started"},
                                          {"effect", ""},
                                          {"how", ""},
                                          {"kpi_id", ""}});
  ASSERT_EQ(created.status, 303) << created.body;
  auto list = s.admin.get(s.plan).json()["items"];
  ASSERT_EQ(list.size(), 1u);
  std::string id = list[0]["id"];
  auto shown = s.admin.get(page);
  expect_body_has(shown, {"Ny mødeskabelon", "overdue-marker"});
  // The quick status form sends only the status and the version.
  auto quick = s.admin.post_form(page + "/" + id,
                                 {{"_csrf", s.admin.csrf()}, {"status", "done"}, {"version", "1"}});
  ASSERT_EQ(quick.status, 303) << quick.body;
  auto after = s.admin.get("/api/v1/actions/" + id).json();
  EXPECT_EQ(after["status"], "done");
  EXPECT_EQ(after["task"], "Ny mødeskabelon");
  EXPECT_EQ(after["responsible_id"], s.anne);
  auto stale = s.admin.post_form(
      page + "/" + id,
      {{"_csrf", s.admin.csrf()}, {"task", "Gammel"}, {"status", "in_progress"}, {"version", "1"}});
  EXPECT_EQ(stale.status, 409);
  auto edited = s.admin.post_form(page + "/" + id, {{"_csrf", s.admin.csrf()},
                                                    {"task", "Rettet"},
                                                    {"responsible_id", ""},
                                                    {"effect", "Bedre møder"},
                                                    {"how", ""},
                                                    {"deadline", "2099-01-01"},
                                                    {"status", "in_progress"},
                                                    {"kpi_id", ""},
                                                    {"version", "2"}});
  ASSERT_EQ(edited.status, 303) << edited.body;
  after = s.admin.get("/api/v1/actions/" + id).json();
  EXPECT_EQ(after["task"], "Rettet");
  EXPECT_TRUE(after["responsible_id"].is_null());
  EXPECT_FALSE(after["overdue"].get<bool>());

  std::string csv =
      "task;responsible;effect;how;deadline;status\nFra fil;Anne Hansen;;;;\n;;;;x;\n";
  auto preview = s.admin.post_form(page + "/import", {{"_csrf", s.admin.csrf()}, {"csv", csv}});
  expect_refused_input(preview, {"import-error"});
  EXPECT_EQ(s.admin.get(s.plan).json()["items"].size(), 1u);
  std::string fine = "task;responsible;effect;how;deadline;status\nFra fil;Anne Hansen;;;;\n";
  auto ok = s.admin.post_form(page + "/import", {{"_csrf", s.admin.csrf()}, {"csv", fine}});
  ASSERT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("name=\"confirm\""), std::string::npos);
  EXPECT_EQ(s.admin.get(s.plan).json()["items"].size(), 1u);  // a preview stores nothing
  auto confirmed = s.admin.post_form(page + "/import",
                                     {{"_csrf", s.admin.csrf()}, {"csv", fine}, {"confirm", "1"}});
  ASSERT_EQ(confirmed.status, 303);
  EXPECT_EQ(s.admin.get(s.plan).json()["items"].size(), 2u);

  auto project = s.admin.get("/projects/" + s.project_id);
  expect_body_has(project, {"id=\"actions-heading\"", page, "href=\"/my-actions\""});
  auto removed = s.admin.post_form(page + "/" + id + "/delete", {{"_csrf", s.admin.csrf()}});
  EXPECT_EQ(removed.status, 303);
  EXPECT_EQ(s.admin.get(s.plan).json()["items"].size(), 1u);
}

// A refused change says why: the API's 409 keeps the action's own message and the stored
// row, a stored row's status cannot be cleared, the page shows the stale message in the
// reader's language with the stored version to save against, and a form post without the
// right or outside the tenant is the error page.
TEST_F(ActionsTest, RefusedChangesSayWhy) {
  auto t = server().create_tenant("actrefused");
  auto s = scene(t);
  std::string id = created_object(s.admin, s.plan, {{"task", "Skabelon"}})["id"];
  std::string path = "/api/v1/actions/" + id;
  ASSERT_EQ(s.admin.send_json("PATCH", path, {{"status", "done"}, {"version", 1}}).status, 200);
  auto stale = s.admin.send_json("PATCH", path, {{"status", "in_progress"}, {"version", 1}});
  ASSERT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["message"], "the action was changed by someone else");
  EXPECT_EQ(stale.json()["error"]["current"]["task"], "Skabelon");
  EXPECT_FALSE(stale.json()["error"]["current"]["overdue"].get<bool>());
  auto cleared = s.admin.send_json("PATCH", path, {{"status", ""}, {"version", 2}});
  ASSERT_EQ(cleared.status, 422);
  EXPECT_EQ(cleared.json()["error"]["fields"]["status"], "is required");
  EXPECT_EQ(created_object(s.admin, s.plan, {{"task", "Ny"}, {"status", ""}})["status"],
            "not_started");

  std::string page = "/projects/" + s.project_id + "/actions";
  auto quick = s.admin.post_form(
      page + "/" + id, {{"_csrf", s.admin.csrf()}, {"status", "dropped"}, {"version", "1"}});
  ASSERT_EQ(quick.status, 409);
  expect_body_has(quick, {"Rækken er ændret af en anden i mellemtiden",
                          "name=\"version\" value=\"2\"", ">Skabelon</textarea>"});

  Client member = member_of(t);
  EXPECT_EQ(member.post_form(page, {{"_csrf", member.csrf()}, {"task", "x"}}).status, 403);
  EXPECT_EQ(member
                .post_form(page + "/" + id,
                           {{"_csrf", member.csrf()}, {"status", "done"}, {"version", "2"}})
                .status,
            403);
  Client other = admin_of(server().create_tenant("actrefusedother"));
  EXPECT_EQ(other.post_form(page + "/" + id + "/delete", {{"_csrf", other.csrf()}}).status, 404);
  EXPECT_EQ(s.admin.get(path).json()["status"], "done");
  EXPECT_EQ(s.admin.get(s.plan).json()["items"].size(), 2u);
}

}  // namespace
}  // namespace testing_http

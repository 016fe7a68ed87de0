// Workflow maps through the API on both engines: versions, conflicts, refusals,
// ideas, redesign and the comparison.
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

// Citizen lane + one unit lane; `handover` puts the second task in the unit's lane.
std::string small_map(const std::string& unit_id, bool handover) {
  std::string xml =
      R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:fremdrift="http://fremdrift.dk/schema/bpmn/1.0" xmlns:acme="http://acme.example/x" id="D1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:collaboration id="C1"><bpmn:participant id="P1" processRef="Pr1" /></bpmn:collaboration>
  <bpmn:process id="Pr1" isExecutable="false">
    <bpmn:extensionElements><acme:keep value="1"/></bpmn:extensionElements>
    <bpmn:laneSet id="LS1">
      <bpmn:lane id="Lane_C" name="Borger" fremdrift:laneKind="citizen"><bpmn:flowNodeRef>S</bpmn:flowNodeRef><bpmn:flowNodeRef>T1</bpmn:flowNodeRef>)" +
      std::string(handover ? "" : "<bpmn:flowNodeRef>T2</bpmn:flowNodeRef>") +
      R"(<bpmn:flowNodeRef>E</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="Lane_U" name="Enhed" fremdrift:unitId=")" +
      unit_id + R"(">)" + std::string(handover ? "<bpmn:flowNodeRef>T2</bpmn:flowNodeRef>" : "") +
      R"(</bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="S" />
    <bpmn:task id="T1" name="Søger" fremdrift:stepType="citizen" fremdrift:durationMinutes="30" />
    <bpmn:task id="T2" name="Behandler" fremdrift:stepType="it_system" fremdrift:itSystem="Fasit" fremdrift:waitingMinutes="2880" />
)" + bpmn_ending({"T1", "T2"});
  return xml;
}

class MapsTest : public HttpTest {
 protected:
  struct Setup {
    Client admin;
    std::string project_path;
    std::string unit_id;
  };
  Setup setup(const TestServer::Tenant& t) {
    Client admin = admin_of(t);
    std::string unit = new_unit(admin, "Jobcenter");
    std::string id = new_project(admin, "Kort", "kl-workflow", {{"unit_ids", {unit}}});
    return {admin, "/api/v1/projects/" + id, unit};
  }
  HttpResponse put_xml(Client& c, const std::string& path, const std::string& xml,
                       const std::string& if_match) {
    std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/xml"},
                                                                {"X-CSRF-Token", c.csrf()}};
    if (!if_match.empty()) headers.push_back({"If-Match", "\"" + if_match + "\""});
    return c.request("PUT", path, xml, headers);
  }
};

TEST_F(MapsTest, EverySaveIsAVersionAndNothingIsOverwrittenSilently) {
  auto t = server().create_tenant("maps");
  auto s = setup(t);
  auto created = s.admin.send_json("POST", s.project_path + "/maps",
                                   {{"kind", "as_is"}, {"title", "Som i dag"}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.json()["id"];
  EXPECT_EQ(created.json()["version"], 1);
  EXPECT_EQ(created.json()["metrics"]["steps"], 0);
  std::string path = "/api/v1/maps/" + id + "/bpmn";
  auto first = s.admin.get(path);
  EXPECT_EQ(first.status, 200);
  expect_body_has(first,
                  {"fremdrift:laneKind=\"citizen\"", "fremdrift:unitId=\"" + s.unit_id + "\""});

  EXPECT_EQ(put_xml(s.admin, path, small_map(s.unit_id, true), "").status, 422);  // no If-Match
  auto saved = put_xml(s.admin, path, small_map(s.unit_id, true), "1");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["version"], 2);
  EXPECT_EQ(saved.json()["metrics"]["steps"], 2);
  EXPECT_EQ(saved.json()["metrics"]["handovers"], 2);  // citizen → unit → citizen
  EXPECT_EQ(saved.json()["metrics"]["it_systems"], 1);
  EXPECT_EQ(s.admin.get(path).body, small_map(s.unit_id, true));  // byte for byte

  auto stale = put_xml(s.admin, path, small_map(s.unit_id, false), "1");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(stale.json()["error"]["current"]["version"], 2);

  // Refusals name the problem, and the stored map stays as it was.
  auto not_xml = put_xml(s.admin, path, "this is not <xml", "2");
  EXPECT_EQ(not_xml.status, 422);
  EXPECT_TRUE(not_xml.json()["error"]["fields"].contains("bpmn"));
  auto doctype = put_xml(s.admin, path,
                         "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]>" +
                             small_map(s.unit_id, true).substr(39),
                         "2");
  EXPECT_EQ(doctype.status, 422);
  std::string dangling = small_map(s.unit_id, true);
  dangling.replace(dangling.find("targetRef=\"E\""), 13, "targetRef=\"Nowhere\"");
  auto bad_ref = put_xml(s.admin, path, dangling, "2");
  EXPECT_EQ(bad_ref.status, 422);
  EXPECT_NE(bad_ref.body.find("Nowhere"), std::string::npos) << bad_ref.body;
  auto unknown_unit = put_xml(s.admin, path, small_map("01JUNKNOWNUNIT0000000000000", true), "2");
  EXPECT_EQ(unknown_unit.status, 422);
  EXPECT_NE(unknown_unit.body.find("Lane_U"), std::string::npos) << unknown_unit.body;
  EXPECT_EQ(s.admin.get(path).body, small_map(s.unit_id, true));
  EXPECT_EQ(s.admin.get("/api/v1/maps/" + id).json()["version"], 2);

  auto versions = s.admin.get("/api/v1/maps/" + id + "/versions").json()["items"];
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0]["number"], 2);
  auto restored =
      s.admin.send_json("POST", "/api/v1/maps/" + id + "/versions/1/restore", {{"version", 2}});
  ASSERT_EQ(restored.status, 200) << restored.body;
  EXPECT_EQ(restored.json()["version"], 3);
  EXPECT_EQ(s.admin.get(path).body, first.body);
  EXPECT_EQ(s.admin.get(path + "?version=2").body, small_map(s.unit_id, true));
  EXPECT_EQ(s.admin.get("/api/v1/maps/" + id + "/metrics?version=2").json()["steps"], 2);
  // The list shows each map with its current version's metrics (version 3 = the first map).
  auto listed = s.admin.get(s.project_path + "/maps").json()["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["metrics"], s.admin.get("/api/v1/maps/" + id + "/metrics?version=3").json());
  EXPECT_EQ(listed[0]["metrics"]["steps"], 0);
}

TEST_F(MapsTest, IdeasRedesignAndTheComparison) {
  auto t = server().create_tenant("mapsredesign");
  auto other = server().create_tenant("mapsother");
  auto s = setup(t);
  EXPECT_EQ(s.admin.get(s.project_path + "/map-comparison").json()["rows"].size(), 0u);
  auto imported = s.admin.send_json(
      "POST", s.project_path + "/maps",
      {{"kind", "as_is"}, {"title", "Importeret"}, {"bpmn", small_map(s.unit_id, true)}});
  ASSERT_EQ(imported.status, 201) << imported.body;
  std::string id = imported.json()["id"];
  EXPECT_EQ(s.admin.get("/api/v1/maps/" + id + "/bpmn").body, small_map(s.unit_id, true));

  std::string ideas = "/api/v1/maps/" + id + "/ideas";
  EXPECT_EQ(s.admin
                .send_json("POST", ideas,
                           {{"kind", "good_idea"}, {"text", "Ét skema"}, {"element_id", "T2"}})
                .status,
            201);
  auto nowhere = s.admin.send_json(
      "POST", ideas, {{"kind", "good_idea"}, {"text", "Hvor?"}, {"element_id", "T9"}});
  EXPECT_EQ(nowhere.status, 422);
  EXPECT_TRUE(nowhere.json()["error"]["fields"].contains("element_id"));
  EXPECT_EQ(s.admin.send_json("POST", ideas, {{"kind", "wild"}, {"text", "x"}}).status, 422);
  EXPECT_EQ(
      s.admin.send_json("POST", ideas, {{"kind", "crazy_proposal"}, {"text", "Parkér"}}).status,
      201);
  EXPECT_EQ(s.admin.get(ideas).json()["items"].size(), 2u);

  auto redesign = s.admin.send_json("POST", s.project_path + "/maps",
                                    {{"kind", "redesign"}, {"title", "Ny arbejdsgang"}});
  ASSERT_EQ(redesign.status, 201) << redesign.body;
  std::string rid = redesign.json()["id"];
  EXPECT_EQ(redesign.json()["based_on_map_id"], id);
  auto carried = s.admin.get("/api/v1/maps/" + rid + "/ideas").json()["items"];
  ASSERT_EQ(carried.size(), 2u);
  EXPECT_TRUE(carried[0]["carried_from"].is_string());
  auto rows = s.admin.get(s.project_path + "/map-comparison").json()["rows"];
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[1]["metric"], "handovers");
  EXPECT_EQ(rows[1]["change"], 0);

  // The redesign keeps the work in one lane; the comparison shows the handovers gone.
  auto saved = put_xml(s.admin, "/api/v1/maps/" + rid + "/bpmn", small_map(s.unit_id, false), "1");
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto comparison = s.admin.get(s.project_path + "/map-comparison").json();
  EXPECT_EQ(comparison["redesign"]["id"], rid);
  EXPECT_EQ(comparison["rows"][1]["before"], 2);
  EXPECT_EQ(comparison["rows"][1]["after"], 0);
  EXPECT_EQ(comparison["rows"][1]["change"], -2);
  EXPECT_EQ(comparison["rows"][1]["relative_change"], -1.0);
  EXPECT_EQ(s.admin.get(s.project_path + "/maps").json()["items"].size(), 2u);

  // Rights: a member without a role reads but does not draw; another tenant sees nothing.
  Client member = member_of(t);
  EXPECT_EQ(member.get("/api/v1/maps/" + id + "/bpmn").status, 200);
  EXPECT_EQ(member.send_json("POST", s.project_path + "/maps", {{"kind", "as_is"}, {"title", "x"}})
                .status,
            403);
  EXPECT_EQ(
      put_xml(member, "/api/v1/maps/" + id + "/bpmn", small_map(s.unit_id, false), "1").status,
      403);
  EXPECT_EQ(member.send_json("POST", ideas, {{"kind", "good_idea"}, {"text", "x"}}).status, 403);
  Client stranger = admin_of(other);
  EXPECT_EQ(stranger.get("/api/v1/maps/" + id + "/bpmn").status, 404);
  EXPECT_EQ(stranger.get(s.project_path + "/map-comparison").status, 404);
}

TEST_F(MapsTest, TheListPagesOldestFirstAndAMapIsReadByItsAddress) {
  auto t = server().create_tenant("mappaging");
  auto s = setup(t);
  std::vector<std::string> made;
  for (int i = 0; i < 3; ++i) {
    auto created = s.admin.send_json("POST", s.project_path + "/maps",
                                     {{"kind", "as_is"}, {"title", "Kort " + std::to_string(i)}});
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.header("location"),
              "/api/v1/maps/" + created.json()["id"].get<std::string>());
    made.push_back(created.json()["id"]);
  }
  std::vector<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto r =
        s.admin.get(s.project_path + "/maps?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = r.json();
    for (const auto& m : body["items"]) {
      seen.push_back(m["id"]);
      EXPECT_EQ(m["metrics"]["steps"], 0);
    }
    cursor = body["next_cursor"].is_null() ? "" : body["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 5);
  EXPECT_EQ(seen, made);
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(s.admin.get(s.project_path + "/maps?cursor=nonsense").status, 422);
  auto one = s.admin.get("/api/v1/maps/" + made[0]);
  EXPECT_EQ(one.json()["title"], "Kort 0");
  EXPECT_FALSE(one.json().contains("bpmn"));
  EXPECT_FALSE(one.json().contains("copy_of"));
}

TEST_F(MapsTest, ThePagesShowTheEditorVersionsAndPrintView) {
  auto t = server().create_tenant("mappages");
  auto s = setup(t);
  std::string project_id = s.project_path.substr(std::string("/api/v1/projects/").size());
  auto created = s.admin.send_json("POST", s.project_path + "/maps",
                                   {{"kind", "as_is"}, {"title", "Som i dag"}});
  std::string id = created.json()["id"];
  Client c = client();
  ASSERT_EQ(form_login(c, t.admin_email), 303);
  auto list = c.get("/projects/" + project_id + "/maps");
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Som i dag"), std::string::npos);
  auto editor = c.get("/projects/" + project_id + "/maps/" + id);
  EXPECT_EQ(editor.status, 200);
  expect_body_has(editor, {"data-map-editor", "/assets/modeler."});
  EXPECT_EQ(c.get("/projects/" + project_id + "/maps/" + id + "/versions").status, 200);
  EXPECT_EQ(c.get("/projects/" + project_id + "/maps/" + id + "/print").status, 200);
  EXPECT_EQ(c.get("/projects/" + project_id + "/map-comparison").status, 200);
  // A map id under another project's URL is not found.
  auto other =
      s.admin.send_json("POST", "/api/v1/projects", {{"title", "Andet"}, {"template", "ffb"}});
  EXPECT_EQ(c.get("/projects/" + other.json()["id"].get<std::string>() + "/maps/" + id).status,
            404);
}

}  // namespace
}  // namespace testing_http

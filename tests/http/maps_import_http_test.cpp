// Maps from other tools through the API on both engines (issue 13): a save from the
// editor merged onto the stored version, files in Latin-1 and windows-1252, and shapes
// of elements that do not exist.
#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"
#include "source_file.hpp"

namespace testing_http {
namespace {

using test::source_file;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class MapImportTest : public HttpTest {
 protected:
  struct Setup {
    Client admin;
    std::string project_path;
  };
  Setup setup(const TestServer::Tenant& t) {
    Client admin = admin_of(t);
    std::string unit = new_unit(admin, "Borgerservice");
    std::string id = new_project(admin, "Import", "kl-workflow", {{"unit_ids", {unit}}});
    return {admin, "/api/v1/projects/" + id};
  }
  HttpResponse import(Setup& s, const std::string& xml) {
    return s.admin.send_json("POST", s.project_path + "/maps",
                             {{"kind", "as_is"}, {"title", "Importeret"}, {"bpmn", xml}});
  }
  // A new map's XML, as stored.
  std::string new_map_xml(Setup& s, const std::string& kind, const std::string& title) {
    auto created =
        s.admin.send_json("POST", s.project_path + "/maps", {{"kind", kind}, {"title", title}});
    EXPECT_EQ(created.status, 201) << created.body;
    return s.admin.get("/api/v1/maps/" + created.json()["id"].get<std::string>() + "/bpmn").body;
  }
  HttpResponse put_xml(Client& c, const std::string& path, const std::string& xml,
                       long long version) {
    return c.request("PUT", path, xml,
                     {{"Content-Type", "application/xml"},
                      {"X-CSRF-Token", c.csrf()},
                      {"If-Match", "\"" + std::to_string(version) + "\""}});
  }
};

void expect_foreign_content(const std::string& xml) {
  EXPECT_TRUE(has(xml, R"(<other:costCentre id="_cc" code="4711">)")) << xml;
  EXPECT_TRUE(has(xml, "<bpmn2:outMessageRef>bpmn2:_msg_out</bpmn2:outMessageRef>"));
  EXPECT_TRUE(has(xml, R"(sourceRef="bpmn2:_citizen")"));
  EXPECT_TRUE(has(xml, R"(other:weight="3")"));
  EXPECT_TRUE(has(xml, R"(<bpmndi:BPMNDiagram id="_d2" name="Overblik">)"));
}

TEST_F(MapImportTest, TheEditorsSaveKeepsWhatItCannotModelAndExportIsTheStoredText) {
  auto t = server().create_tenant("mapmerge");
  auto s = setup(t);
  auto original = source_file("tests/maps/samples/imported_foreign.bpmn");
  auto created = import(s, original);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string path = "/api/v1/maps/" + created.json()["id"].get<std::string>() + "/bpmn";
  EXPECT_EQ(s.admin.get(path).body, original);  // byte for byte

  // What bpmn-js sends back for it: as sent it cannot even be saved.
  auto unchanged = source_file("tests/maps/edited/imported_foreign.moddle.bpmn");
  auto as_sent = put_xml(s.admin, path, unchanged, 1);
  EXPECT_EQ(as_sent.status, 422);
  EXPECT_TRUE(has(as_sent.body, "has no sourceRef")) << as_sent.body;

  auto saved = put_xml(s.admin, path + "?merge=true", unchanged, 1);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["version"], 2);
  auto v2 = s.admin.get(path);
  expect_foreign_content(v2.body);
  EXPECT_TRUE(has(v2.body, R"(<dc:Bounds x="260" y="180")"));

  auto moved = put_xml(s.admin, path + "?merge=true&comment=flyttet",
                       source_file("tests/maps/edited/imported_foreign.moved.bpmn"), 2);
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto v3 = s.admin.get(path);
  expect_foreign_content(v3.body);
  EXPECT_TRUE(has(v3.body, R"(<dc:Bounds x="300" y="190")"));
  EXPECT_FALSE(has(v3.body, R"(<dc:Bounds x="260" y="180")"));
  EXPECT_EQ(moved.json()["metrics"]["steps"], saved.json()["metrics"]["steps"]);

  // Merged onto the version read only: an older one is still a conflict.
  EXPECT_EQ(put_xml(s.admin, path + "?merge=true", unchanged, 2).status, 409);
  EXPECT_EQ(put_xml(s.admin, path + "?merge=maybe", unchanged, 3).status, 422);
}

// A small collaboration with one shape and one edge of elements the file lacks.
std::string dangling_map(const std::string& encoding, const std::string& step) {
  return R"(<?xml version="1.0" encoding=")" + encoding + R"("?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="D" targetNamespace="urn:t">
  <bpmn:process id="P"><bpmn:startEvent id="S"/><bpmn:task id="T" name=")" +
         step + R"("/><bpmn:sequenceFlow id="F" sourceRef="S" targetRef="T"/></bpmn:process>
  <bpmndi:BPMNDiagram id="Dia"><bpmndi:BPMNPlane id="Pl" bpmnElement="P">
    <bpmndi:BPMNShape id="S_di" bpmnElement="S"><dc:Bounds x="1" y="1" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="Ghost_di" bpmnElement="Ghost"><dc:Bounds x="9" y="9" width="9" height="9"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="T_di" bpmnElement="T"><dc:Bounds x="90" y="1" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="Gone_di" bpmnElement="Gone"/>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>
)";
}

TEST_F(MapImportTest, Latin1FilesAreConvertedAndShapesOfMissingElementsLeftOutWithAWarning) {
  auto t = server().create_tenant("mapimport");
  auto s = setup(t);
  // A windows-1252 file read into a JSON string (so UTF-8 by now).
  auto created = import(s, dangling_map("windows-1252", "Sagsbehandler – Køge"));
  ASSERT_EQ(created.status, 201) << created.body;
  auto warnings = created.json()["warnings"];
  ASSERT_EQ(warnings.size(), 2u) << created.body;
  EXPECT_TRUE(has(warnings[0].get<std::string>(), "Ghost_di"));
  EXPECT_TRUE(has(warnings[1].get<std::string>(), "Gone_di"));
  EXPECT_EQ(created.json()["metrics"]["steps"], 1);
  std::string id = created.json()["id"];
  auto stored = s.admin.get("/api/v1/maps/" + id + "/bpmn").body;
  EXPECT_TRUE(has(stored, "Sagsbehandler – Køge"));
  EXPECT_TRUE(has(stored, R"(encoding="UTF-8")"));
  EXPECT_FALSE(has(stored, "Ghost"));
  EXPECT_FALSE(has(stored, "Gone_di"));
  EXPECT_TRUE(has(stored, R"(<bpmndi:BPMNShape id="T_di")"));
  EXPECT_EQ(s.admin.get("/api/v1/maps/" + id).json()["warnings"], nlohmann::json::array());

  // The file's own bytes as a save: "Visitator – Næstved" with an en dash (0x96), æ (0xE6).
  auto raw = dangling_map("windows-1252", "Visitator \x96 N\xE6stved");
  auto saved = s.admin.request("PUT", "/api/v1/maps/" + id + "/bpmn", raw,
                               {{"Content-Type", "application/xml"},
                                {"X-CSRF-Token", s.admin.csrf()},
                                {"If-Match", "\"1\""}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["warnings"].size(), 2u);
  stored = s.admin.get("/api/v1/maps/" + id + "/bpmn").body;
  EXPECT_TRUE(has(stored, "Visitator – Næstved"));
  EXPECT_TRUE(has(stored, R"(encoding="UTF-8")"));

  // ISO-8859-1, all ASCII, through the form: the editor names what was left out.
  auto page = s.admin.post_form(
      "/projects/" + s.project_path.substr(s.project_path.rfind('/') + 1) + "/maps",
      {{"_csrf", s.admin.csrf()},
       {"kind", "as_is"},
       {"title", "Fra fil"},
       {"bpmn", dangling_map("ISO-8859-1", "Koege")}});
  ASSERT_EQ(page.status, 303) << page.body;
  auto location = page.header("location");
  EXPECT_TRUE(has(location, "?left_out=Ghost_di%2CGone_di")) << location;
  auto editor = s.admin.get(location);
  EXPECT_EQ(editor.status, 200);
  EXPECT_TRUE(has(editor.body, "De er udeladt af kortet")) << editor.body;
  EXPECT_TRUE(has(editor.body, "<code>Gone_di</code>"));

  // A broken process reference is still refused.
  auto broken = dangling_map("ISO-8859-1", "x");
  broken.replace(broken.find(R"(targetRef="T")"), 13, R"(targetRef="Q")");
  auto refused = import(s, broken);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(has(refused.body, "'Q'")) << refused.body;
}

TEST_F(MapImportTest, ARedesignsPoolTakesTheRedesignsTitle) {
  auto t = server().create_tenant("mappool");
  auto s = setup(t);
  auto as_is_xml = new_map_xml(s, "as_is", "Som i dag: Ressourceforløb");
  EXPECT_TRUE(has(as_is_xml, R"(name="Som i dag: Ressourceforløb")"));
  auto xml = new_map_xml(s, "redesign", "Fremtidig: Ressourceforløb");
  EXPECT_TRUE(has(xml, R"(<bpmn:participant id="Participant_1" name="Fremtidig: Ressourceforløb")"))
      << xml;
  EXPECT_FALSE(has(xml, "Som i dag"));
  // Nothing else changed.
  auto expected = as_is_xml;
  expected.replace(expected.find("Som i dag: Ressourceforløb"), 27, "Fremtidig: Ressourceforløb");
  EXPECT_EQ(xml, expected);
}

}  // namespace
}  // namespace testing_http

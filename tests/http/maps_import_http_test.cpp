// Maps from other tools through the API on both engines (issue 13): a save from the
// editor merged onto the stored version, files in Latin-1 and windows-1252, and shapes
// of elements that do not exist.
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "http/fixture.hpp"
#include "http/scenes.hpp"

namespace testing_http {
namespace {

std::string source_file(const std::string& path) {
  std::ifstream in(std::string(FREMDRIFT_SOURCE_DIR) + "/" + path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

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

}  // namespace
}  // namespace testing_http

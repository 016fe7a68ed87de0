// Files from other tools that the reading mends instead of refusing (issue 13): Latin-1
// and windows-1252 text, and diagram shapes of elements the file does not have.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "maps/bpmn_document.hpp"
#include "maps/bpmn_test_util.hpp"
#include "maps/initial_map.hpp"

namespace maps {
namespace {

std::string declared(const std::string& encoding, const std::string& name) {
  auto xml = test::wrap(R"(<bpmn:process id="p"><bpmn:task id="a" name=")" + name +
                        R"("/></bpmn:process>)");
  return xml.replace(xml.find("UTF-8"), 5, encoding);
}

TEST(BpmnImportTest, Latin1AndWindows1252AreReadAsUtf8) {
  // "Køge – 5 €" in windows-1252: ø is 0xF8, the dash 0x96 and the euro 0x80.
  for (const std::string encoding : {"ISO-8859-1", "windows-1252", "latin1", "CP1252"}) {
    SCOPED_TRACE(encoding);
    auto doc = BpmnDocument::parse(declared(encoding, "K\xF8ge \x96 5 \x80"));
    EXPECT_EQ(doc.find_node("a")->name, "Køge – 5 €");
    EXPECT_TRUE(core::is_valid_utf8(doc.xml()));
    EXPECT_EQ(doc.xml().find(encoding), std::string::npos);
    EXPECT_NE(doc.xml().find(R"(encoding="UTF-8")"), std::string::npos);
    // The stored text reads again as it is.
    EXPECT_EQ(BpmnDocument::parse(doc.xml()).xml(), doc.xml());
  }
  // All ASCII: only the declaration changes.
  auto ascii = declared("ISO-8859-1", "Koege");
  auto doc = BpmnDocument::parse(ascii);
  EXPECT_EQ(doc.xml(), test::wrap(R"(<bpmn:process id="p"><bpmn:task id="a" name="Koege"/>)"
                                  R"(</bpmn:process>)"));
  EXPECT_THROW(BpmnDocument::parse(declared("UTF-16", "Koege")), core::ValidationError);
  // Already UTF-8 (a browser read the file): only the declaration is put right.
  auto converted = BpmnDocument::parse(declared("ISO-8859-1", "Køge"));
  EXPECT_EQ(converted.find_node("a")->name, "Køge");
  EXPECT_EQ(converted.xml(), test::wrap(R"(<bpmn:process id="p"><bpmn:task id="a" )"
                                        R"(name="Køge"/></bpmn:process>)"));
}

constexpr const char* kDiagram = R"(<bpmn:process id="p">
  <bpmn:startEvent id="s"/><bpmn:task id="a"/>
  <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="a"/>
</bpmn:process>
<bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="p">
    <bpmndi:BPMNShape id="sh_s" bpmnElement="s"><dc:Bounds x="1" y="1" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="sh_gone" bpmnElement="Gone"><dc:Bounds x="9" y="9" width="9" height="9"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="sh_a" bpmnElement="a"><dc:Bounds x="100" y="1" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="e_gone" bpmnElement="bpmn:AlsoGone"/>
    <bpmndi:BPMNEdge id="e_f" bpmnElement="f"><di:waypoint x="37" y="19"/><di:waypoint x="100" y="19"/></bpmndi:BPMNEdge>
</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>)";

TEST(BpmnImportTest, AShapeOrEdgeOfAMissingElementIsLeftOutWithAWarning) {
  auto original = test::wrap(kDiagram);
  auto doc = BpmnDocument::parse(original);
  ASSERT_EQ(doc.warnings().size(), 2u);
  EXPECT_EQ(doc.warnings()[0].element_id, "sh_gone");
  EXPECT_NE(doc.warnings()[0].message.find("'Gone'"), std::string::npos);
  EXPECT_EQ(doc.warnings()[1].element_id, "e_gone");
  // Cut out with its line; everything else as it came.
  auto expected = original;
  for (const std::string& cut :
       {std::string(
            "\n    <bpmndi:BPMNShape id=\"sh_gone\" bpmnElement=\"Gone\"><dc:Bounds x=\"9\" "
            "y=\"9\" width=\"9\" height=\"9\"/></bpmndi:BPMNShape>"),
        std::string("\n    <bpmndi:BPMNEdge id=\"e_gone\" bpmnElement=\"bpmn:AlsoGone\"/>")}) {
    expected.erase(expected.find(cut), cut.size());
  }
  EXPECT_EQ(doc.xml(), expected);
  EXPECT_TRUE(BpmnDocument::parse(doc.xml()).warnings().empty());
  EXPECT_EQ(doc.nodes().size(), 2u);
}

TEST(BpmnImportTest, BrokenProcessReferencesAreStillRefused) {
  std::string plane = test::wrap(kDiagram);
  plane.replace(plane.find(R"(bpmnElement="p")"), 15, R"(bpmnElement="nope")");
  EXPECT_THROW(BpmnDocument::parse(plane), core::ValidationError);
  std::string flow = test::wrap(kDiagram);
  flow.replace(flow.find(R"(targetRef="a")"), 13, R"(targetRef="x")");
  EXPECT_THROW(BpmnDocument::parse(flow), core::ValidationError);
  std::string pool = test::wrap(
      R"(<bpmn:collaboration id="c"><bpmn:participant id="pp" processRef="nope"/></bpmn:collaboration>)");
  EXPECT_THROW(BpmnDocument::parse(pool), core::ValidationError);
}

TEST(RedesignPoolTest, TheProcessPoolIsRenamedAndTheRestKept) {
  auto xml = test::wrap(R"(<bpmn:collaboration id="c">
  <bpmn:participant id="citizen" name="Borger"/>
  <bpmn:participant name='Som i dag' processRef="p" id='pool'/>
</bpmn:collaboration>
<bpmn:process id="p"><bpmn:task id="a" name="Som i dag"/></bpmn:process>)");
  auto doc = BpmnDocument::parse(xml);
  auto renamed = rename_pools(xml, doc, "Som i dag", "Fremtidig & bedre");
  EXPECT_NE(
      renamed.find(R"(<bpmn:participant name="Fremtidig &amp; bedre" processRef="p" id='pool'/>)"),
      std::string::npos)
      << renamed;
  EXPECT_NE(renamed.find(R"(<bpmn:task id="a" name="Som i dag"/>)"), std::string::npos);
  EXPECT_NE(renamed.find(R"(name="Borger")"), std::string::npos);
  // The only pool with a process is renamed whatever it was called; one without a name
  // gets one.
  auto other = rename_pools(xml, doc, "Ressourceforløb", "Ny");
  EXPECT_NE(other.find(R"(<bpmn:participant name="Ny" processRef="p")"), std::string::npos);
  auto unnamed =
      test::wrap(R"(<bpmn:collaboration id="c"><bpmn:participant id="pool" processRef="p"/>
</bpmn:collaboration><bpmn:process id="p"/>)");
  EXPECT_NE(rename_pools(unnamed, BpmnDocument::parse(unnamed), "x", "Ny")
                .find(R"(<bpmn:participant name="Ny" id="pool")"),
            std::string::npos);
}

}  // namespace
}  // namespace maps

#include "maps/bpmn_document.hpp"

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/input.hpp"
#include "maps/bpmn_test_util.hpp"

namespace maps {
namespace {

using test::parse_body;
using test::wrap;

// The refusal's field and message; fails the test when nothing is refused.
std::string refusal(const std::string& xml) {
  try {
    BpmnDocument::parse(xml);
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().count("bpmn"), 1u);
    return e.what();
  }
  ADD_FAILURE() << "accepted: " << xml.substr(0, 300);
  return {};
}

#define EXPECT_REFUSED(xml, text) EXPECT_THAT_MESSAGE(refusal(xml), text)
#define EXPECT_THAT_MESSAGE(message, text) \
  EXPECT_NE((message).find(text), std::string::npos) << "message: " << (message)

const std::string kSmallProcess = R"(<bpmn:process id="p">
  <bpmn:startEvent id="s"/><bpmn:task id="a"/><bpmn:endEvent id="e"/>
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="a"/>
  <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="e"/>
</bpmn:process>)";

// --- Interchange: what comes in is what goes out ----------------------------

TEST(BpmnRoundTripTest, EverySampleComesBackByteForByte) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(test::samples_dir())) {
    names.push_back(entry.path().filename().string());
  }
  ASSERT_GE(names.size(), 8u);
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    auto original = test::read_file(test::samples_dir() / name);
    auto doc = BpmnDocument::parse(original);
    EXPECT_EQ(doc.xml(), original);
    // Reading the exported text again gives the same map.
    auto again = BpmnDocument::parse(doc.xml());
    EXPECT_EQ(again.xml(), original);
    EXPECT_EQ(again.nodes().size(), doc.nodes().size());
    EXPECT_EQ(again.sequence_flows().size(), doc.sequence_flows().size());
    EXPECT_FALSE(doc.nodes().empty());
  }
}

TEST(BpmnRoundTripTest, OtherToolsExtensionsAreReadPastAndKept) {
  auto camunda = test::sample("camunda_modeler.bpmn");
  EXPECT_NE(camunda.xml().find("<camunda:inputParameter name=\"frist\">P14D"), std::string::npos);
  EXPECT_NE(camunda.xml().find("camunda:assignee=\"${sagsbehandler}\""), std::string::npos);
  EXPECT_EQ(camunda.nodes().size(), 6u);
  // camunda:formField has an id of its own; extension content is not BPMN, so it can
  // neither clash with nor stand in for a BPMN id.
  EXPECT_EQ(camunda.find_node("godkendt"), nullptr);

  auto signavio = test::sample("signavio_crlf_bom.bpmn");
  EXPECT_EQ(signavio.xml().substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(signavio.xml().find("\r\n"), std::string::npos);
  EXPECT_NE(signavio.xml().find("<signavio:signavioMetaData metaKey=\"risikoniveau\""),
            std::string::npos);
  ASSERT_NE(signavio.find_node("sid-task-1"), nullptr);
  EXPECT_EQ(signavio.find_node("sid-task-1")->name, "Modtager\nhenvendelse");
  EXPECT_EQ(signavio.find_node("sid-task-1")->kind, "task");
}

TEST(BpmnRoundTripTest, CollaborationsSubProcessesDataAndAnnotations) {
  auto collab = test::sample("bpmnjs_collaboration.bpmn");
  EXPECT_EQ(collab.participants().size(), 3u);
  EXPECT_EQ(collab.process_ids().size(), 2u);
  EXPECT_EQ(collab.message_flows().size(), 4u);
  EXPECT_TRUE(collab.find_participant("Pool_Borger")->citizen);
  EXPECT_EQ(collab.find_participant("Pool_Borger")->process_id, "");
  EXPECT_EQ(collab.find_node("Task_Attest")->process_id, "Process_Sundhed");

  auto sub = test::sample("bpmnjs_subprocess.bpmn");
  EXPECT_EQ(sub.find_node("Sub_Samtale")->parent_id, "Sub_Udredning");
  EXPECT_EQ(sub.find_node("Sub_Samtale")->process_id, "Process_Sub");
  EXPECT_EQ(sub.find_node("Timer_Frist")->attached_to, "Sub_Udredning");
  EXPECT_EQ(sub.find_node("Call_Betaling")->it_system, "Opus");

  auto data = test::sample("bpmnjs_data_annotations.bpmn");
  EXPECT_EQ(data.nodes().size(), 3u);  // data objects, annotations and groups are not flow nodes
  EXPECT_EQ(data.sequence_flows().size(), 2u);

  auto plain = test::sample("no_di.bpmn");
  EXPECT_EQ(plain.nodes().size(), 7u);
  EXPECT_EQ(plain.find_node("a")->kind, "userTask");
}

// --- The model the metrics read ---------------------------------------------

TEST(BpmnDocumentTest, ReadsFremdriftAttributesUnderAnyPrefix) {
  auto doc = BpmnDocument::parse(R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
      xmlns:fd="http://fremdrift.dk/schema/bpmn/1.0" xmlns:fremdrift="urn:not-ours" id="d">
    <process id="p">
      <task id="a" fd:stepType="it_system" fd:itSystem="  Nexus  " fd:durationMinutes="15"
            fd:waitingMinutes=" 2880 " fd:kpi="true"/>
      <task id="b" fremdrift:stepType="bogus" fremdrift:durationMinutes="x"/>
    </process></definitions>)");
  const auto* a = doc.find_node("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->step_type, StepType::kItSystem);
  EXPECT_EQ(a->it_system, "Nexus");
  EXPECT_EQ(a->duration_minutes, 15);
  EXPECT_EQ(a->waiting_minutes, 2880);
  EXPECT_TRUE(a->kpi);
  // "fremdrift:" bound to another namespace is someone else's attribute: kept, not read.
  const auto* b = doc.find_node("b");
  EXPECT_FALSE(b->step_type.has_value());
  EXPECT_EQ(b->duration_minutes, 0);
}

TEST(BpmnDocumentTest, NodesBelongToTheInnermostLaneThatListsThem) {
  auto doc = test::sample("nested_lanes.bpmn");
  EXPECT_EQ(doc.find_node("t_apply")->lane_id, "lane_citizen");
  EXPECT_EQ(doc.find_node("t_register")->lane_id, "lane_reception");
  EXPECT_EQ(doc.find_node("t_assess")->lane_id, "lane_team");
  EXPECT_EQ(doc.find_lane("lane_team")->parent_lane_id, "lane_admin");
  EXPECT_EQ(doc.find_lane("lane_team")->unit_id, "unit-team");
  EXPECT_EQ(doc.find_lane("lane_admin")->parent_lane_id, "");
  EXPECT_TRUE(doc.find_lane("lane_citizen")->citizen);
  EXPECT_EQ(doc.find_lane("lane_citizen")->unit_id, "");
}

TEST(BpmnDocumentTest, BpmnInsideExtensionElementsIsNotPartOfTheMap) {
  auto doc = parse_body(R"(<bpmn:process id="p">
    <bpmn:extensionElements><bpmn:task id="a"/><bpmn:task id="hidden"/></bpmn:extensionElements>
    <bpmn:task id="a"/></bpmn:process>)");
  EXPECT_EQ(doc.nodes().size(), 1u);
  EXPECT_EQ(doc.find_node("hidden"), nullptr);
}

TEST(BpmnDocumentTest, CountsModelAndLayoutElementsApart) {
  auto doc = test::sample("bpmnjs_subprocess.bpmn");
  EXPECT_GT(doc.xml_element_count(), doc.model_element_count());
  auto plain = test::sample("no_di.bpmn");
  EXPECT_EQ(plain.xml_element_count(), plain.model_element_count());
  EXPECT_EQ(plain.model_element_count(), 16u);
}

TEST(BpmnDocumentTest, LanesMayOnlyNameKnownUnits) {
  auto doc = test::sample("nested_lanes.bpmn");
  EXPECT_NO_THROW(check_lane_units(doc, {"unit-admin", "unit-team", "unused"}));
  try {
    check_lane_units(doc, {"unit-admin"});
    FAIL() << "an unknown unit was accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().count("bpmn"), 1u);
    EXPECT_THAT_MESSAGE(std::string(e.what()), "lane 'lane_team'");
    EXPECT_THAT_MESSAGE(std::string(e.what()), "'unit-team'");
  }
  // A map without lanes names no units.
  EXPECT_NO_THROW(check_lane_units(parse_body(kSmallProcess), {}));
}

// --- Bad input ----------------------------------------------------------------

TEST(BpmnRefusalTest, NotXml) {
  EXPECT_REFUSED("", "empty");
  EXPECT_REFUSED("hello, world", "not well-formed XML");
  EXPECT_REFUSED("{\"bpmn\": true}", "not well-formed XML");
  // pugixml's own findings carry line and column.
  EXPECT_REFUSED(wrap("<bpmn:process id=\"p\">\n<bpmn:task id=\"a\">\n</bpmn:process>"),
                 "not well-formed XML: Start-end tags mismatch (line 5, column");
  EXPECT_REFUSED(
      wrap("<bpmn:process id=\"p\"><bpmn:task id=\"a\" x=\"1\" x=\"2\"/></bpmn:process>"),
      "has the attribute x twice");
  EXPECT_REFUSED(wrap("<bpmn:process id=\"p\" name=\"a < b\"/>"), "'<'");
  EXPECT_REFUSED(wrap(kSmallProcess) + "<bpmn:definitions/>", "more than one root element");
  EXPECT_REFUSED("<a/><b/>", "more than one root element");
  EXPECT_REFUSED(wrap("<bpmn:process id=\"p\" name=\"R&D\"/>"), "bare '&'");
}

TEST(BpmnRefusalTest, NotUtf8) {
  EXPECT_REFUSED(wrap("<bpmn:process id=\"p\" name=\"K\xf8ge\"/>"), "not UTF-8 (line 3)");
  EXPECT_REFUSED("\xFF\xFE<\0d\0", "not UTF-8");
  // Latin-1 and windows-1252 are converted (bpmn_import_test.cpp); others are refused.
  EXPECT_REFUSED(R"(<?xml version="1.0" encoding="Shift_JIS"?><definitions/>)",
                 "encoding \"Shift_JIS\"");
  // Found by the fuzzer: the echoed encoding name was cut inside a UTF-8 sequence.
  auto long_name = refusal("<?xml version=\"1.0\" encoding=\"" + std::string(39, 'x') +
                           "\xC3\xA6\xC3\xA6\"?><definitions/>");
  EXPECT_THAT_MESSAGE(long_name, "only UTF-8 is accepted");
  EXPECT_TRUE(core::is_valid_utf8(long_name));
  EXPECT_REFUSED(wrap("<bpmn:process id=\"p\" name=\"bell\x07\"/>"), "control character");
  EXPECT_REFUSED(wrap("<bpmn:process id=\"p\" name=\"nul&#0;\"/>"), "character reference");
  EXPECT_REFUSED(wrap("<bpmn:process id=\"p\" name=\"&#xD800;\"/>"), "character reference");
  EXPECT_REFUSED(wrap("<bpmn:process id=\"p\" name=\"&#x110000;\"/>"), "character reference");
  // Predefined entities and proper character references are fine.
  auto doc = parse_body(
      "<bpmn:process id=\"p\"><bpmn:task id=\"a\" name=\"&lt;&amp;&#xE6;&#248;\"/></bpmn:process>");
  EXPECT_EQ(doc.find_node("a")->name, "<&æø");
}

TEST(BpmnRefusalTest, NotBpmn) {
  EXPECT_REFUSED("<html><body/></html>", "not a BPMN 2.0 file: the root element is <html>");
  EXPECT_REFUSED(R"(<definitions xmlns="http://www.omg.org/spec/BPMN/20100501/MODEL"/>)",
                 "not a BPMN 2.0 file");
  EXPECT_REFUSED(R"(<bpmn:process xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>)",
                 "the root element is <bpmn:process>");
  EXPECT_REFUSED(R"(<bpmn:definitions/>)", "not a BPMN 2.0 file");
  // Any prefix, or none, will do.
  EXPECT_NO_THROW(BpmnDocument::parse(
      R"(<b2:definitions xmlns:b2="http://www.omg.org/spec/BPMN/20100524/MODEL"/>)"));
}

TEST(BpmnRefusalTest, DoctypeAndEntitiesAreNeverExpanded) {
  auto doctype = std::string("<?xml version=\"1.0\"?>\n<!DOCTYPE definitions>\n") +
                 wrap(kSmallProcess).substr(39);
  EXPECT_REFUSED(doctype, "a DOCTYPE is not allowed (line 2)");

  // Billion laughs: refused at the DOCTYPE, before anything is expanded, and at once.
  std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    auto inner = i == 1 ? std::string("&lol;") : "&lol" + std::to_string(i - 1) + ";";
    laughs += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) laughs += inner;
    laughs += "\">\n";
  }
  laughs +=
      "]>\n<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">&lol9;"
      "</definitions>";
  auto started = std::chrono::steady_clock::now();
  EXPECT_REFUSED(laughs, "DOCTYPE");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(100));

  // External entity (XXE), with or without a DOCTYPE around the declaration.
  EXPECT_REFUSED("<!DOCTYPE d [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><d>&xxe;</d>",
                 "DOCTYPE");
  EXPECT_REFUSED(wrap("<!ENTITY xxe SYSTEM \"file:///etc/passwd\">"),
                 "an entity declaration is not allowed");
  EXPECT_REFUSED(wrap("<bpmn:process id=\"p\" name=\"&xxe;\"/>"),
                 "the entity reference &xxe; is not allowed");
  EXPECT_REFUSED(wrap("<bpmn:process id=\"p\"><bpmn:documentation>&nbsp;</bpmn:documentation>"
                      "</bpmn:process>"),
                 "&nbsp;");
  // The same words inside a comment or CDATA are text, not declarations.
  EXPECT_NO_THROW(parse_body("<!-- <!DOCTYPE x> <!ENTITY y 'z'> &y; -->" + kSmallProcess));
  EXPECT_NO_THROW(
      parse_body("<bpmn:process id=\"p\"><bpmn:documentation><![CDATA[<!DOCTYPE x> &y; <]]>"
                 "</bpmn:documentation></bpmn:process>"));
}

TEST(BpmnRefusalTest, TooLarge) {
  auto xml = wrap("<!--" + std::string(kMaxBytes, 'x') + "-->");
  EXPECT_THROW(BpmnDocument::parse(xml), core::PayloadTooLarge);
  try {
    BpmnDocument::parse(xml);
  } catch (const core::PayloadTooLarge& e) {
    EXPECT_THAT_MESSAGE(std::string(e.what()), "larger than 5 MB");
  }
  // Just under the limit is fine.
  auto head = wrap(kSmallProcess);
  EXPECT_NO_THROW(
      BpmnDocument::parse(head + "<!--" + std::string(kMaxBytes - head.size() - 7, 'x') + "-->"));
}

TEST(BpmnRefusalTest, TooManyElements) {
  auto tasks = [](std::size_t n) {
    std::string body = "<bpmn:process id=\"p\">";
    for (std::size_t i = 0; i < n; ++i) body += "<bpmn:task id=\"t" + std::to_string(i) + "\"/>";
    return body + "</bpmn:process>";
  };
  // definitions + process + tasks
  EXPECT_NO_THROW(parse_body(tasks(kMaxModelElements - 2)));
  EXPECT_REFUSED(wrap(tasks(kMaxModelElements - 1)), "more than 20000 BPMN elements");

  // Layout does not count against the map, but against the looser XML limit.
  std::string shapes =
      kSmallProcess + "<bpmndi:BPMNDiagram id=\"dia\"><bpmndi:BPMNPlane id=\"pl\">";
  for (int i = 0; i < 15000; ++i) {
    shapes += "<bpmndi:BPMNShape bpmnElement=\"a\"><dc:Bounds x=\"1\" y=\"1\"/></bpmndi:BPMNShape>";
  }
  shapes += "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>";
  EXPECT_NO_THROW(parse_body(shapes));
  std::string flood = "<acme:flood xmlns:acme=\"urn:acme\">";
  for (std::size_t i = 0; i < kMaxXmlElements; ++i) flood += "<a/>";
  flood += "</acme:flood>";
  EXPECT_REFUSED(wrap(flood), "more than 200000 XML elements");
}

TEST(BpmnRefusalTest, TooDeep) {
  std::string open, close;
  for (std::size_t i = 0; i < kMaxDepth; ++i) {
    open += "<x:n>";
    close += "</x:n>";
  }
  EXPECT_REFUSED(wrap("<x:root xmlns:x=\"urn:x\">" + open + close + "</x:root>"),
                 "nested more than 100 levels deep");
  EXPECT_NO_THROW(parse_body("<x:root xmlns:x=\"urn:x\">" + open.substr(0, 5 * (kMaxDepth - 3)) +
                             close.substr(0, 6 * (kMaxDepth - 3)) + "</x:root>"));
}

TEST(BpmnRefusalTest, TooManyNamespaces) {
  std::string declarations;
  for (std::size_t i = 0; i < kMaxNamespaces; ++i) {
    declarations += " xmlns:n" + std::to_string(i) + "=\"urn:" + std::to_string(i) + "\"";
  }
  // With the five of wrap() these are over the limit; with one more than the limit
  // allows on the root, they fill it exactly.
  EXPECT_REFUSED(wrap("<x:e xmlns:x=\"urn:x\"" + declarations + "/>"),
                 "more than 100 namespace declarations are in scope (line 3)");
  auto root = "<definitions" + declarations + "/>";
  EXPECT_REFUSED(root.replace(12, 0, " xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""),
                 "more than 100 namespace declarations");
  EXPECT_NO_THROW(
      BpmnDocument::parse("<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"" +
                          declarations.substr(declarations.find(" xmlns:n1=")) + "/>"));
}

struct DanglingCase {
  const char* body;
  const char* message;
};

TEST(BpmnRefusalTest, DanglingReferencesNameTheElement) {
  const DanglingCase cases[] = {
      {R"(<bpmn:process id="p"><bpmn:task id="a"/>
          <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="nowhere"/></bpmn:process>)",
       "sequenceFlow 'f1' refers to an unknown element 'nowhere' in targetRef"},
      {R"(<bpmn:process id="p"><bpmn:task id="a"/>
          <bpmn:sequenceFlow id="f1" sourceRef="ghost" targetRef="a"/></bpmn:process>)",
       "sequenceFlow 'f1' refers to an unknown element 'ghost' in sourceRef"},
      {R"(<bpmn:collaboration id="c"><bpmn:participant id="x" processRef="p"/>
          <bpmn:messageFlow id="m1" sourceRef="x" targetRef="gone"/></bpmn:collaboration>
          <bpmn:process id="p"/>)",
       "messageFlow 'm1' refers to an unknown element 'gone' in targetRef"},
      {R"(<bpmn:collaboration id="c"><bpmn:participant id="x" processRef="nope"/>
          </bpmn:collaboration>)",
       "participant 'x' refers to an unknown element 'nope' in processRef"},
      {R"(<bpmn:process id="p"><bpmn:laneSet id="ls"><bpmn:lane id="L1">
          <bpmn:flowNodeRef>missing</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet></bpmn:process>)",
       "lane 'L1' refers to an unknown element 'missing' in flowNodeRef"},
      // A shape or edge of a missing element is left out with a warning instead
      // (bpmn_import_test.cpp); a plane of one is refused.
      {R"(<bpmn:process id="p"><bpmn:task id="a"/></bpmn:process>
          <bpmndi:BPMNDiagram id="d1"><bpmndi:BPMNPlane id="pl" bpmnElement="p9">
          <bpmndi:BPMNShape id="a_di" bpmnElement="a"/></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>)",
       "BPMNPlane 'pl' refers to an unknown element 'p9' in bpmnElement"},
      {R"(<bpmn:process id="p"><bpmn:task id="a"><bpmn:incoming>f0</bpmn:incoming></bpmn:task>
          </bpmn:process>)",
       "task 'a' refers to an unknown element 'f0' in incoming"},
      {R"(<bpmn:process id="p"><bpmn:task id="a"/>
          <bpmn:boundaryEvent id="b" attachedToRef="z"/></bpmn:process>)",
       "boundaryEvent 'b' refers to an unknown element 'z' in attachedToRef"},
      {R"(<bpmn:process id="p"><bpmn:exclusiveGateway id="g" default="f7"/></bpmn:process>)",
       "exclusiveGateway 'g' refers to an unknown element 'f7' in default"},
      {R"(<bpmn:process id="p"><bpmn:task id="a"/><bpmn:textAnnotation id="t"/>
          <bpmn:association id="as" sourceRef="a" targetRef="t2"/></bpmn:process>)",
       "association 'as' refers to an unknown element 't2' in targetRef"},
      {R"(<bpmn:process id="p"><bpmn:laneSet id="ls"><bpmn:lane id="L1"/></bpmn:laneSet>
          <bpmn:task id="a"/>
          <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="L1"/></bpmn:process>)",
       "sequenceFlow 'f1' connects 'L1', which is not a flow node"},
      {R"(<bpmn:process id="p"><bpmn:task id="a"/>
          <bpmn:sequenceFlow id="f1" sourceRef="a"/></bpmn:process>)",
       "sequenceFlow 'f1' has no targetRef"},
  };
  for (const auto& c : cases) EXPECT_REFUSED(wrap(c.body), c.message);
}

TEST(BpmnRefusalTest, IdsAreUniqueAndWellFormed) {
  EXPECT_REFUSED(
      wrap(R"(<bpmn:process id="p"><bpmn:task id="a"/><bpmn:task id="a"/></bpmn:process>)"),
      "the id 'a' is used twice (by a task and a task)");
  EXPECT_REFUSED(wrap(R"(<bpmn:process id="p"><bpmn:task id="p"/></bpmn:process>)"),
                 "the id 'p' is used twice (by a process and a task)");
  EXPECT_REFUSED(wrap(kSmallProcess + R"(<bpmndi:BPMNDiagram id="a"><bpmndi:BPMNPlane id="pl"/>
           </bpmndi:BPMNDiagram>)"),
                 "the id 'a' is used twice (by a task and a BPMNDiagram)");
  EXPECT_REFUSED(wrap(R"(<bpmn:process id="p"><bpmn:task id="1st"/></bpmn:process>)"),
                 "the id \"1st\" of a task is not a valid XML name");
  EXPECT_REFUSED(wrap(R"(<bpmn:process id="p"><bpmn:task id="a b"/></bpmn:process>)"),
                 "not a valid XML name");
  EXPECT_REFUSED(wrap(R"(<bpmn:process id="p"><bpmn:task name="no id"/></bpmn:process>)"),
                 "a task has no id (line 3)");
  EXPECT_REFUSED(wrap(R"(<bpmn:process id="p"><bpmn:laneSet id="ls"><bpmn:lane/>
                         </bpmn:laneSet></bpmn:process>)"),
                 "a lane has no id");
}

TEST(BpmnRefusalTest, FremdriftAttributesAreChecked) {
  auto task = [](const std::string& attrs) {
    return wrap("<bpmn:process id=\"p\"><bpmn:task id=\"a\" " + attrs + "/></bpmn:process>");
  };
  EXPECT_REFUSED(task("fremdrift:stepType=\"meeting\""),
                 "task 'a' has an unknown fremdrift:stepType \"meeting\"");
  EXPECT_REFUSED(task("fremdrift:durationMinutes=\"-5\""),
                 "fremdrift:durationMinutes of task 'a' must be a whole number of minutes");
  EXPECT_REFUSED(task("fremdrift:waitingMinutes=\"1.5\""), "fremdrift:waitingMinutes of task 'a'");
  EXPECT_REFUSED(task("fremdrift:waitingMinutes=\"99999999999\""), "fremdrift:waitingMinutes");
  // Found by the fuzzer: a number long enough to overflow while being read.
  EXPECT_REFUSED(task("fremdrift:durationMinutes=\"2855555555555555555555555\""),
                 "fremdrift:durationMinutes");
  EXPECT_REFUSED(task("fremdrift:waitingMinutes=\"\""), "fremdrift:waitingMinutes");
  EXPECT_REFUSED(task("fremdrift:kpi=\"yes\""), "fremdrift:kpi of task 'a' must be true or false");
  EXPECT_REFUSED(task("fremdrift:itSystem=\"" + std::string(201, 'x') + "\""),
                 "longer than 200 characters");
  EXPECT_REFUSED(wrap(R"(<bpmn:process id="p"><bpmn:laneSet id="ls">
      <bpmn:lane id="L" fremdrift:laneKind="robot"/></bpmn:laneSet></bpmn:process>)"),
                 "fremdrift:laneKind of lane 'L' must be \"unit\" or \"citizen\"");
  for (auto type : kStepTypeNames) {
    EXPECT_NO_THROW(BpmnDocument::parse(task("fremdrift:stepType=\"" + std::string(type) + "\"")));
  }
  EXPECT_EQ(BpmnDocument::parse(task("fremdrift:waitingMinutes=\"5270400\""))
                .find_node("a")
                ->waiting_minutes,
            kMaxMinutes);
}

TEST(BpmnRefusalTest, TextOutsideTheRootElement) {
  EXPECT_REFUSED("garbage" + wrap(kSmallProcess), "text outside the root element (line 1)");
  EXPECT_REFUSED(wrap(kSmallProcess) + "trailing", "text outside the root element");
  EXPECT_NO_THROW(
      BpmnDocument::parse("\n\n  " + wrap(kSmallProcess).substr(39) + "\n<!-- end -->\n"));
}

// --- The moddle descriptor for bpmn-js declares what the server reads ----------

TEST(BpmnModdleTest, DescriptorMatchesTheServer) {
  auto text = test::read_file(std::filesystem::path(FREMDRIFT_SOURCE_DIR) / "web" / "bpmn" /
                              "fremdrift-moddle.json");
  auto descriptor = nlohmann::json::parse(text);
  EXPECT_EQ(descriptor["prefix"], "fremdrift");
  EXPECT_EQ(descriptor["uri"], std::string(kFremdriftNs));
  std::map<std::string, std::set<std::string>> attributes;  // extended type → isAttr names
  for (const auto& type : descriptor["types"]) {
    for (const auto& extended : type["extends"]) {
      for (const auto& p : type["properties"]) {
        EXPECT_TRUE(p.value("isAttr", false)) << p.dump();
        attributes[extended.get<std::string>()].insert(p["name"].get<std::string>());
      }
    }
  }
  for (const char* a :
       {"stepType", "itSystem", "durationMinutes", "waitingMinutes", "kpi", "beforeGoLive"}) {
    EXPECT_EQ(attributes["bpmn:FlowNode"].count(a), 1u) << a;
  }
  EXPECT_EQ(attributes["bpmn:Lane"].count("unitId"), 1u);
  EXPECT_EQ(attributes["bpmn:Lane"].count("laneKind"), 1u);
  EXPECT_EQ(attributes["bpmn:Participant"].count("laneKind"), 1u);
}

}  // namespace
}  // namespace maps

#include "maps/metrics.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "maps/bpmn_test_util.hpp"

namespace maps {
namespace {

using Ids = std::vector<std::string>;

MapMetrics metrics_of(const std::string& body) { return compute_metrics(test::parse_body(body)); }

// "a>b b>c" → sequence flows a→b and b→c, ids f1, f2, …
std::string flows(const std::string& spec) {
  std::string out;
  std::size_t n = 0;
  std::size_t pos = 0;
  while (pos < spec.size()) {
    auto end = spec.find(' ', pos);
    if (end == std::string::npos) end = spec.size();
    auto edge = spec.substr(pos, end - pos);
    auto arrow = edge.find('>');
    out += "<bpmn:sequenceFlow id=\"f" + std::to_string(++n) + "\" sourceRef=\"" +
           edge.substr(0, arrow) + "\" targetRef=\"" + edge.substr(arrow + 1) + "\"/>";
    pos = end + 1;
  }
  return out;
}

std::string lane(const std::string& id, const std::string& attrs, const Ids& nodes,
                 const std::string& children = "") {
  std::string out = "<bpmn:lane id=\"" + id + "\" " + attrs + ">";
  for (const auto& n : nodes) out += "<bpmn:flowNodeRef>" + n + "</bpmn:flowNodeRef>";
  if (!children.empty())
    out += "<bpmn:childLaneSet id=\"" + id + "_set\">" + children + "</bpmn:childLaneSet>";
  return out + "</bpmn:lane>";
}

// --- Steps ---------------------------------------------------------------------

TEST(MetricsTest, StepsAreActivitiesAndFramesDoNotCount) {
  auto m = metrics_of(R"(<bpmn:process id="p">
    <bpmn:startEvent id="s"/>
    <bpmn:task id="t1"/><bpmn:userTask id="t2"/><bpmn:serviceTask id="t3"/>
    <bpmn:sendTask id="t4"/><bpmn:receiveTask id="t5"/><bpmn:manualTask id="t6"/>
    <bpmn:businessRuleTask id="t7"/><bpmn:scriptTask id="t8"/>
    <bpmn:callActivity id="call"/>
    <bpmn:subProcess id="frame"><bpmn:startEvent id="fs"/><bpmn:task id="inner"/></bpmn:subProcess>
    <bpmn:subProcess id="black_box"/>
    <bpmn:transaction id="tx"><bpmn:startEvent id="tx_s"/></bpmn:transaction>
    <bpmn:exclusiveGateway id="g"/>
    <bpmn:intermediateCatchEvent id="timer" fremdrift:stepType="waiting"/>
    <bpmn:dataObjectReference id="d" dataObjectRef="do"/><bpmn:dataObject id="do"/>
    <bpmn:textAnnotation id="note"/>
    <bpmn:endEvent id="e"/>
  </bpmn:process>)");
  // 8 tasks, the call activity, `inner`, and the two sub-processes with no activity inside.
  EXPECT_EQ(m.steps, 12);
  EXPECT_EQ(m.steps_by_type["task"], 11);
  EXPECT_EQ(m.steps_by_type["it_system"], 1);  // the service task
  EXPECT_EQ(m.steps_by_type["waiting"], 0);    // a typed event is not a step
  EXPECT_EQ(m.steps_by_type.size(), kStepTypeNames.size());
}

TEST(MetricsTest, StepsByType) {
  std::string body = "<bpmn:process id=\"p\">";
  int i = 0;
  for (auto type : kStepTypeNames) {
    for (int k = 0; k <= i; ++k) {
      body += "<bpmn:task id=\"t" + std::to_string(i) + "_" + std::to_string(k) +
              "\" fremdrift:stepType=\"" + std::string(type) + "\"/>";
    }
    ++i;
  }
  auto m = metrics_of(body + "</bpmn:process>");
  EXPECT_EQ(m.steps, 1 + 2 + 3 + 4 + 5 + 6 + 7);
  EXPECT_EQ(m.steps_by_type["task"], 1);
  EXPECT_EQ(m.steps_by_type["it_system"], 2);
  EXPECT_EQ(m.steps_by_type["citizen"], 3);
  EXPECT_EQ(m.steps_by_type["handover"], 4);
  EXPECT_EQ(m.steps_by_type["waiting"], 5);
  EXPECT_EQ(m.steps_by_type["decision"], 6);
  EXPECT_EQ(m.steps_by_type["document"], 7);
}

// --- Handovers -----------------------------------------------------------------

TEST(MetricsTest, HandoversAreFlowsBetweenUnits) {
  auto m = metrics_of("<bpmn:process id=\"p\"><bpmn:laneSet id=\"ls\">" +
                      lane("A", "fremdrift:unitId=\"u1\"", {"s", "a1"}) +
                      lane("B", "fremdrift:unitId=\"u2\"", {"b1"}) + lane("C", "", {"c1"}) +
                      lane("D", "fremdrift:unitId=\"u1\"", {"d1", "e"}) +
                      R"(</bpmn:laneSet>
      <bpmn:startEvent id="s"/><bpmn:task id="a1"/><bpmn:task id="b1"/><bpmn:task id="c1"/>
      <bpmn:task id="d1"/><bpmn:endEvent id="e"/><bpmn:task id="nowhere"/>)" +
                      flows("s>a1 a1>b1 b1>c1 c1>d1 d1>e a1>d1 a1>nowhere") + "</bpmn:process>");
  // a1→b1 (u1→u2), b1→c1 (u2→lane C), c1→d1 (lane C→u1). a1→d1 stays in u1 although the
  // lanes differ; a node in no lane is nobody's.
  EXPECT_EQ(m.sequence_flow_handovers, 3);
  EXPECT_EQ(m.message_flow_handovers, 0);
  EXPECT_EQ(m.handovers, 3);
}

TEST(MetricsTest, NestedLanesBelongToTheNearestUnit) {
  // nested_lanes.bpmn: citizen → reception (a lane of unit-admin) → team (unit-team).
  auto m = compute_metrics(test::sample("nested_lanes.bpmn"));
  EXPECT_EQ(m.handovers, 2);

  // Child lanes without units of their own are the parent's unit: no handover between them.
  std::string nodes = R"(<bpmn:task id="x"/><bpmn:task id="y"/><bpmn:task id="z"/>)";
  auto inherit = metrics_of("<bpmn:process id=\"p\"><bpmn:laneSet id=\"ls\">" +
                            lane("Job", "fremdrift:unitId=\"job\"", {"x", "y"},
                                 lane("T1", "", {"x"}) + lane("T2", "", {"y"})) +
                            lane("Soc", "fremdrift:unitId=\"soc\"", {"z"}) + "</bpmn:laneSet>" +
                            nodes + flows("x>y y>z") + "</bpmn:process>");
  EXPECT_EQ(inherit.handovers, 1);

  // With no units anywhere, each innermost lane is a party of its own.
  auto plain = metrics_of(
      "<bpmn:process id=\"p\"><bpmn:laneSet id=\"ls\">" +
      lane("Top", "", {"x", "y", "z"}, lane("T1", "", {"x"}) + lane("T2", "", {"y", "z"})) +
      "</bpmn:laneSet>" + nodes + flows("x>y y>z") + "</bpmn:process>");
  EXPECT_EQ(plain.handovers, 1);
}

TEST(MetricsTest, InsideASubProcessIsTheSubProcessLane) {
  auto m = metrics_of("<bpmn:process id=\"p\"><bpmn:laneSet id=\"ls\">" +
                      lane("A", "fremdrift:unitId=\"u1\"", {"sub"}) +
                      lane("B", "fremdrift:unitId=\"u2\"", {"b"}) +
                      R"(</bpmn:laneSet>
      <bpmn:subProcess id="sub"><bpmn:task id="i1"/><bpmn:task id="i2"/>)" +
                      flows("i1>i2") + R"(</bpmn:subProcess><bpmn:task id="b"/>
      <bpmn:sequenceFlow id="out" sourceRef="sub" targetRef="b"/></bpmn:process>)");
  EXPECT_EQ(m.handovers, 1);
  EXPECT_EQ(m.steps, 3);
}

TEST(MetricsTest, MessageFlowsBetweenPoolsAreHandovers) {
  auto m = compute_metrics(test::sample("bpmnjs_collaboration.bpmn"));
  EXPECT_EQ(m.sequence_flow_handovers, 0);  // no lanes
  EXPECT_EQ(m.message_flow_handovers, 4);
  EXPECT_EQ(m.handovers, 4);

  // A message inside one pool is not a handover.
  auto same = metrics_of(R"(<bpmn:collaboration id="c">
      <bpmn:participant id="P" processRef="p"/>
      <bpmn:messageFlow id="m" sourceRef="a" targetRef="b"/></bpmn:collaboration>
    <bpmn:process id="p"><bpmn:task id="a"/><bpmn:task id="b"/></bpmn:process>)");
  EXPECT_EQ(same.handovers, 0);
}

// --- IT systems and citizen contacts ---------------------------------------------

TEST(MetricsTest, ItSystemsAndTouches) {
  auto m = metrics_of(R"(<bpmn:process id="p">
    <bpmn:task id="t1" fremdrift:stepType="it_system" fremdrift:itSystem="Nexus"/>
    <bpmn:task id="t2" fremdrift:stepType="it_system" fremdrift:itSystem=" Nexus "/>
    <bpmn:task id="t3" fremdrift:stepType="it_system" fremdrift:itSystem="SAP"/>
    <bpmn:serviceTask id="t4"/>
    <bpmn:task id="t5" fremdrift:itSystem="Outlook"/>
    <bpmn:task id="t6" fremdrift:stepType="it_system"/>
    <bpmn:task id="t7"/>
    <bpmn:intermediateThrowEvent id="ev" fremdrift:itSystem="Mail"/>
  </bpmn:process>)");
  EXPECT_EQ(m.it_system_touches, 6);
  EXPECT_EQ(m.it_systems, (Ids{"Nexus", "Outlook", "SAP"}));
}

TEST(MetricsTest, CitizenContacts) {
  auto m = metrics_of("<bpmn:process id=\"p\"><bpmn:laneSet id=\"ls\">" +
                      lane("Cit", "fremdrift:laneKind=\"citizen\"", {"c1", "c2", "ev", "c3"},
                           lane("Relatives", "", {"c3"})) +
                      lane("Job", "fremdrift:unitId=\"job\"", {"u1", "u2"}) +
                      R"(</bpmn:laneSet>
      <bpmn:task id="c1"/><bpmn:task id="c2" fremdrift:stepType="citizen"/>
      <bpmn:task id="c3"/><bpmn:intermediateCatchEvent id="ev"/>
      <bpmn:task id="u1" fremdrift:stepType="citizen"/><bpmn:task id="u2"/></bpmn:process>)");
  // c1 and c2 (citizen lane, counted once each), c3 (a lane inside it), u1 (typed).
  EXPECT_EQ(m.citizen_contacts, 4);

  // Steps in a citizen pool count; so do messages to or from a black-box citizen pool.
  auto pool = metrics_of(R"(<bpmn:collaboration id="c">
      <bpmn:participant id="Cit" processRef="pc" fremdrift:laneKind="citizen"/>
      <bpmn:participant id="Job" processRef="pj"/></bpmn:collaboration>
    <bpmn:process id="pc"><bpmn:task id="c1"/><bpmn:task id="c2"/></bpmn:process>
    <bpmn:process id="pj"><bpmn:task id="j1"/></bpmn:process>)");
  EXPECT_EQ(pool.citizen_contacts, 2);
  EXPECT_EQ(compute_metrics(test::sample("bpmnjs_collaboration.bpmn")).citizen_contacts, 2);
}

// --- Decision points -------------------------------------------------------------

TEST(MetricsTest, DecisionPointsAreSplittingGateways) {
  auto m = metrics_of(R"(<bpmn:process id="p">
    <bpmn:exclusiveGateway id="xor_split"/><bpmn:exclusiveGateway id="xor_merge"/>
    <bpmn:parallelGateway id="and_split"/><bpmn:inclusiveGateway id="or_split"/>
    <bpmn:eventBasedGateway id="event_split"/><bpmn:complexGateway id="complex_split"/>
    <bpmn:task id="d1" fremdrift:stepType="decision"/><bpmn:exclusiveGateway id="after_d1"/>
    <bpmn:task id="d2" fremdrift:stepType="decision"/>
    <bpmn:task id="a"/><bpmn:task id="b"/><bpmn:task id="c"/>)" +
                      flows("xor_split>a xor_split>b a>xor_merge b>xor_merge xor_merge>c "
                            "and_split>a and_split>b or_split>a or_split>b or_split>c "
                            "event_split>a event_split>b complex_split>a complex_split>b "
                            "d1>after_d1 after_d1>a after_d1>b d2>c") +
                      "</bpmn:process>");
  // xor_split, or_split, event_split, complex_split, d1 with its gateway (once), d2.
  EXPECT_EQ(m.decision_points, 6);
}

// --- Time ------------------------------------------------------------------------

TEST(MetricsTest, WaitingAndWorkAddUpOverEveryFlowNode) {
  auto m = compute_metrics(test::sample("bpmnjs_as_is.bpmn"));
  EXPECT_EQ(m.waiting_minutes, 2880 + 10080);
  EXPECT_EQ(m.duration_minutes, 30 + 15 + 60 + 20 + 10);
  // A timer event carries waiting time too.
  auto timer = metrics_of(R"(<bpmn:process id="p">
      <bpmn:intermediateCatchEvent id="w" fremdrift:waitingMinutes="1440"/>
      <bpmn:task id="a" fremdrift:durationMinutes="5" fremdrift:waitingMinutes="10"/></bpmn:process>)");
  EXPECT_EQ(timer.waiting_minutes, 1450);
  EXPECT_EQ(timer.duration_minutes, 5);
}

TEST(MetricsTest, LeadTimeOfAStraightLine) {
  auto m = metrics_of(R"(<bpmn:process id="p"><bpmn:startEvent id="s"/>
    <bpmn:task id="a" fremdrift:durationMinutes="10" fremdrift:waitingMinutes="5"/>
    <bpmn:task id="b" fremdrift:durationMinutes="20"/><bpmn:endEvent id="e"/>)" +
                      flows("s>a a>b b>e") + "</bpmn:process>");
  EXPECT_EQ(m.lead_time_minutes, 35);
  EXPECT_EQ(m.critical_path, (Ids{"s", "a", "b", "e"}));
  EXPECT_TRUE(m.loops.empty());
}

TEST(MetricsTest, LeadTimeTakesTheLongestBranch) {
  // as-is sample: the "yes" branch (visitation with a week's wait) is the longest.
  auto m = compute_metrics(test::sample("bpmnjs_as_is.bpmn"));
  EXPECT_EQ(m.lead_time_minutes, 30 + 15 + 2880 + 60 + 10080 + 20);
  EXPECT_EQ(m.critical_path,
            (Ids{"StartEvent_1", "Activity_Soeger", "Activity_Registrerer", "Gateway_Behov",
                 "Activity_Visiterer", "Activity_Afgoerelse", "Event_Afgoerelse"}));

  // Parallel branches: the slower one decides.
  auto par = metrics_of(R"(<bpmn:process id="p"><bpmn:startEvent id="s"/>
    <bpmn:task id="a" fremdrift:durationMinutes="5"/><bpmn:parallelGateway id="fork"/>
    <bpmn:task id="b1" fremdrift:durationMinutes="30"/>
    <bpmn:task id="b2" fremdrift:durationMinutes="50" fremdrift:waitingMinutes="100"/>
    <bpmn:task id="b3" fremdrift:durationMinutes="60"/><bpmn:task id="b4" fremdrift:durationMinutes="60"/>
    <bpmn:parallelGateway id="join"/><bpmn:endEvent id="e"/>)" +
                        flows("s>a a>fork fork>b1 fork>b2 fork>b3 b3>b4 b1>join b2>join b4>join "
                              "join>e") +
                        "</bpmn:process>");
  EXPECT_EQ(par.lead_time_minutes, 5 + 150);
  EXPECT_EQ(par.critical_path, (Ids{"s", "a", "fork", "b2", "join", "e"}));
}

TEST(MetricsTest, LoopsAreReportedAndNotFollowed) {
  auto m = metrics_of(R"(<bpmn:process id="p"><bpmn:startEvent id="s"/>
    <bpmn:task id="a" fremdrift:durationMinutes="10"/><bpmn:exclusiveGateway id="ok"/>
    <bpmn:task id="b" fremdrift:durationMinutes="20"/><bpmn:endEvent id="e"/>)" +
                      flows("s>a a>ok ok>b ok>a b>e") + "</bpmn:process>");
  EXPECT_EQ(m.lead_time_minutes, 30);
  EXPECT_EQ(m.loop_count, 1);
  ASSERT_EQ(m.loops.size(), 1u);
  EXPECT_EQ(m.loops[0], (Ids{"a", "ok"}));
  EXPECT_EQ(m.decision_points, 1);

  auto self = metrics_of(R"(<bpmn:process id="p"><bpmn:startEvent id="s"/>
    <bpmn:task id="a" fremdrift:durationMinutes="7"/><bpmn:endEvent id="e"/>)" +
                         flows("s>a a>a a>e") + "</bpmn:process>");
  EXPECT_EQ(self.lead_time_minutes, 7);
  EXPECT_EQ(self.loops, (std::vector<Ids>{{"a"}}));

  // Nested loops: both found, the longest loop-free way still counted.
  auto nested = metrics_of(R"(<bpmn:process id="p"><bpmn:startEvent id="s"/>
    <bpmn:task id="a" fremdrift:durationMinutes="1"/><bpmn:task id="b" fremdrift:durationMinutes="2"/>
    <bpmn:task id="c" fremdrift:durationMinutes="4"/><bpmn:endEvent id="e"/>)" +
                           flows("s>a a>b b>c c>b c>a c>e") + "</bpmn:process>");
  EXPECT_EQ(nested.lead_time_minutes, 7);
  EXPECT_EQ(nested.loop_count, 2);
  EXPECT_EQ(nested.loops, (std::vector<Ids>{{"b", "c"}, {"a", "b", "c"}}));
}

TEST(MetricsTest, LeadTimeIsNoneWhenNoEndCanBeReached) {
  // The only way on runs in a circle.
  auto circle = metrics_of(R"(<bpmn:process id="p"><bpmn:startEvent id="s"/>
    <bpmn:task id="a"/><bpmn:task id="b"/>)" +
                           flows("s>a a>b b>a") + "</bpmn:process>");
  EXPECT_FALSE(circle.lead_time_minutes.has_value());
  EXPECT_TRUE(circle.critical_path.empty());
  EXPECT_EQ(circle.loops, (std::vector<Ids>{{"a", "b"}}));
  // An end event that nothing leads to.
  auto cut = metrics_of(R"(<bpmn:process id="p"><bpmn:startEvent id="s"/><bpmn:task id="a"/>
    <bpmn:endEvent id="e"/>)" +
                        flows("s>a") + "</bpmn:process>");
  EXPECT_FALSE(cut.lead_time_minutes.has_value());
  EXPECT_TRUE(to_json(cut)["lead_time_minutes"].is_null());
}

TEST(MetricsTest, WithoutStartAndEndEventsTheOpenEndsCount) {
  auto m = metrics_of(R"(<bpmn:process id="p">
    <bpmn:task id="a" fremdrift:durationMinutes="5"/><bpmn:task id="b" fremdrift:durationMinutes="7"/>
    <bpmn:task id="c" fremdrift:durationMinutes="1"/>)" +
                      flows("a>b c>b") + "</bpmn:process>");
  EXPECT_EQ(m.lead_time_minutes, 12);
  EXPECT_EQ(m.critical_path, (Ids{"a", "b"}));
}

TEST(MetricsTest, SubProcessesAndBoundaryEvents) {
  auto inline_sub = metrics_of(R"(<bpmn:process id="p"><bpmn:startEvent id="s"/>
    <bpmn:subProcess id="sub" fremdrift:waitingMinutes="60">
      <bpmn:startEvent id="ss"/><bpmn:task id="i1" fremdrift:durationMinutes="60"/>
      <bpmn:task id="i2" fremdrift:durationMinutes="30"/><bpmn:endEvent id="se"/>)" +
                               flows("ss>i1 i1>i2 i2>se") + R"(</bpmn:subProcess>
    <bpmn:task id="t" fremdrift:durationMinutes="5"/><bpmn:endEvent id="e"/>
    <bpmn:sequenceFlow id="x1" sourceRef="s" targetRef="sub"/>
    <bpmn:sequenceFlow id="x2" sourceRef="sub" targetRef="t"/>
    <bpmn:sequenceFlow id="x3" sourceRef="t" targetRef="e"/></bpmn:process>)");
  EXPECT_EQ(inline_sub.lead_time_minutes, 60 + 60 + 30 + 5);
  EXPECT_EQ(inline_sub.critical_path, (Ids{"s", "sub", "ss", "i1", "i2", "se", "t", "e"}));

  // bpmnjs_subprocess.bpmn: the 14-day timer on the sub-process is the longest way.
  auto sample = compute_metrics(test::sample("bpmnjs_subprocess.bpmn"));
  EXPECT_EQ(sample.steps, 5);
  EXPECT_EQ(sample.lead_time_minutes, 60 + 20160 + 10);
  EXPECT_EQ(sample.critical_path,
            (Ids{"Start", "Sub_Udredning", "Timer_Frist", "Task_Rykker", "End"}));
  EXPECT_EQ(sample.it_systems, (Ids{"Opus"}));
}

TEST(MetricsTest, LeadTimeFollowsMessagesAcrossPools) {
  auto m = compute_metrics(test::sample("bpmnjs_collaboration.bpmn"));
  EXPECT_EQ(m.lead_time_minutes, 10 + 30 + 20160 + 45);
  EXPECT_EQ(m.critical_path, (Ids{"Start_Jobcenter", "Task_Bestil", "Start_Sundhed", "Task_Attest",
                                  "End_Sundhed", "Catch_Attest", "Task_Afgoer", "End_Jobcenter"}));
}

TEST(MetricsTest, TheDiagramDoesNotMatter) {
  auto with_di = test::read_file(test::samples_dir() / "bpmnjs_as_is.bpmn");
  auto from = with_di.find("  <bpmndi:BPMNDiagram");
  auto to = with_di.find("</bpmndi:BPMNDiagram>") + std::string("</bpmndi:BPMNDiagram>\n").size();
  auto without_di = with_di.substr(0, from) + with_di.substr(to);
  ASSERT_EQ(without_di.find("bpmndi:BPMNShape"), std::string::npos);
  EXPECT_EQ(to_json(compute_metrics(BpmnDocument::parse(without_di))),
            to_json(compute_metrics(BpmnDocument::parse(with_di))));
}

TEST(MetricsTest, TheSampleAsIsMapInFull) {
  auto m = compute_metrics(test::sample("bpmnjs_as_is.bpmn"));
  EXPECT_EQ(m.steps, 5);
  EXPECT_EQ(m.handovers, 2);  // citizen → job centre, job centre → social services
  EXPECT_EQ(m.it_systems, (Ids{"KMD Momentum"}));
  EXPECT_EQ(m.it_system_touches, 1);
  EXPECT_EQ(m.citizen_contacts, 1);
  EXPECT_EQ(m.decision_points, 1);  // the gateway typed "decision" is one decision
  EXPECT_EQ(m.steps_by_type["document"], 2);

  auto nested = compute_metrics(test::sample("nested_lanes.bpmn"));
  EXPECT_EQ(nested.steps, 4);
  EXPECT_EQ(nested.it_system_touches, 3);
  EXPECT_EQ(nested.it_systems, (Ids{"Fasit", "KMD Opus"}));
  EXPECT_EQ(nested.citizen_contacts, 1);
  EXPECT_EQ(nested.lead_time_minutes, 480);
}

TEST(MetricsTest, OnlySomeLoopsAreListed) {
  std::string body = R"(<bpmn:process id="p"><bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>)";
  std::string spec = "s>n0";
  for (int i = 0; i < 30; ++i) {
    body += "<bpmn:task id=\"n" + std::to_string(i) + "\"/>";
    spec += " n" + std::to_string(i) + ">n" + std::to_string(i + 1 < 30 ? i + 1 : 0);
    spec += " n" + std::to_string(i) + ">n" + std::to_string(i);
  }
  auto m = metrics_of(body + flows(spec + " n29>e") + "</bpmn:process>");
  EXPECT_EQ(m.loop_count, 31);  // 30 self-loops and the ring
  EXPECT_EQ(m.loops.size(), kMaxReportedLoops);
  EXPECT_EQ(m.lead_time_minutes, 0);
  EXPECT_EQ(m.critical_path.size(), 32u);
}

// --- Before and after ---------------------------------------------------------------

TEST(ComparisonTest, RowsWithAbsoluteAndRelativeChange) {
  MapMetrics before;
  before.steps = 25;
  before.handovers = 8;
  before.it_systems = {"A", "B", "C", "D"};
  before.it_system_touches = 12;
  before.citizen_contacts = 0;
  before.decision_points = 3;
  before.waiting_minutes = 30000;
  before.lead_time_minutes = 40000;
  MapMetrics after = before;
  after.steps = 15;
  after.handovers = 2;
  after.it_systems = {"A", "B"};
  after.citizen_contacts = 2;
  after.lead_time_minutes = std::nullopt;

  auto rows = compare(before, after);
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[0].metric, "steps");
  EXPECT_EQ(rows[0].before, 25);
  EXPECT_EQ(rows[0].after, 15);
  EXPECT_EQ(rows[0].change, -10);
  EXPECT_DOUBLE_EQ(*rows[0].relative_change, -0.4);
  EXPECT_EQ(rows[1].metric, "handovers");
  EXPECT_DOUBLE_EQ(*rows[1].relative_change, -0.75);
  EXPECT_EQ(rows[2].metric, "it_systems");
  EXPECT_EQ(rows[2].change, -2);
  EXPECT_EQ(rows[4].metric, "citizen_contacts");
  EXPECT_EQ(rows[4].change, 2);
  EXPECT_FALSE(rows[4].relative_change.has_value());  // from zero: no relative change
  EXPECT_EQ(rows[5].change, 0);
  EXPECT_DOUBLE_EQ(*rows[5].relative_change, 0.0);
  EXPECT_EQ(rows[7].metric, "lead_time_minutes");
  EXPECT_FALSE(rows[7].after.has_value());
  EXPECT_FALSE(rows[7].change.has_value());

  auto json = to_json(rows);
  ASSERT_EQ(json["rows"].size(), 8u);
  EXPECT_EQ(
      json["rows"][0],
      nlohmann::json::parse(
          R"({"metric":"steps","before":25,"after":15,"change":-10,"relative_change":-0.4})"));
  EXPECT_TRUE(json["rows"][4]["relative_change"].is_null());
  EXPECT_TRUE(json["rows"][7]["after"].is_null());
}

TEST(ComparisonTest, AsIsAgainstARedesign) {
  auto as_is = compute_metrics(test::sample("bpmnjs_as_is.bpmn"));
  // The redesign: the job centre registers and decides at once, no visitation wait.
  auto redesign = metrics_of("<bpmn:process id=\"p\"><bpmn:laneSet id=\"ls\">" +
                             lane("Cit", "fremdrift:laneKind=\"citizen\"", {"s", "apply"}) +
                             lane("Job", "fremdrift:unitId=\"job\"", {"decide", "e"}) +
                             R"(</bpmn:laneSet><bpmn:startEvent id="s"/>
      <bpmn:task id="apply" fremdrift:stepType="citizen" fremdrift:durationMinutes="30"/>
      <bpmn:task id="decide" fremdrift:stepType="it_system" fremdrift:itSystem="KMD Momentum"
                 fremdrift:durationMinutes="40" fremdrift:waitingMinutes="1440"/>
      <bpmn:endEvent id="e"/>)" +
                             flows("s>apply apply>decide decide>e") + "</bpmn:process>");
  auto rows = compare(as_is, redesign);
  EXPECT_EQ(rows[0].change, 2 - 5);
  EXPECT_EQ(rows[1].before, 2);
  EXPECT_EQ(rows[1].after, 1);
  EXPECT_DOUBLE_EQ(*rows[1].relative_change, -0.5);
  EXPECT_EQ(rows[7].before, 13085);
  EXPECT_EQ(rows[7].after, 1510);
  EXPECT_DOUBLE_EQ(*rows[7].relative_change, -0.8846);  // rounded to four decimals
}

// Steps with neither a duration nor a wait make the times incomplete (the comparison
// warns instead of showing "lead time -100 %"); events and gateways are no steps.
TEST(MetricsTest, CountsStepsWithoutATime) {
  auto m = metrics_of(R"(<bpmn:process id="p"><bpmn:startEvent id="s"/>
      <bpmn:task id="a" fremdrift:durationMinutes="30"/>
      <bpmn:task id="b" fremdrift:waitingMinutes="60"/>
      <bpmn:task id="c"/>
      <bpmn:task id="d" fremdrift:durationMinutes="0"/>
      <bpmn:exclusiveGateway id="g"/>
      <bpmn:endEvent id="e"/>)" +
                      flows("s>a a>b b>c c>d d>g g>e") + "</bpmn:process>");
  EXPECT_EQ(m.steps, 4);
  EXPECT_EQ(m.steps_without_time, 2);
  EXPECT_EQ(to_json(m)["steps_without_time"], 2);
}

TEST(ComparisonTest, MetricsAsJson) {
  auto json = to_json(compute_metrics(test::sample("bpmnjs_collaboration.bpmn")));
  EXPECT_EQ(json["steps"], 3);
  EXPECT_EQ(json["handovers"], 4);
  EXPECT_EQ(json["message_flow_handovers"], 4);
  EXPECT_EQ(json["it_systems"], 0);
  EXPECT_TRUE(json["it_system_names"].is_array());
  EXPECT_EQ(json["lead_time_minutes"], 20245);
  EXPECT_EQ(json["critical_path"].size(), 8u);
  EXPECT_TRUE(json["loops"].empty());
  EXPECT_EQ(json["loop_count"], 0);
  EXPECT_EQ(json["steps_by_type"]["task"], 3);
  // Valid for the strict serialiser.
  EXPECT_NO_THROW((void)json.dump());
}

}  // namespace
}  // namespace maps

#include "bank/scrub.hpp"

#include <gtest/gtest.h>

#include "bank/snapshot.hpp"
#include "core/errors.hpp"
#include "maps/bpmn_document.hpp"
#include "maps/metrics.hpp"

namespace bank {
namespace {

const std::string kUnit = "01JUNIT0000000000000000001";
const std::string kPersonId = "01JPERS0000000000000000001";

Sensitive tenant() {
  return {{{"Mette Kjær Jensen", "mette.jensen@aarhus.dk"}, {"Bo Li", std::nullopt}},
          {kUnit, kPersonId, "tenant-7"}};
}

std::string map_xml(const std::string& lane_extra, const std::string& doc) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:fremdrift="http://fremdrift.dk/schema/bpmn/1.0" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs" targetNamespace="x">
  <!-- drawn by Mette Kjær Jensen -->
  <bpmn:process id="P1" isExecutable="false">
    <bpmn:laneSet id="LS">
      <bpmn:lane id="Lane_V" name="Visitationen" fremdrift:unitId=")" +
         kUnit + R"(" )" + lane_extra + R"(>
        <bpmn:flowNodeRef>S</bpmn:flowNodeRef><bpmn:flowNodeRef>T1</bpmn:flowNodeRef><bpmn:flowNodeRef>E</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="S"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="T1" name="Mette ringer til borgeren" camunda:assignee="mette" fremdrift:durationMinutes="30">
      <bpmn:documentation>)" +
         doc + R"(</bpmn:documentation>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="E"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T1"/>
    <bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="E"/>
  </bpmn:process>
</bpmn:definitions>)";
}

TEST(Scrubber, ReplacesNamesPartsAddressesAndIds) {
  Scrubber s(tenant());
  EXPECT_EQ(s.text("Mette Kjær Jensen tager sig af det"), "[person] tager sig af det");
  EXPECT_EQ(s.text("spørg METTE eller jensen"), "spørg [person] eller [person]");
  EXPECT_EQ(s.text("Bo Li og Bo"), "[person] og Bo");  // a short part alone stays
  EXPECT_EQ(s.text("skriv til mette.jensen@aarhus.dk."), "skriv til [e-mail].");
  EXPECT_EQ(s.text("eller anne@example.org"), "eller [e-mail]");
  EXPECT_EQ(s.text("enhed " + kUnit), "enhed [id]");
  EXPECT_EQ(s.text("id 01ARZ3NDEKTSV4RRFFQ69G5FAV"), "id [id]");
  EXPECT_EQ(s.text("cpr 010203-1234"), "cpr [cpr]");
  EXPECT_EQ(s.text("Borgerne venter mindre"), "Borgerne venter mindre");
}

TEST(Scrubber, MapsKeepTheirShapeAndLoseThePeople) {
  Scrubber s(tenant());
  auto out = s.bpmn(map_xml("camunda:candidateUsers=\"bo.li\"",
                            "Aftalt med Mette Kjær Jensen, tlf via mette.jensen@aarhus.dk"));
  for (const auto* gone : {"Mette", "Jensen", "mette.jensen", "unitId", kUnit.c_str(), "assignee",
                           "candidateUsers", "drawn by"})
    EXPECT_EQ(out.find(gone), std::string::npos) << gone << " survived in " << out;
  EXPECT_NE(out.find("name=\"Visitationen\""), std::string::npos);
  EXPECT_NE(out.find("[person] ringer til borgeren"), std::string::npos);
  EXPECT_NE(out.find("fremdrift:durationMinutes=\"30\""), std::string::npos);
  EXPECT_THROW(s.bpmn("<not xml"), core::ValidationError);
}

// A tool may build element ids from what they stand for ("Lane_<unit id>", "Task_Mette…"):
// every id is renumbered by its kind, and each reference follows, so the map's shape, lanes
// and figures are the same.
TEST(Scrubber, MapIdsAreRenumberedAndReferencesFollow) {
  Scrubber s(tenant());
  std::string xml = map_xml("", "x");
  for (const auto& [from, to] :
       std::vector<std::pair<std::string, std::string>>{{"\"Lane_V\"", "\"Lane_" + kUnit + "\""},
                                                        {"\"T1\"", "\"Task_MetteKjaerJensen\""},
                                                        {">T1<", ">Task_MetteKjaerJensen<"},
                                                        {"\"T1\"", "\"Task_MetteKjaerJensen\""}}) {
    for (auto at = xml.find(from); at != std::string::npos; at = xml.find(from, at + to.size()))
      xml.replace(at, from.size(), to);
  }
  ASSERT_NE(xml.find("Task_MetteKjaerJensen"), std::string::npos);
  const auto out = s.bpmn(xml);
  for (const auto* gone : {"Mette", kUnit.c_str(), "\"T1\"", "\"F1\""})
    EXPECT_EQ(out.find(gone), std::string::npos) << gone << " survived in " << out;
  EXPECT_NE(out.find("<bpmn:lane id=\"Lane_"), std::string::npos) << out;
  const auto before = maps::compute_metrics(maps::BpmnDocument::parse(xml));
  const auto doc = maps::BpmnDocument::parse(out);
  const auto after = maps::compute_metrics(doc);
  EXPECT_EQ(after.steps, before.steps);
  EXPECT_EQ(after.handovers, before.handovers);
  EXPECT_EQ(after.lead_time_minutes, before.lead_time_minutes);
  EXPECT_EQ(after.critical_path.size(), before.critical_path.size());
  ASSERT_EQ(doc.lanes().size(), 1U);
  EXPECT_EQ(doc.lanes()[0].name, "Visitationen");
  for (const auto& node : after.critical_path) EXPECT_NE(doc.find_node(node), nullptr) << node;
  // The same map scrubbed twice gets the same ids: a republished version reads alike.
  EXPECT_EQ(s.bpmn(xml), out);
}

TEST(Snapshot, NothingOfTheTenantsPeopleSurvives) {
  ProjectSource src;
  src.title = "Hurtigere visitation (Mette Kjær Jensen)";
  src.method = "kl_workflow";
  src.as_is_xml = map_xml("", "Mette Kjær Jensen tjekker");
  src.redesign_xml = map_xml("", "Bo Li overtager; ring mette.jensen@aarhus.dk");
  src.kpis = {{"Ventetid hos Mette", "dage fra ansøgning til Jensen svarer", "dage", "lower",
               "weekly", "citizen_quality", 10.0, 5.0, 9.0, 6.0}};
  src.tasks = {{"Mette laver ny skabelon", "kortere ventetid", "spørg " + kPersonId}};
  src.lessons = {"Jensen sagde: start småt", "Bo Li og Mette Kjær Jensen var gode"};
  src.sensitive = tenant();
  Classification c{"Visitationen for borgerne, kontakt mette.jensen@aarhus.dk",
                   "elderly_care",
                   "27.24",
                   {"Mettes tag"},
                   "cc_by_4_0",
                   "project_leader",
                   "da"};
  auto dumped = to_json(build_entry(src, c)).dump();
  for (const auto* gone : {"Mette", "mette", "Jensen", "Kjær", "Bo Li", "aarhus.dk", kUnit.c_str(),
                           kPersonId.c_str(), "tenant-7"})
    EXPECT_EQ(dumped.find(gone), std::string::npos) << gone << " survived";
  auto e = build_entry(src, c);
  EXPECT_EQ(e.figures.size(), 8U);
  EXPECT_EQ(e.before("steps"), e.after("steps"));
  ASSERT_EQ(e.lanes.size(), 1U);
  // The lane as the published map names it (renumbered), so a start can find it there.
  EXPECT_NE(e.lanes[0].id, "Lane_V");
  EXPECT_NE(e.redesign_bpmn->find("<bpmn:lane id=\"" + e.lanes[0].id + "\""), std::string::npos);
  EXPECT_EQ(e.lanes[0].name, "Visitationen");
  EXPECT_EQ(e.kpis[0].median_after, 6.0);
  EXPECT_EQ(e.tasks[0].task, "[person] laver ny skabelon");
}

}  // namespace
}  // namespace bank

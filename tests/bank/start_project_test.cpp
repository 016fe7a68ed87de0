// Starting a project from a bank entry, the pure part: the start's input, the method chosen,
// the KPI definitions and the map made the adopter's own (new ids, lanes tied to its units,
// tasks as before-go-live notes).
#include "bank/start_project.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "actions/suggestion.hpp"
#include "core/errors.hpp"
#include "kpis/kpi.hpp"
#include "maps/bpmn_document.hpp"
#include "maps/map_builder.hpp"

namespace bank {
namespace {

using nlohmann::json;

const std::string kUnitA1 = "0190aaaa-unit-visitation-of-tenant-a";
const std::string kUnitA2 = "0190aaaa-unit-nursing-of-tenant-a";

// The publisher's redesign as the snapshot may hold it: lanes still naming its units, ids
// that carry them, a step with a before-go-live note.
std::string publishers_map() {
  std::vector<maps::LaneSeed> lanes = {
      {"", "Borger"}, {kUnitA1, "Visitation"}, {kUnitA2, "Sygeplejen"}};
  std::vector<maps::StepSpec> steps = {
      {.id = "Start_" + kUnitA1, .lane = 0, .kind = "start"},
      {.id = "Task_" + kUnitA1, .lane = 1, .name = "Bevilger", .duration_minutes = 30},
      {.id = "Task_nurse", .lane = 2, .name = "Besøger", .before_go_live = "Ny tjekliste"},
      {.id = "End_1", .lane = 0, .kind = "end"}};
  std::vector<maps::FlowSpec> flows = {{"Start_" + kUnitA1, "Task_" + kUnitA1, ""},
                                       {"Task_" + kUnitA1, "Task_nurse", ""},
                                       {"Task_nurse", "End_1", ""}};
  return maps::build_map_xml("Ny arbejdsgang", lanes, steps, flows);
}

Entry entry() {
  Entry e;
  e.title = "Hjælpemidler ved udskrivelse";
  e.method = "ffb";
  e.lanes = {{"Lane_1", "Borger", true},
             {"Lane_2", "Visitation", false},
             {"Lane_3", "Sygeplejen", false},
             {"Lane_4", "Visitation", false}};
  e.redesign_bpmn = publishers_map();
  e.tasks = {{"Aftal udlån med depotet", "Færre ventedage", "Mail til depotet"}};
  return e;
}

const std::vector<UnitChoice> kMine = {{"b-unit-1", "Hjælpemiddelteamet"},
                                       {"b-unit-2", "Hjemmeplejen"}};

TEST(StartProject, MappableLanesAreNamedUnitLanesOnce) {
  EXPECT_EQ(mappable_lanes(entry()), (std::vector<std::string>{"Visitation", "Sygeplejen"}));
}

TEST(StartProject, ParseTakesDefaultsAndMapsLanesToMyUnits) {
  core::Input input(json{{"lanes", {{"Visitation", "b-unit-1"}, {"Sygeplejen", ""}}}}, false);
  auto r = parse_start(input, entry(), kMine);
  EXPECT_NO_THROW(input.check());
  EXPECT_EQ(r.title, "Hjælpemidler ved udskrivelse");
  EXPECT_EQ(r.map_as, "as_is");
  EXPECT_FALSE(r.consent);
  ASSERT_EQ(r.lanes.size(), 1u);
  EXPECT_EQ(r.lanes.at("Visitation").name, "Hjælpemiddelteamet");
}

TEST(StartProject, ParseNamesTheLaneWithAForeignUnitAndABadMapAs) {
  core::Input input(json{{"title", "Vores"},
                         {"map_as", "both"},
                         {"consent", true},
                         {"lanes", {{"Visitation", "a-unit"}, {"Kantinen", "b-unit-1"}}}},
                    false);
  parse_start(input, entry(), kMine);
  try {
    input.check();
    FAIL() << "accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().count("map_as"), 1u);
    EXPECT_EQ(e.fields().count("lanes.Visitation"), 1u);
    EXPECT_EQ(e.fields().count("lanes.Kantinen"), 1u);
    EXPECT_EQ(e.fields().size(), 3u);
  }
  core::Input not_object(json{{"lanes", json::array({"Visitation"})}}, false);
  parse_start(not_object, entry(), kMine);
  EXPECT_THROW(not_object.check(), core::ValidationError);
}

TEST(StartProject, MethodIsTheEntrysWhenShippedOtherwiseTheWorkflowTemplate) {
  auto e = entry();
  EXPECT_EQ(method_for(e), "ffb");
  e.method = "kommunens-egen";
  EXPECT_EQ(method_for(e), "kl-workflow");
}

TEST(StartProject, KpiDefinitionWithoutValuesAndValidChoicesOnly) {
  KpiFigure k{.name = "Ventedage",
              .definition = "Dage fra udskrivelse til hjælpemidlet er leveret",
              .unit = "dage",
              .direction = "lower",
              .frequency = "biweekly",
              .category = "no-such-category",
              .baseline = 9,
              .target = 2,
              .median_before = 8,
              .median_after = 3};
  auto in = kpi_input(k, "2026-12-07");
  EXPECT_EQ(in["direction"], "lower");
  EXPECT_FALSE(in.contains("category"));
  EXPECT_FALSE(in.contains("baseline"));
  EXPECT_FALSE(in.contains("target"));
  core::Input input(in, false);
  auto kpi = kpis::kpi_fields().parse_new(input);
  EXPECT_EQ(kpi.name, "Ventedage");
  EXPECT_EQ(kpi.frequency, "biweekly");
  EXPECT_EQ(kpi.category, "citizen_quality");
  EXPECT_FALSE(kpi.baseline.has_value());
  EXPECT_FALSE(kpi.owner_id.has_value());
}

TEST(StartProject, AdoptedMapKeepsNoIdOfThePublisherAndTiesLanesToMyUnits) {
  const auto e = entry();
  std::map<std::string, UnitChoice> lanes = {{"Visitation", kMine[0]}};
  auto xml = adopt_map_xml(*e.redesign_bpmn, lanes, e.tasks);
  for (const auto& gone : {kUnitA1, kUnitA2, std::string("Task_nurse")})
    EXPECT_EQ(xml.find(gone), std::string::npos) << gone;
  auto doc = maps::BpmnDocument::parse(xml);
  ASSERT_EQ(doc.lanes().size(), 3u);
  EXPECT_TRUE(doc.lanes()[0].citizen);
  EXPECT_EQ(doc.lanes()[1].name, "Hjælpemiddelteamet");
  EXPECT_EQ(doc.lanes()[1].unit_id, "b-unit-1");
  EXPECT_EQ(doc.lanes()[2].name, "Sygeplejen");  // unmapped: its name, no unit
  EXPECT_EQ(doc.lanes()[2].unit_id, "");
  // The same steps in the same lanes, joined by the same flows, under new ids.
  ASSERT_EQ(doc.sequence_flows().size(), 3u);
  const auto* granting = [&]() -> const maps::FlowNode* {
    for (const auto& n : doc.nodes())
      if (n.name == "Bevilger") return &n;
    return nullptr;
  }();
  ASSERT_NE(granting, nullptr);
  EXPECT_EQ(granting->lane_id, doc.lanes()[1].id);
  EXPECT_EQ(granting->duration_minutes, 30);
  EXPECT_EQ(doc.sequence_flows()[0].target, granting->id);
  EXPECT_TRUE(doc.warnings().empty());
  maps::check_lane_units(doc, {"b-unit-1", "b-unit-2"});
  // The step's own note and the entry's task both become suggestions once this is a redesign.
  auto notes = actions::before_go_live_notes(xml);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].note, "Ny tjekliste");
  EXPECT_EQ(notes[1].note, "Aftal udlån med depotet");
  EXPECT_NE(xml.find("Færre ventedage"), std::string::npos);  // the task's effect, on the map
}

TEST(StartProject, AdoptedMapOfNoXmlIsRefused) {
  EXPECT_THROW(adopt_map_xml("<not xml", {}, {}), core::ValidationError);
}

}  // namespace
}  // namespace bank

// A save from the editor keeps what bpmn-js cannot carry (issue 13). The edited files are
// what bpmn-moddle wrote for tests/maps/samples/imported_foreign.bpmn: unchanged, and
// with the step "Registrér" moved.
#include "maps/bpmn_merge.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "maps/bpmn_document.hpp"
#include "maps/bpmn_test_util.hpp"

namespace maps {
namespace {

std::string edited(const std::string& name) {
  return test::read_file(test::samples_dir().parent_path() / "edited" / name);
}

bool has(const std::string& xml, const std::string& part) {
  return xml.find(part) != std::string::npos;
}

// What bpmn-moddle drops from the imported file.
void expect_foreign_content_kept(const std::string& xml) {
  EXPECT_TRUE(has(xml, R"(<other:costCentre id="_cc" code="4711">)")) << xml;
  EXPECT_TRUE(has(xml, "<other:note>Afdeling 12</other:note>"));
  EXPECT_TRUE(has(xml, "<bpmn2:outMessageRef>bpmn2:_msg_out</bpmn2:outMessageRef>"));
  EXPECT_TRUE(has(xml, R"(sourceRef="bpmn2:_citizen")"));
  EXPECT_TRUE(has(xml, R"(targetRef="bpmn2:_task1")"));
  EXPECT_TRUE(has(xml, R"(other:toolVersion="7.1")"));
  EXPECT_TRUE(has(xml, R"(other:weight="3")"));
  EXPECT_TRUE(has(xml, R"(<other:sla hours="48")"));
  EXPECT_TRUE(has(xml, R"(<bpmndi:BPMNDiagram id="_d2" name="Overblik">)"));
  EXPECT_TRUE(has(xml, "Written by another tool"));
}

TEST(BpmnMergeTest, WhatModdleDropsSurvivesAnUnchangedSave) {
  auto stored = test::read_file(test::samples_dir() / "imported_foreign.bpmn");
  auto sent = edited("imported_foreign.moddle.bpmn");
  // As sent, the file cannot be saved: moddle dropped the message flow's ends.
  EXPECT_THROW(BpmnDocument::parse(sent), core::ValidationError);
  auto merged = merge_edit(stored, sent);
  expect_foreign_content_kept(merged);
  auto doc = BpmnDocument::parse(merged);
  ASSERT_EQ(doc.message_flows().size(), 1u);
  EXPECT_EQ(doc.message_flows()[0].source, "_citizen");
  EXPECT_EQ(doc.nodes().size(), 4u);
  // The unknown element stays where it was: first in the process.
  EXPECT_LT(merged.find("<other:costCentre"), merged.find("<bpmn2:extensionElements"));
  EXPECT_GT(merged.find("<other:costCentre"), merged.find(R"(<bpmn2:process id="_proc")"));
  // Saving the merged text again changes nothing.
  EXPECT_EQ(merge_edit(merged, sent), merged);
}

TEST(BpmnMergeTest, AMovedStepMovesAndTheRestStays) {
  auto stored = test::read_file(test::samples_dir() / "imported_foreign.bpmn");
  auto merged = merge_edit(stored, edited("imported_foreign.moved.bpmn"));
  expect_foreign_content_kept(merged);
  EXPECT_TRUE(has(merged, R"(<dc:Bounds x="300" y="190" width="100" height="80" />)"));
  EXPECT_FALSE(has(merged, R"(<dc:Bounds x="260" y="180")"));
  EXPECT_NO_THROW(BpmnDocument::parse(merged));
}

TEST(BpmnMergeTest, WhatTheEditorDeletesChangesOrAddsWins) {
  auto stored = test::wrap(R"(<bpmn:process id="p" xmlns:x="urn:x">
  <x:kept id="k"/>
  <bpmn:vendorNote id="n">moddle has no such element</bpmn:vendorNote>
  <bpmn:startEvent id="s"/><bpmn:task id="a" name="Old" fremdrift:stepType="handover" x:tag="1"/>
  <bpmn:task id="gone"/><bpmn:endEvent id="e"/>
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="a"/>
  <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="e"/>
</bpmn:process>)");
  // bpmn-js writes its own prefixes for what it adds; a replaced task keeps its id.
  auto sent = R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:fr="http://fremdrift.dk/schema/bpmn/1.0" xmlns:bioc="urn:bioc" id="defs" targetNamespace="urn:t">
<bpmn:process id="p">
  <bpmn:startEvent id="s"/><bpmn:userTask id="a" name="New" bioc:stroke="#f00"/>
  <bpmn:task id="b" fr:stepType="waiting"/><bpmn:endEvent id="e"/>
  <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="a"/>
  <bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="b"/>
  <bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="e"/>
</bpmn:process></bpmn:definitions>)";
  auto merged = merge_edit(stored, sent);
  auto doc = BpmnDocument::parse(merged);
  EXPECT_EQ(doc.find_node("gone"), nullptr);
  ASSERT_NE(doc.find_node("a"), nullptr);
  EXPECT_EQ(doc.find_node("a")->kind, "userTask");
  EXPECT_EQ(doc.find_node("a")->name, "New");
  EXPECT_FALSE(doc.find_node("a")->step_type.has_value());  // cleared in the step panel
  ASSERT_NE(doc.find_node("b"), nullptr);
  EXPECT_EQ(doc.find_node("b")->step_type, StepType::kWaiting);
  EXPECT_TRUE(has(merged, R"(x:tag="1")"));
  EXPECT_TRUE(has(merged, R"(<x:kept id="k" />)"));
  EXPECT_TRUE(
      has(merged, R"(<bpmn:vendorNote id="n">moddle has no such element</bpmn:vendorNote>)"));
  EXPECT_TRUE(has(merged, R"(xmlns:bioc="urn:bioc")"));
  EXPECT_TRUE(has(merged, R"(bioc:stroke="#f00")"));
  EXPECT_EQ(doc.sequence_flows().size(), 3u);
}

TEST(BpmnMergeTest, EditedTextThatIsNotXmlIsRefused) {
  auto stored = test::read_file(test::samples_dir() / "imported_foreign.bpmn");
  EXPECT_THROW(merge_edit(stored, "<bpmn:definitions"), core::ValidationError);
  EXPECT_THROW(merge_edit(stored, "<!DOCTYPE x><x/>"), core::ValidationError);
}

}  // namespace
}  // namespace maps

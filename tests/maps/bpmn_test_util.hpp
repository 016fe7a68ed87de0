#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "maps/bpmn_document.hpp"

namespace maps::test {

// A map with the usual prefixes declared; `body` goes inside <bpmn:definitions>.
inline std::string wrap(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" )"
         R"(xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" )"
         R"(xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" )"
         R"(xmlns:di="http://www.omg.org/spec/DD/20100524/DI" )"
         R"(xmlns:fremdrift="http://fremdrift.dk/schema/bpmn/1.0" id="defs" targetNamespace="urn:t">
)" + body +
         "\n</bpmn:definitions>\n";
}

inline BpmnDocument parse_body(const std::string& body) { return BpmnDocument::parse(wrap(body)); }

inline std::filesystem::path samples_dir() {
  return std::filesystem::path(FREMDRIFT_SOURCE_DIR) / "tests" / "maps" / "samples";
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline BpmnDocument sample(const std::string& name) {
  return BpmnDocument::parse(read_file(samples_dir() / name));
}

}  // namespace maps::test

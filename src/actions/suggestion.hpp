#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace actions {

// A redesign step's fremdrift:beforeGoLive note: what must be in place before the new
// way of working starts. It is offered as a row of the action plan.
struct GoLiveNote {
  std::string element_id;
  std::string step_name;
  std::string note;
};

// Every element of the BPMN text carrying a non-empty beforeGoLive attribute in the
// fremdrift namespace, whatever prefix the file binds it to. Empty when unreadable.
std::vector<GoLiveNote> before_go_live_notes(std::string_view xml);

struct Suggestion {
  std::string map_id;
  std::string map_title;
  GoLiveNote step;
};

nlohmann::json to_json(const Suggestion& s);

}  // namespace actions

#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/input.hpp"
#include "core/message.hpp"
#include "kit/fields.hpp"

namespace wins {

inline const std::vector<std::string> kKinds = {"kpi_target_reached", "card_done", "step_adopted",
                                                "other"};
inline constexpr std::size_t kWinTextMax = 500;
inline constexpr std::size_t kLinkMax = 2000;

// One success in a project's wins log: something to celebrate at the next meeting.
struct Win {
  std::string id;
  std::string project_id;
  std::string kind = "other";
  std::string text;
  std::string happened_on;  // YYYY-MM-DD
  std::optional<std::string> link;
  std::optional<std::string> source_key;  // set on automatic wins: they happen once
  std::optional<core::Message> message;   // automatic wins: the text in every language
  std::string created_at;
  long long version = 1;
};

// The wins log's fields, named once (kit/fields.hpp): text (required), kind (default
// other), happened_on (default today), link: a web address (https:// or http://) or a
// path inside fremdrift ("/projects/…").
const kit::Fields<Win>& win_fields();

// Whether `value` reaches `target` for a KPI whose `direction` is "higher" (at or
// above) or "lower" (at or below) is better.
bool target_reached(const std::string& direction, double target, double value);

inline nlohmann::json to_json(const Win& w) { return win_fields().to_json(w); }

// The win as `locale`'s reader sees it: an automatic win's text in their language.
Win for_reader(Win w, const std::string& locale);

}  // namespace wins

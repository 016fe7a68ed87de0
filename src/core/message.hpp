#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace core {

// A text the server writes for people to read later — an automatic win, a generated
// decision text — kept as a catalogue key with named parameters, so that every reader
// sees it in their own language (web::render_message), not in the writer's.
struct Message {
  std::string key;                                   // "win_auto_kpi_target"
  nlohmann::json params = nlohmann::json::object();  // "kpi" → "Ventetid", "value" → 12.5

  // The stored form, JSON: {"key":…,"params":{…}}.
  std::string stored() const;
  // nullopt for an empty or foreign value (rows written before messages existed).
  static std::optional<Message> from_stored(std::string_view text);
};

}  // namespace core

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

// The message in English, from the "en" catalogue: the text of an error for API clients
// and logs. web installs the renderer at start-up (core cannot read the catalogues);
// without one the key stands in.
std::string english(const Message& message);
using MessageRenderer = std::string (*)(const Message&);
bool set_english_renderer(MessageRenderer render);

}  // namespace core

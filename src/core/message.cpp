#include "core/message.hpp"

namespace core {
namespace {

MessageRenderer& english_renderer() {
  static MessageRenderer render = nullptr;
  return render;
}

}  // namespace

std::string english(const Message& message) {
  auto render = english_renderer();
  return render ? render(message) : message.key;
}

bool set_english_renderer(MessageRenderer render) {
  english_renderer() = render;
  return true;
}

std::string Message::stored() const {
  return nlohmann::json{{"key", key}, {"params", params}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<Message> Message::from_stored(std::string_view text) {
  if (text.empty()) return std::nullopt;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("key") || !j["key"].is_string())
    return std::nullopt;
  Message m;
  m.key = j["key"].get<std::string>();
  if (j.contains("params") && j["params"].is_object()) m.params = j["params"];
  return m;
}

}  // namespace core

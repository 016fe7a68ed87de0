#include "web/choices.hpp"

namespace web {

nlohmann::json select_options(const Choices& values, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [value, label] : values)
    out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  return out;
}

}  // namespace web

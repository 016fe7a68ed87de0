#include "web/choices.hpp"

#include "web/i18n.hpp"

namespace web {

nlohmann::json select_options(const Choices& values, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [value, label] : values)
    out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  return out;
}

nlohmann::json translated_options(const std::string& locale, const std::vector<std::string>& values,
                                  const std::string& key_prefix, const std::string& selected) {
  Choices choices;
  choices.reserve(values.size());
  for (const auto& v : values) choices.emplace_back(v, t(locale, key_prefix + v));
  return select_options(choices, selected);
}

}  // namespace web

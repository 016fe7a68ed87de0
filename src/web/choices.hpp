#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace web {

// What a select offers: (value, label) pairs in their order.
using Choices = std::vector<std::pair<std::string, std::string>>;

// A select's options as the templates take them: value, label and whether it is the chosen one.
nlohmann::json select_options(const Choices& values, const std::string& selected);

// The same for stored values whose labels are catalogue keys: `key_prefix` + value, in the
// reader's language ("sso_kind_" + "saml").
nlohmann::json translated_options(const std::string& locale, const std::vector<std::string>& values,
                                  const std::string& key_prefix, const std::string& selected);

}  // namespace web

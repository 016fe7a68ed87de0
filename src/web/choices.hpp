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

}  // namespace web

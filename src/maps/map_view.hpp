#pragma once

#include <nlohmann/json.hpp>

#include "http/request.hpp"

namespace maps {

// Minutes as the reader says them: "2 d 3 t 15 min" in Danish.
std::string format_minutes(const std::string& locale, long long minutes);

// Rows {label, before, after, change, relative} of a comparison, ready for a table.
nlohmann::json comparison_rows(const http::Request& req, const nlohmann::json& comparison);

// The figures of one version's metrics as {label, value} rows.
nlohmann::json metric_rows(const http::Request& req, const nlohmann::json& metrics);

}  // namespace maps

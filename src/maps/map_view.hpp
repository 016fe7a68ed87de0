#pragma once

#include <nlohmann/json.hpp>

#include "http/request.hpp"
#include "maps/duration.hpp"

namespace maps {

// The unit names of `locale`'s catalogue.
DurationLabels duration_labels(const std::string& locale);

// Minutes as the reader says them: "1 uge 2 d 3 t" in Danish; "0" for none.
std::string format_minutes(const std::string& locale, long long minutes);

// What the editor needs to read and show durations as the server does: the unit words
// ({"t": 60, …}) and the reader's labels, as JSON for the page's data attributes.
nlohmann::json duration_units_json();
nlohmann::json duration_labels_json(const std::string& locale);

// Rows {label, before, after, change, relative} of a comparison, ready for a table.
// While either map has steps without a time, waiting and lead time show no change.
nlohmann::json comparison_rows(const http::Request& req, const nlohmann::json& comparison);

// One line per compared map with steps that have no time ("Som i dag: 2 af 7 trin uden
// tid"); empty when the times are complete.
nlohmann::json missing_times(const http::Request& req, const nlohmann::json& comparison);

// The figures of one version's metrics as {label, value} rows.
nlohmann::json metric_rows(const http::Request& req, const nlohmann::json& metrics);

}  // namespace maps

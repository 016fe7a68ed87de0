#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace audit {

// Every kind of object the log records (`entity`), each named in the catalogues as
// audit.entity.<kind>: the change log's filter offers them and a test holds the features to it.
const std::vector<std::string>& kinds();

// Looks up the display name of a referenced object (unit or person) by id.
using NameLookup = std::function<std::optional<std::string>(const std::string& id)>;

// Turns stored audit entries into rows a person can read: translated field names (a kind's
// own label first: a person's title is their job title), values, names instead of ids for
// references (every *_id field, each id looked up once), the id field left out (it is the
// entry's subject), and times as "2026-11-23 12:29 UTC".
nlohmann::json readable_rows(const nlohmann::json& entries, const std::string& locale,
                             const NameLookup& name_of);

std::string readable_time(const std::string& iso);

}  // namespace audit

#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "privacy/retention.hpp"

namespace privacy {

// The record of processing activities (GDPR art. 30, "fortegnelse over behandlingsaktiviteter")
// in `locale`: per feature of places(), the tables, the kinds of personal data, why and for how
// long, the retention settings' days written into the periods they govern.
nlohmann::json record_json(const std::string& locale, const Retention& retention);

}  // namespace privacy

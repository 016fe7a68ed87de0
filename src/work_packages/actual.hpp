#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kit/fields.hpp"

namespace work_packages {

// One entry of a project's actuals ledger: what was spent on a package, as an amount or as
// hours (priced when recorded at the package's budgeted hourly rate).
struct Actual {
  std::string id;
  std::string project_id;
  std::string work_package_id;
  std::string date;  // YYYY-MM-DD
  std::string kind = "personnel";
  std::optional<long long> amount;  // minor units; filled from the hours when only they are given
  std::optional<long long> hours;   // hundredths
  std::optional<std::string> note;
  std::string created_at;
};

// date (required), work_package_id (required; a package of the project), kind (personnel,
// subcontractors, other), amount or hours (at least one; amounts exact, "1.234,50"), note.
const kit::Fields<Actual>& actual_fields();
inline nlohmann::json to_json(const Actual& a) { return actual_fields().to_json(a); }

}  // namespace work_packages

#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kit/fields.hpp"

namespace stakeholders {

// The groups of seed 003's interessentanalyse, in the seed's order: internal first, then
// external; "other" for anyone outside them.
inline const std::vector<std::string> kInternalGroups = {
    "economy_data", "communication", "networks", "it_digitalisation", "legal", "hr_med"};
inline const std::vector<std::string> kExternalGroups = {
    "it_vendors",         "organisations", "volunteer_associations", "private_regional_providers",
    "citizens_relatives", "consultants"};
inline constexpr const char* kOtherGroup = "other";
// Every group a stakeholder may belong to: the seed's twelve and "other".
const std::vector<std::string>& groups();

// The four quadrants of the influence × interest grid, the closest involvement first.
inline const std::vector<std::string> kQuadrants = {"manage_closely", "keep_satisfied",
                                                    "keep_informed", "monitor"};

inline constexpr long long kScaleMin = 1;
inline constexpr long long kScaleMax = 5;
// The grid's threshold: influence or interest from 4 up is "high", 1 to 3 "low". A
// stakeholder in the middle (3) is watched, not yet managed; the upper two steps of the
// five-step scale are where the analysis asks for closer involvement.
inline constexpr long long kHighFrom = 4;
inline constexpr long long kDefaultPlace = 3;

inline constexpr std::size_t kTextMax = 2000;
inline constexpr std::size_t kIdMax = 64;
inline constexpr std::size_t kDateMax = 10;  // YYYY-MM-DD

// One stakeholder of a project: a person or unit of the tenant, or a free name (exactly
// one of the three), placed on the influence × interest grid.
struct Stakeholder {
  std::string id;
  std::string project_id;
  std::optional<std::string> person_id;
  std::optional<std::string> unit_id;
  std::optional<std::string> name;
  std::string group = kOtherGroup;
  long long influence = kDefaultPlace;
  long long interest = kDefaultPlace;
  std::optional<std::string> involvement;     // how they are involved
  std::optional<std::string> involved_by_id;  // by whom: a person of the tenant
  std::optional<std::string> next_contact;    // YYYY-MM-DD
  std::optional<std::string> notes;
  long long version = 1;
  std::string created_at;
  std::string updated_at;
  // Filled by the store from the people and units tables.
  std::optional<std::string> person_name;
  std::optional<std::string> unit_name;
  std::optional<std::string> involved_by_name;
  // Filled by the reader's request: the date `overdue` is judged against ("" never).
  std::string today;
};

// manage_closely (high influence, high interest), keep_satisfied (high influence, low
// interest), keep_informed (low influence, high interest) or monitor, by kHighFrom.
std::string quadrant(long long influence, long long interest);
// "internal" for the seed's internal groups and for a person or unit of the tenant in
// "other"; "external" for the external groups and a free name in "other".
std::string side(const Stakeholder& s);
bool is_internal_group(std::string_view group);
// Who the stakeholder is, as a line: the free name, the person's or the unit's name.
std::string label(const Stakeholder& s);
// A next contact before `today` (YYYY-MM-DD; "" is never overdue).
bool contact_overdue(const Stakeholder& s, const std::string& today);

// The seed's groups not yet present among `present` (the groups of a project's
// stakeholders), in the seed's order.
std::vector<std::string> suggested_groups(const std::vector<Stakeholder>& present);

// The stakeholder's fields, named once (kit/fields.hpp): person_id, unit_id or name
// (exactly one), group (default other), influence and interest (integers 1–5, default 3),
// involvement, involved_by_id, next_contact (a date), notes; written with the names joined
// to them, the quadrant, the side and whether the next contact is overdue.
const kit::Fields<Stakeholder>& stakeholder_fields();

inline nlohmann::json to_json(const Stakeholder& s) { return stakeholder_fields().to_json(s); }

}  // namespace stakeholders

#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kit/fields.hpp"

namespace org {

inline const std::vector<std::string> kUnitKinds = {"administration", "unit", "team"};

struct Unit {
  std::string id;
  std::optional<std::string> parent_id;
  std::string name;
  std::string kind = "unit";
  std::optional<std::string> manager_id;
  long long version = 1;
  std::string created_at;
  std::string updated_at;
};

struct Person {
  std::string id;
  std::optional<std::string> unit_id;
  std::string name;
  std::optional<std::string> email;
  std::optional<std::string> title;
  std::optional<std::string> locale;
  bool active = true;
  long long version = 1;
  std::string created_at;
  std::string updated_at;
};

// A value named in UnitFields or PersonFields replaces the stored one.
template <typename Value, typename Given>
void take(Value& value, const std::optional<Given>& given) {
  if (given) value = *given;
}

// The field tables: parsing (API JSON or a form), partial updates, JSON and OpenAPI.
const kit::Fields<Unit>& unit_fields();
const kit::Fields<Person>& person_fields();

nlohmann::json to_json(const Unit& unit);
nlohmann::json to_json(const Person& person);

// True when making `new_parent` the parent of `unit_id` would close a loop (including
// a unit becoming its own parent). `parent_of` maps every unit to its parent.
bool creates_cycle(const std::map<std::string, std::optional<std::string>>& parent_of,
                   const std::string& unit_id, const std::optional<std::string>& new_parent);

// The manager of the unit or, if it has none, of the nearest ancestor that has one.
// `exclude` skips a manager (a person is not their own nearest manager).
std::optional<std::string> nearest_manager_of_unit(const std::vector<Unit>& units,
                                                   const std::string& unit_id,
                                                   const std::string& exclude = "");

// The nearest manager above a person: their unit's manager, or further up when
// they manage that unit themselves. Empty when the person has no unit.
std::optional<std::string> nearest_manager_of_person(const std::vector<Unit>& units,
                                                     const Person& person);

// Units in depth-first order with their depth, children sorted by name.
struct TreeRow {
  const Unit* unit;
  int depth;
};
std::vector<TreeRow> tree_order(const std::vector<Unit>& units);

}  // namespace org
